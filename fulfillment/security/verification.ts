/**
 * Identity verification with a one-time passcode sent by SMS to the number ON FILE.
 *
 * The only thing that can make a session verified is {@link Verification.checkCode} with the right
 * code: nothing the client sends (session or request attributes, slot values, session ids of other
 * conversations) is read as proof. Which number receives the code comes from the server side only:
 * a Connect lookup record for the contact, or the customer found for a phone or account number the
 * caller gave. Unknown identifiers get a "decoy" that behaves the same but sends nothing and can
 * never verify, so a chatter cannot tell which numbers are customers.
 *
 * Limits (each enforced by a conditional write in the state store, so concurrent Lambdas cannot race
 * past them): codes valid for 5 minutes, at most 3 counted attempts per challenge (a resend keeps the
 * count), single use, at most 3 sends per number per 15 minutes and 5 per 24 hours, at most 3
 * identifiers per session, and at most 10 guesses per customer per 24 hours across all sessions and
 * channels (then no code verifies and none is sent).
 * @module
 */
import type { SmsSender } from '../clients/sms.js';
import type { Messages } from '../messages/types.js';
import type { Challenge, Customer, CustomerStore, SessionRecord, StateStore } from '../stores/types.js';
import { codeMatches, generateCode, hashCode } from './otp-code.js';
import { toE164 } from './phone.js';
import { digitRun } from './text.js';

export interface OtpPolicy {
  /** How long a code is valid, ms (default 5 minutes). */
  codeTtlMs: number;
  /** Counted attempts per challenge before lock-out (default 3). */
  maxAttempts: number;
  /** Codes sent to one number per window (default 3)... */
  maxSends: number;
  /** ...in this sliding window, ms (default 15 minutes). */
  sendWindowMs: number;
  /** How long a verified session stays verified, ms (default 30 minutes). */
  verifiedTtlMs: number;
  /** How long an unverified identity claim is kept, ms (default 1 hour). */
  claimTtlMs: number;
  /** Identifiers (phone or account numbers) a session may try (default 3). */
  maxIdentifiers: number;
  /**
   * Passcode guesses one customer may face in `guessWindowMs`, across every session and channel
   * (default 10 per 24 h); then verification is locked for that customer and no code is sent.
   * NIST SP 800-63B §5.2.2 (rate limiting: at most 100 consecutive failures per account) and OWASP
   * ASVS 4.0 V2.2.1 (anti-automation, lock-out) ask for an account-level limit; per-session
   * counters alone let every new session guess again.
   * https://pages.nist.gov/800-63-3/sp800-63b.html#throttle
   * https://github.com/OWASP/ASVS/blob/v4.0.3/4.0/en/0x11-V2-Authentication.md
   */
  maxGuessesPerCustomer: number;
  guessWindowMs: number;
  /** Codes sent to one number per `sendDayMs` (default 5 per 24 h), on top of `maxSends` per `sendWindowMs`. */
  maxSendsPerDay: number;
  sendDayMs: number;
}

export const DEFAULT_OTP_POLICY: OtpPolicy = {
  codeTtlMs: 5 * 60_000,
  maxAttempts: 3,
  maxSends: 3,
  sendWindowMs: 15 * 60_000,
  verifiedTtlMs: 30 * 60_000,
  claimTtlMs: 60 * 60_000,
  maxIdentifiers: 3,
  maxGuessesPerCustomer: 10,
  guessWindowMs: 24 * 3600_000,
  maxSendsPerDay: 5,
  sendDayMs: 24 * 3600_000,
};

/** The challenge scope of a number-possession code: `#` never occurs in a Lex session id ([0-9a-zA-Z._:-]). */
const numberScope = (sessionId: string) => `${sessionId}#number`;

/**
 * Why an attempt was not counted: no live challenge (none, or already used), attempts used up, or
 * expired (`now` and `expiresAt` in ms since the epoch).
 */
function uncountedOutcome(c: Challenge | undefined, maxAttempts: number, now: number): 'no-challenge' | 'locked' | 'expired' {
  if (!c || c.used) return 'no-challenge';
  if (c.attempts >= maxAttempts) return 'locked';
  return c.expiresAt <= now ? 'expired' : 'locked';
}

/** State-table key of a customer's guess budget. */
export const guessKey = (customerId: string) => `GUESS#${customerId}`;

export interface VerificationDeps {
  state: StateStore;
  customers: CustomerStore;
  sms: SmsSender;
  /** OTP_HASH_KEY; undefined makes every verification step answer `unavailable` (fail closed). */
  hashKey: Buffer | undefined;
  now: () => number;
  policy: OtpPolicy;
}

/** Where a session's claimed identity came from. */
export type Claim = { record: SessionRecord; fromContact: boolean };

export type IdentifyResult = { outcome: 'claimed'; claim: SessionRecord } | { outcome: 'unparseable' } | { outcome: 'too-many' };
export type SendResult = 'sent' | 'rate-limited' | 'locked' | 'no-identity' | 'unavailable';
export type CheckResult =
  | { outcome: 'verified'; customerId: string }
  | { outcome: 'wrong'; remaining: number }
  | { outcome: 'locked' | 'expired' | 'no-challenge' | 'unavailable' };

/** The lengths that can be a phone or an account number (not a 6-digit code). */
const MIN_IDENTIFIER_DIGITS = 7;

export class Verification {
  constructor(private readonly d: VerificationDeps) {}

  /** The verified customer of the session (server-side record), or undefined. */
  async verifiedCustomer(sessionId: string): Promise<Customer | undefined> {
    const s = await this.d.state.getSession(sessionId);
    if (!s || !s.verified || s.decoy || !s.customerId || s.expiresAt <= this.d.now()) return undefined;
    return this.d.customers.getCustomer(s.customerId);
  }

  /** True when the session is verified (for the `verified` output attribute). */
  async isVerified(sessionId: string): Promise<boolean> {
    const s = await this.d.state.getSession(sessionId);
    return !!s && s.verified && !s.decoy && !!s.customerId && s.expiresAt > this.d.now();
  }

  /**
   * The identity the session claims: its own record, else a Connect lookup record for the contact
   * (looked up by `contactCandidates`: the Lex session id, which is the contact id on Connect voice,
   * and the contact id the flow put in a session attribute). A contact record is bound to the first
   * (bound) session that uses it, so a contact id copied into another session or channel finds nothing.
   */
  async claimedIdentity(sessionId: string, contactCandidates: readonly (string | undefined)[] = []): Promise<Claim | undefined> {
    const now = this.d.now();
    const s = await this.d.state.getSession(sessionId);
    if (s && s.expiresAt > now && (s.customerId || s.decoy)) return { record: s, fromContact: false };
    for (const contactId of new Set(contactCandidates.filter((x): x is string => !!x && x.length <= 256))) {
      const c = await this.d.state.claimContact(contactId, sessionId, now);
      if (!c) continue;
      const claim = c.decoy ? { decoy: true } : { customerId: c.customerId, phone: c.phone, decoy: false };
      await this.d.state.putIdentity(sessionId, claim, now, this.d.policy.claimTtlMs);
      return {
        record: { sessionId, ...claim, verified: false, identifyAttempts: s?.identifyAttempts ?? 0, expiresAt: now + this.d.policy.claimTtlMs },
        fromContact: true,
      };
    }
    return undefined;
  }

  /**
   * Reads a phone or account number from what the caller said and records the claim: the customer's
   * number on file when found, else a decoy. Every identifier counts towards the session's limit,
   * found or not, so the answers do not reveal which numbers exist.
   */
  async identify(sessionId: string, input: string, m: Messages): Promise<IdentifyResult> {
    const digits = digitRun(input, m.digitWords);
    if (digits.length < MIN_IDENTIFIER_DIGITS || digits.length > 17) return { outcome: 'unparseable' };
    const now = this.d.now();
    const { claimTtlMs, maxIdentifiers } = this.d.policy;
    const phone = toE164(input.includes('+') ? input.replace(/[^\d+]/g, '') : digits, m.phoneCountry);
    const found = (phone ? await this.d.customers.findByPhone(phone) : undefined) ?? (await this.d.customers.findByAccountNumber(digits));
    const claim = found ? { customerId: found.customerId, phone: found.phone, decoy: false } : { decoy: true };
    // Counting and recording are one conditional write: the 4th identifier changes nothing.
    const count = await this.d.state.claimIdentifier(sessionId, claim, now, claimTtlMs, maxIdentifiers);
    if (count === undefined) return { outcome: 'too-many' };
    return { outcome: 'claimed', claim: { sessionId, ...claim, verified: false, identifyAttempts: count, expiresAt: now + claimTtlMs } };
  }

  /**
   * Sends a new code to the claimed number on file (a decoy claim gets a challenge but no message).
   * `known` is the session's challenge if the caller just read it (null: known to be absent).
   */
  async sendCode(sessionId: string, claim: SessionRecord, m: Messages, known?: Challenge | null): Promise<SendResult> {
    const { hashKey, state, policy } = this.d;
    if (!hashKey) return 'unavailable';
    const now = this.d.now();
    // A locked session must not use up one of the number's sends (putChallenge re-checks the lock atomically).
    const existing = known === undefined ? await state.getChallenge(sessionId) : known;
    if (existing && existing.attempts >= policy.maxAttempts) return 'locked';
    const code = generateCode();
    const base = { sessionId, codeHash: hashCode(hashKey, sessionId, code), expiresAt: now + policy.codeTtlMs };
    if (claim.decoy || !claim.customerId || !claim.phone) {
      return (await state.putChallenge({ ...base, customerId: '', phone: '', decoy: true }, policy.maxAttempts, now)) ? 'sent' : 'locked';
    }
    // A customer locked by failed guesses gets no more texts (the lock holds across sessions).
    if ((await state.countEvents(guessKey(claim.customerId), now, policy.guessWindowMs)) >= policy.maxGuessesPerCustomer) return 'locked';
    const sendLimits = [
      { max: policy.maxSends, windowMs: policy.sendWindowMs },
      { max: policy.maxSendsPerDay, windowMs: policy.sendDayMs },
    ];
    if (!(await state.reserveEvent(`RATE#${claim.phone}`, now, sendLimits))) return 'rate-limited';
    if (!(await state.putChallenge({ ...base, customerId: claim.customerId, phone: claim.phone, decoy: false }, policy.maxAttempts, now))) return 'locked';
    await this.d.sms.send(claim.phone, m.smsCode(code));
    return 'sent';
  }

  /**
   * Checks a code. The attempt is counted (conditional increment, attempts < max) BEFORE the
   * comparison, so parallel guesses cannot exceed the limit; the match is constant-time; a match is
   * consumed with a conditional write so a code verifies at most once.
   */
  async checkCode(sessionId: string, code: string): Promise<CheckResult> {
    const { hashKey, state, policy } = this.d;
    if (!hashKey) return { outcome: 'unavailable' };
    const now = this.d.now();
    const counted = await state.countAttempt(sessionId, policy.maxAttempts, now);
    if (!counted.counted) return { outcome: uncountedOutcome(counted.challenge, policy.maxAttempts, now) };
    const c = counted.challenge;
    // The customer's guess budget is taken before the comparison (atomically, across sessions and
    // channels), so new sessions cannot buy fresh guesses and parallel ones cannot race past it.
    if (!c.decoy && c.customerId) {
      const budget = [{ max: policy.maxGuessesPerCustomer, windowMs: policy.guessWindowMs }];
      if (!(await state.reserveEvent(guessKey(c.customerId), now, budget))) return { outcome: 'locked' };
    }
    // Compare even for a decoy, so both paths do the same work.
    const match = codeMatches(hashKey, sessionId, code, c.codeHash) && !c.decoy;
    if (!match) {
      const remaining = policy.maxAttempts - c.attempts;
      return remaining > 0 ? { outcome: 'wrong', remaining } : { outcome: 'locked' };
    }
    if (!(await state.consumeChallenge(sessionId, c.codeHash))) return { outcome: 'no-challenge' };
    if (!(await state.markVerified(sessionId, c.customerId, now, policy.verifiedTtlMs))) return { outcome: 'unavailable' };
    return { outcome: 'verified', customerId: c.customerId };
  }

  /**
   * Proof that the caller holds a phone (a callback number that is not the verified caller's own):
   * a code texted to `phone`, in a challenge of its own (`OTP#<sessionId>#number`) so it never
   * touches the identity challenge, with the same limits (5-minute codes, 3 attempts, single use,
   * the number's sends per 15 minutes and per day). Holding a phone is not an identity: a correct
   * code never verifies the session.
   */
  async sendNumberCode(sessionId: string, phone: string, m: Messages): Promise<'sent' | 'rate-limited' | 'locked' | 'unavailable'> {
    const { hashKey, state, policy } = this.d;
    if (!hashKey) return 'unavailable';
    const now = this.d.now();
    const scope = numberScope(sessionId);
    const existing = await state.getChallenge(scope);
    if (existing && existing.attempts >= policy.maxAttempts) return 'locked';
    const sendLimits = [
      { max: policy.maxSends, windowMs: policy.sendWindowMs },
      { max: policy.maxSendsPerDay, windowMs: policy.sendDayMs },
    ];
    if (!(await state.reserveEvent(`RATE#${phone}`, now, sendLimits))) return 'rate-limited';
    const code = generateCode();
    const challenge = { sessionId: scope, customerId: '', phone, decoy: false, codeHash: hashCode(hashKey, scope, code), expiresAt: now + policy.codeTtlMs };
    if (!(await state.putChallenge(challenge, policy.maxAttempts, now))) return 'locked';
    await this.d.sms.send(phone, m.smsCode(code));
    return 'sent';
  }

  /** The session's open number challenge (see {@link sendNumberCode}), or undefined. */
  async numberChallenge(sessionId: string): Promise<Challenge | undefined> {
    const c = await this.d.state.getChallenge(numberScope(sessionId));
    return c && !c.used ? c : undefined;
  }

  /** Checks a code of {@link sendNumberCode}: counted before the comparison, constant-time, single use. */
  async checkNumberCode(sessionId: string, code: string): Promise<{ outcome: 'verified'; phone: string } | { outcome: 'wrong'; remaining: number } | { outcome: 'locked' | 'expired' | 'no-challenge' | 'unavailable' }> {
    const { hashKey, state, policy } = this.d;
    if (!hashKey) return { outcome: 'unavailable' };
    const now = this.d.now();
    const scope = numberScope(sessionId);
    const counted = await state.countAttempt(scope, policy.maxAttempts, now);
    if (!counted.counted) return { outcome: uncountedOutcome(counted.challenge, policy.maxAttempts, now) };
    const c = counted.challenge;
    if (!codeMatches(hashKey, scope, code, c.codeHash)) {
      const remaining = policy.maxAttempts - c.attempts;
      return remaining > 0 ? { outcome: 'wrong', remaining } : { outcome: 'locked' };
    }
    if (!(await state.consumeChallenge(scope, c.codeHash))) return { outcome: 'no-challenge' };
    return { outcome: 'verified', phone: c.phone };
  }

  /** The 6-digit code in what the caller said, or undefined. */
  static codeIn(input: string, slotValue: string | undefined, m: Messages): string | undefined {
    const fromInput = digitRun(input, m.digitWords);
    if (fromInput.length === 6) return fromInput;
    // AMAZON.Number drops leading zeros ("012345" → "12345").
    const s = slotValue?.replace(/\D/g, '') ?? '';
    if (s.length >= 4 && s.length <= 6 && fromInput.length <= 6) return s.padStart(6, '0');
    return undefined;
  }

  /** True when the input looks like a phone or account number rather than a code. */
  static looksLikeIdentifier(input: string, m: Messages): boolean {
    return digitRun(input, m.digitWords).length >= MIN_IDENTIFIER_DIGITS;
  }
}
