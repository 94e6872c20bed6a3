/**
 * Voice and DTMF capture as Lex applies it to one turn: the settings of the prompt attempt being
 * answered (the slot's `promptAttemptsSpecification`), overridden by the `x-amz-lex:audio:*` and
 * `x-amz-lex:dtmf:*` session attributes, then the keys and sound of the audio cut by them.
 *
 * Session attribute keys are `x-amz-lex:<audio|dtmf>:<behavior>:<intent|*>:<slot|*>`; an intent-
 * or slot-specific key wins over `*`.
 * @see https://docs.aws.amazon.com/lexv2/latest/dg/session-attribs-speech.html
 * @see https://docs.aws.amazon.com/lexv2/latest/APIReference/API_PromptAttemptSpecification.html
 * @module
 */
import type { DescribeSlotResponse, PromptAttemptSpecification } from '@aws-sdk/client-lex-models-v2';
import type { AudioContent } from './audio.js';

/** The capture settings of one turn (times in ms, `maxLength` in keys). */
export interface InputSettings {
  allowAudioInput: boolean;
  allowDTMFInput: boolean;
  /** Time the caller has to start (audio and DTMF). */
  startTimeoutMs: number;
  audio: { maxLengthMs: number; endTimeoutMs: number };
  dtmf: { maxLength: number; endTimeoutMs: number; deletionCharacter: string; endCharacter: string };
}

/**
 * Lex's runtime defaults where neither the prompt nor a session attribute says otherwise (the
 * session-attribute page's defaults; DTMF max length 1024).
 * @see https://docs.aws.amazon.com/lexv2/latest/dg/session-attribs-speech.html
 */
export const DEFAULT_INPUT_SETTINGS: Readonly<InputSettings> = Object.freeze({
  allowAudioInput: true,
  allowDTMFInput: true,
  startTimeoutMs: 4000,
  audio: { maxLengthMs: 13000, endTimeoutMs: 600 },
  dtmf: { maxLength: 1024, endTimeoutMs: 5000, deletionCharacter: '*', endCharacter: '#' },
});

/** Where the turn is in the conversation: the slot being elicited and the attempt, if any. */
export interface ElicitationPoint {
  intentName?: string;
  slotName?: string;
  slot?: DescribeSlotResponse;
  /** 0 for the Initial attempt, n for Retry{n}. */
  retries: number;
}

/** The session attribute for `inputType:behavior` at this point, most specific key first. */
function attribute(attrs: Record<string, string>, inputType: 'audio' | 'dtmf', behavior: string, at: ElicitationPoint): string | undefined {
  const i = at.intentName ?? '*';
  const s = at.slotName ?? '*';
  for (const [ik, sk] of [[i, s], [i, '*'], ['*', s], ['*', '*']] as const) {
    const v = attrs[`x-amz-lex:${inputType}:${behavior}:${ik}:${sk}`];
    if (v !== undefined && v !== '') return v;
  }
  return undefined;
}

const positiveInt = (v: string | undefined): number | undefined => {
  const n = v === undefined ? NaN : Number(v);
  return Number.isInteger(n) && n >= 1 ? n : undefined;
};
const dtmfKey = (v: string | undefined): string | undefined => (v !== undefined && /^[A-D0-9#*]$/.test(v) ? v : undefined);

/**
 * The capture settings of the turn at `at`: session attributes, else the prompt attempt's
 * settings (Initial, Retry1, ... by `retries`), else {@link DEFAULT_INPUT_SETTINGS}. Invalid
 * attribute values are ignored. `max-length-ms` is capped at 55000 ms, the documented maximum.
 */
export function inputSettingsAt(at: ElicitationPoint, sessionAttributes: Record<string, string> = {}): InputSettings {
  const attempts = at.slot?.valueElicitationSetting?.promptSpecification?.promptAttemptsSpecification as Record<string, PromptAttemptSpecification> | undefined;
  const attempt = attempts?.[at.retries === 0 ? 'Initial' : `Retry${at.retries}`] ?? attempts?.['Initial'];
  const spec = attempt?.audioAndDTMFInputSpecification;
  const d = DEFAULT_INPUT_SETTINGS;
  const a = (b: string) => attribute(sessionAttributes, 'audio', b, at);
  const k = (b: string) => attribute(sessionAttributes, 'dtmf', b, at);
  return {
    allowAudioInput: attempt?.allowedInputTypes?.allowAudioInput ?? d.allowAudioInput,
    allowDTMFInput: attempt?.allowedInputTypes?.allowDTMFInput ?? d.allowDTMFInput,
    startTimeoutMs: positiveInt(a('start-timeout-ms')) ?? spec?.startTimeoutMs ?? d.startTimeoutMs,
    audio: {
      maxLengthMs: Math.min(55000, positiveInt(a('max-length-ms')) ?? spec?.audioSpecification?.maxLengthMs ?? d.audio.maxLengthMs),
      endTimeoutMs: positiveInt(a('end-timeout-ms')) ?? spec?.audioSpecification?.endTimeoutMs ?? d.audio.endTimeoutMs,
    },
    dtmf: {
      maxLength: Math.min(1024, positiveInt(k('max-length')) ?? spec?.dtmfSpecification?.maxLength ?? d.dtmf.maxLength),
      endTimeoutMs: positiveInt(k('end-timeout-ms')) ?? spec?.dtmfSpecification?.endTimeoutMs ?? d.dtmf.endTimeoutMs,
      deletionCharacter: dtmfKey(k('deletion-character')) ?? spec?.dtmfSpecification?.deletionCharacter ?? d.dtmf.deletionCharacter,
      endCharacter: dtmfKey(k('end-character')) ?? spec?.dtmfSpecification?.endCharacter ?? d.dtmf.endCharacter,
    },
  };
}

/** What one audio input amounts to once the capture settings are applied. */
export type CapturedInput =
  | { kind: 'dtmf'; digits: string; endedBy: 'end-character' | 'deletion-character' | 'max-length' | 'end-timeout' | 'end-of-audio' }
  | { kind: 'speech' }
  | { kind: 'none'; reason: 'silence' | 'start-timeout' | 'dtmf-not-allowed' | 'audio-not-allowed' };

/**
 * The input Lex takes from the audio under `settings`: keys pressed until the end character, the
 * deletion character (which clears what was pressed), `maxLength` keys or a pause longer than the
 * DTMF end timeout; nothing when the caller starts after the start timeout; only the first
 * `audio.maxLengthMs` of audio count. Speech wins when it starts before the first key.
 */
export function captureInput(content: AudioContent, settings: InputSettings): CapturedInput {
  const within = (ms: number) => ms < settings.audio.maxLengthMs;
  const keys = content.keys.filter((k) => within(k.startMs));
  const speechFirst = content.speech.ms > 0 && content.speech.startMs !== undefined && within(content.speech.startMs) && (keys.length === 0 || content.speech.startMs < keys[0]!.startMs);
  const first = speechFirst ? content.speech.startMs! : keys[0]?.startMs;
  if (first === undefined) return { kind: 'none', reason: 'silence' };
  if (first > settings.startTimeoutMs) return { kind: 'none', reason: 'start-timeout' };
  if (speechFirst) return settings.allowAudioInput ? { kind: 'speech' } : { kind: 'none', reason: 'audio-not-allowed' };
  if (!settings.allowDTMFInput) return { kind: 'none', reason: 'dtmf-not-allowed' };
  let digits = '';
  let lastEnd = keys[0]!.startMs;
  for (const k of keys) {
    if (k.startMs - lastEnd > settings.dtmf.endTimeoutMs) return { kind: 'dtmf', digits, endedBy: 'end-timeout' };
    lastEnd = k.endMs;
    if (k.key === settings.dtmf.endCharacter) return { kind: 'dtmf', digits, endedBy: 'end-character' };
    if (k.key === settings.dtmf.deletionCharacter) return { kind: 'dtmf', digits: '', endedBy: 'deletion-character' };
    digits += k.key;
    if (digits.length >= settings.dtmf.maxLength) return { kind: 'dtmf', digits, endedBy: 'max-length' };
  }
  return { kind: 'dtmf', digits, endedBy: 'end-of-audio' };
}
