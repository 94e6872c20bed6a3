/**
 * The one client path of `bots chat`, `bots test`, `bots eval` and `bots tune`: Lex Runtime V2 and
 * Lex Models V2 clients pointed either at the local emulator (default; started in this process with
 * the project's fulfillment Lambdas as code hooks, or a running `bots local serve`) or at a deployed
 * alias in an AWS region.
 *
 * @see https://docs.aws.amazon.com/lexv2/latest/APIReference/API_runtime_RecognizeText.html
 * @see https://docs.aws.amazon.com/lexv2/latest/APIReference/API_ListBots.html
 * @see https://docs.aws.amazon.com/lexv2/latest/APIReference/API_ListBotAliases.html
 * @module
 */
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { LexModelsV2Client, ListBotAliasesCommand, ListBotsCommand, type BotAliasSummary } from '@aws-sdk/client-lex-models-v2';
import { LexRuntimeV2Client } from '@aws-sdk/client-lex-runtime-v2';
import type { AwsCredentialIdentity, AwsCredentialIdentityProvider } from '@smithy/types';
import { loadProject } from '../definitions/load.js';
import type { Bot } from '../definitions/model.js';
import type { Progress } from '../deploy/progress.js';
import { credentialsProblem } from '../deploy/credentials.js';
import { DEFAULT_ALIAS, LOCAL_REGION, REGION_PATTERN } from '../deploy/targets.js';

/** Environment variable naming a running emulator for the local target (same as `bots deploy`). */
export const LOCAL_ENDPOINT_ENV = 'BOTS_LOCAL_ENDPOINT';

/** Environment variable pointing the AWS target's Lex clients at another endpoint (test hook, as `bots deploy`). */
export const LEX_ENDPOINT_ENV = 'BOTS_LEX_ENDPOINT';

/** The emulator data folder of a project, relative to its root (as `bots deploy` and `bots local serve`). */
export const LOCAL_DATA_DIR = join('.bots', 'local');

/** Dummy credentials for the emulator (it accepts any signature). */
const LOCAL_CREDENTIALS: AwsCredentialIdentity = { accessKeyId: 'AKIABOTSLOCAL0000000', secretAccessKey: 'bots-local' };

/** Options of {@link openLexTarget}. */
export interface LexTargetOptions {
  /** Project root (the folder holding `bots/`). */
  root: string;
  /** Bot name, as in `bots/<Bot>.yaml`. */
  bot: string;
  /** Lex locale id, e.g. `en_US`; default: the bot's first locale in its definition. */
  localeId?: string;
  /** Set: a deployed alias in this AWS region. Unset: the local emulator. */
  region?: string;
  /** Alias name; default: the alias of the bot's target in the region (local: its first target), else `live`. */
  alias?: string;
  /** AWS shared config profile (AWS target). */
  profile?: string;
  /**
   * Local target: a running emulator's URL (also `$BOTS_LOCAL_ENDPOINT`), or the in-process
   * emulator's data folder (default `<root>/.bots/local`; `null` keeps everything in memory).
   */
  local?: { endpoint?: string; dataDir?: string | null };
  /** Local only: run `bots deploy` first so that the local bot matches the definitions (default true). */
  deploy?: boolean;
  /** Deploy progress (default: none). */
  progress?: Progress;
  /** In-process fulfillment's console output per SMS (default `off`: chat shows the code itself). */
  smsConsole?: 'notice' | 'full' | 'off';
  /** In-process fulfillment's log level (default `ERROR`: its one JSON line per turn would mix with the conversation). */
  fulfillmentLogLevel?: 'DEBUG' | 'INFO' | 'WARN' | 'ERROR' | 'SILENT';

  // Test hooks.
  /** AWS target: Lex endpoint for both clients (default `$BOTS_LEX_ENDPOINT`, else the SDK's). */
  endpoint?: string;
  /** AWS target: credentials or a provider (default: the SDK's chain). */
  credentials?: AwsCredentialIdentity | AwsCredentialIdentityProvider;
  /** Environment for the endpoint variables (default `process.env`). */
  env?: NodeJS.ProcessEnv;
}

/** One text message of the local SMS outbox. */
export interface OutboxEntry {
  /** ISO 8601. */
  timestamp: string;
  to: string;
  body: string;
}

/** The result of a simulated Amazon Connect customer lookup (the `connect` Lambda's flat map). */
export type ContactLookup = Record<string, string>;

/** A bot alias to talk to, with clients for it. */
export interface LexTarget {
  kind: 'local' | 'aws';
  /** The project root the target was opened for. */
  root: string;
  /** The region the clients sign for (local: `us-east-1`). */
  region: string;
  botId: string;
  botAliasId: string;
  /** The alias name. */
  botAliasName: string;
  localeId: string;
  /** The bot's locales in its definition (empty when the definition is not in the project). */
  localeIds: string[];
  /** The bot's definition, when the project holds it. */
  definition?: Bot;
  /** The Lex endpoint in use (local: the emulator's URL; AWS: only when overridden). */
  endpoint?: string;
  runtime: LexRuntimeV2Client;
  models: LexModelsV2Client;
  /** Local only: the last OTP code the local SMS outbox holds for a phone number (E.164). */
  lastCodeTo?(phone: string): string | undefined;
  /** Local only: every text message in the local SMS outbox so far, oldest first (`to` in E.164). */
  outbox?(): readonly OutboxEntry[];
  /**
   * Local in-process only: runs the project's Connect customer-lookup Lambda for a contact, as the
   * contact flow's "Invoke AWS Lambda function" block would before the bot speaks. Use the Lex
   * session id as the contact id (Connect voice does) and/or pass `contactId` as a session attribute.
   * @see https://docs.aws.amazon.com/connect/latest/adminguide/connect-lambda-functions.html
   */
  connectLookup?(contactId: string, phoneNumber: string): Promise<ContactLookup>;
  /**
   * Local in-process only: the project's Connect customer-lookup Lambda itself, for any Connect
   * flow event (what the contact-flow simulator invokes for "Invoke AWS Lambda function").
   */
  connectLambda?(event: unknown): Promise<ContactLookup>;
  /** Stops the clients and whatever was started in this process. Idempotent. */
  close(): Promise<void>;
}

/** A target that cannot be opened (bot not deployed, alias missing, no credentials): `hint` says the fix. */
export class LexTargetError extends Error {
  constructor(
    message: string,
    readonly hint?: string,
  ) {
    super(hint ? `${message} ${hint}` : message);
    this.name = 'LexTargetError';
  }
}

/**
 * Opens a Lex V2 bot alias for conversations: the local emulator (deploying the definitions first
 * unless `deploy: false`) or a deployed alias in `region`.
 *
 * @throws LexTargetError when the bot is unknown, not deployed ("run bots deploy"), has no such
 *   alias or locale, the region is malformed, or there are no AWS credentials for the region.
 * @example
 * const t = await openLexTarget({ root: '.', bot: 'SelfService', local: { dataDir: null } });
 * const r = await t.runtime.send(new RecognizeTextCommand({ botId: t.botId, botAliasId: t.botAliasId, localeId: t.localeId, sessionId: 's1', text: 'hi' }));
 * await t.close();
 */
export async function openLexTarget(opts: LexTargetOptions): Promise<LexTarget> {
  const env = opts.env ?? process.env;
  const { project } = await loadProject(opts.root);
  const definition = project.bots.find((b) => b.name === opts.bot);
  const botNames = project.bots.map((b) => b.name);
  if (!definition && !opts.region) {
    throw new LexTargetError(`No bot named ${opts.bot} in ${join(opts.root, 'bots')}.`, `Bots: ${botNames.join(', ') || 'none'}.`);
  }
  const localeIds = definition?.locales.map((l) => l.localeId) ?? [];
  const localeId = opts.localeId ?? localeIds[0];
  if (!localeId) throw new LexTargetError(`Bot ${opts.bot} is not in this project, so its locale is unknown.`, 'Pass --locale.');
  if (definition && !localeIds.includes(localeId)) {
    throw new LexTargetError(`Bot ${opts.bot} has no locale ${localeId}.`, `Its locales: ${localeIds.join(', ')}.`);
  }

  if (opts.region) return openAws(opts, env, definition, localeIds, localeId);

  const cleanups: (() => Promise<void> | void)[] = [];
  const cleanup = async () => {
    for (const fn of cleanups.splice(0).reverse()) await fn();
  };
  try {
    const dataDir = opts.local?.dataDir === undefined ? join(project.root, LOCAL_DATA_DIR) : opts.local.dataDir;
    let endpoint = opts.local?.endpoint ?? env[LOCAL_ENDPOINT_ENV];
    let lastCodeTo: LexTarget['lastCodeTo'];
    let outbox: LexTarget['outbox'];
    let connectLookup: LexTarget['connectLookup'];
    let connectLambda: LexTarget['connectLambda'];
    if (!endpoint) {
      // Loaded here so that AWS targets never load the emulator.
      const { startEmulator } = await import('../emulator/server.js');
      const { startLocalFulfillment } = await import('../emulator/local-fulfillment.js');
      const fulfillment = await startLocalFulfillment({ dataDir: dataDir ?? mkdtempSync(join(tmpdir(), 'bots-local-')), smsConsole: opts.smsConsole ?? 'off', logLevel: opts.fulfillmentLogLevel ?? 'ERROR' });
      cleanups.push(() => fulfillment.close());
      const emulator = await startEmulator({
        dataDir,
        port: 0,
        runtime: { codeHooks: fulfillment.codeHooks, ...(dataDir ? { conversationLogFile: join(dataDir, 'conversation-logs.jsonl') } : {}) },
      });
      cleanups.push(() => emulator.close());
      endpoint = emulator.endpoint;
      lastCodeTo = (phone) => fulfillment.handlers.outbox.lastCodeTo(phone);
      outbox = () => fulfillment.handlers.outbox.messages();
      connectLookup = (contactId, phoneNumber) => fulfillment.handlers.connect(connectEvent(contactId, phoneNumber)) as Promise<ContactLookup>;
      connectLambda = (event) => fulfillment.handlers.connect(event) as Promise<ContactLookup>;
    } else if (dataDir) {
      // A running `bots local serve` writes its texts to the outbox file of its data folder.
      const file = join(dataDir, 'sms-outbox.jsonl');
      outbox = () => readOutboxFile(file);
      lastCodeTo = (phone) => {
        const last = outbox!().filter((m) => m.to === phone).pop();
        return last ? /\b(\d{6})\b/.exec(last.body)?.[1] : undefined;
      };
    }

    if (opts.deploy ?? true) {
      const { deploy } = await import('../deploy/index.js');
      const result = await deploy({ root: project.root, bot: opts.bot, local: { endpoint }, ...(opts.progress ? { progress: opts.progress } : {}), env: {} });
      if (!result.ok) {
        const errors = (result.validation ?? []).filter((d) => d.severity === 'error');
        if (errors.length) {
          const first = errors.slice(0, 3).map((d) => `${d.file}:${d.line}:${d.column} ${d.message}`);
          throw new LexTargetError(`The definitions have ${errors.length} validation error(s), so the local bot was not deployed: ${first.join('; ')}.`, 'Run bots validate and fix them, or pass --no-deploy to use the bot as it was last deployed locally.');
        }
        const failed = result.targets.flatMap((t) => [t.error, ...t.bots.map((b) => b.error)]).filter(Boolean);
        throw new LexTargetError(`Deploying ${opts.bot} to the local emulator failed: ${failed.join('; ') || 'unknown error'}.`, 'Run bots deploy to see the details.');
      }
    }

    const models = new LexModelsV2Client({ endpoint, region: LOCAL_REGION, credentials: LOCAL_CREDENTIALS, maxAttempts: 3 });
    const runtime = new LexRuntimeV2Client({ endpoint, region: LOCAL_REGION, credentials: LOCAL_CREDENTIALS, maxAttempts: 3 });
    cleanups.push(() => {
      models.destroy();
      runtime.destroy();
    });
    const aliasName = opts.alias ?? definition?.targets[0]?.alias ?? DEFAULT_ALIAS;
    const ids = await findAlias(models, opts.bot, aliasName, 'the local emulator', 'Run bots deploy to deploy it locally.');
    return {
      kind: 'local',
      root: project.root,
      region: LOCAL_REGION,
      ...ids,
      botAliasName: aliasName,
      localeId,
      localeIds,
      ...(definition ? { definition } : {}),
      endpoint,
      runtime,
      models,
      ...(lastCodeTo ? { lastCodeTo } : {}),
      ...(outbox ? { outbox } : {}),
      ...(connectLookup ? { connectLookup } : {}),
      ...(connectLambda ? { connectLambda } : {}),
      close: cleanup,
    };
  } catch (err) {
    await cleanup();
    throw err;
  }
}

async function openAws(opts: LexTargetOptions, env: NodeJS.ProcessEnv, definition: Bot | undefined, localeIds: string[], localeId: string): Promise<LexTarget> {
  const region = opts.region!;
  if (!REGION_PATTERN.test(region)) throw new LexTargetError(`"${region}" is not an AWS region name.`, 'Use a name like us-east-1 or ca-central-1.');
  const endpoint = opts.endpoint ?? env[LEX_ENDPOINT_ENV];
  const common = {
    region,
    ...(endpoint ? { endpoint } : {}),
    ...(opts.credentials ? { credentials: opts.credentials } : {}),
    ...(opts.profile ? { profile: opts.profile } : {}),
  };
  const models = new LexModelsV2Client(common);
  const runtime = new LexRuntimeV2Client(common);
  const close = async () => {
    models.destroy();
    runtime.destroy();
  };
  try {
    const aliasName = opts.alias ?? definition?.targets.find((t) => t.region === region)?.alias ?? definition?.targets[0]?.alias ?? DEFAULT_ALIAS;
    const ids = await findAlias(models, opts.bot, aliasName, region, `Run bots deploy --region ${region}.`);
    return {
      kind: 'aws',
      root: opts.root,
      region,
      ...ids,
      botAliasName: aliasName,
      localeId,
      localeIds,
      ...(definition ? { definition } : {}),
      ...(endpoint ? { endpoint } : {}),
      runtime,
      models,
      close,
    };
  } catch (err) {
    await close();
    throw credentialsError(err, region, opts.profile) ?? err;
  }
}

/** The bot id and alias id of `botName`'s alias `aliasName`. */
async function findAlias(models: LexModelsV2Client, botName: string, aliasName: string, where: string, fix: string): Promise<{ botId: string; botAliasId: string }> {
  const bots = await models.send(new ListBotsCommand({ filters: [{ name: 'BotName', values: [botName], operator: 'EQ' }], maxResults: 10 }));
  const bot = bots.botSummaries?.find((b) => b.botName === botName);
  if (!bot?.botId) throw new LexTargetError(`Bot ${botName} is not deployed in ${where}.`, fix);
  const aliases: BotAliasSummary[] = [];
  let nextToken: string | undefined;
  do {
    const page = await models.send(new ListBotAliasesCommand({ botId: bot.botId, maxResults: 50, ...(nextToken ? { nextToken } : {}) }));
    aliases.push(...(page.botAliasSummaries ?? []));
    nextToken = page.nextToken;
  } while (nextToken);
  const alias = aliases.find((a) => a.botAliasName === aliasName);
  if (!alias?.botAliasId) {
    const names = aliases.map((a) => a.botAliasName).filter(Boolean);
    throw new LexTargetError(`Bot ${botName} in ${where} has no alias named ${aliasName} (aliases: ${names.join(', ') || 'none'}).`, `Pass --alias <name>, or ${fix.charAt(0).toLowerCase()}${fix.slice(1)}`);
  }
  return { botId: bot.botId, botAliasId: alias.botAliasId };
}

/** A clear error for missing or expired AWS credentials, or undefined for any other error. */
function credentialsError(err: unknown, region: string, profile: string | undefined): LexTargetError | undefined {
  const problem = credentialsProblem(err, region, profile);
  return problem && new LexTargetError(problem.message, problem.fix);
}

/** The Connect "Invoke AWS Lambda function" event of an inbound voice contact from `phoneNumber`. */
function connectEvent(contactId: string, phoneNumber: string): unknown {
  return {
    Name: 'ContactFlowEvent',
    Details: {
      ContactData: {
        Attributes: {},
        Channel: 'VOICE',
        ContactId: contactId,
        InitialContactId: contactId,
        InitiationMethod: 'INBOUND',
        CustomerEndpoint: { Address: phoneNumber, Type: 'TELEPHONE_NUMBER' },
      },
      Parameters: {},
    },
  };
}

/** The messages of a JSON Lines outbox file (see fulfillment/clients/sms-outbox.ts); none when it does not exist. */
export function readOutboxFile(file: string): OutboxEntry[] {
  let text: string;
  try {
    text = readFileSync(file, 'utf8');
  } catch {
    return [];
  }
  const out: OutboxEntry[] = [];
  for (const line of text.split('\n')) {
    if (!line.trim()) continue;
    try {
      const m = JSON.parse(line) as Partial<OutboxEntry>;
      if (typeof m.to === 'string' && typeof m.body === 'string') out.push({ timestamp: String(m.timestamp ?? ''), to: m.to, body: m.body });
    } catch {
      // A torn last line while the emulator is writing: skip it.
    }
  }
  return out;
}
