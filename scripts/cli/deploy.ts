/**
 * `bots deploy`: validate, plan, and apply the definitions to the local emulator or AWS regions.
 * Wiring only; the work is in `scripts/deploy/` (loaded when the command runs, so other commands
 * do not load the AWS SDK).
 * @module
 */
import { createInterface } from 'node:readline/promises';
import { Option, type Command } from 'commander';
import { REGION_PATTERN } from '../deploy/targets.js';
import { formatStylish } from '../validate/reporters.js';
import { colors, errColors, EXIT, UserError } from './output.js';
import { findProjectRoot } from './project-root.js';

interface DeployFlags {
  target?: string;
  region?: string[];
  allRegions?: boolean;
  bot?: string;
  dryRun?: boolean;
  yes?: boolean;
  json?: boolean;
  keepVersions: string;
  profile?: string;
  leaseWait: string;
}

function wholeNumber(text: string, flag: string, min: number): number {
  const n = Number(text);
  if (!Number.isInteger(n) || n < min) throw new UserError(`${flag} must be a whole number of at least ${min}, not "${text}".`, EXIT.usage);
  return n;
}

/** Registers `deploy` on the program. */
export function registerDeploy(program: Command): void {
  program
    .command('deploy')
    .description('Deploy the bots to Amazon Lex V2: the local emulator (default) or AWS regions from the bots\' targets')
    .addOption(new Option('--target <target>', 'deploy target').choices(['local']).conflicts(['region', 'allRegions']))
    .addOption(new Option('--region <region...>', 'AWS regions (each must be in a bot\'s targets)').conflicts(['allRegions']))
    .option('--all-regions', 'every region of the bots\' targets')
    .option('--bot <name>', 'only this bot')
    .option('--dry-run', 'print the plan and stop')
    .option('-y, --yes', 'apply to AWS without asking (needed on a terminal unless you answer the prompt)')
    .option('--json', 'print the plan and the result as JSON (progress goes to stderr)')
    .option('--keep-versions <n>', 'numbered versions to keep per bot (never one an alias uses)', '5')
    .option('--profile <profile>', 'AWS shared config profile (default: the SDK chain, e.g. AWS_PROFILE)')
    .option('--lease-wait <seconds>', "how long to wait for another deploy's lease on the same bot", '300')
    .addHelpText(
      'after',
      [
        '',
        'Validates first: with errors nothing is called. Then reads what exists (by name), prints the plan',
        '(+ create, ~ update with the fields that differ, - delete), and applies it: DRAFT changes, builds,',
        'a version when the definitions changed, the alias (default "live"). Then the contact flows of',
        'flows/ (CreateContactFlow / UpdateContactFlowContent, references resolved for the region) into the',
        'Connect instance of the targets (connectInstanceId; locally the emulator), only after every bot succeeded.',
        '',
        'Targets: no flag deploys into the local emulator (data in .bots/local; BOTS_LOCAL_ENDPOINT uses a',
        'running `bots local serve`). --region/--all-regions deploy to AWS with credentials from the SDK chain.',
        'A target without codeHookLambdaArn or roleArn takes them from the outputs of the region\'s',
        'fulfillment stack BotsFulfillment-<region> (npx cdk deploy; docs/infrastructure.md).',
        '',
        'Exit codes: 0 deployed (or nothing to do), 1 validation errors or a failed target, 2 usage error.',
        '',
        'Examples:',
        '  bots deploy',
        '  bots deploy --dry-run --json',
        '  bots deploy --region us-east-1 --yes',
        '  bots deploy --all-regions --bot SelfService --profile prod',
        '',
        'Docs: docs/deploy.md',
      ].join('\n'),
    )
    .action(async (flags: DeployFlags, cmd: Command) => {
      const root = findProjectRoot(cmd.optsWithGlobals().dir);
      const keepVersions = wholeNumber(flags.keepVersions, '--keep-versions', 1);
      const leaseWaitSeconds = wholeNumber(flags.leaseWait, '--lease-wait', 0);
      const target = flags.allRegions ? ({ kind: 'aws', allRegions: true } as const) : flags.region?.length ? ({ kind: 'aws', regions: flags.region } as const) : ({ kind: 'local' } as const);
      if (flags.region) {
        const bad = flags.region.find((r) => !REGION_PATTERN.test(r));
        if (bad) throw new UserError(`--region: "${bad}" is not an AWS region name (e.g. us-east-1).`, EXIT.usage);
      }

      const { deploy, DeployUsageError, DeployCredentialsError } = await import('../deploy/index.js');
      const { formatFlowPlan, formatLocalHint, formatPlan, formatSummary } = await import('../deploy/format.js');
      const { PlainProgress, progressFor } = await import('../deploy/progress.js');
      const json = flags.json ?? false;
      const out = json ? process.stderr : process.stdout;
      const col = json ? errColors : colors;
      const progress = json ? new PlainProgress(process.stderr) : progressFor(process.stdout, colors.dim);
      const ask = process.stdin.isTTY && !flags.yes && !flags.dryRun;

      let result;
      try {
        result = await deploy({
          root,
          target,
          ...(flags.bot ? { bot: flags.bot } : {}),
          dryRun: flags.dryRun ?? false,
          keepVersions,
          leaseWaitSeconds,
          ...(flags.profile ? { profile: flags.profile } : {}),
          progress,
          onPlan: json ? undefined : (plan) => progress.write(formatPlan(plan, col)),
          onFlowPlan: json ? undefined : (plan) => progress.write(formatFlowPlan(plan, col)),
          confirm: ask
            ? async (plans, flowPlans) => {
                const rl = createInterface({ input: process.stdin, output: process.stderr });
                try {
                  const where = [...new Set([...plans, ...flowPlans].map((p) => p.region))].join(', ');
                  const answer = await rl.question(`Apply these changes to AWS (${where})? Only "yes" applies: `);
                  return answer.trim() === 'yes';
                } finally {
                  rl.close();
                }
              }
            : undefined,
        });
      } catch (err) {
        if (err instanceof DeployUsageError) throw new UserError(err.message, EXIT.usage);
        if (err instanceof DeployCredentialsError) throw new UserError(`${err.message}\n${err.fix}`, EXIT.failure);
        throw err;
      }

      if (result.validation) {
        if (json) process.stdout.write(`${JSON.stringify({ ok: false, validation: result.validation }, null, 2)}\n`);
        else {
          process.stderr.write(`${formatStylish(result.validation, errColors)}\n`);
          process.stderr.write(`${errColors.red('error:')} validation failed; nothing was deployed (no API call made).\n`);
        }
        process.exitCode = EXIT.failure;
        return;
      }

      if (json) process.stdout.write(`${JSON.stringify(result, null, 2)}\n`);
      else {
        out.write(`\n${formatSummary(result, col)}`);
        if (result.cancelled) out.write('Cancelled: nothing was applied.\n');
        const local = result.targets.find((t) => t.kind === 'local');
        if (local && !result.dryRun && local.ok) out.write(formatLocalHint(result, process.env.BOTS_LOCAL_ENDPOINT, col));
      }
      process.exitCode = result.ok ? EXIT.ok : EXIT.failure;
    });
}
