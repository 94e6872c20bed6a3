/**
 * `bots ssml preview`: wiring only; the work is in `scripts/ssml/preview/` (loaded when the command
 * runs, so other commands do not load the Polly client).
 *
 * Test hook: `BOTS_POLLY_ENDPOINT` points the Polly client at another endpoint (the tests' HTTP fake).
 * @module
 */
import { relative } from 'node:path';
import { Option, type Command } from 'commander';
import { colors, errColors, EXIT, UserError } from './output.js';
import { findProjectRoot } from './project-root.js';

interface PreviewFlags {
  all?: boolean;
  locale?: string;
  voice?: string;
  engine?: 'standard' | 'neural' | 'long-form' | 'generative';
  format: 'mp3' | 'ogg_vorbis' | 'pcm';
  out?: string;
  offline?: boolean;
  json?: boolean;
  region?: string;
  profile?: string;
  concurrency: string;
}

/** Registers `preview` on the `bots ssml` command. */
export function registerSsmlPreview(ssml: Command): void {
  ssml
    .command('preview')
    .description('Render SSML prompts with Amazon Polly (or offline with eSpeak NG) and write index.html to listen to them')
    .argument('[prompt-ids...]', 'prompt ids (goodbye), <locale>/<id> (en_US/goodbye) or files (ssml/en_US/goodbye.ssml)')
    .option('--all', 'every prompt (of the --locale locales)')
    .option('--locale <locales>', 'only these Lex locales, comma-separated, e.g. en_US or en_US,fr_CA')
    .option('--voice <id>', "Polly voice id instead of the bot locale's voice, e.g. Joanna")
    .addOption(new Option('--engine <engine>', "Polly engine instead of the bot locale's").choices(['standard', 'neural', 'long-form', 'generative']))
    .addOption(new Option('--format <format>', 'audio format (pcm is written as WAV)').choices(['mp3', 'ogg_vorbis', 'pcm']).default('mp3'))
    .option('--out <dir>', 'output folder (default .bots/preview)')
    .option('--offline', 'render with eSpeak NG even when AWS credentials exist (an approximation)')
    .option('--json', 'print the result as JSON (progress goes to stderr)')
    .option('--region <region>', "AWS region for Polly (default: the bot's first target region, then AWS_REGION)")
    .option('--profile <profile>', 'AWS shared config profile (default: the SDK chain, e.g. AWS_PROFILE)')
    .option('--concurrency <n>', 'Polly requests in flight at once', '4')
    .addHelpText(
      'after',
      [
        '',
        "Each prompt is rendered with its bot locale's voice and engine (bots/*.yaml), the locale's lexicons",
        '(ssml/lexicons/*.pls with the same xml:lang, stored in Polly with PutLexicon when missing or changed),',
        'and word timings from Polly speech marks (not for generative voices). Renders are cached in',
        '.bots/preview-cache by content: a second run of unchanged prompts makes no Polly call.',
        '',
        'Without AWS credentials (or with --offline) the prompts are spoken by espeak-ng as an "offline',
        'approximation" (WAV): install it with `sudo apt-get install espeak-ng`.',
        '',
        'Exit codes: 0 every prompt rendered, 1 a prompt failed or espeak-ng is missing, 2 usage error.',
        '',
        'Examples:',
        '  bots ssml preview --all',
        '  bots ssml preview --all --locale fr_CA --format ogg_vorbis --out preview/',
        '  bots ssml preview goodbye en_US/verify-identity-passcode --voice Joanna --engine generative',
        '  bots ssml preview --all --offline --json',
        '',
        'Docs: docs/prompts.md',
      ].join('\n'),
    )
    .action(async (ids: string[], flags: PreviewFlags, cmd: Command) => {
      const root = findProjectRoot(cmd.optsWithGlobals().dir);
      if (!flags.all && !ids.length) throw new UserError('Name the prompts to preview (e.g. `bots ssml preview goodbye`) or pass --all.', EXIT.usage);
      if (flags.all && ids.length) throw new UserError('Pass either prompt ids or --all, not both.', EXIT.usage);
      const concurrency = Number(flags.concurrency);
      if (!Number.isInteger(concurrency) || concurrency < 1 || concurrency > 32) throw new UserError(`--concurrency must be a whole number from 1 to 32, not "${flags.concurrency}".`, EXIT.usage);
      if (flags.region && !/^[a-z]{2}(-[a-z]+)+-\d+$/.test(flags.region)) throw new UserError(`--region: "${flags.region}" is not an AWS region name (e.g. us-east-1).`, EXIT.usage);

      const { previewPrompts, PreviewSelectionError, PreviewUsageError, LexiconError, EspeakMissingError, RegionMissingError } = await import('../ssml/preview/index.js');
      const json = flags.json ?? false;
      const col = json ? errColors : colors;
      const tty = Boolean(process.stderr.isTTY) && !json;
      let result;
      try {
        result = await previewPrompts({
          root,
          ids,
          ...(flags.all ? { all: true } : {}),
          ...(flags.locale ? { locales: flags.locale.split(',').map((l) => l.trim()).filter(Boolean) } : {}),
          ...(flags.voice ? { voice: flags.voice } : {}),
          ...(flags.engine ? { engine: flags.engine } : {}),
          // Only a --format typed on the command line is refused offline; the default mp3 becomes WAV there.
          ...(cmd.getOptionValueSource('format') === 'cli' ? { format: flags.format } : {}),
          ...(flags.out ? { outDir: flags.out } : {}),
          ...(flags.offline ? { offline: true } : {}),
          ...(flags.region ? { region: flags.region } : {}),
          ...(flags.profile ? { profile: flags.profile } : {}),
          ...(process.env.BOTS_POLLY_ENDPOINT ? { endpoint: process.env.BOTS_POLLY_ENDPOINT } : {}),
          concurrency,
          onProgress: (e) => {
            if (e.kind === 'prompt') {
              const mark = e.status === 'failed' || e.status === 'skipped' ? errColors.red('✖') : e.status === 'cached' ? errColors.dim('·') : errColors.green('✔');
              const line = `${errColors.dim(`[${e.done}/${e.total}]`)} ${mark} ${e.prompt} ${errColors.dim(e.status)}`;
              // On a terminal one line redrawn in place; elsewhere one line per prompt.
              process.stderr.write(tty ? `\r\x1b[2K${line}${e.done === e.total ? '\n' : ''}` : `${line}\n`);
            } else if (e.kind === 'retry') process.stderr.write(`${errColors.yellow('retry')} ${e.operation} (attempt ${e.attempt}) after throttling or a transient error\n`);
            else process.stderr.write(`${errColors.dim('lexicon')} ${e.name} stored in Polly (PutLexicon)\n`);
          },
        });
      } catch (err) {
        if (err instanceof PreviewSelectionError || err instanceof PreviewUsageError) throw new UserError(err.message, EXIT.usage);
        if (err instanceof LexiconError || err instanceof EspeakMissingError || err instanceof RegionMissingError) throw new UserError(err.message, EXIT.failure);
        if (err instanceof Error && '$metadata' in err) throw new UserError(`Amazon Polly refused the request: ${err.name}: ${err.message}`, EXIT.failure);
        throw err;
      }

      if (json) {
        process.stdout.write(`${JSON.stringify({ ...result, outDir: relative(root, result.outDir) || '.', index: relative(root, result.index) }, null, 2)}\n`);
      } else {
        const out = process.stdout;
        if (result.mode === 'offline') out.write(`${col.yellow('offline approximation')} (eSpeak NG ${result.espeakVersion ?? ''}; ${result.offlineReason}): not Amazon Polly's voices, no word timings.\n`);
        for (const p of result.prompts) {
          const lint = p.lint.errors ? col.red(`${p.lint.errors} lint error(s)`) : p.lint.warnings ? col.yellow(`${p.lint.warnings} lint warning(s)`) : col.green('lint ok');
          const status = p.status === 'failed' ? col.red(`failed: ${p.error ?? ''}`) : p.status === 'skipped' ? col.red(`skipped: ${p.error ?? ''}`) : col.dim(p.status);
          out.write(`  ${p.status === 'failed' || p.status === 'skipped' ? col.red('✖') : col.green('✔')} ${p.localeId}/${p.id}  ${p.voice} ${p.engine}${p.renderer === 'espeak-ng' ? ` (espeak-ng ${p.espeakVoice ?? ''})` : ''}  ${lint}  ${status}\n`);
        }
        const counts = (s: string) => result.prompts.filter((p) => p.status === s).length;
        if (result.formatNote) out.write(`${col.yellow('note:')} ${result.formatNote} (audio files end in .wav).\n`);
        out.write(
          `\n${result.prompts.length} prompt(s): ${counts('rendered')} rendered${result.mode === 'offline' ? ' (offline approximation)' : ''}, ${counts('cached')} cached, ${counts('failed')} failed${counts('skipped') ? `, ${counts('skipped')} skipped (lint errors)` : ''}; ` +
            `${result.calls.SynthesizeSpeech} SynthesizeSpeech call(s)${result.lexiconsWritten.length ? `, lexicons stored: ${result.lexiconsWritten.join(', ')}` : ''}.\n`,
        );
        out.write(`Open ${col.bold(relative(process.cwd(), result.index) || result.index)} in a browser.\n`);
      }
      process.exitCode = result.ok ? EXIT.ok : EXIT.failure;
    });
}
