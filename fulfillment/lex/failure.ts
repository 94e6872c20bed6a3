/**
 * The response for anything that went wrong: an apology, and the session attributes that make the
 * Connect flow transfer to an agent. Built from the raw event without trusting its shape, so it is
 * valid for any input, including garbage.
 * @module
 */
import { messagesFor, render } from '../messages/index.js';
import { close, type LexResponse } from './response.js';
import { OUTPUT_ATTRIBUTES, isVoice } from './turn.js';

const isRecord = (v: unknown): v is Record<string, unknown> => typeof v === 'object' && v !== null && !Array.isArray(v);

/** Close(Failed) with the locale's apology and `nextAction=TransferToAgent`, `transferReason=<reason>`. */
export function failureResponse(raw: unknown, reason = 'error'): LexResponse {
  const event = isRecord(raw) ? raw : {};
  const bot = isRecord(event.bot) ? event.bot : {};
  const sessionState = isRecord(event.sessionState) ? event.sessionState : {};
  const intent = isRecord(sessionState.intent) ? sessionState.intent : {};
  const rawAttrs = isRecord(sessionState.sessionAttributes) ? sessionState.sessionAttributes : {};
  const requestAttributes = isRecord(event.requestAttributes) ? event.requestAttributes : {};

  const attrs: Record<string, string> = {};
  for (const [k, v] of Object.entries(rawAttrs)) if (typeof v === 'string' && !(OUTPUT_ATTRIBUTES as readonly string[]).includes(k)) attrs[k] = v;
  const name = typeof intent.name === 'string' && intent.name.length > 0 && intent.name.length <= 100 ? intent.name : 'FallbackIntent';
  const voice = isVoice({
    inputMode: typeof event.inputMode === 'string' ? event.inputMode : undefined,
    requestAttributes: typeof requestAttributes['x-amz-lex:channels:platform'] === 'string' ? { 'x-amz-lex:channels:platform': requestAttributes['x-amz-lex:channels:platform'] } : {},
  });
  const m = messagesFor(typeof bot.localeId === 'string' ? bot.localeId : undefined);
  return close({ name }, 'Failed', [{ contentType: voice ? 'SSML' : 'PlainText', content: render(m.error, voice) }], {
    ...attrs,
    nextAction: 'TransferToAgent',
    transferReason: reason,
    verified: 'false',
  });
}
