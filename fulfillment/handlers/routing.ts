/**
 * TalkToAgent, RequestCallback, BusinessHours, EndConversation and unknown intents: close with the
 * session attributes the Connect flow routes on (`nextAction`, `transferReason`, `callbackNumber`,
 * `callbackTime`; see docs/fulfillment.md).
 *
 * Who speaks: Lex plays a fulfillment code hook's Close messages *instead of* the intent's
 * post-fulfillment and closing responses, and goes on to those responses after a Delegate. So
 * an intent whose words are fixed and designed in the definitions (TalkToAgent, BusinessHours,
 * EndConversation: the closing SSML, with its breaks and phonemes) is fulfilled with a Delegate
 * that only sets the routing attributes, and an answer built from data (RequestCallback's number
 * and time) is a Close with the message and no closing response in the definitions. Either way the
 * caller hears it once.
 * @see https://docs.aws.amazon.com/lexv2/latest/dg/lambda-response-format.html
 * @module
 */
import { formatCallbackTime } from '../messages/index.js';
import { close, delegate, elicitIntent, elicitSlot, type LexResponse } from '../lex/response.js';
import type { Turn } from '../lex/turn.js';
import { lastDigits } from '../security/mask.js';
import { toE164 } from '../security/phone.js';
import type { HandlerDeps } from './deps.js';

/**
 * TalkToAgent: `nextAction=TransferToAgent`, `transferReason=requested`; Delegate, so Lex plays the
 * intent's closing response (`ssml/<locale>/talk-to-agent-closing.ssml`) once.
 */
export async function talkToAgent(turn: Turn): Promise<LexResponse> {
  turn.outcome = 'agent';
  return delegate(turn.intent, turn.route('TransferToAgent', 'requested'));
}

/** BusinessHours: Delegate; Lex plays the closing response with the opening hours. */
export async function businessHours(turn: Turn): Promise<LexResponse> {
  turn.outcome = 'hours';
  return delegate(turn.intent, turn.attrs);
}

/** EndConversation: `nextAction=EndConversation`; Delegate, so Lex plays the goodbye closing response. */
export async function endConversation(turn: Turn): Promise<LexResponse> {
  turn.outcome = 'goodbye';
  return delegate(turn.intent, turn.route('EndConversation'));
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
