/**
 * Amazon Polly for previews: the client (SDK default credential chain, standard retries with
 * backoff on throttling), storing the locale's lexicons, and one render = the audio plus, where the
 * engine has them, word and sentence speech marks (a second `SynthesizeSpeech` with
 * `OutputFormat: 'json'`).
 *
 * @see https://docs.aws.amazon.com/polly/latest/dg/API_SynthesizeSpeech.html
 * @see https://docs.aws.amazon.com/polly/latest/dg/speechmarks.html ("Speechmarks are available when
 *   using neural, long-form, or standard text-to-speech engines": not generative)
 * @see https://docs.aws.amazon.com/polly/latest/dg/limits.html (throttling: neural 8 TPS, lexicon
 *   operations 2 TPS)
 * @module
 */
import {
  GetLexiconCommand,
  PollyClient,
  PutLexiconCommand,
  SynthesizeSpeechCommand,
  type Engine,
  type OutputFormat,
  type VoiceId,
} from '@aws-sdk/client-polly';
import type { PollyEngine } from '../lint.js';
import type { SpeechMark } from './cache.js';
import type { PreviewLexicon } from './lexicons.js';
import { missingCredentials as resolveMissing } from '../../deploy/credentials.js';

/** Audio formats a preview writes. `pcm` is wrapped in a WAV header so browsers play it. */
export type PreviewFormat = 'mp3' | 'ogg_vorbis' | 'pcm';

/** Sample rate of `pcm` previews, Hz (Polly's pcm rates are 8000 and 16000). */
export const PCM_SAMPLE_RATE = 16000;

/** The file extension of each format. */
export const FORMAT_EXT: Record<PreviewFormat, string> = { mp3: 'mp3', ogg_vorbis: 'ogg', pcm: 'wav' };

/** Engines with speech marks. */
export function engineHasSpeechMarks(engine: PollyEngine): boolean {
  return engine !== 'generative';
}

/** Calls made, by operation, and HTTP attempts (retries = attempts - calls). */
export interface PollyCalls {
  SynthesizeSpeech: number;
  PutLexicon: number;
  GetLexicon: number;
  attempts: number;
}

/** Settings of {@link createPolly}. */
export interface PollySettings {
  region?: string;
  profile?: string;
  /** Endpoint override (tests: an HTTP fake). */
  endpoint?: string;
  /** Attempts per call including the first (default 6). */
  maxAttempts?: number;
  /** Called before each retry of a call. */
  onRetry?: (operation: string, attempt: number) => void;
}

/** A Polly client with call counting. */
export interface PreviewPolly {
  client: PollyClient;
  calls: PollyCalls;
  destroy(): void;
}

/** Creates the client; credentials are resolved lazily by the SDK's default chain. */
export function createPolly(settings: PollySettings): PreviewPolly {
  const client = new PollyClient({
    ...(settings.region ? { region: settings.region } : {}),
    ...(settings.profile ? { profile: settings.profile } : {}),
    ...(settings.endpoint ? { endpoint: settings.endpoint } : {}),
    maxAttempts: settings.maxAttempts ?? 6,
    retryMode: 'standard',
  });
  const calls: PollyCalls = { SynthesizeSpeech: 0, PutLexicon: 0, GetLexicon: 0, attempts: 0 };
  client.middlewareStack.add(
    (next, context) => async (args) => {
      const op = (context.commandName ?? '').replace(/Command$/, '') as keyof PollyCalls;
      if (op in calls && op !== 'attempts') calls[op]++;
      return next(args);
    },
    { step: 'initialize', name: 'botsPreviewCallCounter', priority: 'high' },
  );
  client.middlewareStack.add(
    (next, context) => async (args) => {
      calls.attempts++;
      const attempt = ((context as { __attempt?: number }).__attempt = ((context as { __attempt?: number }).__attempt ?? 0) + 1);
      if (attempt > 1) settings.onRetry?.((context.commandName ?? '').replace(/Command$/, ''), attempt);
      return next(args);
    },
    { step: 'finalizeRequest', name: 'botsPreviewAttemptCounter', priority: 'low' },
  );
  return { client, calls, destroy: () => client.destroy() };
}

/**
 * Why credentials could not be resolved by the SDK's default chain (environment, shared files and
 * `--profile`, SSO, process, web identity, container and instance metadata), or undefined when they
 * were. Any failure of the chain counts (usually `CredentialsProviderError`; an expired SSO session
 * has its own message).
 * @see https://docs.aws.amazon.com/sdk-for-javascript/v3/developer-guide/setting-credentials-node.html
 */
export async function missingCredentials(polly: PreviewPolly): Promise<string | undefined> {
  return resolveMissing(polly.client);
}

/**
 * Stores each lexicon in Polly unless the stored one has the same content: `GetLexicon`, then
 * `PutLexicon` when it is missing or differs. Runs the lexicons one after another (lexicon
 * operations share 2 TPS).
 * @returns the names of the lexicons that were written.
 * @see https://docs.aws.amazon.com/polly/latest/dg/API_PutLexicon.html
 */
export async function ensureLexicons(polly: PreviewPolly, lexicons: readonly PreviewLexicon[]): Promise<string[]> {
  const written: string[] = [];
  for (const lex of lexicons) {
    let stored: string | undefined;
    try {
      stored = (await polly.client.send(new GetLexiconCommand({ Name: lex.name }))).Lexicon?.Content;
    } catch (err) {
      if (!(err instanceof Error && err.name === 'LexiconNotFoundException')) throw err;
    }
    if (stored === lex.content) continue;
    await polly.client.send(new PutLexiconCommand({ Name: lex.name, Content: lex.content }));
    written.push(lex.name);
  }
  return written;
}

/** One Polly render of a prompt. */
export interface PollyRender {
  audio: Uint8Array;
  marks: SpeechMark[];
  requestCharacters?: number;
  marksNote?: string;
}

/** Parses newline-delimited JSON speech marks. */
export function parseSpeechMarks(text: string): SpeechMark[] {
  return text
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as SpeechMark);
}

/** A 44-byte RIFF/WAVE header for 16-bit mono little-endian PCM (what Polly's `pcm` is). */
export function wavFromPcm(pcm: Uint8Array, sampleRate: number = PCM_SAMPLE_RATE): Uint8Array {
  const header = Buffer.alloc(44);
  header.write('RIFF', 0, 'ascii');
  header.writeUInt32LE(36 + pcm.length, 4);
  header.write('WAVEfmt ', 8, 'ascii');
  header.writeUInt32LE(16, 16);
  header.writeUInt16LE(1, 20); // PCM
  header.writeUInt16LE(1, 22); // mono
  header.writeUInt32LE(sampleRate, 24);
  header.writeUInt32LE(sampleRate * 2, 28);
  header.writeUInt16LE(2, 32);
  header.writeUInt16LE(16, 34);
  header.write('data', 36, 'ascii');
  header.writeUInt32LE(pcm.length, 40);
  return Buffer.concat([header, pcm]);
}

/** Renders one prompt: the audio, then its word and sentence marks where the engine has them. */
export async function renderWithPolly(
  polly: PreviewPolly,
  req: { ssml: string; voice: string; engine: PollyEngine; format: PreviewFormat; lexiconNames: string[] },
): Promise<PollyRender> {
  const common = {
    Text: req.ssml,
    TextType: 'ssml' as const,
    VoiceId: req.voice as VoiceId,
    Engine: req.engine as Engine,
    ...(req.lexiconNames.length ? { LexiconNames: req.lexiconNames } : {}),
  };
  const audioOut = await polly.client.send(
    new SynthesizeSpeechCommand({ ...common, OutputFormat: req.format as OutputFormat, ...(req.format === 'pcm' ? { SampleRate: String(PCM_SAMPLE_RATE) } : {}) }),
  );
  const bytes = (await audioOut.AudioStream?.transformToByteArray()) ?? new Uint8Array();
  const audio = req.format === 'pcm' ? wavFromPcm(bytes) : bytes;
  if (!engineHasSpeechMarks(req.engine)) {
    return { audio, marks: [], ...(audioOut.RequestCharacters !== undefined ? { requestCharacters: audioOut.RequestCharacters } : {}), marksNote: `no speech marks for the ${req.engine} engine` };
  }
  const marksOut = await polly.client.send(new SynthesizeSpeechCommand({ ...common, OutputFormat: 'json', SpeechMarkTypes: ['word', 'sentence'] }));
  const marks = parseSpeechMarks((await marksOut.AudioStream?.transformToString('utf8')) ?? '');
  return { audio, marks, ...(audioOut.RequestCharacters !== undefined ? { requestCharacters: audioOut.RequestCharacters } : {}) };
}
