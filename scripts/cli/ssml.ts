/**
 * `bots ssml`: prompt tools (lint, phonemes, preview). The lint and phonemes subcommands are
 * registered here; preview lives in ssml-preview.ts.
 * @module
 */
import { writeFile } from 'node:fs/promises';
import type { Command } from 'commander';
import { Option } from 'commander';
import { checkVoice, convertPhonemes, phonemeLanguages, phonemeTable, POLLY_ENGINES, SSML_RULES, voiceInfo, type PhoneticAlphabet, type PollyEngine } from '../ssml/lint.js';
import { lintFiles, LintInputError } from '../ssml/lint-files.js';
import { PhonemeConversionError, tokenizePhonemes } from '../ssml/phonemes.js';
import { formatJson, formatSarif, formatStylish, type ReportFormat } from '../validate/reporters.js';
import { colors, errColors, EXIT, UserError } from './output.js';
import { registerSsmlPreview } from './ssml-preview.js';
import { findProjectRoot } from './project-root.js';
import { VERSION } from './validate.js';

/** Registers `bots ssml` and its subcommands on `program`. */
export function registerSsml(program: Command): void {
  const ssml = program.command('ssml').description('Lint, convert phonemes and preview SSML prompts (Amazon Polly)');
  registerSsmlLint(ssml);
  registerSsmlPhonemes(ssml);
  registerSsmlPreview(ssml);
}

interface LintOptions {
  voice?: string;
  engine?: PollyEngine;
  format: ReportFormat;
  playedBy: 'connect' | 'polly';
  failOnWarnings?: boolean;
  output?: string;
}

function registerSsmlLint(ssml: Command): void {
  ssml
    .command('lint')
    .description("Lint SSML prompts and Polly lexicons against Amazon Polly's rules for the voice's engine and language")
    .argument('[files...]', '.ssml prompts and .pls lexicons (default: every ssml/<locale>/*.ssml and ssml/lexicons/*.pls of the project)')
    .option('--voice <id>', "Polly voice for every prompt (default: the bot locale's voice, from the prompt's folder)")
    .addOption(new Option('--engine <engine>', "Polly engine (default: the bot locale's engine)").choices([...POLLY_ENGINES]))
    .addOption(new Option('--format <format>', 'output format').choices(['stylish', 'json', 'sarif']).default('stylish'))
    .addOption(new Option('--played-by <player>', 'connect: Lex prompts played by Amazon Connect (its ignored tags, 1,000 characters); polly: direct Polly requests').choices(['connect', 'polly']).default('connect'))
    .option('--fail-on-warnings', 'exit 1 when there are warnings, not only errors')
    .option('-o, --output <file>', 'write the report to a file instead of stdout')
    .addHelpText(
      'after',
      [
        '',
        'Rules (id, fix, source URL): docs/rules.md (ssml/*). Writing prompts: docs/prompts.md.',
        'Exit codes: 0 clean, 1 errors (or warnings with --fail-on-warnings), 2 usage error (unknown option, unreadable file).',
        '',
        'Examples:',
        '  bots ssml lint',
        '  bots ssml lint ssml/en_US/*.ssml --format json',
        '  bots ssml lint greeting.ssml --voice Joanna --engine standard --played-by polly',
        '  bots ssml lint ssml/lexicons/CeibaEnUS.pls',
      ].join('\n'),
    )
    .action(async (files: string[], opts: LintOptions, cmd: Command) => {
      if (opts.voice && opts.engine) {
        const problem = checkVoice(opts.voice, opts.engine);
        if (problem) throw new UserError(`${problem.message} ${problem.hint}`, EXIT.usage);
      }
      const dir = cmd.optsWithGlobals().dir as string | undefined;
      let root: string | undefined;
      try {
        root = findProjectRoot(dir);
      } catch (e) {
        if (dir || !files.length) throw e;
      }
      let result;
      try {
        result = await lintFiles(root, files, { voice: opts.voice, engine: opts.engine, playedBy: opts.playedBy });
      } catch (e) {
        if (e instanceof LintInputError) throw new UserError(e.message, EXIT.usage);
        throw e;
      }
      for (const n of result.notes) process.stderr.write(`${errColors.yellow('note:')} ${n}\n`);
      const all = result.diagnostics;
      const text =
        opts.format === 'json'
          ? formatJson(all, { files: result.files })
          : opts.format === 'sarif'
            ? formatSarif(all, SSML_RULES, VERSION)
            : `${formatStylish(all, opts.output ? plain : colors)}${all.length ? '' : ` (${result.files.length} file${result.files.length === 1 ? '' : 's'})`}`;
      if (opts.output) await writeFile(opts.output, `${text}\n`);
      else process.stdout.write(`${text}\n`);
      const errors = all.some((d) => d.severity === 'error');
      const warnings = all.some((d) => d.severity === 'warning');
      process.exitCode = errors || (opts.failOnWarnings && warnings) ? EXIT.failure : EXIT.ok;
    });
}

interface PhonemeOptions {
  from: PhoneticAlphabet;
  to?: PhoneticAlphabet;
  language?: string;
  voice?: string;
  json?: boolean;
}

function registerSsmlPhonemes(ssml: Command): void {
  ssml
    .command('phonemes')
    .description("Convert a phoneme string between X-SAMPA and IPA with a language's Polly phoneme table (and check it)")
    .argument('<ph>', 'the phonemes, e.g. \'"seI.b@\' (quote it: X-SAMPA uses " for stress)')
    .addOption(new Option('--from <alphabet>', 'alphabet of <ph>').choices(['x-sampa', 'ipa']).default('x-sampa'))
    .addOption(new Option('--to <alphabet>', 'alphabet to write (default: the other one)').choices(['x-sampa', 'ipa']))
    .option('--language <code>', `Polly language of the table (${phonemeLanguages().join(', ')}); default en-US or the voice's`)
    .option('--voice <id>', 'take the language from this Polly voice')
    .option('--json', 'print {input, output, language, symbols: [...]} as JSON')
    .addHelpText(
      'after',
      [
        '',
        'Symbols are matched longest first against the table; an unknown symbol is reported with its column and the nearest valid symbols (exit 1).',
        'Tables: https://docs.aws.amazon.com/polly/latest/dg/ref-phoneme-tables-shell.html',
        '',
        'Examples:',
        "  bots ssml phonemes '\"seI.b@' --from x-sampa --to ipa            # ˈseɪ.bə",
        "  bots ssml phonemes 'ˈsej.βa' --from ipa --to x-sampa --language es-US",
        "  bots ssml phonemes 'se.i.ˈba' --from ipa --voice Gabrielle --json",
      ].join('\n'),
    )
    .action((ph: string, opts: PhonemeOptions) => {
      const voice = opts.voice ? voiceInfo(opts.voice) : undefined;
      if (opts.voice && !voice) throw new UserError(`Unknown voice ${opts.voice}: pass --language instead.`, EXIT.usage);
      const language = opts.language ?? voice?.languageCode ?? 'en-US';
      const table = phonemeTable(language);
      if (!table) throw new UserError(`No phoneme table for ${language}: use one of ${phonemeLanguages().join(', ')}.`, EXIT.usage);
      const to: PhoneticAlphabet = opts.to ?? (opts.from === 'ipa' ? 'x-sampa' : 'ipa');
      let output: string;
      try {
        output = convertPhonemes(ph, opts.from, to, language);
      } catch (e) {
        if (e instanceof PhonemeConversionError) throw new UserError(`${ph} is not valid ${opts.from === 'ipa' ? 'IPA' : 'X-SAMPA'} for ${language}:\n${e.message}`, EXIT.failure);
        throw e;
      }
      if (opts.json) {
        const symbols = tokenizePhonemes(ph, table, opts.from)
          .filter((t) => t.symbol)
          .map((t) => ({ [opts.from]: t.text, [to]: to === 'ipa' ? t.symbol!.ipa : t.symbol!.xsampa, description: t.symbol!.description, example: t.symbol!.example }));
        process.stdout.write(`${JSON.stringify({ input: ph, from: opts.from, to, language, output, symbols }, null, 2)}\n`);
      } else process.stdout.write(`${output}\n`);
    });
}

const id = (s: string) => s;
const plain = { red: id, yellow: id, dim: id, underline: id, bold: id, green: id };
