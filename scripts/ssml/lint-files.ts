/**
 * Lints SSML prompt files and Polly lexicons on disk: the capability behind `bots ssml lint`.
 * Each prompt is linted with the voice and engine of its locale (the folder name, looked up in the
 * project's bot definitions) unless a voice or engine is given.
 * @module
 */
import { readFile } from 'node:fs/promises';
import { basename, dirname, relative, resolve } from 'node:path';
import type { Diagnostic } from '../definitions/diagnostics.js';
import { compareDiagnostics } from '../definitions/diagnostics.js';
import { loadProject } from '../definitions/load.js';
import type { Project } from '../definitions/model.js';
import { lintLexicon } from './lexicon.js';
import { lintSsml, type SsmlLintOptions } from './lint.js';
import { POLLY_LIMITS } from './findings.js';
import { localeToLanguage, voiceInfo, type PollyEngine } from './voices.js';

/** Options of {@link lintFiles}. */
export interface LintFilesOptions {
  /** Voice for every prompt (overrides the locale's). */
  voice?: string;
  /** Engine for every prompt (overrides the locale's). */
  engine?: PollyEngine;
  /** Who plays the prompts (default `connect`: Lex prompts played by Amazon Connect). */
  playedBy?: 'connect' | 'polly';
  /** Folder file names are shown relative to (default: the working directory). */
  cwd?: string;
}

/** Result of {@link lintFiles}. */
export interface LintFilesResult {
  diagnostics: Diagnostic[];
  /** Files linted, as shown in diagnostics. */
  files: string[];
  /** Notes for the user (unknown voice, locale without a bot), printed to stderr by the CLI. */
  notes: string[];
}

/** Error for a file that cannot be read (the CLI turns it into a usage error). */
export class LintInputError extends Error {}

const LOCALE_DIR = /^[a-z]{2,3}_[A-Z0-9]{2,3}$/;

/**
 * Lints `files` (`.ssml` prompts and `.pls` lexicons), or with none every `ssml/<locale>/*.ssml` and
 * `ssml/lexicons/*.pls` of the project at `root`.
 * @param root - project folder (holding `bots/`), or undefined outside a project (then files are required).
 * @throws LintInputError when a file cannot be read, or no files are given outside a project.
 * @example
 * const { diagnostics } = await lintFiles('.', ['ssml/en_US/greeting.ssml'], { engine: 'neural' });
 */
export async function lintFiles(root: string | undefined, files: readonly string[], options: LintFilesOptions = {}): Promise<LintFilesResult> {
  const cwd = options.cwd ?? process.cwd();
  let project: Project | undefined;
  if (root) {
    try {
      project = (await loadProject(root)).project;
    } catch {
      project = undefined;
    }
  }
  const notes: string[] = [];
  let targets: { path: string; shown: string; text?: string }[];
  if (files.length) {
    targets = files.map((f) => ({ path: resolve(cwd, f), shown: f }));
  } else {
    if (!project) throw new LintInputError('No files given and no project here (no bots/ folder): pass SSML or .pls files, or run in the project folder.');
    const show = (rel: string) => relative(cwd, resolve(project!.root, rel)) || rel;
    targets = [
      ...[...project.ssml.values()].flatMap((m) => [...m.values()]).map((p) => ({ path: resolve(project!.root, p.file), shown: show(p.file), text: p.text })),
      ...[...(project.lexicons?.values() ?? [])].map((l) => ({ path: resolve(project!.root, l.file), shown: show(l.file), text: l.text })),
    ];
  }

  const localeVoice = new Map<string, { id: string; engine: PollyEngine }>();
  for (const bot of project?.bots ?? []) for (const l of bot.locales) if (l.voice && !localeVoice.has(l.localeId)) localeVoice.set(l.localeId, { id: l.voice.id, engine: l.voice.engine });
  if (options.voice && !voiceInfo(options.voice)) notes.push(`Voice ${options.voice} is not in the lint's voice list: its engines and language are not checked.`);

  const diagnostics: Diagnostic[] = [];
  const lexiconsByLanguage = new Map<string, string[]>();
  for (const t of targets) {
    let text = t.text;
    if (text === undefined) {
      try {
        text = await readFile(t.path, 'utf8');
      } catch (e) {
        throw new LintInputError(`Cannot read ${t.shown}: ${(e as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (e as Error).message}.`);
      }
    }
    if (t.path.endsWith('.pls')) {
      const { findings, summary } = lintLexicon(text, { name: basename(t.path, '.pls') });
      for (const f of findings) diagnostics.push({ ruleId: f.ruleId, severity: f.severity, message: f.message, hint: f.hint, file: t.shown, line: f.line, column: f.column });
      if (summary.languageCode) lexiconsByLanguage.set(summary.languageCode, [...(lexiconsByLanguage.get(summary.languageCode) ?? []), t.shown]);
      continue;
    }
    const folder = basename(dirname(t.path));
    const locale = LOCALE_DIR.test(folder) ? folder : undefined;
    const fromLocale = locale ? localeVoice.get(locale) : undefined;
    const voice = options.voice ?? fromLocale?.id;
    const known = voice ? voiceInfo(voice) : undefined;
    const engine =
      options.engine ??
      (fromLocale && (!options.voice || options.voice === fromLocale.id) ? fromLocale.engine : undefined) ??
      (known ? (known.engines.includes('neural') ? 'neural' : known.engines[0]) : undefined);
    const opts: SsmlLintOptions = { voice, engine, languageCode: known?.languageCode ?? (locale ? localeToLanguage(locale) : undefined), playedBy: options.playedBy ?? 'connect' };
    if (locale && !fromLocale && !options.voice && project) notes.push(`${t.shown}: no bot has locale ${locale} with a voice, so engine rules were skipped (pass --voice/--engine).`);
    for (const f of lintSsml(text, opts)) diagnostics.push({ ruleId: f.ruleId, severity: f.severity, message: f.message, hint: f.hint, file: t.shown, line: f.line, column: f.column });
  }
  for (const [language, list] of lexiconsByLanguage) {
    for (const file of list.slice(POLLY_LIMITS.lexiconsPerRequest)) {
      diagnostics.push({
        ruleId: 'ssml/lexicon-count', severity: 'error', file, line: 1, column: 1,
        message: `${list.length} lexicons are for ${language}; Polly applies at most ${POLLY_LIMITS.lexiconsPerRequest} per request.`,
        hint: `Merge lexicons: keep at most ${POLLY_LIMITS.lexiconsPerRequest} for ${language}.`,
      });
    }
  }
  return { diagnostics: diagnostics.sort(compareDiagnostics), files: targets.map((t) => t.shown), notes: [...new Set(notes)] };
}
