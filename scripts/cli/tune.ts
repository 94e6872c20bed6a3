/**
 * `bots tune`: missed-utterance report and suggested changes. Wiring only; the work is in
 * `scripts/tuning/` (loaded when the command runs).
 * @module
 */
import { resolve } from 'node:path';
import { Option, type Command } from 'commander';
import { REGION_PATTERN } from '../deploy/targets.js';
import { colors, errColors, EXIT, UserError } from './output.js';
import { findProjectRoot } from './project-root.js';
import { assertBotLocales } from './locales.js';

interface TuneFlags {
  bot?: string;
  locale?: string;
  region?: string;
  alias?: string;
  profile?: string;
  logs?: string[];
  window?: string;
  format: 'markdown' | 'html' | 'json';
  out?: string;
  apply?: boolean;
  json?: boolean;
  agentIntent?: string[];
  includeTestTraffic?: boolean;
}

/** Registers `tune` on the program. */
export function registerTune(program: Command): void {
  program
    .command('tune')
    .description('Report missed utterances: cluster them, suggest the intent they belong to, and optionally add them to the definitions')
    .option('--bot <name>', "bot (default: the project's only bot)")
    .option('--locale <localeId>', "locale, e.g. en_US (default: the bot's first)")
    .option('--region <region>', 'read the analytics of the deployed alias in this AWS region (default: the local emulator)')
    .option('--alias <name>', "alias to read (default: the bot's target alias, else live)")
    .option('--profile <profile>', 'AWS shared config profile')
    .option('--logs <paths...>', 'conversation-log files exported from CloudWatch Logs (.gz or plain, folders, globs)')
    .option('--window <duration>', 'time window: 1h 3h 6h 12h 1d 3d 1w 2w (or any Nh/Nd/Nw); default 2w for analytics, all records for logs')
    .addOption(new Option('--format <format>', 'report format').choices(['markdown', 'html', 'json']).default('markdown'))
    .option('-o, --out <file>', 'write the report to a file (atomically) instead of stdout')
    .option('--apply', 'add the suggested utterances to intents/<locale>/<Intent>.yaml (within validation.maxUtterances) and write the new-intent drafts (validated first; nothing written on an error)')
    .option('--agent-intent <names...>', 'intents that transfer to an agent (default: names with agent, transfer, human, operator...)')
    .option('--include-test-traffic', 'count the sessions of bots test and bots eval too (left out by default)')
    .option('--json', 'print { report, apply } as JSON for CI (progress goes to stderr)')
    .addHelpText(
      'after',
      [
        '',
        'Sources: the Lex V2 analytics APIs (ListUtteranceAnalyticsData, ListAggregatedUtterances) of the',
        'local emulator (default; what `bots chat` and `bots local serve` recorded) or of a deployed alias',
        '(--region, --alias), and/or conversation-log files (--logs; Lex V2 JSON records, one per line).',
        'Sessions of bots test and bots eval (session ids bots-test-…, bots-eval-…) are left out.',
        '',
        'Exit codes: 0 report written (misses are not a failure), 1 a source or --apply failed, 2 usage error.',
        '',
        'Examples:',
        '  bots tune',
        '  bots tune --window 3d --format html --out tune.html',
        "  bots tune --logs 'exports/**/*.gz' --format markdown --out tune.md",
        '  bots tune --region us-east-1 --alias live --window 1w --json',
        '  bots tune --apply && bots validate && bots deploy',
        '',
        'Docs: docs/tuning.md',
      ].join('\n'),
    )
    .action(async (flags: TuneFlags, cmd: Command) => {
      const root = findProjectRoot(cmd.optsWithGlobals().dir);
      if (flags.region && !REGION_PATTERN.test(flags.region)) throw new UserError(`--region: "${flags.region}" is not an AWS region name (e.g. us-east-1).`, EXIT.usage);
      await assertBotLocales(root, flags.bot, flags.locale ? [flags.locale] : []);
      const { runTune, TuneUsageError, renderHtml, renderMarkdown, applySuggestions } = await import('../tuning/index.js');
      const { LexTargetError } = await import('../conversation/target.js');
      const { ApplyRejectedError, writeFileAtomic } = await import('../tuning/apply.js');
      const progress = (line: string) => process.stderr.write(`${errColors.dim(line)}\n`);
      let report;
      try {
        report = await runTune({
          root,
          cwd: process.cwd(),
          progress,
          ...(flags.bot ? { bot: flags.bot } : {}),
          ...(flags.locale ? { localeId: flags.locale } : {}),
          ...(flags.region ? { region: flags.region } : {}),
          ...(flags.alias ? { alias: flags.alias } : {}),
          ...(flags.profile ? { profile: flags.profile } : {}),
          ...(flags.logs ? { logs: flags.logs } : {}),
          ...(flags.window ? { window: flags.window } : {}),
          ...(flags.agentIntent ? { agentIntents: flags.agentIntent } : {}),
          ...(flags.includeTestTraffic ? { includeToolTraffic: true } : {}),
        });
      } catch (err) {
        if (err instanceof TuneUsageError) throw new UserError(err.message, EXIT.usage);
        if (err instanceof LexTargetError) throw new UserError(err.message, EXIT.failure);
        if (err instanceof Error && /^(ListUtteranceAnalyticsData|ListAggregatedUtterances)|Exception$/.test(err.name)) {
          throw new UserError(`Reading the Lex analytics failed: ${err.name}: ${err.message}. See docs/tuning.md for the IAM permissions.`, EXIT.failure);
        }
        throw err;
      }
      const text = flags.format === 'html' ? renderHtml(report) : flags.format === 'json' ? `${JSON.stringify(report, null, 2)}\n` : `${renderMarkdown(report)}\n`;
      if (flags.out) {
        writeFileAtomic(resolve(process.cwd(), flags.out), text);
        if (!flags.json) {
          process.stdout.write(
            `${colors.green('✓')} ${flags.format} report written to ${flags.out}: ${report.totals.missed} missed of ${report.totals.turns} turns, ${report.clusters.length + report.moreClusters.clusters} clusters\n`,
          );
        }
      } else if (!flags.json) process.stdout.write(text);

      let applied;
      if (flags.apply) {
        try {
          applied = await applySuggestions(root, report);
        } catch (err) {
          if (err instanceof ApplyRejectedError) throw new UserError(`${err.message}. Fix the definitions, or apply by hand.`, EXIT.failure);
          throw err;
        }
        if (!flags.json) {
          const out = flags.out ? process.stdout : process.stderr;
          const any = applied.changes.length + applied.created.length > 0;
          if (!any) out.write(`${colors.dim('--apply: nothing to add')}${applied.skipped.length ? ` (${applied.skipped.length} suggestion(s) skipped)` : ''}\n`);
          for (const c of applied.changes) {
            out.write(`${colors.green('+')} ${c.file}: ${c.intent} +${c.added.length} (now ${c.total}): ${c.added.map((a) => `"${a}"`).join(', ')}\n`);
          }
          for (const c of applied.created) {
            out.write(`${colors.green('+')} ${c.file}: new intent ${c.intent} (${c.utterances} sample utterances, ${c.fromTraffic} said by callers), listed in ${c.botFile}\n`);
            if (c.untranslated.length) out.write(`  ${c.untranslated.join(', ')} list ${c.intent} under missingIntents until translated: bots translate --from ${report.localeId} --to ${c.untranslated[0]} --intents ${c.intent}\n`);
          }
          for (const s of applied.skipped) out.write(`${colors.yellow('skipped')} "${s.utterance}" for ${s.intent}: ${s.reason}\n`);
          if (any) out.write('Review the change (git diff), then run bots deploy.\n');
        }
      }
      if (flags.json) process.stdout.write(`${JSON.stringify({ report, ...(applied ? { apply: applied } : {}) }, null, 2)}\n`);
      process.exitCode = EXIT.ok;
    });
}
