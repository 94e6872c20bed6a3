/**
 * `bots eval`: NLU evaluation (k-fold cross-validation over the sample utterances, or a held-out
 * CSV against the local NLU or a deployed alias), with JSON, HTML and Markdown reports.
 * Wiring only; the work is in `scripts/conversation/eval.ts`.
 * @module
 */
import { readFile } from 'node:fs/promises';
import { join, relative, resolve } from 'node:path';
import { Option, type Command } from 'commander';
import { REGION_PATTERN } from '../deploy/targets.js';
import { colors, errColors, EXIT, UserError } from './output.js';
import { findProjectRoot } from './project-root.js';
import { assertKnownLocales } from './locales.js';

interface EvalFlags {
  bot?: string;
  locale?: string[];
  folds: string;
  seed: string;
  testFile?: string;
  target?: string;
  region?: string;
  alias?: string;
  profile?: string;
  out?: string;
  json?: boolean;
}

const pct = (v: number) => `${(100 * v).toFixed(1)} %`;

/** Registers `eval` on the program. */
export function registerEval(program: Command): void {
  program
    .command('eval')
    .description('Evaluate the NLU: per-intent precision/recall/F1, confusion matrix, confused pairs, confidence histogram, failed utterances')
    .option('--bot <name>', 'bot (default: the first bot in bots/)')
    .option('--locale <id...>', "locales (default: every locale of the bot; with --test-file the bot's first)")
    .option('--folds <k>', 'cross-validation folds', '5')
    .option('--seed <n>', 'seed of the folds (same seed, same folds)', '1')
    .option('--test-file <file.csv>', 'held-out utterances (CSV with text and intent columns) instead of cross-validation')
    .addOption(new Option('--target <target>', 'with --test-file: classify through the local emulator alias instead of the NLU directly').choices(['local']).conflicts(['region']))
    .option('--region <region>', 'with --test-file: classify through the deployed alias in this AWS region')
    .option('--alias <name>', "alias name (default: the bot's alias in its definition)")
    .option('--profile <profile>', 'AWS shared config profile')
    .option('--out <dir>', 'folder for eval-report.json, .html and .md (default .bots/eval/<bot>)')
    .option('--json', 'print the report as JSON')
    .addHelpText(
      'after',
      [
        '',
        'Cross-validation (default): the sample utterances of each locale in k stratified folds; each fold is',
        'classified by the local NLU (the emulator\'s) trained on the others, with the locale\'s confidence',
        'threshold (below it: FallbackIntent). {Slot} references are filled with a value of the slot type.',
        '',
        'Held-out: --test-file rows (text,intent) against the local NLU trained on every sample utterance, or',
        'with --target local / --region against a deployed alias (RecognizeText; code hooks run).',
        '',
        'Exit codes: 0 report written, 1 failure, 2 usage error.',
        '',
        'Examples:',
        '  bots eval',
        '  bots eval --locale fr_CA --folds 10 --out reports/nlu',
        '  bots eval --test-file heldout-en.csv --locale en_US',
        '  bots eval --test-file heldout-en.csv --region us-east-1 --alias live',
        '',
        'Docs: docs/conversations.md',
      ].join('\n'),
    )
    .action(async (flags: EvalFlags, cmd: Command) => {
      const root = findProjectRoot(cmd.optsWithGlobals().dir);
      const folds = Number(flags.folds);
      const seed = Number(flags.seed);
      if (!Number.isInteger(folds) || folds < 2) throw new UserError(`--folds must be a whole number of at least 2, not "${flags.folds}".`, EXIT.usage);
      if (!Number.isInteger(seed)) throw new UserError(`--seed must be a whole number, not "${flags.seed}".`, EXIT.usage);
      if (flags.region && !REGION_PATTERN.test(flags.region)) throw new UserError(`--region: "${flags.region}" is not an AWS region name (e.g. us-east-1).`, EXIT.usage);
      const viaAlias = Boolean(flags.target || flags.region);
      if (viaAlias && !flags.testFile) {
        throw new UserError('Cross-validation retrains the NLU, so it runs on the local NLU only; pass --test-file <file.csv> to evaluate an alias.', EXIT.usage);
      }
      const { loadProject } = await import('../definitions/load.js');
      const { evaluateBot } = await import('../conversation/eval.js');
      const { toHtml, toMarkdown } = await import('../conversation/eval-report.js');
      const { writeFileAtomic } = await import('../conversation/files.js');
      const { project } = await loadProject(root);
      const bot = flags.bot ? project.bots.find((b) => b.name === flags.bot) : project.bots[0];
      if (!bot) throw new UserError(flags.bot ? `No bot named ${flags.bot} in bots/ (bots: ${project.bots.map((b) => b.name).join(', ') || 'none'}).` : 'No bots in bots/.', EXIT.usage);
      const wanted = flags.locale ?? (flags.testFile ? [bot.locales[0]!.localeId] : bot.locales.map((l) => l.localeId));
      assertKnownLocales(wanted, bot.locales.map((l) => l.localeId), '--locale', `Bot ${bot.name}`);
      if (flags.testFile && wanted.length > 1) throw new UserError('A --test-file holds one language: pass one --locale.', EXIT.usage);
      const locales = bot.locales.filter((l) => wanted.includes(l.localeId));

      let testSet: { file: string; rows: import('../nlu/dataset.js').LabelledUtterance[] } | undefined;
      if (flags.testFile) {
        const { readLabelledCsv } = await import('../nlu/dataset.js');
        const path = resolve(flags.testFile);
        let text: string;
        try {
          text = await readFile(path, 'utf8');
        } catch (err) {
          throw new UserError(`Cannot read ${flags.testFile}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}.`);
        }
        try {
          testSet = { file: relative(root, path) || path, rows: readLabelledCsv(text) };
        } catch (err) {
          throw new UserError(`${flags.testFile}: ${(err as Error).message}. The file needs a header with text and intent columns.`);
        }
        if (!testSet.rows.length) throw new UserError(`${flags.testFile} has no rows.`);
      }

      let target;
      if (viaAlias) {
        const { openLexTarget, LexTargetError } = await import('../conversation/target.js');
        try {
          target = await openLexTarget({
            root,
            bot: bot.name,
            localeId: locales[0]!.localeId,
            ...(flags.region ? { region: flags.region } : {}),
            ...(flags.alias ? { alias: flags.alias } : {}),
            ...(flags.profile ? { profile: flags.profile } : {}),
          });
        } catch (err) {
          if (err instanceof LexTargetError) throw new UserError(err.message);
          throw err;
        }
      }
      const log = (s: string) => process.stderr.write(`${s}\n`);
      let report;
      try {
        report = await evaluateBot({
          bot: bot.name,
          locales,
          folds,
          seed,
          ...(testSet ? { testSet } : {}),
          ...(target ? { target, targetLabel: target.kind === 'local' ? `local emulator alias ${target.botAliasName}` : `${target.region} alias ${target.botAliasName}` } : {}),
          onProgress: (locale, done, of) => {
            if (done === of) log(errColors.dim(`${locale}: ${of}/${of} ${testSet ? 'utterances' : 'folds'}`));
          },
        });
      } finally {
        await target?.close();
      }
      const outDir = resolve(flags.out ?? join(root, '.bots', 'eval', bot.name));
      await writeFileAtomic(join(outDir, 'eval-report.json'), `${JSON.stringify(report, null, 2)}\n`);
      await writeFileAtomic(join(outDir, 'eval-report.html'), toHtml(report));
      await writeFileAtomic(join(outDir, 'eval-report.md'), toMarkdown(report));
      if (flags.json) {
        process.stdout.write(`${JSON.stringify(report, null, 2)}\n`);
      } else {
        for (const l of report.locales) {
          const m = l.metrics;
          const worst = [...m.perIntent].sort((a, b) => a.f1 - b.f1)[0];
          process.stdout.write(
            `${colors.bold(l.localeId)}  accuracy ${colors.bold(pct(m.accuracy))} (${m.correct}/${m.total})  macro F1 ${m.macro.f1.toFixed(2)}${worst ? `  weakest ${worst.intent} F1 ${worst.f1.toFixed(2)}` : ''}${m.confusedPairs[0] ? `  most confused ${m.confusedPairs[0].expected}→${m.confusedPairs[0].predicted} ×${m.confusedPairs[0].count}` : ''}\n`,
          );
        }
        process.stdout.write(`${colors.green('✔')} Reports: ${join(outDir, 'eval-report.html')} (.json, .md)\n`);
      }
      process.exitCode = EXIT.ok;
    });
}
