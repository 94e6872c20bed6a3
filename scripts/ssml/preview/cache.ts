/**
 * The render cache: one entry per sha256 of everything that changes the audio (renderer, SSML,
 * voice, engine, format, lexicon contents), so a second preview of unchanged prompts makes no
 * Polly call. Entries are `<key>.json` (metadata and speech marks) beside `<key>.<ext>` (audio),
 * each written to a temporary file and renamed, so an interrupted run leaves no half entry.
 * @module
 */
import { createHash, randomBytes } from 'node:crypto';
import { access, mkdir, readFile, rename, writeFile } from 'node:fs/promises';
import { join } from 'node:path';

/** A word or sentence speech mark. @see https://docs.aws.amazon.com/polly/latest/dg/speechmarks.html */
export interface SpeechMark {
  /** Milliseconds from the start of the audio. */
  time: number;
  type: 'word' | 'sentence' | 'ssml' | 'viseme';
  /** Byte offsets of the mark in the input text (UTF-8). */
  start?: number;
  end?: number;
  value: string;
}

/** What a cache entry holds besides the audio bytes. */
export interface CacheMeta {
  renderer: 'polly' | 'espeak-ng';
  /** Audio file extension: `mp3`, `ogg`, `wav`. */
  ext: string;
  /** Speech marks (empty when the engine or renderer has none). */
  marks: SpeechMark[];
  /** Characters Polly billed for the audio request (`x-amzn-RequestCharacters`). */
  requestCharacters?: number;
  /** Why there are no marks, when there are none. */
  marksNote?: string;
}

/** sha256 (hex) of a canonical JSON rendering of `parts`. */
export function cacheKey(parts: Record<string, unknown>): string {
  return createHash('sha256').update(canonicalJson(parts)).digest('hex');
}

/** JSON with object keys sorted at every level, so equal values always hash alike. */
function canonicalJson(value: unknown): string {
  if (Array.isArray(value)) return `[${value.map(canonicalJson).join(',')}]`;
  if (value && typeof value === 'object') {
    const entries = Object.entries(value as Record<string, unknown>).filter(([, v]) => v !== undefined).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0));
    return `{${entries.map(([k, v]) => `${JSON.stringify(k)}:${canonicalJson(v)}`).join(',')}}`;
  }
  return JSON.stringify(value) ?? 'null';
}

/** Writes `data` to `path` through a temporary file in the same folder and a rename. */
export async function writeAtomic(path: string, data: string | Uint8Array): Promise<void> {
  const tmp = `${path}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  await writeFile(tmp, data);
  await rename(tmp, path);
}

/** The render cache in one folder. */
export class RenderCache {
  constructor(readonly dir: string) {}

  /** Path of the audio file of `key`. */
  audioPath(key: string, ext: string): string {
    return join(this.dir, `${key}.${ext}`);
  }

  /** The entry of `key`, or undefined when absent or incomplete. */
  async get(key: string): Promise<{ meta: CacheMeta; audioPath: string } | undefined> {
    try {
      const meta = JSON.parse(await readFile(join(this.dir, `${key}.json`), 'utf8')) as CacheMeta;
      const audioPath = this.audioPath(key, meta.ext);
      await access(audioPath);
      return { meta, audioPath };
    } catch {
      return undefined;
    }
  }

  /** Stores an entry: the audio first, then the metadata that makes it visible to {@link get}. */
  async put(key: string, audio: Uint8Array, meta: CacheMeta): Promise<string> {
    await mkdir(this.dir, { recursive: true });
    const audioPath = this.audioPath(key, meta.ext);
    await writeAtomic(audioPath, audio);
    await writeAtomic(join(this.dir, `${key}.json`), `${JSON.stringify(meta)}\n`);
    return audioPath;
  }
}
