/**
 * VerifyIdentity: takes the caller's input (a code, "send a new code", or a phone/account number),
 * decides from SERVER state which step the caller is at, and continues what they asked for before
 * (CheckBalance) once verified.
 * @module
 */
import { close, elicitIntent, elicitSlot, type LexResponse } from '../lex/response.js';
import type { Turn } from '../lex/turn.js';
import { mentions, mentionsWords } from '../security/text.js';
import { Verification } from '../security/verification.js';
import type { Challenge, Customer } from '../stores/types.js';
import { ACCOUNT_TYPE_SLOT, CHECK_BALANCE, accountTypeOf, balanceResponse } from './account.js';
import { REQUEST_CALLBACK, callbackPasscodeStep } from './callback.js';
import type { HandlerDeps } from './deps.js';
import { PASSCODE_SLOT, PENDING_ACCOUNT_TYPE, PENDING_INTENT, askPasscode, beginVerification, sendAndAsk, transfer } from './verify-dialog.js';

/** VerifyIdentity (dialog and fulfillment code hooks): identifier, code, resend, lock-out; then what the caller asked for. */
export async function verifyIdentity(turn: Turn, deps: HandlerDeps): Promise<LexResponse> {
  const { verification } = deps;
  const m = turn.m;
  // An agent request always wins, whatever step the caller is at (issue 20).
  if (mentionsWords(turn.transcript, m.agentWords)) {
    turn.verified = await verification.isVerified(turn.sessionId);
    return transfer(turn, m.agent, 'requested', 'Fulfilled');
  }
  if (mentionsWords(turn.transcript, m.noPhoneWords)) return noPhone(turn, deps);
  // A code texted to a callback number (RequestCallback): checked against that number's challenge only.
  if (turn.attrs[PENDING_INTENT] === REQUEST_CALLBACK) {
    const r = await callbackPasscodeStep(turn, deps);
    if (r) return r;
  }
  const [already, challenge] = await Promise.all([verification.verifiedCustomer(turn.sessionId), deps.state.getChallenge(turn.sessionId)]);
  turn.verified = !!already;
  if (already) {
    turn.outcome = 'already_verified';
    return continueAfterVerification(turn, already, [m.alreadyVerified]);
  }

  const input = turn.transcript;
  if (challenge && !challenge.used) {
    if (mentions(input, m.resendWords)) {
      const claim = await verification.claimedIdentity(turn.sessionId, [turn.lexSessionId, turn.attrs.contactId]);
      return claim ? sendAndAsk(turn, deps, claim.record, m.codeResent, challenge) : beginVerification(turn, deps);
    }
    if (Verification.looksLikeIdentifier(input, m)) return identifyAndSend(turn, deps, challenge);
    const code = Verification.codeIn(input, turn.slot(PASSCODE_SLOT), m);
    if (!code) {
      turn.outcome = 'otp_format';
      return askPasscode(turn, [m.codeFormat]);
    }
    const r = await verification.checkCode(turn.sessionId, code);
    switch (r.outcome) {
      case 'verified': {
        const customer = await deps.customers.getCustomer(r.customerId);
        if (!customer) return transfer(turn, m.verificationUnavailable, 'verificationUnavailable');
        turn.verified = true;
        turn.outcome = 'verified';
        return continueAfterVerification(turn, customer, [m.verified(customer.firstName)]);
      }
      case 'wrong':
        turn.outcome = 'otp_wrong';
        return askPasscode(turn, [m.codeWrong(r.remaining)]);
      case 'locked':
        return transfer(turn, m.lockedOut, 'otpLockout');
      case 'expired': {
        const claim = await verification.claimedIdentity(turn.sessionId, [turn.lexSessionId, turn.attrs.contactId]);
        return claim ? sendAndAsk(turn, deps, claim.record, m.codeExpiredResent) : beginVerification(turn, deps);
      }
      case 'no-challenge':
        return beginVerification(turn, deps);
      case 'unavailable':
        return transfer(turn, m.verificationUnavailable, 'verificationUnavailable');
    }
  }
  if (Verification.looksLikeIdentifier(input, m)) return identifyAndSend(turn, deps, challenge ?? null);
  return beginVerification(turn, deps);
}

/** The caller can't receive the code: offer an agent (who can verify another way) or questions that need no account. */
async function noPhone(turn: Turn, deps: HandlerDeps): Promise<LexResponse> {
  turn.verified = await deps.verification.isVerified(turn.sessionId);
  turn.outcome = 'no_phone';
  delete turn.attrs[PENDING_INTENT];
  delete turn.attrs[PENDING_ACCOUNT_TYPE];
  return elicitIntent(turn.say1(turn.m.noPhone), turn.attrs);
}

/** Looks up the phone or account number the caller gave and sends a code to the number on file (or a decoy). */
async function identifyAndSend(turn: Turn, deps: HandlerDeps, challenge: Challenge | null): Promise<LexResponse> {
  const m = turn.m;
  const r = await deps.verification.identify(turn.sessionId, turn.transcript, m);
  if (r.outcome === 'too-many') return transfer(turn, m.tooManyIdentifiers, 'identifyLimit');
  if (r.outcome === 'unparseable') {
    turn.outcome = 'identifier_unparsed';
    return askPasscode(turn, [m.identifierNotUnderstood]);
  }
  // The same words whether or not the identifier matched a customer.
  return sendAndAsk(turn, deps, r.claim, m.codeSentIfKnown, challenge);
}

/** After verification: the balance the caller asked for before, or "what can I help you with?". */
function continueAfterVerification(turn: Turn, customer: Customer, lead: string[]): LexResponse {
  const pending = turn.attrs[PENDING_INTENT];
  const type = accountTypeOf(turn.attrs[PENDING_ACCOUNT_TYPE]);
  delete turn.attrs[PENDING_INTENT];
  delete turn.attrs[PENDING_ACCOUNT_TYPE];
  if (pending === CHECK_BALANCE) {
    if (type) return balanceResponse(turn, customer, type, lead);
    return elicitSlot({ name: CHECK_BALANCE, slots: { [ACCOUNT_TYPE_SLOT]: null } }, ACCOUNT_TYPE_SLOT, turn.say(...lead, turn.m.whichAccount), turn.attrs);
  }
  if (turn.source === 'FulfillmentCodeHook') return close(turn.intent, 'Fulfilled', turn.say(...lead), turn.attrs);
  const [first = turn.m.whatNext, ...rest] = [...lead, turn.m.whatNext];
  return elicitIntent(turn.say1(first, ...rest), turn.attrs);
}
