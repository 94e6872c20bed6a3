/**
 * Typed builders for the Lex V2 code-hook response
 * (https://docs.aws.amazon.com/lexv2/latest/dg/lambda-response-format.html).
 *
 * The types are local rather than `LexV2Result` from `@types/aws-lambda`, which lacks
 * `intent.confirmationState` and `requestAttributes` and requires `intent.state` on ElicitIntent.
 * Every builder returns a value that `lexResponseSchema` (./response-schema.ts) accepts.
 * @module
 */
import type { LexSlot } from './event.js';

export type DialogActionType = 'Close' | 'ConfirmIntent' | 'Delegate' | 'ElicitIntent' | 'ElicitSlot';
export type IntentState = 'Failed' | 'Fulfilled' | 'FulfillmentInProgress' | 'InProgress' | 'ReadyForFulfillment' | 'Waiting';

export interface LexMessage {
  contentType: 'PlainText' | 'SSML';
  /** 1-1000 characters (Lex V2 runtime `Message.content`). */
  content: string;
}

export interface LexResponseIntent {
  name: string;
  slots?: Record<string, LexSlot | null>;
  state: IntentState;
  confirmationState?: 'Confirmed' | 'Denied' | 'None';
}

export interface LexResponse {
  sessionState: {
    sessionAttributes?: Record<string, string>;
    dialogAction: {
      type: DialogActionType;
      slotToElicit?: string;
      slotElicitationStyle?: 'Default' | 'SpellByLetter' | 'SpellByWord';
    };
    intent?: LexResponseIntent;
  };
  messages?: LexMessage[];
  requestAttributes?: Record<string, string>;
}

type Attrs = Record<string, string>;
type Slots = Record<string, LexSlot | null>;

/**
 * Slots in the strict shape Lex accepts back: `{ shape, value: { originalValue, interpretedValue, resolvedValues } }`
 * or null. The event's slots pass through leniently (unknown fields, null values), so they are rebuilt
 * here rather than echoed.
 */
export function cleanSlots(slots: Slots | undefined): Slots {
  const out: Slots = {};
  for (const [name, slot] of Object.entries(slots ?? {})) out[name] = cleanSlot(slot);
  return out;
}

function cleanSlot(slot: LexSlot | null | undefined): LexSlot | null {
  if (!slot || typeof slot !== 'object') return null;
  const v = slot.value;
  const interpreted = typeof v?.interpretedValue === 'string' ? v.interpretedValue : typeof v?.originalValue === 'string' ? v.originalValue : undefined;
  const values = Array.isArray(slot.values) ? slot.values.map(cleanSlot).filter((x): x is LexSlot => x !== null) : undefined;
  if (interpreted === undefined && !values?.length) return null;
  const out: LexSlot = { shape: slot.shape === 'List' ? 'List' : 'Scalar' };
  if (interpreted !== undefined) {
    out.value = { originalValue: typeof v?.originalValue === 'string' ? v.originalValue : interpreted, interpretedValue: interpreted, resolvedValues: (v?.resolvedValues ?? []).filter((x) => typeof x === 'string') };
  }
  if (values?.length) out.values = values;
  return out;
}

/** Ends the intent: Lex speaks `messages` and returns to the client (Connect then routes on the session attributes). */
export function close(intent: { name: string; slots?: Slots }, state: 'Fulfilled' | 'Failed', messages: LexMessage[], sessionAttributes: Attrs): LexResponse {
  return {
    sessionState: { sessionAttributes, dialogAction: { type: 'Close' }, intent: { name: intent.name, slots: cleanSlots(intent.slots), state } },
    ...(messages.length ? { messages } : {}),
  };
}

/** Asks the user for one slot of `intent` (which may be a different intent from the one Lex sent: an intent switch). */
export function elicitSlot(intent: { name: string; slots?: Slots }, slotToElicit: string, messages: LexMessage[], sessionAttributes: Attrs): LexResponse {
  return {
    sessionState: { sessionAttributes, dialogAction: { type: 'ElicitSlot', slotToElicit }, intent: { name: intent.name, slots: cleanSlots(intent.slots), state: 'InProgress' } },
    ...(messages.length ? { messages } : {}),
  };
}

/** Asks "what else?": the next utterance is classified afresh. Messages are required by Lex. */
export function elicitIntent(messages: [LexMessage, ...LexMessage[]], sessionAttributes: Attrs): LexResponse {
  return { sessionState: { sessionAttributes, dialogAction: { type: 'ElicitIntent' } }, messages };
}

/** Lets Lex choose the next step from the bot's configuration (prompts, confirmation, fulfillment). */
export function delegate(intent: { name: string; slots?: Slots; confirmationState?: string }, sessionAttributes: Attrs): LexResponse {
  const cs = intent.confirmationState;
  const confirmationState = cs === 'Confirmed' || cs === 'Denied' || cs === 'None' ? cs : undefined;
  return {
    sessionState: {
      sessionAttributes,
      dialogAction: { type: 'Delegate' },
      intent: { name: intent.name, slots: cleanSlots(intent.slots), state: 'InProgress', ...(confirmationState ? { confirmationState } : {}) },
    },
  };
}

/** Asks the user to confirm the intent (yes/no). Messages are required by Lex. */
export function confirmIntent(intent: { name: string; slots?: Slots }, messages: [LexMessage, ...LexMessage[]], sessionAttributes: Attrs): LexResponse {
  return {
    sessionState: { sessionAttributes, dialogAction: { type: 'ConfirmIntent' }, intent: { name: intent.name, slots: cleanSlots(intent.slots), state: 'InProgress', confirmationState: 'None' } },
    messages,
  };
}

/** A message for the channel: SSML when `voice`, else plain text. `content` must already be rendered. */
export function message(content: string, voice: boolean): LexMessage {
  return { contentType: voice ? 'SSML' : 'PlainText', content };
}

/** A scalar slot value in the shape Lex expects back. */
export function scalarSlot(value: string): LexSlot {
  return { shape: 'Scalar', value: { originalValue: value, interpretedValue: value, resolvedValues: [value] } };
}
