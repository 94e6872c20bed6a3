/**
 * The verification dialog steps shared by CheckBalance and VerifyIdentity: ask for an identifier,
 * send a code, ask for the code, transfer on lock-out. The dialog always elicits
 * `VerifyIdentity.Passcode` (an intent switch when it starts from another intent), so the caller's
 * next input reaches the VerifyIdentity handler.
 * @module
 */
import { close, elicitSlot, type LexResponse } from '../lex/response.js';
import type { Turn } from '../lex/turn.js';
import type { Challenge, SessionRecord } from '../stores/types.js';
import type { HandlerDeps } from './deps.js';

export const VERIFY_INTENT = 'VerifyIdentity';
export const PASSCODE_SLOT = 'Passcode';

/** Session attributes that remember what the caller wanted before verification (not identity). */
export const PENDING_INTENT = 'pendingIntent';
export const PENDING_ACCOUNT_TYPE = 'pendingAccountType';

/** Elicits VerifyIdentity.Passcode with `texts`. */
export function askPasscode(turn: Turn, texts: string[]): LexResponse {
  return elicitSlot({ name: VERIFY_INTENT, slots: { [PASSCODE_SLOT]: null } }, PASSCODE_SLOT, turn.say(...texts), turn.attrs);
}

/** Ends the intent and asks the Connect flow to transfer to an agent (`nextAction=TransferToAgent`). */
export function transfer(turn: Turn, text: string, reason: string, state: 'Failed' | 'Fulfilled' = 'Failed'): LexResponse {
  turn.outcome ||= reason;
  return close(turn.intent, state, turn.say(text), turn.route('TransferToAgent', reason));
}

/**
 * Starts verification: sends a code to the number on file when the session already claims an
 * identity (Connect lookup or an earlier identifier), else asks for a phone or account number.
 * `pending` is remembered so the dialog can continue once the caller is verified.
 */
export async function beginVerification(turn: Turn, deps: HandlerDeps, pending?: { intent: string; accountType?: string }): Promise<LexResponse> {
  turn.verified = false;
  if (pending) {
    turn.attrs[PENDING_INTENT] = pending.intent;
    if (pending.accountType) turn.attrs[PENDING_ACCOUNT_TYPE] = pending.accountType;
    else delete turn.attrs[PENDING_ACCOUNT_TYPE];
  }
  const claim = await deps.verification.claimedIdentity(turn.sessionId, [turn.lexSessionId, turn.attrs.contactId]);
  if (!claim) {
    turn.outcome = 'ask_identifier';
    return askPasscode(turn, [turn.m.askIdentifier]);
  }
  // The same words whether or not the caller's number matched a customer (a decoy claim sends nothing).
  const said = claim.fromContact ? turn.m.codeSentToCaller : turn.m.codeSentIfKnown;
  return sendAndAsk(turn, deps, claim.record, said);
}

/**
 * Sends a code for `claim` and asks for it with `said`; limits and failures transfer to an agent.
 * `known` is the session's challenge when the caller already read it (null: none).
 */
export async function sendAndAsk(turn: Turn, deps: HandlerDeps, claim: SessionRecord, said: string, known?: Challenge | null): Promise<LexResponse> {
  turn.verified = false;
  let r;
  try {
    r = await deps.verification.sendCode(turn.sessionId, claim, turn.m, known);
  } catch (e) {
    deps.logger.error('passcode send failed', { errorName: (e as Error)?.name ?? 'Error' });
    return transfer(turn, turn.m.verificationUnavailable, 'verificationUnavailable');
  }
  switch (r) {
    case 'sent':
      turn.outcome = 'otp_sent';
      return askPasscode(turn, [said]);
    case 'no-identity':
      turn.outcome = 'ask_identifier';
      return askPasscode(turn, [turn.m.askIdentifier]);
    case 'rate-limited':
      return transfer(turn, turn.m.sendLimit, 'otpSendLimit');
    case 'locked':
      return transfer(turn, turn.m.lockedOut, 'otpLockout');
    case 'unavailable':
      return transfer(turn, turn.m.verificationUnavailable, 'verificationUnavailable');
  }
}
