/**
 * One Lex V2 conversation over `RecognizeText` (keypad turns over `RecognizeUtterance`), with the response reduced to what chat and tests
 * look at: messages (SSML also as heard text), the active intent and its slots, the dialog action,
 * session attributes, and the ranked interpretations with their confidence.
 *
 * @see https://docs.aws.amazon.com/lexv2/latest/APIReference/API_runtime_RecognizeText.html
 * @see https://docs.aws.amazon.com/lexv2/latest/dg/context-mgmt-session-attribs.html
 * @module
 */
import { randomUUID } from 'node:crypto';
import { RecognizeTextCommand, RecognizeUtteranceCommand, type Interpretation, type RecognizeTextCommandOutput, type Slot } from '@aws-sdk/client-lex-runtime-v2';
import { gunzipSync, gzipSync } from 'node:zlib';
import { dtmfPcm } from '../emulator/runtime/audio.js';
import { heardText } from './ssml-text.js';
import type { LexTarget } from './target.js';

/**
 * The request attribute Amazon Connect sets on voice contacts; the project's code hook answers in
 * SSML when it is `Connect` (see docs/fulfillment.md).
 * @see https://docs.aws.amazon.com/lexv2/latest/dg/lambda-input-format.html
 */
export const PLATFORM_ATTRIBUTE = 'x-amz-lex:channels:platform';

/** Lex's limit on `RecognizeText` input, characters. @see https://docs.aws.amazon.com/lexv2/latest/dg/quotas.html */
export const MAX_TEXT_CHARS = 1024;

/** A bot message as received and as heard. */
export interface TurnMessage {
  contentType: string;
  /** The message as sent (SSML markup included). */
  content: string;
  /** Plain text: SSML as a caller hears it; a response card as its title and buttons. */
  text: string;
}

/** One ranked interpretation. */
export interface TurnInterpretation {
  intent: string;
  /** NLU confidence in [0, 1]; undefined when Lex gives none (e.g. FallbackIntent). */
  confidence?: number;
  slots: Record<string, string | null>;
}

/** What one turn produced. */
export interface TurnResult {
  input: string;
  messages: TurnMessage[];
  /** The session's active intent after the turn (`sessionState.intent`). */
  intent?: { name: string; state?: string; confirmationState?: string; slots: Record<string, string | null> };
  dialogAction?: { type: string; slotToElicit?: string };
  sessionAttributes: Record<string, string>;
  interpretations: TurnInterpretation[];
  requestId?: string;
}

/** The interpreted value of a slot (a list slot: its values joined with ", "), or null when empty. */
export function slotValue(slot: Slot | null | undefined): string | null {
  if (!slot) return null;
  if (slot.value?.interpretedValue !== undefined) return slot.value.interpretedValue;
  if (slot.values?.length) return slot.values.map((v) => slotValue(v)).filter((v) => v !== null).join(', ');
  return null;
}

function slotsOf(slots: Record<string, Slot | null> | undefined): Record<string, string | null> {
  return Object.fromEntries(Object.entries(slots ?? {}).map(([k, v]) => [k, slotValue(v)]));
}

/** Reduces a RecognizeText response. */
export function toTurnResult(input: string, r: RecognizeTextCommandOutput): TurnResult {
  const messages: TurnMessage[] = (r.messages ?? []).map((m) => {
    const content = m.content ?? '';
    let text = content;
    if (m.contentType === 'SSML') text = heardText(content);
    else if (m.contentType === 'ImageResponseCard' && m.imageResponseCard) {
      const c = m.imageResponseCard;
      text = [c.title, c.subtitle, ...(c.buttons ?? []).map((b) => `[${b.text}]`)].filter(Boolean).join(' ');
    }
    return { contentType: m.contentType ?? 'PlainText', content, text };
  });
  const s = r.sessionState;
  return {
    input,
    messages,
    ...(s?.intent?.name
      ? { intent: { name: s.intent.name, ...(s.intent.state ? { state: s.intent.state } : {}), ...(s.intent.confirmationState ? { confirmationState: s.intent.confirmationState } : {}), slots: slotsOf(s.intent.slots) } }
      : {}),
    ...(s?.dialogAction?.type ? { dialogAction: { type: s.dialogAction.type, ...(s.dialogAction.slotToElicit ? { slotToElicit: s.dialogAction.slotToElicit } : {}) } } : {}),
    sessionAttributes: { ...(s?.sessionAttributes ?? {}) },
    interpretations: (r.interpretations ?? []).map((i: Interpretation) => ({
      intent: i.intent?.name ?? '',
      ...(i.nluConfidence?.score !== undefined ? { confidence: i.nluConfidence.score } : {}),
      slots: slotsOf(i.intent?.slots),
    })),
    ...(r.$metadata?.requestId ? { requestId: r.$metadata.requestId } : {}),
  };
}

/** Options of {@link LexSession}. */
export interface LexSessionOptions {
  /** Default: a new random id. */
  sessionId?: string;
  /** Session attributes to start with (as a Connect flow's "Set session attributes"). */
  sessionAttributes?: Record<string, string>;
  /** Voice contact through Amazon Connect: sends the platform request attribute so code hooks answer in SSML. */
  voice?: boolean;
  /** Extra request attributes on every turn. */
  requestAttributes?: Record<string, string>;
}

/**
 * A conversation with one alias: keeps the session id and the session attributes between turns;
 * attributes set here (at the start, as a Connect flow does, or between turns) go with the next turn.
 * @example
 * const s = new LexSession(target, { sessionAttributes: { contactId: 'c-1' } });
 * const turn = await s.say("what's my balance");
 */
export class LexSession {
  readonly sessionId: string;
  /** The session attributes as of the last response, plus any set since. */
  attributes: Record<string, string>;
  private readonly requestAttributes: Record<string, string>;
  /** Attributes changed on this side since the last response: send them with the next turn. */
  private dirty: boolean;

  constructor(
    readonly target: Pick<LexTarget, 'runtime' | 'botId' | 'botAliasId' | 'localeId'>,
    opts: LexSessionOptions = {},
  ) {
    this.sessionId = opts.sessionId ?? `bots-${randomUUID()}`;
    this.attributes = { ...(opts.sessionAttributes ?? {}) };
    this.dirty = Object.keys(this.attributes).length > 0;
    this.requestAttributes = { ...(opts.voice ? { [PLATFORM_ATTRIBUTE]: 'Connect' } : {}), ...(opts.requestAttributes ?? {}) };
  }

  /** Sets (or with `null`, removes) session attributes for the next turn. */
  setAttributes(attrs: Record<string, string | null>): void {
    for (const [k, v] of Object.entries(attrs)) {
      if (v === null) delete this.attributes[k];
      else this.attributes[k] = v;
    }
    this.dirty = true;
  }

  /**
   * Sends one user input (text, or DTMF-style digits typed as text).
   * @throws the SDK's error (e.g. ValidationException for empty or over-long text, ResourceNotFoundException for an unbuilt locale)
   */
  async say(text: string): Promise<TurnResult> {
    const t = this.target;
    const r = await t.runtime.send(
      new RecognizeTextCommand({
        botId: t.botId,
        botAliasId: t.botAliasId,
        localeId: t.localeId,
        sessionId: this.sessionId,
        text,
        // Only when changed here: a session state sent with a turn replaces Lex's parts of it.
        ...(this.dirty ? { sessionState: { sessionAttributes: { ...this.attributes } } } : {}),
        ...(Object.keys(this.requestAttributes).length ? { requestAttributes: { ...this.requestAttributes } } : {}),
      }),
    );
    const turn = toTurnResult(text, r);
    this.attributes = { ...turn.sessionAttributes };
    this.dirty = false;
    return turn;
  }

  /**
   * Presses keypad keys (`0-9`, `A-D`, `*`, `#`): RecognizeUtterance with the DTMF tones as 8 kHz
   * 16-bit PCM, as a phone line carries them. Lex applies the prompt's DTMF settings (end
   * character, maximum length, timeouts) and the `x-amz-lex:dtmf:*` session attributes.
   * @throws Error for a character that is not a keypad key; the SDK's error otherwise
   * @see https://docs.aws.amazon.com/lexv2/latest/APIReference/API_runtime_RecognizeUtterance.html
   */
  async pressKeys(keys: string): Promise<TurnResult> {
    const t = this.target;
    const r = await t.runtime.send(
      new RecognizeUtteranceCommand({
        botId: t.botId,
        botAliasId: t.botAliasId,
        localeId: t.localeId,
        sessionId: this.sessionId,
        requestContentType: DTMF_AUDIO_CONTENT_TYPE,
        responseContentType: 'text/plain; charset=utf-8',
        inputStream: dtmfPcm(keys, { sampleRate: 8000 }),
        ...(this.dirty ? { sessionState: gzipBase64({ sessionAttributes: { ...this.attributes } }) } : {}),
        ...(Object.keys(this.requestAttributes).length ? { requestAttributes: gzipBase64({ ...this.requestAttributes }) } : {}),
      }),
    );
    const decoded = {
      messages: gunzipBase64(r.messages) as RecognizeTextCommandOutput['messages'],
      sessionState: gunzipBase64(r.sessionState) as RecognizeTextCommandOutput['sessionState'],
      interpretations: gunzipBase64(r.interpretations) as RecognizeTextCommandOutput['interpretations'],
      $metadata: r.$metadata,
    } as RecognizeTextCommandOutput;
    const transcript = gunzipBase64(r.inputTranscript);
    const turn = toTurnResult(typeof transcript === 'string' ? transcript : keys, decoded);
    this.attributes = { ...turn.sessionAttributes };
    this.dirty = false;
    return turn;
  }
}

/** The audio format {@link LexSession.pressKeys} sends: what a telephone line carries. */
export const DTMF_AUDIO_CONTENT_TYPE = 'audio/lpcm; sample-rate=8000; sample-size-bits=16; channel-count=1; is-big-endian=false';

/** A RecognizeUtterance request header value: JSON, gzip-compressed, base64-encoded. */
export const gzipBase64 = (v: unknown): string => gzipSync(Buffer.from(JSON.stringify(v))).toString('base64');
/** A RecognizeUtterance response header decoded (undefined when absent). */
export const gunzipBase64 = (v: string | undefined): unknown => (v ? JSON.parse(gunzipSync(Buffer.from(v, 'base64')).toString('utf8')) : undefined);
