/**
 * Playing prompts in the studio: one `bots ssml preview` run ({@link previewPrompts}) per request,
 * so the studio gets the same voice, lexicons, render cache, Polly/eSpeak NG choice and speech marks
 * as the command. Each voice/engine variant renders into its own folder, so two voices compared side
 * by side never overwrite each other's audio.
 * @module
 */
import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join, resolve } from 'node:path';
import type { PollyEngine } from '../ssml/lint.js';
import { EspeakMissingError, LexiconError, PreviewSelectionError, previewPrompts, RegionMissingError } from '../ssml/preview/index.js';
import { promptPath } from './prompts.js';

/** What to play. */
export interface PlayRequest {
  localeId: string;
  id: string;
  /** Polly voice id overriding the locale's voice (compare voices). */
  voice?: string;
  engine?: PollyEngine;
  /** Render with eSpeak NG even when AWS credentials exist. */
  offline?: boolean;
}

/** A word or sentence of the audio, positioned in the SSML text that was rendered. */
export interface StudioMark {
  /** Milliseconds from the start of the audio. */
  time: number;
  type: string;
  /** Offsets in `text` (UTF-16 units, as JavaScript strings count). */
  start: number;
  end: number;
  value: string;
}

/** The result of {@link StudioPreviewer.play}. */
export interface PlayResult {
  /** URL path of the audio, e.g. `/audio/3f2a...`. */
  audioUrl?: string;
  renderer: 'polly' | 'espeak-ng';
  mode: 'polly' | 'offline';
  /** Why the preview is offline (no credentials, --offline). */
  offlineReason?: string;
  status: 'rendered' | 'cached' | 'failed';
  voice: string;
  engine: PollyEngine;
  espeakVoice?: string;
  /** The SSML that was rendered (the file on disk, not unsaved edits). */
  text: string;
  marks: StudioMark[];
  /** Why there are no word timings (offline approximation, generative engine). */
  marksNote?: string;
  lexicons: string[];
  phonemesUnmapped?: string[];
  error?: string;
}

/** A preview the user must fix (unknown voice, espeak-ng missing, no region): `status` is the HTTP status. */
export class PlayError extends Error {
  constructor(
    message: string,
    readonly status: number,
  ) {
    super(message);
    this.name = 'PlayError';
  }
}

/** Options of {@link StudioPreviewer}. */
export interface StudioPreviewerOptions {
  root: string;
  /** Output folder (default `<root>/.bots/studio/preview`); the render cache is `bots ssml preview`'s. */
  outDir?: string;
  /** Always render with eSpeak NG. */
  offline?: boolean;
  region?: string;
  profile?: string;
  /** Polly endpoint (tests: the HTTP fake). */
  endpoint?: string;
  env?: NodeJS.ProcessEnv;
}

/** Converts UTF-8 byte offsets of `text` (Polly's speech marks) to UTF-16 offsets. */
export function byteToCharOffsets(text: string): (byte: number) => number {
  const map: number[] = [];
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const c = text.codePointAt(i)!;
    const len = c < 0x80 ? 1 : c < 0x800 ? 2 : c < 0x10000 ? 3 : 4;
    for (let k = 0; k < len; k++) map[bytes + k] = i;
    bytes += len;
    if (c >= 0x10000) i++;
  }
  map[bytes] = text.length;
  return (b) => map[Math.max(0, Math.min(b, bytes))] ?? text.length;
}

const AUDIO_TYPES: Record<string, string> = { mp3: 'audio/mpeg', ogg: 'audio/ogg', wav: 'audio/wav' };

/** Renders prompts for the studio and remembers which audio files it may serve. */
export class StudioPreviewer {
  private readonly audio = new Map<string, { path: string; type: string }>();
  private readonly queues = new Map<string, Promise<unknown>>();
  private readonly outDir: string;

  constructor(private readonly opts: StudioPreviewerOptions) {
    this.outDir = resolve(opts.root, opts.outDir ?? join('.bots', 'studio', 'preview'));
  }

  /** The audio file and content type behind token `token`, if this studio rendered it. */
  audioFile(token: string): { path: string; type: string } | undefined {
    return this.audio.get(token);
  }

  /**
   * Renders (or finds in the cache) the saved prompt with its locale's voice or `req.voice`.
   * @throws PlayError for what the user must fix; a prompt Polly refuses is a result with `error`.
   */
  async play(req: PlayRequest): Promise<PlayResult> {
    const file = promptPath(this.opts.root, req.localeId, req.id);
    const offline = Boolean(this.opts.offline || req.offline);
    const variant = `${req.voice ?? 'locale'}-${req.engine ?? 'locale'}-${offline ? 'offline' : 'auto'}`.replace(/[^A-Za-z0-9_-]/g, '_');
    const outDir = join(this.outDir, variant);
    // One run at a time per folder: previewPrompts rewrites its index.html and audio paths.
    const previous = this.queues.get(outDir) ?? Promise.resolve();
    const run = previous.catch(() => undefined).then(() => this.render(req, file, outDir, offline));
    this.queues.set(outDir, run);
    return run;
  }

  private async render(req: PlayRequest, file: string, outDir: string, offline: boolean): Promise<PlayResult> {
    const text = await readFile(file, 'utf8');
    let result;
    try {
      result = await previewPrompts({
        root: this.opts.root,
        ids: [`${req.localeId}/${req.id}`],
        ...(req.voice ? { voice: req.voice } : {}),
        ...(req.engine ? { engine: req.engine } : {}),
        outDir,
        ...(offline ? { offline: true } : {}),
        ...(this.opts.region ? { region: this.opts.region } : {}),
        ...(this.opts.profile ? { profile: this.opts.profile } : {}),
        ...(this.opts.endpoint ? { endpoint: this.opts.endpoint } : {}),
        ...(this.opts.env ? { env: this.opts.env } : {}),
        concurrency: 1,
        // An author plays a draft while fixing its lint findings.
        renderLintErrors: true,
      });
    } catch (err) {
      if (err instanceof PreviewSelectionError) throw new PlayError(err.message, 400);
      if (err instanceof EspeakMissingError) throw new PlayError(err.message, 503);
      if (err instanceof RegionMissingError || err instanceof LexiconError) throw new PlayError(err.message, 422);
      if (err instanceof Error && '$metadata' in err) throw new PlayError(`Amazon Polly refused the request: ${err.name}: ${err.message}`, 502);
      throw err;
    }
    const p = result.prompts[0]!;
    const toChar = byteToCharOffsets(text);
    let audioUrl: string | undefined;
    if (p.audio) {
      const token = randomBytes(12).toString('hex');
      const ext = p.audio.split('.').pop() ?? '';
      this.audio.set(token, { path: join(outDir, p.audio), type: AUDIO_TYPES[ext] ?? 'application/octet-stream' });
      audioUrl = `/audio/${token}`;
    }
    return {
      ...(audioUrl ? { audioUrl } : {}),
      renderer: p.renderer,
      mode: result.mode,
      ...(result.offlineReason ? { offlineReason: result.offlineReason } : {}),
      status: p.status === 'skipped' ? 'failed' : p.status,
      voice: p.voice,
      engine: p.engine,
      ...(p.espeakVoice ? { espeakVoice: p.espeakVoice } : {}),
      text,
      marks: p.marks
        .filter((m) => m.start !== undefined && m.end !== undefined)
        .map((m) => ({ time: m.time, type: m.type, start: toChar(m.start!), end: toChar(m.end!), value: m.value })),
      ...(p.marksNote ? { marksNote: p.marksNote } : {}),
      lexicons: p.lexicons,
      ...(p.phonemesUnmapped?.length ? { phonemesUnmapped: p.phonemesUnmapped } : {}),
      ...(p.error ? { error: p.error } : {}),
    };
  }
}
