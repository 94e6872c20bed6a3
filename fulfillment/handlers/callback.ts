/**
 * RequestCallback: a queued callback to a number the policy allows, that the caller holds, within
 * the per-number and per-session limits; never a promised time.
 *
 * - The number: valid in libphonenumber's full metadata, in an allowed country (default US and CA),
 *   not premium-rate or shared-cost (security/callback-number.ts). Checked in the dialog code hook
 *   as soon as the slot is filled, and again at fulfillment (slot values are client-set).
 * - Whose number: the verified caller's own number on file is queued at once; any other number gets
 *   a code texted to it first (the passcode dialog: `VerifyIdentity.Passcode` with
 *   `pendingIntent=RequestCallback`), so nobody can have us call a third party.
 * - Limits: {@link CallbackPolicy.maxPerNumber} per number and {@link CallbackPolicy.maxPerSession}
 *   per Lex session per 24 h, in the state table beside the lock-out counters (`CALLBACK#<e164>`,
 *   `CALLBACKSESSION#<session id>`); the texted code counts against the number's SMS limits.
 * - Time: a queued callback in Amazon Connect is dialled when an agent is free, so the bot says
 *   "when an agent is available"; a time the caller asked for is answered plainly: it can't be
 *   scheduled (https://docs.aws.amazon.com/connect/latest/adminguide/setup-queued-callback.html).
 * @module
 */
import { formatCountries } from '../messages/index.js';
import { close, delegate, elicitSlot, type LexResponse } from '../lex/response.js';
import type { Turn } from '../lex/turn.js';
import { checkCallbackNumber } from '../security/callback-number.js';
import { lastDigits } from '../security/mask.js';
import { mentions } from '../security/text.js';
import { Verification } from '../security/verification.js';
import type { HandlerDeps } from './deps.js';
import { PENDING_INTENT, askPasscode, transfer } from './verify-dialog.js';

export const REQUEST_CALLBACK = 'RequestCallback';
const NUMBER_SLOT = 'CallbackNumber';
const TIME_SLOT = 'CallbackTime';

const numberKey = (e164: string) => `CALLBACK#${e164}`;
const sessionKey = (sessionId: string) => `CALLBACKSESSION#${sessionId}`;

/** RequestCallback (dialog and fulfillment code hooks). */
export async function requestCallback(turn: Turn, deps: HandlerDeps): Promise<LexResponse> {
  const m = turn.m;
  if (turn.intent.confirmationState === 'Denied') {
    turn.outcome = 'callback_declined';
    // In the dialog hook, Lex plays the bot's declination response and ends the intent itself.
    if (turn.source === 'DialogCodeHook') return delegate(turn.intent, turn.attrs);
    return close(turn.intent, 'Failed', turn.say(m.callbackDeclined), turn.attrs);
  }
  const raw = turn.slot(NUMBER_SLOT);
  // Missing: let Lex prompt with the bot's own prompt.
  if (!raw) return elicitSlot({ name: turn.intent.name, slots: turn.intent.slots }, NUMBER_SLOT, [], turn.attrs);
  const checked = checkCallbackNumber(raw, m.phoneCountry, deps.callbackPolicy);
  if (!checked.ok) {
    turn.outcome = `callback_${checked.reason}`;
    const said = checked.reason === 'country' ? m.callbackCountry(formatCountries(m, deps.callbackPolicy.allowedCountries)) : checked.reason === 'premium' ? m.callbackPremium : m.callbackInvalidNumber;
    return elicitSlot({ name: turn.intent.name, slots: { ...turn.intent.slots, [NUMBER_SLOT]: null } }, NUMBER_SLOT, turn.say(said), turn.attrs);
  }
  // The number is acceptable: Lex confirms it with the bot's confirmation prompt.
  if (turn.source === 'DialogCodeHook') return delegate(turn.intent, turn.attrs);

  const lead = turn.slot(TIME_SLOT) ? [m.callbackNoTime] : [];
  if (!(await withinLimits(deps, turn.sessionId, checked.e164))) {
    turn.outcome = 'callback_limit';
    return close(turn.intent, 'Failed', turn.say(...lead, m.callbackLimit), turn.attrs);
  }
  const customer = await deps.verification.verifiedCustomer(turn.sessionId);
  turn.verified = !!customer;
  if (customer?.phone === checked.e164) return queue(turn, deps, checked.e164, lead);

  // Anyone else's number (or an unverified caller's): prove holding it with a texted code.
  let sent;
  try {
    sent = await deps.verification.sendNumberCode(turn.sessionId, checked.e164, m);
  } catch (e) {
    deps.logger.error('callback code send failed', { errorName: (e as Error)?.name ?? 'Error' });
    return transfer(turn, m.verificationUnavailable, 'verificationUnavailable');
  }
  switch (sent) {
    case 'sent':
      turn.outcome = 'callback_code_sent';
      turn.attrs[PENDING_INTENT] = REQUEST_CALLBACK;
      return askPasscode(turn, [...lead, m.callbackCodeSent]);
    case 'rate-limited':
      return transfer(turn, m.sendLimit, 'otpSendLimit');
    case 'locked':
      return transfer(turn, m.callbackNumberLocked, 'otpLockout');
    case 'unavailable':
      return transfer(turn, m.verificationUnavailable, 'verificationUnavailable');
  }
}

/**
 * The passcode step of a callback to a number that had to be proven (called by VerifyIdentity while
 * `pendingIntent=RequestCallback`). Undefined when the session has no open number challenge, so a
 * client-set `pendingIntent` changes nothing: the identity dialog goes on.
 */
export async function callbackPasscodeStep(turn: Turn, deps: HandlerDeps): Promise<LexResponse | undefined> {
  const m = turn.m;
  const challenge = await deps.verification.numberChallenge(turn.sessionId);
  if (!challenge) {
    delete turn.attrs[PENDING_INTENT];
    return undefined;
  }
  turn.verified = await deps.verification.isVerified(turn.sessionId);
  if (mentions(turn.transcript, m.resendWords)) return resend(turn, deps, challenge.phone, m.codeResent);
  const code = Verification.codeIn(turn.transcript, turn.slot('Passcode'), m);
  if (!code) {
    turn.outcome = 'otp_format';
    return askPasscode(turn, [m.codeFormat]);
  }
  const r = await deps.verification.checkNumberCode(turn.sessionId, code);
  switch (r.outcome) {
    case 'verified':
      delete turn.attrs[PENDING_INTENT];
      if (!(await withinLimits(deps, turn.sessionId, r.phone))) {
        turn.outcome = 'callback_limit';
        return close({ name: REQUEST_CALLBACK, slots: {} }, 'Failed', turn.say(m.callbackLimit), turn.attrs);
      }
      return queue(turn, deps, r.phone, []);
    case 'wrong':
      turn.outcome = 'otp_wrong';
      return askPasscode(turn, [m.codeWrong(r.remaining)]);
    case 'expired':
      return resend(turn, deps, challenge.phone, m.codeExpiredResent);
    case 'locked':
    case 'no-challenge':
      delete turn.attrs[PENDING_INTENT];
      return transfer(turn, m.callbackNumberLocked, 'otpLockout');
    case 'unavailable':
      return transfer(turn, m.verificationUnavailable, 'verificationUnavailable');
  }
}

async function resend(turn: Turn, deps: HandlerDeps, phone: string, said: string): Promise<LexResponse> {
  const r = await deps.verification.sendNumberCode(turn.sessionId, phone, turn.m);
  if (r === 'sent') {
    turn.outcome = 'otp_sent';
    return askPasscode(turn, [said]);
  }
  delete turn.attrs[PENDING_INTENT];
  if (r === 'rate-limited') return transfer(turn, turn.m.sendLimit, 'otpSendLimit');
  if (r === 'locked') return transfer(turn, turn.m.callbackNumberLocked, 'otpLockout');
  return transfer(turn, turn.m.verificationUnavailable, 'verificationUnavailable');
}

/** Both limits still allow a callback (read before a code is texted, so a refused callback costs no SMS). */
async function withinLimits(deps: HandlerDeps, sessionId: string, e164: string): Promise<boolean> {
  const { maxPerNumber, maxPerSession, windowMs } = deps.callbackPolicy;
  const now = deps.now();
  const [perNumber, perSession] = await Promise.all([deps.state.countEvents(numberKey(e164), now, windowMs), deps.state.countEvents(sessionKey(sessionId), now, windowMs)]);
  return perNumber < maxPerNumber && perSession < maxPerSession;
}

/** Reserves the callback against both limits (atomically per key) and closes with `nextAction=ScheduleCallback`. */
async function queue(turn: Turn, deps: HandlerDeps, e164: string, lead: string[]): Promise<LexResponse> {
  const { maxPerNumber, maxPerSession, windowMs } = deps.callbackPolicy;
  const now = deps.now();
  const intent = turn.intent.name === REQUEST_CALLBACK ? turn.intent : { name: REQUEST_CALLBACK, slots: {} };
  if (!(await deps.state.reserveEvent(sessionKey(turn.sessionId), now, [{ max: maxPerSession, windowMs }])) || !(await deps.state.reserveEvent(numberKey(e164), now, [{ max: maxPerNumber, windowMs }]))) {
    turn.outcome = 'callback_limit';
    return close(intent, 'Failed', turn.say(...lead, turn.m.callbackLimit), turn.attrs);
  }
  turn.outcome = 'callback';
  return close(intent, 'Fulfilled', turn.say(...lead, turn.m.callbackQueued(lastDigits(e164))), turn.route('ScheduleCallback', undefined, { callbackNumber: e164 }));
}
