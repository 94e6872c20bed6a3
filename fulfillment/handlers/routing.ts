/**
 * TalkToAgent, RequestCallback, BusinessHours, EndConversation and unknown intents: close with the
 * session attributes the Connect flow routes on (`nextAction`, `transferReason`, `callbackNumber`,
 * `callbackTime`; see docs/fulfillment.md).
 * @module
 */
import { formatCallbackTime } from '../messages/index.js';
import { close, delegate, elicitIntent, elicitSlot, type LexResponse } from '../lex/response.js';
import type { Turn } from '../lex/turn.js';
import { lastDigits } from '../security/mask.js';
import { toE164 } from '../security/phone.js';
import type { HandlerDeps } from './deps.js';

/** TalkToAgent: Close with `nextAction=TransferToAgent`, `transferReason=requested`. */
export async function talkToAgent(turn: Turn): Promise<LexResponse> {
  turn.outcome = 'agent';
  return close(turn.intent, 'Fulfilled', turn.say(turn.m.agent), turn.route('TransferToAgent', 'requested'));
}

/** BusinessHours: Close with the opening hours. */
export async function businessHours(turn: Turn): Promise<LexResponse> {
  turn.outcome = 'hours';
  return close(turn.intent, 'Fulfilled', turn.say(turn.m.hours), turn.attrs);
}

/** EndConversation: Close with goodbye and `nextAction=EndConversation`. */
export async function endConversation(turn: Turn): Promise<LexResponse> {
  turn.outcome = 'goodbye';
  return close(turn.intent, 'Fulfilled', turn.say(turn.m.goodbye), turn.route('EndConversation'));
}

/**
 * RequestCallback: validates the number (E.164 via libphonenumber) and the time, then closes with
 * `nextAction=ScheduleCallback` for the flow's "Set callback number" and "Transfer to queue" blocks.
 */
export async function requestCallback(turn: Turn): Promise<LexResponse> {
  const m = turn.m;
  if (turn.intent.confirmationState === 'Denied') {
    turn.outcome = 'callback_declined';
    return close(turn.intent, 'Failed', turn.say(m.callbackDeclined), turn.attrs);
  }
  const rawNumber = turn.slot('CallbackNumber');
  const rawTime = turn.slot('CallbackTime');
  const number = rawNumber ? toE164(rawNumber, m.phoneCountry) : undefined;
  if (rawNumber && !number) {
    turn.outcome = 'callback_bad_number';
    return elicitSlot({ name: turn.intent.name, slots: { ...turn.intent.slots, CallbackNumber: null } }, 'CallbackNumber', turn.say(m.callbackInvalidNumber), turn.attrs);
  }
  const time = rawTime ? formatCallbackTime(m, rawTime) : undefined;
  // Anything still missing, or a dialog-hook call: let Lex prompt and confirm with the bot's own prompts.
  if (!number) return elicitSlot({ name: turn.intent.name, slots: turn.intent.slots }, 'CallbackNumber', [], turn.attrs);
  if (!time) return elicitSlot({ name: turn.intent.name, slots: { ...turn.intent.slots, CallbackTime: null } }, 'CallbackTime', [], turn.attrs);
  if (turn.source === 'DialogCodeHook') return delegate(turn.intent, turn.attrs);
  turn.outcome = 'callback';
  return close(turn.intent, 'Fulfilled', turn.say(m.callbackScheduled(lastDigits(number), time)), turn.route('ScheduleCallback', undefined, { callbackNumber: number, callbackTime: rawTime! }));
}

/** An intent this Lambda has no route for: say what the bot can do. */
export async function unknownIntent(turn: Turn, _deps: HandlerDeps): Promise<LexResponse> {
  turn.outcome = 'unknown_intent';
  return elicitIntent(turn.say1(turn.m.help), turn.attrs);
}
