/**
 * TalkToAgent, BusinessHours, EndConversation and unknown intents: the session attributes the
 * Connect flow routes on (`nextAction`, `transferReason`; see docs/fulfillment.md). RequestCallback
 * is in callback.ts.
 *
 * Who speaks: Lex plays a fulfillment code hook's Close messages *instead of* the intent's
 * post-fulfillment and closing responses, and goes on to those responses after a Delegate. So
 * an intent whose words are fixed and designed in the definitions (TalkToAgent, BusinessHours,
 * EndConversation: the closing SSML, with its breaks and phonemes) is fulfilled with a Delegate
 * that only sets the routing attributes, and an answer built from data (RequestCallback's number)
 * is a Close with the message and no closing response in the definitions. Either way the
 * caller hears it once.
 * @see https://docs.aws.amazon.com/lexv2/latest/dg/lambda-response-format.html
 * @module
 */
import { delegate, elicitIntent, type LexResponse } from '../lex/response.js';
import type { Turn } from '../lex/turn.js';
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

/** An intent this Lambda has no route for: say what the bot can do. */
export async function unknownIntent(turn: Turn, _deps: HandlerDeps): Promise<LexResponse> {
  turn.outcome = 'unknown_intent';
  return elicitIntent(turn.say1(turn.m.help), turn.attrs);
}
