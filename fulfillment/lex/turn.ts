/**
 * One conversation turn as the handlers see it: the validated event plus locale, channel, messages
 * and a working copy of the session attributes.
 * @module
 */
import { createHash } from 'node:crypto';
import { messagesFor, render, type Locale, type Messages, isLocale } from '../messages/index.js';
import { slotValue, type LexEvent, type LexIntent } from './event.js';
import { message, type LexMessage } from './response.js';

/**
 * Session attributes this Lambda writes for the Connect flow. They are removed from what the client
 * sent before any handler runs, so a value set by a client can never be echoed back as ours.
 */
export const OUTPUT_ATTRIBUTES = ['nextAction', 'transferReason', 'verified', 'callbackNumber', 'callbackTime'] as const;

/** Values of the `nextAction` session attribute the Connect flow routes on. */
export type NextAction = 'TransferToAgent' | 'ScheduleCallback' | 'EndConversation';

export class Turn {
  readonly locale: Locale;
  readonly m: Messages;
  /** True on a voice channel: messages are SSML. */
  readonly voice: boolean;
  /** The Lex session id as Lex sent it (the Connect contact id on Connect voice). */
  readonly lexSessionId: string;
  /**
   * Key of all server-side state of this conversation (verification, passcodes, knowledge-base
   * session): the Lex session id bound to the channel and the contact, see {@link boundSessionId}.
   */
  readonly sessionId: string;
  readonly intent: LexIntent;
  readonly source: 'DialogCodeHook' | 'FulfillmentCodeHook';
  readonly label: string | undefined;
  readonly transcript: string;
  /** Session attributes to return (the client's, minus {@link OUTPUT_ATTRIBUTES}). */
  readonly attrs: Record<string, string>;
  /** A short word for the log line ("otp_sent", "balance", ...); never a value. */
  outcome = '';
  /** The session's verified state at the end of the turn when a handler knows it (saves a read). */
  verified: boolean | undefined;

  constructor(readonly event: LexEvent) {
    const localeId = event.bot.localeId;
    this.locale = isLocale(localeId) ? localeId : 'en_US';
    this.m = messagesFor(localeId);
    this.voice = isVoice(event);
    this.lexSessionId = event.sessionId;
    this.intent = event.sessionState.intent;
    this.source = event.invocationSource === 'DialogCodeHook' ? 'DialogCodeHook' : 'FulfillmentCodeHook';
    this.label = event.invocationLabel ?? undefined;
    this.transcript = event.inputTranscript.slice(0, 1000);
    this.attrs = { ...event.sessionState.sessionAttributes };
    for (const k of OUTPUT_ATTRIBUTES) delete this.attrs[k];
    this.sessionId = boundSessionId(event, this.attrs.contactId);
  }

  /** The value of a slot of the current intent (canonical value for custom slot types). */
  slot(name: string): string | undefined {
    return slotValue(this.intent, name);
  }

  /** Renders message texts for this channel. */
  say(...texts: string[]): LexMessage[] {
    return texts.filter(Boolean).map((t) => message(render(t, this.voice), this.voice));
  }

  /** Same, typed as non-empty for ElicitIntent/ConfirmIntent. */
  say1(text: string, ...more: string[]): [LexMessage, ...LexMessage[]] {
    return [message(render(text, this.voice), this.voice), ...this.say(...more)];
  }

  /** Attributes with the routing decision for the Connect flow. */
  route(next: NextAction, reason?: string, extra: Record<string, string> = {}): Record<string, string> {
    return { ...this.attrs, nextAction: next, ...(reason ? { transferReason: reason } : {}), ...extra };
  }
}

/**
 * Voice when Lex heard speech or DTMF, or when Amazon Connect's voice channel is the platform
 * (request attribute `x-amz-lex:channels:platform` = "Connect"; chat is "Connect Chat").
 * https://docs.aws.amazon.com/lexv2/latest/dg/contact-center-connect.html
 */
export function isVoice(event: Pick<LexEvent, 'inputMode' | 'requestAttributes'>): boolean {
  if (event.inputMode === 'Speech' || event.inputMode === 'DTMF') return true;
  return event.requestAttributes?.['x-amz-lex:channels:platform'] === 'Connect';
}

/**
 * The Lex session id bound to where the conversation happens: the channel platform Lex passes
 * (request attribute `x-amz-lex:channels:platform`: `Connect`, `Connect Chat`, none), whether the
 * input is audio (Speech or DTMF: StartConversation / RecognizeUtterance, as Connect voice sends it)
 * or text (RecognizeText), and the Connect contact id the flow passes in the `contactId` session
 * attribute. A record verified on one contact and channel is keyed apart from a session that
 * presents the same session id elsewhere ("~" never occurs in a Lex session id, so no raw id
 * collides): a RecognizeText caller who learnt a voice contact's id reaches none of its state.
 * What a RecognizeText caller can copy exactly (a session id, the platform attribute, even
 * `Connect`, and contactId) stays a bearer token, which is why runtime access to the alias is restricted to the
 * Connect instance (docs/fulfillment.md, threat model).
 * https://docs.aws.amazon.com/lexv2/latest/dg/contact-center-connect.html
 */
export function boundSessionId(event: Pick<LexEvent, 'sessionId' | 'inputMode' | 'requestAttributes'>, contactId: string | undefined): string {
  const platform = event.requestAttributes?.['x-amz-lex:channels:platform'] ?? '';
  // A Connect voice contact mixes speech, DTMF and (in tests) text turns: one class for the platform.
  const input = platform === 'Connect' || event.inputMode === 'Speech' || event.inputMode === 'DTMF' ? 'audio' : 'text';
  const binding = createHash('sha256').update(`${platform}\n${input}\n${contactId ?? ''}`).digest('hex').slice(0, 16);
  return `${event.sessionId}~${binding}`;
}
