/**
 * `bots ssml preview`: renders SSML prompts with Amazon Polly (each bot locale's voice and engine,
 * the locale's lexicons, word timings from speech marks) or, without AWS credentials, with eSpeak NG
 * as an "offline approximation", and writes `index.html` to listen to them in a browser.
 *
 * Renders are cached by content ({@link cacheKey}): a second preview of unchanged prompts makes no
 * Polly call. Polly calls run at most `concurrency` at a time (neural voices allow 8 TPS) and the
 * SDK retries throttling with backoff.
 *
 * @see https://docs.aws.amazon.com/polly/latest/dg/API_SynthesizeSpeech.html
 * @see https://docs.aws.amazon.com/polly/latest/dg/limits.html
 * @module
 */
import { copyFile, mkdir, mkdtemp, readFile, rename, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { dirname, join, relative, resolve } from 'node:path';
import { existsSync } from 'node:fs';
import { loadProject } from '../../definitions/load.js';
import type { Project } from '../../definitions/model.js';
import { Limiter } from '../../deploy/concurrency.js';
import { lintSsml, type PollyEngine, type SsmlFinding } from '../lint.js';
import { cacheKey, RenderCache, writeAtomic, type SpeechMark } from './cache.js';
import { ESPEAK_INSTALL_HINT, espeakVoiceFor, findEspeak, parseLexemes, probeEspeak, renderWithEspeak, ssmlToEspeak, type Espeak } from './espeak.js';
import { renderIndexHtml, type HtmlRow } from './html.js';
import { lexiconsFor, projectLexicons, type PreviewLexicon } from './lexicons.js';
import { createPolly, ensureLexicons, FORMAT_EXT, missingCredentials, renderWithPolly, type PollyCalls, type PreviewFormat, type PreviewPolly } from './polly.js';
import { selectPrompts, type PreviewPrompt } from './select.js';

export { PreviewSelectionError } from './select.js';
export { LexiconError } from './lexicons.js';
export type { PreviewFormat } from './polly.js';

/** Options of {@link previewPrompts}. */
export interface PreviewOptions {
  /** Project folder (holding `bots/` and `ssml/`). */
  root: string;
  /** Prompt ids, `<locale>/<id>` or `ssml/<locale>/<id>.ssml` paths; ignored with `all`. */
  ids?: string[];
  all?: boolean;
  /** Only these Lex locale ids. */
  locales?: string[];
  /** Polly voice id overriding the bot locales' voices. */
  voice?: string;
  engine?: PollyEngine;
  /**
   * Audio format (default `mp3`). The offline approximation writes WAV whatever the format, so
   * `offline` with `mp3` or `ogg_vorbis` given here is refused ({@link PreviewUsageError}); leave
   * it out to accept WAV.
   */
  format?: PreviewFormat;
  /** Output folder (default `<root>/.bots/preview`). */
  outDir?: string;
  /** Render cache folder (default `<root>/.bots/preview-cache`). */
  cacheDir?: string;
  /** Render with eSpeak NG even when AWS credentials exist. */
  offline?: boolean;
  /** AWS region for Polly (default: the first target region of the prompts' bot, then AWS_REGION). */
  region?: string;
  /** AWS shared config profile. */
  profile?: string;
  /** Polly endpoint override (tests). */
  endpoint?: string;
  /** Polly calls in flight at once (default 4). */
  concurrency?: number;
  /** Attempts per Polly call including the first (default 6). */
  maxAttempts?: number;
  /** Environment for finding `espeak-ng` on PATH and the default region (default `process.env`). */
  env?: NodeJS.ProcessEnv;
  /**
   * Render prompts that have SSML lint errors anyway (default false: they are `skipped`, and the
   * run is not ok). `bots studio` plays drafts while their author fixes them.
   */
  renderLintErrors?: boolean;
  /** Progress: called after each prompt, and on retries. */
  onProgress?: (event: PreviewProgress) => void;
}

/** A progress event. */
export type PreviewProgress =
  | { kind: 'prompt'; done: number; total: number; prompt: string; status: PromptStatus }
  | { kind: 'retry'; operation: string; attempt: number }
  | { kind: 'lexicon'; name: string };

/** What happened to one prompt: `skipped` when it has lint errors (not rendered). */
export type PromptStatus = 'rendered' | 'cached' | 'failed' | 'skipped';

/** One prompt of a {@link PreviewResult}. */
export interface PromptResult {
  id: string;
  localeId: string;
  file: string;
  voice: string;
  engine: PollyEngine;
  renderer: 'polly' | 'espeak-ng';
  status: PromptStatus;
  /** Audio file relative to the output folder, e.g. `audio/en_US/goodbye.mp3`. */
  audio?: string;
  /** Word and sentence speech marks (Polly only). */
  marks: SpeechMark[];
  /** Why there are no speech marks, when there are none by design (generative engine, offline). */
  marksNote?: string;
  /** Lint findings ({@link lintSsml}) for the prompt's voice and engine. */
  lint: { errors: number; warnings: number; findings: SsmlFinding[] };
  /** Names of the lexicons applied. */
  lexicons: string[];
  /** The eSpeak NG voice (offline). */
  espeakVoice?: string;
  /** `<phoneme>` values the offline approximation could not map and spoke as text. */
  phonemesUnmapped?: string[];
  /** Words the offline approximation replaced from the locale's lexicons. */
  lexemesApplied?: number;
  error?: string;
}

/** Result of {@link previewPrompts}. */
export interface PreviewResult {
  /** True when every prompt was rendered or found in the cache (none failed or skipped). */
  ok: boolean;
  mode: 'polly' | 'offline';
  /** Why the preview is offline. */
  offlineReason?: string;
  espeakVersion?: string;
  region?: string;
  format: PreviewFormat;
  /** Set when the audio is not in `format`: the offline approximation writes WAV. */
  formatNote?: string;
  outDir: string;
  /** Absolute path of index.html. */
  index: string;
  prompts: PromptResult[];
  /** Polly calls of this run (all zero offline or when everything was cached). */
  calls: PollyCalls;
  /** Lexicons stored in Polly by this run (missing or changed). */
  lexiconsWritten: string[];
}

/** eSpeak NG is needed (offline) but not on PATH. */
export class EspeakMissingError extends Error {
  constructor(reason: string) {
    super(`The offline preview (${reason}) needs espeak-ng, which is not on PATH. ${ESPEAK_INSTALL_HINT}`);
    this.name = 'EspeakMissingError';
  }
}

/** Options that cannot go together (`offline` with a compressed `format`). */
export class PreviewUsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PreviewUsageError';
  }
}

/** Polly needs a region and none was found. */
export class RegionMissingError extends Error {
  constructor() {
    super('No AWS region for Amazon Polly: pass --region, add a target to the bot (targets: { us-east-1: ... }), or set AWS_REGION.');
    this.name = 'RegionMissingError';
  }
}

interface Work {
  prompt: PreviewPrompt;
  lexicons: PreviewLexicon[];
  lint: SsmlFinding[];
  result: PromptResult;
}

/**
 * Previews prompts: selects them, lints them, renders what the cache lacks, copies the audio to
 * `<outDir>/audio/<locale>/<id>.<ext>` and writes `<outDir>/index.html`.
 *
 * @throws PreviewSelectionError for an unknown prompt id or locale, or a locale without a voice;
 *   LexiconError for a lexicon Polly cannot apply; EspeakMissingError offline without espeak-ng;
 *   RegionMissingError when Polly has no region. A prompt Polly refuses is not thrown: it is
 *   reported in its {@link PromptResult} (`status: 'failed'`).
 * @example
 * const result = await previewPrompts({ root: '.', all: true, locales: ['en_US'] });
 * console.log(result.index, result.calls.SynthesizeSpeech);
 */
export async function previewPrompts(opts: PreviewOptions): Promise<PreviewResult> {
  const env = opts.env ?? process.env;
  const root = resolve(opts.root);
  if (opts.offline && opts.format && opts.format !== 'pcm') {
    throw new PreviewUsageError(`--offline renders with eSpeak NG, which writes WAV, not ${opts.format}: drop --format (or use --format pcm, also WAV), or render ${opts.format} with Amazon Polly (without --offline, with AWS credentials).`);
  }
  const format = opts.format ?? 'mp3';
  const outDir = resolve(root, opts.outDir ?? join('.bots', 'preview'));
  const cache = new RenderCache(resolve(root, opts.cacheDir ?? join('.bots', 'preview-cache')));
  const { project } = await loadProject(root);
  const prompts = selectPrompts(project, { ids: opts.ids ?? [], ...(opts.all ? { all: true } : {}), ...(opts.locales ? { locales: opts.locales } : {}), ...(opts.voice ? { voice: opts.voice } : {}), ...(opts.engine ? { engine: opts.engine } : {}) });
  const allLexicons = await projectLexicons(project);

  const work: Work[] = prompts.map((prompt) => {
    const lint = lintSsml(prompt.text, { voice: prompt.voice, engine: prompt.engine, languageCode: prompt.languageCode, playedBy: 'connect' });
    const lexicons = lexiconsFor(allLexicons, prompt.languageCode);
    const errors = lint.filter((f) => f.severity === 'error').length;
    return {
      prompt,
      lexicons,
      lint,
      result: {
        id: prompt.id,
        localeId: prompt.localeId,
        file: prompt.file,
        voice: prompt.voice,
        engine: prompt.engine,
        renderer: 'polly',
        status: 'failed',
        marks: [],
        lint: { errors, warnings: lint.length - errors, findings: lint },
        lexicons: lexicons.map((l) => l.name),
      },
    };
  });

  // A prompt with lint errors is not what callers will hear (Polly or Connect refuse it): say so instead of rendering it.
  const renderable = opts.renderLintErrors ? work : work.filter((w) => !w.result.lint.errors);
  for (const w of work) {
    if (renderable.includes(w)) continue;
    w.result.status = 'skipped';
    w.result.error = `not rendered: ${w.result.lint.errors} lint error(s); fix them first (bots ssml lint ${w.prompt.file})`;
  }

  const calls: PollyCalls = { SynthesizeSpeech: 0, PutLexicon: 0, GetLexicon: 0, attempts: 0 };
  let region = opts.region ?? prompts.find((p) => p.region)?.region ?? (env.AWS_REGION || env.AWS_DEFAULT_REGION || undefined);
  let offlineReason = opts.offline ? '--offline' : undefined;
  let polly: PreviewPolly | undefined;
  let lexiconsWritten: string[] = [];
  let espeak: Espeak | undefined;
  let done = 0;
  const progress = (w: Work) => opts.onProgress?.({ kind: 'prompt', done: ++done, total: renderable.length, prompt: `${w.prompt.localeId}/${w.prompt.id}`, status: w.result.status });
  const audioRel = (w: Work, ext: string) => `audio/${w.prompt.localeId}/${w.prompt.id}.${ext}`;

  try {
    if (!offlineReason) {
      const keyed = renderable.map((w) => ({ w, key: pollyKey(w, format) }));
      const misses: typeof keyed = [];
      const hits = await Promise.all(keyed.map(async (k) => ({ k, entry: await cache.get(k.key) })));
      for (const { k, entry } of hits) if (!entry) misses.push(k);
      if (misses.length) {
        polly = createPolly({
          ...(region ? { region } : opts.endpoint ? { region: 'us-east-1' } : {}),
          ...(opts.profile ? { profile: opts.profile } : {}),
          ...(opts.endpoint ? { endpoint: opts.endpoint } : {}),
          ...(opts.maxAttempts ? { maxAttempts: opts.maxAttempts } : {}),
          onRetry: (operation, attempt) => opts.onProgress?.({ kind: 'retry', operation, attempt }),
        });
        const missing = await missingCredentials(polly);
        if (missing) offlineReason = `no AWS credentials: ${missing}`;
        // Without --region, a target or AWS_REGION, the SDK still finds one in the profile's config.
        else if (!region) region = await polly.client.config.region().catch(() => undefined);
        if (!offlineReason && !region) throw new RegionMissingError();
      }
      if (!offlineReason) {
        const needed = new Map<string, PreviewLexicon>();
        for (const { w } of misses) for (const l of w.lexicons) needed.set(l.name, l);
        if (polly && needed.size) {
          lexiconsWritten = await ensureLexicons(polly, [...needed.values()]);
          for (const name of lexiconsWritten) opts.onProgress?.({ kind: 'lexicon', name });
        }
        const missed = new Set(misses.map((m) => m.w));
        const limiter = new Limiter(Math.max(1, opts.concurrency ?? 4));
        await limiter.map(keyed, async ({ w, key }) => {
          try {
            let entry = await cache.get(key);
            if (entry) w.result.status = 'cached';
            else if (missed.has(w) && polly) {
              const r = await renderWithPolly(polly, { ssml: w.prompt.text, voice: w.prompt.voice, engine: w.prompt.engine, format, lexiconNames: w.lexicons.map((l) => l.name) });
              await cache.put(key, r.audio, { renderer: 'polly', ext: FORMAT_EXT[format], marks: r.marks, ...(r.requestCharacters !== undefined ? { requestCharacters: r.requestCharacters } : {}), ...(r.marksNote ? { marksNote: r.marksNote } : {}) });
              entry = await cache.get(key);
              w.result.status = 'rendered';
            }
            if (!entry) throw new Error('the render cache lost its entry; run again');
            w.result.marks = entry.meta.marks;
            if (entry.meta.marksNote) w.result.marksNote = entry.meta.marksNote;
            w.result.audio = await publish(entry.audioPath, outDir, audioRel(w, entry.meta.ext));
          } catch (err) {
            w.result.status = 'failed';
            w.result.error = describeError(err);
          }
          progress(w);
        });
      }
    }

    if (offlineReason && renderable.length) {
      done = 0;
      const path = findEspeak(env);
      if (!path) throw new EspeakMissingError(offlineReason);
      espeak = probeEspeak(path);
      const tmp = await mkdtemp(join(tmpdir(), 'bots-espeak-'));
      try {
        // eSpeak runs locally and fast; two at a time leaves the machine usable.
        await new Limiter(2).map(renderable, async (w) => {
          const voice = espeakVoiceFor(w.prompt.localeId, espeak!.voices);
          const converted = ssmlToEspeak(w.prompt.text, w.prompt.localeId, w.lexicons.flatMap((l) => parseLexemes(l.content)));
          Object.assign(w.result, { renderer: 'espeak-ng', espeakVoice: voice, phonemesUnmapped: converted.phonemesUnmapped, lexemesApplied: converted.lexemesApplied, marks: [] });
          try {
            const key = cacheKey({ v: 1, renderer: 'espeak-ng', espeak: espeak!.version, voice, input: converted.input });
            let entry = await cache.get(key);
            w.result.status = entry ? 'cached' : 'rendered';
            if (!entry) {
              const wav = join(tmp, `${key}.wav`);
              await renderWithEspeak(espeak!, voice, converted.input, wav);
              await cache.put(key, await readFile(wav), { renderer: 'espeak-ng', ext: 'wav', marks: [], marksNote: 'offline approximation: no word timings' });
              entry = await cache.get(key);
            }
            if (!entry) throw new Error('the render cache lost its entry; run again');
            if (entry.meta.marksNote) w.result.marksNote = entry.meta.marksNote;
            w.result.audio = await publish(entry.audioPath, outDir, audioRel(w, 'wav'));
          } catch (err) {
            w.result.status = 'failed';
            w.result.error = describeError(err);
          }
          progress(w);
        });
      } finally {
        await rm(tmp, { recursive: true, force: true });
      }
    }
  } finally {
    if (polly) Object.assign(calls, polly.calls);
    polly?.destroy();
  }

  const mode = offlineReason ? 'offline' : 'polly';
  const index = join(outDir, 'index.html');
  await mkdir(outDir, { recursive: true });
  const rows: HtmlRow[] = work.map((w) => ({
    id: w.prompt.id,
    localeId: w.prompt.localeId,
    file: w.prompt.file,
    text: w.prompt.text,
    voice: w.result.renderer === 'espeak-ng' ? `${w.prompt.voice} (eSpeak NG ${w.result.espeakVoice ?? ''})` : w.prompt.voice,
    engine: w.prompt.engine,
    ...(w.result.audio ? { audio: w.result.audio } : {}),
    marks: w.result.marks,
    ...(w.result.marksNote ? { marksNote: w.result.marksNote } : {}),
    lint: w.lint,
    ...(w.result.error ? { error: w.result.error } : {}),
    renderer: w.result.renderer,
  }));
  // Previewing some prompts keeps the other rows of the page (the last preview of each prompt).
  const merged = await mergeIndexRows(outDir, rows, project);
  await writeAtomic(join(outDir, INDEX_DATA), `${JSON.stringify({ version: 1, rows: merged }, null, 2)}\n`);
  const html = renderIndexHtml(merged, offlineReason ? { kind: 'offline', espeakVersion: espeak?.version ?? 'unknown', reason: offlineReason } : { kind: 'polly', ...(region ? { region } : {}) });
  await writeAtomic(index, html);

  return {
    ok: work.every((w) => w.result.status === 'rendered' || w.result.status === 'cached'),
    mode,
    ...(offlineReason ? { offlineReason } : {}),
    ...(espeak ? { espeakVersion: espeak.version } : {}),
    ...(region && mode === 'polly' ? { region } : {}),
    format,
    ...(mode === 'offline' && format !== 'pcm' ? { formatNote: `the offline approximation writes WAV, not ${format}` } : {}),
    outDir,
    index,
    prompts: work.map((w) => w.result),
    calls,
    lexiconsWritten,
  };
}

/** The rows behind index.html, beside it, so that a later preview of other prompts keeps them. */
const INDEX_DATA = 'index.json';

/**
 * This run's rows, plus the rows of earlier runs in `outDir` for other prompts that still exist
 * (with their audio), marked when the prompt changed since; sorted by locale then id.
 */
async function mergeIndexRows(outDir: string, rows: HtmlRow[], project: Project): Promise<HtmlRow[]> {
  let earlier: HtmlRow[] = [];
  try {
    const data = JSON.parse(await readFile(join(outDir, INDEX_DATA), 'utf8')) as { version?: number; rows?: HtmlRow[] };
    if (data.version === 1 && Array.isArray(data.rows)) earlier = data.rows;
  } catch {
    // No earlier preview here (or an unreadable one): the page shows this run only.
  }
  const key = (r: HtmlRow) => `${r.localeId}/${r.id}`;
  const now = new Set(rows.map(key));
  const kept = earlier.filter((r) => {
    if (now.has(key(r)) || typeof r.id !== 'string' || typeof r.localeId !== 'string') return false;
    const prompt = project.ssml.get(r.localeId)?.get(r.id);
    return Boolean(prompt) && (!r.audio || existsSync(join(outDir, r.audio)));
  });
  for (const r of kept) {
    const current = project.ssml.get(r.localeId)!.get(r.id)!;
    r.stale = current.text !== r.text;
  }
  return [...rows, ...kept].sort((a, b) => a.localeId.localeCompare(b.localeId) || a.id.localeCompare(b.id));
}

/** The cache key of a Polly render: everything that changes the audio or the speech marks. */
function pollyKey(w: Work, format: PreviewFormat): string {
  return cacheKey({
    v: 1,
    renderer: 'polly',
    ssml: w.prompt.text,
    voice: w.prompt.voice,
    engine: w.prompt.engine,
    format,
    lexicons: w.lexicons.map((l) => ({ name: l.name, content: l.content })),
  });
}

/** Copies a cached audio file to `<outDir>/<rel>` (through a temporary name); returns `rel`. */
async function publish(from: string, outDir: string, rel: string): Promise<string> {
  const to = join(outDir, rel);
  await mkdir(dirname(to), { recursive: true });
  const tmp = `${to}.${process.pid}.tmp`;
  await copyFile(from, tmp);
  await rename(tmp, to);
  return relative(outDir, to).split('\\').join('/');
}

function describeError(err: unknown): string {
  if (err instanceof Error) return err.name && err.name !== 'Error' ? `${err.name}: ${err.message}` : err.message;
  return String(err);
}
