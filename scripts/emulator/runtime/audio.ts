/**
 * Audio input of RecognizeUtterance without a speech recogniser: the PCM content types Lex accepts,
 * and touch-tone (DTMF) keys found in the audio with the Goertzel algorithm, with when each key
 * starts and ends. Anything else that is loud enough counts as speech, which the emulator cannot
 * transcribe (the caller answers with a ValidationException that says so).
 *
 * @see https://docs.aws.amazon.com/lexv2/latest/APIReference/API_runtime_RecognizeUtterance.html
 * @see https://www.itu.int/rec/T-REC-Q.23 (DTMF frequencies)
 * @module
 */

/** A PCM audio format (16-bit signed, mono). */
export interface PcmFormat {
  /** Samples per second (8000 or 16000 for Lex). */
  sampleRate: number;
  bigEndian: boolean;
}

/**
 * The PCM format of a RecognizeUtterance `requestContentType`, or undefined when it is not PCM.
 * Lex accepts `audio/l16; rate=16000; channels=1`, `audio/x-l16; sample-rate=16000; channel-count=1`
 * and `audio/lpcm; sample-rate=8000; sample-size-bits=16; channel-count=1; is-big-endian=false`;
 * all are read as 16-bit little-endian unless `is-big-endian=true`.
 */
export function pcmFormatOf(contentType: string): PcmFormat | undefined {
  const [type, ...params] = contentType.split(';').map((s) => s.trim().toLowerCase());
  if (type !== 'audio/l16' && type !== 'audio/x-l16' && type !== 'audio/lpcm') return undefined;
  const p = Object.fromEntries(params.map((kv) => kv.split('=').map((s) => s.trim()) as [string, string]));
  const sampleRate = Number(p['rate'] ?? p['sample-rate'] ?? 16000);
  if (!Number.isInteger(sampleRate) || sampleRate < 4000) return undefined;
  return { sampleRate, bigEndian: p['is-big-endian'] === 'true' };
}

/** Samples of 16-bit PCM bytes, scaled to -1..1. */
export function pcmSamples(bytes: Uint8Array, format: PcmFormat): Float32Array {
  const view = new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
  const out = new Float32Array(Math.floor(bytes.byteLength / 2));
  for (let i = 0; i < out.length; i++) out[i] = view.getInt16(i * 2, !format.bigEndian) / 32768;
  return out;
}

const ROWS = [697, 770, 852, 941];
const COLS = [1209, 1336, 1477, 1633];
const KEYS = ['123A', '456B', '789C', '*0#D'];

/** One key press found in the audio (times in ms from the start of the audio). */
export interface KeyPress {
  key: string;
  startMs: number;
  endMs: number;
}

/** What the audio holds. */
export interface AudioContent {
  /** Touch-tone keys in order. */
  keys: KeyPress[];
  /** Sound that is not a touch tone (speech), in ms of audio, with where it starts. */
  speech: { ms: number; startMs?: number };
  durationMs: number;
}

/** Frame length: 20 ms gives 50 Hz bins at 8 kHz, enough to tell the DTMF rows apart. */
const FRAME_MS = 20;
/** Frames quieter than this (RMS, full scale 1) are silence (about -40 dBFS). */
const SILENCE_RMS = 0.01;
/** Share of a frame's energy the best row and column tones must hold to be a key. */
const TONE_SHARE = 0.7;

function goertzelPower(x: Float32Array, start: number, n: number, freq: number, sampleRate: number): number {
  const coeff = 2 * Math.cos((2 * Math.PI * freq) / sampleRate);
  let s1 = 0;
  let s2 = 0;
  for (let i = 0; i < n; i++) {
    const s = x[start + i]! + coeff * s1 - s2;
    s2 = s1;
    s1 = s;
  }
  return s1 * s1 + s2 * s2 - coeff * s1 * s2;
}

/** The key a frame holds, `''` for silence, `'?'` for other sound. */
function classifyFrame(x: Float32Array, start: number, n: number, sampleRate: number): string {
  let energy = 0;
  for (let i = 0; i < n; i++) energy += x[start + i]! * x[start + i]!;
  if (Math.sqrt(energy / n) < SILENCE_RMS) return '';
  const best = (freqs: number[]) => {
    let at = 0;
    let power = -1;
    freqs.forEach((f, i) => {
      const p = goertzelPower(x, start, n, f, sampleRate);
      if (p > power) [at, power] = [i, p];
    });
    return { at, power };
  };
  const row = best(ROWS);
  const col = best(COLS);
  // A pure tone of amplitude A over n samples has Goertzel power (A n / 2)^2 and energy A^2 n / 2.
  const share = (row.power + col.power) / (energy * (n / 2));
  return share >= TONE_SHARE ? KEYS[row.at]![col.at]! : '?';
}

/**
 * The touch-tone keys and the speech in mono PCM samples (-1..1). A key is a run of at least two
 * frames (40 ms, the shortest tone telephone networks pass) of the same dual tone.
 */
export function analyseAudio(samples: Float32Array, sampleRate: number): AudioContent {
  const n = Math.round((sampleRate * FRAME_MS) / 1000);
  const keys: KeyPress[] = [];
  let speechFrames = 0;
  let speechStart: number | undefined;
  let run: { key: string; start: number; frames: number } | undefined;
  const closeRun = (endMs: number) => {
    if (run && run.key !== '' && run.key !== '?' && run.frames >= 2) keys.push({ key: run.key, startMs: run.start, endMs });
    run = undefined;
  };
  const frames = Math.floor(samples.length / n);
  for (let f = 0; f < frames; f++) {
    const atMs = f * FRAME_MS;
    const c = classifyFrame(samples, f * n, n, sampleRate);
    if (c === '?') {
      speechFrames++;
      speechStart ??= atMs;
    }
    if (run && run.key === c) {
      run.frames++;
      continue;
    }
    closeRun(atMs);
    run = { key: c, start: atMs, frames: 1 };
  }
  closeRun(frames * FRAME_MS);
  // Tone edges land in mixed frames: a frame or two of "other sound" next to a key is not speech.
  const edgeFrames = keys.length * 2;
  const speechMs = Math.max(0, speechFrames - edgeFrames) * FRAME_MS;
  return { keys, speech: speechMs > 0 ? { ms: speechMs, startMs: speechStart } : { ms: 0 }, durationMs: Math.round((samples.length / sampleRate) * 1000) };
}

/**
 * DTMF tones for `keys` as 16-bit little-endian PCM: each key `toneMs` long, `gapMs` of silence
 * between keys, `leadMs` of silence first. For tests and `bots chat` / `bots test` DTMF turns.
 * @throws Error for a character that is not a DTMF key (0-9, A-D, *, #).
 */
export function dtmfPcm(keys: string, opts: { sampleRate?: number; toneMs?: number; gapMs?: number; leadMs?: number; gapsMs?: number[] } = {}): Uint8Array {
  const sampleRate = opts.sampleRate ?? 8000;
  const toneMs = opts.toneMs ?? 100;
  const leadMs = opts.leadMs ?? 100;
  const parts: number[] = [];
  const silence = (ms: number) => {
    for (let i = 0; i < Math.round((sampleRate * ms) / 1000); i++) parts.push(0);
  };
  silence(leadMs);
  [...keys].forEach((k, i) => {
    const r = KEYS.findIndex((row) => row.includes(k));
    if (r < 0) throw new Error(`"${k}" is not a DTMF key (0-9, A-D, * or #).`);
    const c = KEYS[r]!.indexOf(k);
    const len = Math.round((sampleRate * toneMs) / 1000);
    for (let t = 0; t < len; t++) parts.push(0.35 * Math.sin((2 * Math.PI * ROWS[r]! * t) / sampleRate) + 0.35 * Math.sin((2 * Math.PI * COLS[c]! * t) / sampleRate));
    silence(opts.gapsMs?.[i] ?? opts.gapMs ?? 100);
  });
  const out = new Uint8Array(parts.length * 2);
  const view = new DataView(out.buffer);
  parts.forEach((v, i) => view.setInt16(i * 2, Math.max(-32768, Math.min(32767, Math.round(v * 32767))), true));
  return out;
}
