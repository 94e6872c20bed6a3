/**
 * In-memory stores with the same semantics as the DynamoDB ones: every check-and-write happens
 * without an `await` in between, which is what a conditional write guarantees on DynamoDB. For
 * cheap local runs (property tests, the emulator's unit tests); the same behaviour suite runs
 * against both implementations (tests/fulfillment/stores.test.ts). Not used by the Lambdas.
 * @module
 */
import type { Challenge, ContactRecord, CountAttemptResult, Customer, CustomerRef, CustomerStore, EventLimit, SessionRecord, StateStore } from './types.js';

export class MemoryCustomerStore implements CustomerStore {
  private readonly byId = new Map<string, Customer>();
  private readonly byPhone = new Map<string, string>();
  private readonly byAccount = new Map<string, string>();

  constructor(customers: Customer[]) {
    for (const c of customers) {
      this.byId.set(c.customerId, structuredClone(c));
      this.byPhone.set(c.phone, c.customerId);
      for (const a of c.accounts) this.byAccount.set(a.number, c.customerId);
    }
  }

  async getCustomer(customerId: string): Promise<Customer | undefined> {
    const c = this.byId.get(customerId);
    return c ? structuredClone(c) : undefined;
  }

  async findByPhone(e164: string): Promise<CustomerRef | undefined> {
    return this.ref(this.byPhone.get(e164));
  }

  async findByAccountNumber(number: string): Promise<CustomerRef | undefined> {
    return this.ref(this.byAccount.get(number));
  }

  private ref(id: string | undefined): CustomerRef | undefined {
    const c = id ? this.byId.get(id) : undefined;
    return c ? { customerId: c.customerId, phone: c.phone } : undefined;
  }
}

export class MemoryStateStore implements StateStore {
  private readonly sessions = new Map<string, SessionRecord>();
  private readonly challenges = new Map<string, Challenge>();
  private readonly sends = new Map<string, number[]>();
  private readonly contacts = new Map<string, ContactRecord>();

  async getSession(sessionId: string): Promise<SessionRecord | undefined> {
    const s = this.sessions.get(sessionId);
    return s ? { ...s } : undefined;
  }

  async putIdentity(sessionId: string, claim: { customerId?: string; phone?: string; decoy: boolean }, now: number, ttlMs: number): Promise<void> {
    this.writeIdentity(sessionId, claim, now, ttlMs, this.sessions.get(sessionId)?.identifyAttempts ?? 0);
  }

  async claimIdentifier(sessionId: string, claim: { customerId?: string; phone?: string; decoy: boolean }, now: number, ttlMs: number, maxIdentifiers: number): Promise<number | undefined> {
    const attempts = this.sessions.get(sessionId)?.identifyAttempts ?? 0;
    if (attempts >= maxIdentifiers) return undefined;
    this.writeIdentity(sessionId, claim, now, ttlMs, attempts + 1); // no await between check and write
    return attempts + 1;
  }

  private writeIdentity(sessionId: string, claim: { customerId?: string; phone?: string; decoy: boolean }, now: number, ttlMs: number, identifyAttempts: number): void {
    const rec: SessionRecord = { sessionId, decoy: claim.decoy, verified: false, identifyAttempts, expiresAt: now + ttlMs };
    if (claim.customerId && claim.phone) Object.assign(rec, { customerId: claim.customerId, phone: claim.phone });
    this.sessions.set(sessionId, rec);
  }

  async markVerified(sessionId: string, customerId: string, now: number, ttlMs: number): Promise<boolean> {
    const s = this.sessions.get(sessionId);
    if (!s || s.customerId !== customerId || s.decoy) return false;
    this.sessions.set(sessionId, { ...s, verified: true, expiresAt: now + ttlMs });
    return true;
  }

  async getChallenge(sessionId: string): Promise<Challenge | undefined> {
    const c = this.challenges.get(sessionId);
    return c ? { ...c } : undefined;
  }

  async putChallenge(c: Omit<Challenge, 'attempts' | 'rejected' | 'used'>, maxAttempts: number): Promise<boolean> {
    const prev = this.challenges.get(c.sessionId);
    if (prev && prev.attempts >= maxAttempts) return false;
    this.challenges.set(c.sessionId, { ...c, attempts: prev?.attempts ?? 0, rejected: prev?.rejected ?? 0, used: false });
    return true;
  }

  async countAttempt(sessionId: string, maxAttempts: number, now: number): Promise<CountAttemptResult> {
    const c = this.challenges.get(sessionId);
    if (!c) return { counted: false };
    if (c.attempts < maxAttempts && !c.used && c.expiresAt > now) {
      c.attempts += 1;
      return { counted: true, challenge: { ...c } };
    }
    c.rejected += 1;
    return { counted: false, challenge: { ...c } };
  }

  async consumeChallenge(sessionId: string, codeHash: string): Promise<boolean> {
    const c = this.challenges.get(sessionId);
    if (!c || c.used || c.codeHash !== codeHash) return false;
    c.used = true;
    return true;
  }

  async reserveSend(phone: string, now: number, maxSends: number, windowMs: number): Promise<boolean> {
    return this.reserveEvent(`RATE#${phone}`, now, [{ max: maxSends, windowMs }]);
  }

  async reserveEvent(key: string, now: number, limits: readonly EventLimit[]): Promise<boolean> {
    const longest = Math.max(...limits.map((l) => l.windowMs));
    const recent = (this.sends.get(key) ?? []).filter((t) => t > now - longest);
    if (limits.some((l) => recent.filter((t) => t > now - l.windowMs).length >= l.max)) return false;
    this.sends.set(key, [...recent, now]);
    return true;
  }

  async countEvents(key: string, now: number, windowMs: number): Promise<number> {
    return (this.sends.get(key) ?? []).filter((t) => t > now - windowMs).length;
  }

  async putContact(rec: Omit<ContactRecord, 'boundSession' | 'expiresAt'>, now: number, ttlMs: number): Promise<void> {
    this.contacts.set(rec.contactId, { ...rec, expiresAt: now + ttlMs });
  }

  async claimContact(contactId: string, sessionId: string, now: number): Promise<ContactRecord | undefined> {
    const c = this.contacts.get(contactId);
    if (!c || c.expiresAt <= now || (c.boundSession && c.boundSession !== sessionId)) return undefined;
    c.boundSession = sessionId;
    return { ...c };
  }
}
