/**
 * `bots translate`: wiring for `scripts/translate/` (flags, output, exit codes).
 * @module
 */
import { Option, type Command } from 'commander';
import { formatStylish } from '../validate/reporters.js';
import { TranslateError, translateBot, type TranslateResult } from '../translate/index.js';
import { colors, errColors, EXIT, UserError } from './output.js';
import { findProjectRoot } from './project-root.js';
import { assertBotLocales, assertKnownLocales } from './locales.js';

interface TranslateFlags {
  bot?: string;
  from?: string;
  to: string;
  intents?: string;
  terminology?: string;
  keep?: string;
  formality?: 'formal' | 'informal';
  force?: boolean;
  dryRun?: boolean;
  json?: boolean;
  region?: string;
  profile?: string;
}

const list = (s: string | undefined) => (s ? s.split(',').map((x) => x.trim()).filter(Boolean) : undefined);

/** Registers `translate` on the program. */
export function registerTranslate(program: Command): void {
  program
    .command('translate')
    .description('Draft new locales of a bot with Amazon Translate, marked for a native speaker\'s review')
    .option('--bot <name>', 'the bot (default: the only bot)')
    .option('--from <locale>', 'source locale (default: the bot\'s first locale)')
    .requiredOption('--to <locales>', 'target locales, comma-separated, e.g. de_DE,fr_FR')
    .option('--intents <names>', 'only these intents, comma-separated (default: all)')
    .option('--terminology <name>', 'Amazon Translate custom terminology for brand and product names (also read from translate/terminology/<name>.csv)')
    .option('--keep <names>', 'more names never to translate, comma-separated')
    .addOption(new Option('--formality <level>', 'formal or informal register, where the target language supports it').choices(['formal', 'informal']))
    .option('--force', 'also overwrite files a person wrote, edited or reviewed')
    .option('--dry-run', 'show what would be translated (no Amazon Translate call, nothing written, no credentials needed)')
    .option('--json', 'print the result as JSON (progress goes to stderr)')
    .option('--region <region>', 'AWS region of Amazon Translate (default: AWS_REGION, the bot\'s first target, else us-east-1)')
    .option('--profile <profile>', 'AWS shared config profile (default: the SDK chain, e.g. AWS_PROFILE)')
    .addHelpText(
      'after',
      [
        '',
        'Translates the sample utterances, slot sample utterances, prompts and responses of the intents, the',
        'values and synonyms of their custom slot types (values stay as they are: fulfillment reads them) and',
        'their SSML prompt files; adds misspelling and speech-transcription variants; adds the locale with its',
        'default neural voice to the bot file; validates; then writes every file at once.',
        '',
        'Every drafted file carries a review marker (bots validate warns until a reviewer sets it to reviewed).',
        'Files without a marker, marked reviewed or edited since the draft are kept unless --force; a draft',
        'whose source did not change is left alone. translate/memory/ remembers every translation, so a re-run',
        'sends only what changed: commit it.',
        '',
        'Exit codes: 0 drafted (warnings only), 1 validation errors in the drafts or a failure (nothing written),',
        '2 usage error.',
        '',
        'Examples:',
        '  bots translate --to de_DE --dry-run',
        '  bots translate --bot SelfService --from en_US --to de_DE,it_IT --formality formal --terminology Brand',
        '  bots translate --to de_DE --intents CheckBalance --keep "Acme Pay" --json',
        '',
        'Docs: docs/locales.md',
      ].join('\n'),
    )
    .action(async (flags: TranslateFlags, cmd: Command) => {
      const root = findProjectRoot(cmd.optsWithGlobals().dir);
      const to = list(flags.to) ?? [];
      if (!to.length) throw new UserError('--to needs at least one locale, e.g. --to de_DE.', EXIT.usage);
      await assertBotLocales(root, flags.bot, flags.from ? [flags.from] : [], '--from');
      const { knownLocales } = await import('../translate/languages.js');
      assertKnownLocales(to, knownLocales(), '--to', 'bots translate');
      let result: TranslateResult;
      try {
        result = await translateBot({
          root,
          to,
          ...(flags.bot ? { bot: flags.bot } : {}),
          ...(flags.from ? { from: flags.from } : {}),
          ...(flags.intents ? { intents: list(flags.intents) } : {}),
          ...(flags.terminology ? { terminology: flags.terminology } : {}),
          ...(flags.keep ? { keep: list(flags.keep) } : {}),
          ...(flags.formality ? { formality: flags.formality } : {}),
          force: Boolean(flags.force),
          dryRun: Boolean(flags.dryRun),
          ...(flags.region ? { region: flags.region } : {}),
          ...(flags.profile ? { profile: flags.profile } : {}),
          onProgress: (m) => process.stderr.write(`${errColors.dim(m)}\n`),
        });
      } catch (err) {
        if (err instanceof TranslateError) throw new UserError(err.message, EXIT.failure);
        throw err;
      }
      const errors = result.findings.some((d) => d.severity === 'error');
      process.stdout.write(flags.json ? `${JSON.stringify(result, null, 2)}\n` : formatResult(result));
      process.exitCode = errors ? EXIT.failure : EXIT.ok;
    });
}

const ACTION_TEXT: Record<string, string> = {
  draft: 'draft',
  redraft: 're-draft (source changed)',
  unchanged: 'unchanged (source not changed)',
  'kept-edited': 'kept: edited since the draft (--force overwrites)',
  'kept-reviewed': 'kept: reviewed (--force overwrites)',
  'kept-manual': 'kept: written by a person, no review marker (--force overwrites)',
  update: 'update',
};

function formatResult(r: TranslateResult): string {
  const c = colors;
  const lines: string[] = [];
  lines.push(c.bold(`${r.bot}: ${r.from} -> ${r.locales.map((l) => l.localeId).join(', ')}${r.dryRun ? ' (dry run: nothing translated or written)' : ''}`));
  for (const l of r.locales) {
    const extra = [l.added ? `new locale, voice ${l.voice.id} (${l.voice.engine})` : `voice ${l.voice.id} (${l.voice.engine})`, `Amazon Translate ${l.translateCode}`];
    if (l.formality === 'not-supported') extra.push(c.yellow('formality not supported for this language: not sent'));
    if (l.caveat) extra.push(c.yellow(l.caveat));
    lines.push(`  ${l.localeId}: ${extra.join('; ')}`);
  }
  for (const f of r.files) {
    const seg = f.segments !== undefined ? c.dim(` ${f.segments} segments, ${f.toTranslate} to translate`) : '';
    const mark = f.action.startsWith('kept') ? c.yellow('!') : f.action === 'unchanged' ? c.dim('=') : c.green('+');
    lines.push(`  ${mark} ${f.file}  ${ACTION_TEXT[f.action]}${seg}`);
  }
  if (r.dryRun) lines.push(`  ${r.characters} characters would be sent to Amazon Translate.`);
  else lines.push(`  Amazon Translate: ${r.stats.calls} calls, ${r.stats.segments} segments, ${r.stats.characters} characters; ${r.written.length} files written.`);
  if (r.untranslated.length) {
    lines.push(c.bold(c.yellow('Not translated (bots translate drafts the bot definitions only):')));
    for (const u of r.untranslated) lines.push(`  ${c.yellow('!')} ${u.localeId}: ${u.note}.`);
  }
  if (r.notes.length) {
    lines.push(c.bold('Review notes:'));
    for (const n of r.notes) lines.push(`  ${n.file}: ${n.note}`);
  }
  // The review warnings are expected on every draft: one line for them, the other findings in full.
  const awaiting = r.findings.filter((d) => d.ruleId === 'review/machine-translated');
  const others = r.findings.filter((d) => d.ruleId !== 'review/machine-translated');
  if (others.length) {
    lines.push(c.bold('Validation of the drafts:'));
    lines.push(formatStylish(others, c));
  } else if (!r.dryRun && r.written.length) lines.push(c.green('Validation of the drafts: no errors.'));
  if (awaiting.length) lines.push(c.yellow(`${awaiting.length} drafted files await a native speaker's review (review/machine-translated; bots validate lists them).`));
  if (!r.dryRun && r.written.length) lines.push(c.dim('Next: have a native speaker review the drafts, preview the prompts (bots ssml preview), run bots validate, then deploy. See docs/locales.md.'));
  return `${lines.join('\n')}\n`;
}
