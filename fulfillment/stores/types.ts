/**
 * Store interfaces. Implementations: `dynamodb.ts` (AWS DynamoDB, and dynalite locally — the same
 * code against another endpoint).
 * @module
 */
import type { AccountType, Locale } from '../messages/types.js';

export interface Account {
  type: AccountType;
  /** The account number (digits). Never logged, never spoken in full. */
  number: string;
  /** Current balance in minor units (cents); for a credit card, the amount owed. Never logged. */
  balanceCents: number;
  /** ISO 4217 currency code. */
  currency: string;
}

export interface Customer {
  customerId: string;
  firstName: string;
  lastName: string;
  /** The phone number on file, E.164. One-time passcodes go only here. */
  phone: string;
  preferredLocale: Locale;
  vip: boolean;
  accounts: Account[];
}

/** Who a phone or account number belongs to: enough to send a passcode, nothing to read. */
export interface CustomerRef {
  customerId: string;
  /** The number on file (E.164). */
  phone: string;
}

/** Customers and their accounts (read-only for the Lambdas). */
export interface CustomerStore {
  getCustomer(customerId: string): Promise<Customer | undefined>;
  /** The customer whose number on file is `e164` (one read of a lookup item). */
  findByPhone(e164: string): Promise<CustomerRef | undefined>;
  /** The customer who holds account `number` (one read of a lookup item). */
  findByAccountNumber(number: string): Promise<CustomerRef | undefined>;
}

/** Server-side state of one Lex session: who the caller claims to be, and whether an OTP proved it. */
export interface SessionRecord {
  sessionId: string;
  /** Claimed customer (from the Connect lookup or an identifier the chatter gave); not proof of anything. */
  customerId?: string;
  /** The number on file of the claimed customer (E.164). */
  phone?: string;
  /** True when the identifier matched no customer: the dialog continues identically, but nothing is sent and nothing can verify. */
  decoy: boolean;
  /** Set only by a correct, unexpired, unused passcode (see security/verification.ts). */
  verified: boolean;
  identifyAttempts: number;
  /** Epoch ms after which the record is ignored. */
  expiresAt: number;
}

/** The pending passcode of a session. */
export interface Challenge {
  sessionId: string;
  customerId: string;
  phone: string;
  /** HMAC-SHA256 of the code (hex); the code itself is never stored. */
  codeHash: string;
  /** Epoch ms; checked in code on every attempt (the table's TTL only cleans up later). */
  expiresAt: number;
  /** Attempts counted (≤ max, enforced by a conditional update). */
  attempts: number;
  /** Attempts refused because the challenge was locked, used or expired. */
  rejected: number;
  used: boolean;
  decoy: boolean;
}

/** What the Connect lookup Lambda learned about a contact, for the Lex code hook of the same contact. */
export interface ContactRecord {
  contactId: string;
  customerId: string;
  phone: string;
  /** True when the number matched no customer: the dialog is the same, nothing is sent, nothing verifies. */
  decoy?: boolean;
  /** The Lex session that first used this record; no other session can. */
  boundSession?: string;
  expiresAt: number;
}

/** A sliding-window limit: at most `max` events per `windowMs`. */
export interface EventLimit {
  max: number;
  windowMs: number;
}

export type CountAttemptResult = { counted: true; challenge: Challenge } | { counted: false; challenge?: Challenge };

/** Verification, rate-limit and contact state (one DynamoDB table with a TTL attribute). */
export interface StateStore {
  getSession(sessionId: string): Promise<SessionRecord | undefined>;
  /** Records a claimed identity (or a decoy) for the session and clears `verified`. Keeps `identifyAttempts`. */
  putIdentity(sessionId: string, claim: { customerId?: string; phone?: string; decoy: boolean }, now: number, ttlMs: number): Promise<void>;
  /**
   * The same for an identifier the caller gave, counted: in one conditional write, increments
   * `identifyAttempts` and records the claim, only while fewer than `maxIdentifiers` were given.
   * Returns the new count, or undefined when the limit was already reached (nothing written).
   */
  claimIdentifier(sessionId: string, claim: { customerId?: string; phone?: string; decoy: boolean }, now: number, ttlMs: number, maxIdentifiers: number): Promise<number | undefined>;
  /** Marks the session verified, only if its claimed customer is `customerId` and it is not a decoy. */
  markVerified(sessionId: string, customerId: string, now: number, ttlMs: number): Promise<boolean>;

  getChallenge(sessionId: string): Promise<Challenge | undefined>;
  /**
   * Creates or replaces the session's challenge with a new code hash. The attempts counter carries
   * over (a resend does not buy more guesses). False when the challenge is locked (attempts ≥ max).
   */
  putChallenge(c: Omit<Challenge, 'attempts' | 'rejected' | 'used'>, maxAttempts: number, now: number): Promise<boolean>;
  /** Counts one attempt atomically, only while the challenge is open (attempts < max, unused, unexpired). */
  countAttempt(sessionId: string, maxAttempts: number, now: number): Promise<CountAttemptResult>;
  /** Marks the challenge used; true for exactly one caller, and only while it still holds `codeHash`. */
  consumeChallenge(sessionId: string, codeHash: string): Promise<boolean>;

  /** Reserves one SMS to `phone`; false when `maxSends` were already sent in the last `windowMs`. */
  reserveSend(phone: string, now: number, maxSends: number, windowMs: number): Promise<boolean>;

  /**
   * Reserves one event under `key` (e.g. `SEND#+1202…`, `GUESS#C-1001`), atomically, only while
   * every limit holds: fewer than `max` events in the last `windowMs` for each of `limits`.
   * Sliding windows across sessions and channels; false (nothing written) when a limit is reached.
   */
  reserveEvent(key: string, now: number, limits: readonly EventLimit[]): Promise<boolean>;
  /** How many events `key` had in the last `windowMs`. */
  countEvents(key: string, now: number, windowMs: number): Promise<number>;

  putContact(rec: Omit<ContactRecord, 'boundSession' | 'expiresAt'>, now: number, ttlMs: number): Promise<void>;
  /** The contact record, bound to `sessionId` on first use; undefined when absent, expired or bound to another session. */
  claimContact(contactId: string, sessionId: string, now: number): Promise<ContactRecord | undefined>;
}
