/**
 * Amazon Translate through `@aws-sdk/client-translate`: many segments per `TranslateText` call,
 * several calls in parallel, and a per-segment retry when a batch does not split back cleanly.
 *
 * A batch is the segments as HTML paragraphs (`<p>…</p>`), at most {@link MAX_REQUEST_BYTES} of
 * UTF-8 per request (the service limit is 10,000 bytes of input text).
 * @see https://docs.aws.amazon.com/translate/latest/dg/what-is-limits.html
 * @see https://docs.aws.amazon.com/translate/latest/APIReference/API_TranslateText.html
 * @module
 */
import { TranslateClient, TranslateTextCommand, type TranslateClientConfig } from '@aws-sdk/client-translate';
import { missingCredentials as resolveMissing } from '../deploy/credentials.js';

/** Bytes of text per `TranslateText` request we send; the service allows 10,000. */
export const MAX_REQUEST_BYTES = 9_000;
/** Segments per request, so that one bad split costs few retries. */
export const MAX_SEGMENTS_PER_REQUEST = 25;
/** Requests in flight at once. */
export const DEFAULT_CONCURRENCY = 4;

/** The test hook: an endpoint URL for Amazon Translate (a local fake). */
export const TRANSLATE_ENDPOINT_ENV = 'BOTS_TRANSLATE_ENDPOINT';

/** Settings of one language pair. */
export interface PairSettings {
  /** Translate source language code, e.g. `en`. */
  source: string;
  /** Translate target language code, e.g. `de`. */
  target: string;
  /** Custom terminology name (`TerminologyNames`, at most one per request). */
  terminology?: string;
  /** `Settings.Formality`, only for targets that support it. */
  formality?: 'FORMAL' | 'INFORMAL';
}

/** Call counts of a {@link BatchTranslator}. */
export interface TranslateStats {
  /** `TranslateText` calls made. */
  calls: number;
  /** Segments translated. */
  segments: number;
  /** Characters sent (Translate bills per character). */
  characters: number;
}

/** Options of {@link createTranslateClient}. */
export interface ClientOptions {
  region: string;
  profile?: string;
  /** Endpoint URL (default: `BOTS_TRANSLATE_ENDPOINT`, else the regional AWS endpoint). */
  endpoint?: string;
  /** Explicit credentials (default: the SDK's chain). */
  credentials?: { accessKeyId: string; secretAccessKey: string; sessionToken?: string };
}

/** A TranslateClient with the standard credential chain, or a profile. */
export function createTranslateClient(opts: ClientOptions, env: NodeJS.ProcessEnv = process.env): TranslateClient {
  const endpoint = opts.endpoint ?? env[TRANSLATE_ENDPOINT_ENV];
  const config: TranslateClientConfig = { region: opts.region, maxAttempts: 5 };
  if (endpoint) config.endpoint = endpoint;
  if (opts.profile) config.profile = opts.profile;
  if (opts.credentials) config.credentials = opts.credentials;
  return new TranslateClient(config);
}

/**
 * Resolves the client's credentials.
 * @returns undefined when there are credentials, else the SDK's reason.
 */
export async function missingCredentials(client: TranslateClient): Promise<string | undefined> {
  return resolveMissing(client);
}

const bytes = (s: string) => Buffer.byteLength(s, 'utf8');

/** Translates HTML segments in batches. */
export class BatchTranslator {
  readonly stats: TranslateStats = { calls: 0, segments: 0, characters: 0 };

  constructor(
    private readonly client: TranslateClient,
    private readonly opts: { concurrency?: number; maxBytes?: number; maxSegments?: number; onProgress?: (done: number, total: number) => void } = {},
  ) {}

  /**
   * Translates `htmls` (each a {@link Segment.html}) for one language pair.
   * @returns the translations, in order.
   * @throws the SDK's error when a call fails after its retries (throttling, access denied).
   */
  async translate(htmls: readonly string[], pair: PairSettings): Promise<string[]> {
    const maxBytes = this.opts.maxBytes ?? MAX_REQUEST_BYTES;
    const maxSegments = this.opts.maxSegments ?? MAX_SEGMENTS_PER_REQUEST;
    const batches: number[][] = [];
    let current: number[] = [];
    let size = 0;
    htmls.forEach((h, i) => {
      const b = bytes(h) + 8;
      if (current.length && (size + b > maxBytes || current.length >= maxSegments)) {
        batches.push(current);
        current = [];
        size = 0;
      }
      current.push(i);
      size += b;
    });
    if (current.length) batches.push(current);

    const out: string[] = new Array(htmls.length);
    let done = 0;
    await runLimited(batches, this.opts.concurrency ?? DEFAULT_CONCURRENCY, async (batch) => {
      const texts = batch.map((i) => htmls[i]!);
      const result = await this.translateBatch(texts, pair);
      batch.forEach((i, k) => (out[i] = result[k]!));
      this.stats.segments += batch.length;
      done += batch.length;
      this.opts.onProgress?.(done, htmls.length);
    });
    return out;
  }

  private async translateBatch(texts: string[], pair: PairSettings): Promise<string[]> {
    if (texts.length === 1) return [await this.call(texts[0]!, pair)];
    const joined = texts.map((t) => `<p>${t}</p>`).join('\n');
    const translated = await this.call(joined, pair);
    const parts = [...translated.matchAll(/<p(?:\s[^>]*)?>([\s\S]*?)<\/p\s*>/gi)].map((m) => m[1]!);
    if (parts.length === texts.length) return parts;
    // The paragraphs did not come back one for one: translate each on its own.
    return Promise.all(texts.map((t) => this.call(t, pair)));
  }

  private async call(text: string, pair: PairSettings): Promise<string> {
    this.stats.calls++;
    this.stats.characters += [...text].length;
    const res = await this.client.send(
      new TranslateTextCommand({
        Text: text,
        SourceLanguageCode: pair.source,
        TargetLanguageCode: pair.target,
        ...(pair.terminology ? { TerminologyNames: [pair.terminology] } : {}),
        ...(pair.formality ? { Settings: { Formality: pair.formality } } : {}),
      }),
    );
    return res.TranslatedText ?? '';
  }
}

/** Runs `fn` over `items` with at most `limit` in flight; rejects with the first failure. */
async function runLimited<T>(items: readonly T[], limit: number, fn: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await fn(items[next++]!);
  };
  await Promise.all(Array.from({ length: Math.min(limit, items.length) }, worker));
}
