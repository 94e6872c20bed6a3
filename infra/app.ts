/**
 * The CDK app (`cdk.json` runs it with tsx): one {@link FulfillmentStack} per region the bot
 * definitions target (`bots/*.yaml` → `targets.<region>`), named `BotsFulfillment-<region>`.
 *
 * Before the stacks are defined it builds the Lambda bundles (`fulfillment/build.ts`, the same as
 * `npm run build:lambdas`) into `dist/lambdas/`; `-c lambdaDir=<folder>` uses existing
 * `lex.zip`/`connect.zip` instead.
 *
 * Context (`-c key=value` or cdk.json `context`):
 * - `lambdaDir`: folder with prebuilt `lex.zip` and `connect.zip` (no build).
 * - `regions`: comma-separated subset of the targeted regions.
 * - `alarmTopicArn`: SNS topic notified by the alarms.
 * - `lexReservedConcurrency`, `connectReservedConcurrency`: concurrent executions (0 = unreserved).
 * - `logRetentionDays`: retention of the log groups (a CloudWatch Logs retention value, default 30).
 * - `smsOriginationNumber`, `smsSenderId`: SNS SMS settings of the code hook.
 * - `knowledgeBaseLocaleKey`: KNOWLEDGE_BASE_LOCALE_KEY of the code hook.
 * - `connectAliasArns`: comma-separated bot alias ARNs (as `bots deploy` prints them) whose runtime
 *   only the region's Connect instances may use (an alias resource policy in the alias's region).
 *
 * @example
 * npx cdk synth                        # every region, no AWS account needed
 * npx cdk deploy BotsFulfillment-us-east-1
 * @see https://docs.aws.amazon.com/cdk/v2/guide/apps.html
 * @module
 */
import { existsSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath, pathToFileURL } from 'node:url';
import { App } from 'aws-cdk-lib';
import * as logs from 'aws-cdk-lib/aws-logs';
import { loadProject } from '../scripts/definitions/load.js';
import { fulfillmentStackName } from '../scripts/deploy/stack-outputs.js';
import { FulfillmentStack, type FulfillmentCode } from './fulfillment-stack.js';
import { regionSettings } from './regions.js';

/** The project root (the folder holding `bots/`). */
export const PROJECT_ROOT = resolve(dirname(fileURLToPath(import.meta.url)), '..');

/** Options of {@link buildApp}. */
export interface BuildAppOptions {
  /** Project folder (default {@link PROJECT_ROOT}). */
  root?: string;
  /** The app (default: a new `App`, reading context from cdk.json / `-c`). */
  app?: App;
  /** The Lambda code paths (default: the zips in `lambdaDir`, built first unless that context is set). */
  code?: FulfillmentCode;
}

const num = (v: unknown, name: string): number | undefined => {
  if (v === undefined || v === '') return undefined;
  const n = Number(v);
  if (!Number.isInteger(n) || n < 0) throw new Error(`context ${name} must be a whole number, not "${String(v)}"`);
  return n;
};
const str = (v: unknown): string | undefined => (typeof v === 'string' && v ? v : undefined);

/**
 * Builds (or locates) the Lambda zips and returns their paths.
 * @throws Error when `lambdaDir` lacks `lex.zip` or `connect.zip`.
 */
export async function lambdaCode(root: string, lambdaDir: string | undefined): Promise<FulfillmentCode> {
  let dir = lambdaDir ? resolve(root, lambdaDir) : undefined;
  if (!dir) {
    const { buildLambdas } = await import('../fulfillment/build.js');
    dir = join(root, 'dist', 'lambdas');
    await buildLambdas(dir);
  }
  const zip = (name: string) => {
    const file = join(dir, `${name}.zip`);
    if (!existsSync(file)) throw new Error(`${file} is missing: run npm run build:lambdas, or drop -c lambdaDir to build it.`);
    return file;
  };
  return { lex: zip('lex'), connect: zip('connect') };
}

/**
 * Defines every region's stack on the app.
 * @throws Error when the project has no bot with a target region, or its definitions do not load.
 */
export async function buildApp(opts: BuildAppOptions = {}): Promise<{ app: App; stacks: FulfillmentStack[] }> {
  const root = opts.root ?? PROJECT_ROOT;
  const app = opts.app ?? new App();
  const ctx = (k: string) => app.node.tryGetContext(k) as unknown;
  const { project, diagnostics } = await loadProject(root);
  const errors = diagnostics.filter((d) => d.severity === 'error');
  if (errors.length) throw new Error(`The bot definitions do not load (run npx bots validate):\n${errors.map((d) => `${d.file}:${d.line}:${d.column} ${d.message}`).join('\n')}`);

  let regions = regionSettings(project.bots);
  const only = str(ctx('regions'))?.split(',').map((r) => r.trim()).filter(Boolean);
  if (only) {
    const unknown = only.filter((r) => !regions.some((s) => s.region === r));
    if (unknown.length) throw new Error(`-c regions: no bot targets ${unknown.join(', ')} (targeted: ${regions.map((r) => r.region).join(', ')})`);
    regions = regions.filter((r) => only.includes(r.region));
  }
  if (!regions.length) throw new Error(`No bot in ${join(root, 'bots')} has targets.<region>: add one to deploy its fulfillment stack.`);

  const code = opts.code ?? (await lambdaCode(root, str(ctx('lambdaDir'))));
  const retentionDays = num(ctx('logRetentionDays'), 'logRetentionDays');
  const lexReserved = num(ctx('lexReservedConcurrency'), 'lexReservedConcurrency');
  const connectReserved = num(ctx('connectReservedConcurrency'), 'connectReservedConcurrency');
  const localeKey = str(ctx('knowledgeBaseLocaleKey'));
  const alarmTopicArn = str(ctx('alarmTopicArn'));
  const originationNumber = str(ctx('smsOriginationNumber'));
  const senderId = str(ctx('smsSenderId'));
  const aliasArns = str(ctx('connectAliasArns'))?.split(',').map((a) => a.trim()).filter(Boolean) ?? [];
  const badAlias = aliasArns.find((a) => !/^arn:aws[\w-]*:lex:[a-z0-9-]+:\d{12}:bot-alias\/[A-Z0-9]{10}\/[A-Z0-9]{10}$/.test(a));
  if (badAlias) throw new Error(`-c connectAliasArns: "${badAlias}" is not a bot alias ARN (arn:aws:lex:<region>:<account>:bot-alias/<botId>/<aliasId>, as bots deploy prints it)`);

  const stacks = regions.map(
    (r) =>
      new FulfillmentStack(app, fulfillmentStackName(r.region), {
        region: r.region,
        code,
        ...(r.knowledgeBase ? { knowledgeBase: { ...r.knowledgeBase, ...(localeKey ? { localeFilterKey: localeKey } : {}) } } : {}),
        connectInstanceIds: r.connectInstanceIds,
        connectAliasArns: aliasArns.filter((a) => a.split(':')[3] === r.region),
        conversationLogGroups: r.conversationLogGroups,
        sentimentAnalysis: r.sentimentAnalysis,
        sms: { ...(originationNumber ? { originationNumber } : {}), ...(senderId ? { senderId } : {}) },
        reservedConcurrency: { ...(lexReserved !== undefined ? { lex: lexReserved } : {}), ...(connectReserved !== undefined ? { connect: connectReserved } : {}) },
        ...(retentionDays !== undefined ? { logRetention: retentionDays as logs.RetentionDays } : {}),
        ...(alarmTopicArn ? { alarmTopicArn } : {}),
      }),
  );
  return { app, stacks };
}

if (process.argv[1] && import.meta.url === pathToFileURL(resolve(process.argv[1])).href) {
  try {
    const { app } = await buildApp();
    app.synth();
  } catch (e) {
    // A user-fixable problem (definitions, context, missing bundles): the message, not a stack trace.
    console.error(`error: ${(e as Error)?.message ?? String(e)}`);
    process.exitCode = 1;
  }
}
