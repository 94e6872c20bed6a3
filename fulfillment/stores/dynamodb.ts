/**
 * DynamoDB implementations of the stores (AWS, and dynalite locally through the same code).
 *
 * Tables (see tables.ts): CUSTOMERS (`pk`: `CUSTOMER#<id>`, plus lookup items `PHONE#<e164>` and
 * `ACCOUNTNO#<number>` holding `customerId`) and STATE (`pk`: `SESSION#<lex session id>`,
 * `OTP#<lex session id>`, `RATE#<e164>`, `CONTACT#<connect contact id>`; TTL attribute `ttl` in epoch
 * seconds). Every security decision is a conditional write, so concurrent Lambdas cannot race past a
 * limit (https://docs.aws.amazon.com/amazondynamodb/latest/developerguide/Expressions.ConditionExpressions.html).
 * @module
 */
import {
  ConditionalCheckFailedException,
  GetItemCommand,
  PutItemCommand,
  UpdateItemCommand,
  type AttributeValue,
  type DynamoDBClient,
} from '@aws-sdk/client-dynamodb';
import { isLocale, type AccountType } from '../messages/index.js';
import { ACCOUNT_TYPES } from '../messages/types.js';
import { bool, fromItem, num, str, toAttr, toItem, type Json } from './attributes.js';
import type { Account, Challenge, ContactRecord, CountAttemptResult, Customer, CustomerRef, CustomerStore, EventLimit, SessionRecord, StateStore } from './types.js';

const ttlOf = (epochMs: number) => Math.ceil(epochMs / 1000);
const isConditionFailure = (e: unknown) => e instanceof ConditionalCheckFailedException || (e as { name?: string })?.name === 'ConditionalCheckFailedException';

/** Customers table access. */
export class DynamoCustomerStore implements CustomerStore {
  constructor(
    private readonly db: DynamoDBClient,
    private readonly table: string,
  ) {}

  async getCustomer(customerId: string): Promise<Customer | undefined> {
    const r = await this.db.send(new GetItemCommand({ TableName: this.table, Key: { pk: { S: `CUSTOMER#${customerId}` } } }));
    return r.Item ? toCustomer(fromItem(r.Item)) : undefined;
  }

  findByPhone(e164: string): Promise<CustomerRef | undefined> {
    return this.lookup(`PHONE#${e164}`);
  }

  findByAccountNumber(number: string): Promise<CustomerRef | undefined> {
    return this.lookup(`ACCOUNTNO#${number}`);
  }

  private async lookup(pk: string): Promise<CustomerRef | undefined> {
    const r = await this.db.send(new GetItemCommand({ TableName: this.table, Key: { pk: { S: pk } } }));
    const o = r.Item ? fromItem(r.Item) : undefined;
    const customerId = str(o?.customerId);
    const phone = str(o?.phone);
    return customerId && phone ? { customerId, phone } : undefined;
  }
}

function toCustomer(o: Record<string, Json>): Customer | undefined {
  const customerId = str(o.customerId);
  const phone = str(o.phone);
  if (!customerId || !phone) return undefined;
  const accounts: Account[] = [];
  for (const a of Array.isArray(o.accounts) ? o.accounts : []) {
    if (!a || typeof a !== 'object' || Array.isArray(a)) continue;
    const type = str(a.type);
    const number = str(a.number);
    const balanceCents = num(a.balanceCents);
    if (!type || !(ACCOUNT_TYPES as readonly string[]).includes(type) || !number || balanceCents === undefined) continue;
    accounts.push({ type: type as AccountType, number, balanceCents, currency: str(a.currency) ?? 'USD' });
  }
  const locale = str(o.preferredLocale);
  return {
    customerId,
    firstName: str(o.firstName) ?? '',
    lastName: str(o.lastName) ?? '',
    phone,
    preferredLocale: isLocale(locale) ? locale : 'en_US',
    vip: bool(o.vip),
    accounts,
  };
}

/** The items that represent `c` in the customers table: the customer and its lookup items. */
export function customerItems(c: Customer): Record<string, AttributeValue>[] {
  return [
    toItem({ pk: `CUSTOMER#${c.customerId}`, ...(c as unknown as Record<string, Json>) }),
    // Lookup items carry the number on file too, so identifying a caller is one read.
    toItem({ pk: `PHONE#${c.phone}`, customerId: c.customerId, phone: c.phone }),
    ...c.accounts.map((a) => toItem({ pk: `ACCOUNTNO#${a.number}`, customerId: c.customerId, phone: c.phone })),
  ];
}

/** State table access: sessions, passcode challenges, send rate limits, Connect contacts. */
export class DynamoStateStore implements StateStore {
  constructor(
    private readonly db: DynamoDBClient,
    private readonly table: string,
  ) {}

  private async get(pk: string): Promise<Record<string, Json> | undefined> {
    // Strongly consistent: a verification decision must see the latest write.
    const r = await this.db.send(new GetItemCommand({ TableName: this.table, Key: { pk: { S: pk } }, ConsistentRead: true }));
    return r.Item ? fromItem(r.Item) : undefined;
  }

  private async update(pk: string, expr: string, values: Record<string, Json>, condition?: string, names?: Record<string, string>): Promise<Record<string, Json> | undefined> {
    try {
      const r = await this.db.send(
        new UpdateItemCommand({
          TableName: this.table,
          Key: { pk: { S: pk } },
          UpdateExpression: expr,
          ExpressionAttributeValues: Object.fromEntries(Object.entries(values).map(([k, v]) => [k, toAttr(v)])),
          ...(names ? { ExpressionAttributeNames: names } : {}),
          ...(condition ? { ConditionExpression: condition } : {}),
          ReturnValues: 'ALL_NEW',
        }),
      );
      return r.Attributes ? fromItem(r.Attributes) : {};
    } catch (e) {
      if (condition && isConditionFailure(e)) return undefined;
      throw e;
    }
  }

  async getSession(sessionId: string): Promise<SessionRecord | undefined> {
    const o = await this.get(`SESSION#${sessionId}`);
    return o ? toSession(sessionId, o) : undefined;
  }

  async putIdentity(sessionId: string, claim: { customerId?: string; phone?: string; decoy: boolean }, now: number, ttlMs: number): Promise<void> {
    const { expr, values } = identityUpdate(claim, now, ttlMs);
    await this.update(`SESSION#${sessionId}`, `${expr.set}, identifyAttempts = if_not_exists(identifyAttempts, :zero)${expr.remove}`, { ...values, ':zero': 0 }, undefined, { '#ttl': 'ttl' });
  }

  async claimIdentifier(sessionId: string, claim: { customerId?: string; phone?: string; decoy: boolean }, now: number, ttlMs: number, maxIdentifiers: number): Promise<number | undefined> {
    const { expr, values } = identityUpdate(claim, now, ttlMs);
    const o = await this.update(
      `SESSION#${sessionId}`,
      `${expr.set}${expr.remove} ADD identifyAttempts :one`,
      { ...values, ':one': 1, ':max': maxIdentifiers },
      'attribute_not_exists(identifyAttempts) OR identifyAttempts < :max',
      { '#ttl': 'ttl' },
    );
    return o ? (num(o.identifyAttempts) ?? 1) : undefined;
  }

  async markVerified(sessionId: string, customerId: string, now: number, ttlMs: number): Promise<boolean> {
    const expiresAt = now + ttlMs;
    const o = await this.update(
      `SESSION#${sessionId}`,
      'SET verified = :t, verifiedAt = :now, expiresAt = :exp, #ttl = :ttl',
      { ':t': true, ':f': false, ':now': now, ':exp': expiresAt, ':ttl': ttlOf(expiresAt), ':cid': customerId },
      'customerId = :cid AND decoy = :f',
      { '#ttl': 'ttl' },
    );
    return o !== undefined;
  }

  async getChallenge(sessionId: string): Promise<Challenge | undefined> {
    const o = await this.get(`OTP#${sessionId}`);
    return o ? toChallenge(sessionId, o) : undefined;
  }

  async putChallenge(c: Omit<Challenge, 'attempts' | 'rejected' | 'used'>, maxAttempts: number, now: number): Promise<boolean> {
    const o = await this.update(
      `OTP#${c.sessionId}`,
      'SET customerId = :cid, phone = :phone, codeHash = :h, expiresAt = :exp, #ttl = :ttl, used = :f, decoy = :decoy, createdAt = :now, ' +
        'attempts = if_not_exists(attempts, :zero), rejected = if_not_exists(rejected, :zero)',
      {
        ':cid': c.customerId,
        ':phone': c.phone,
        ':h': c.codeHash,
        ':exp': c.expiresAt,
        // TTL only cleans up: DynamoDB deletes expired items "within a few days", so expiry is checked in code.
        ':ttl': ttlOf(c.expiresAt) + 3600,
        ':f': false,
        ':decoy': c.decoy,
        ':now': now,
        ':zero': 0,
        ':max': maxAttempts,
      },
      'attribute_not_exists(pk) OR attempts < :max',
      { '#ttl': 'ttl' },
    );
    return o !== undefined;
  }

  async countAttempt(sessionId: string, maxAttempts: number, now: number): Promise<CountAttemptResult> {
    const pk = `OTP#${sessionId}`;
    const o = await this.update(pk, 'SET attempts = attempts + :one', { ':one': 1, ':max': maxAttempts, ':f': false, ':now': now }, 'attribute_exists(pk) AND attempts < :max AND used = :f AND expiresAt > :now');
    if (o) return { counted: true, challenge: toChallenge(sessionId, o) };
    // Refused attempts are counted too, so every submission leaves a trace.
    const r = await this.update(pk, 'ADD rejected :one', { ':one': 1 }, 'attribute_exists(pk)');
    return r ? { counted: false, challenge: toChallenge(sessionId, r) } : { counted: false };
  }

  async consumeChallenge(sessionId: string, codeHash: string): Promise<boolean> {
    const o = await this.update(`OTP#${sessionId}`, 'SET used = :t', { ':t': true, ':f': false, ':h': codeHash }, 'used = :f AND codeHash = :h');
    return o !== undefined;
  }

  async reserveSend(phone: string, now: number, maxSends: number, windowMs: number): Promise<boolean> {
    return this.reserveEvent(`RATE#${phone}`, now, [{ max: maxSends, windowMs }]);
  }

  async countEvents(key: string, now: number, windowMs: number): Promise<number> {
    const o = await this.get(key);
    return (Array.isArray(o?.sentAt) ? o.sentAt : []).filter((t) => typeof t === 'number' && t > now - windowMs).length;
  }

  async reserveEvent(key: string, now: number, limits: readonly EventLimit[]): Promise<boolean> {
    // Sliding window with optimistic concurrency: read the recent event times, write them back with one
    // more only if nobody else wrote in between (version check), retry on a lost race.
    const pk = key;
    const windowMs = Math.max(...limits.map((l) => l.windowMs));
    for (let attempt = 0; attempt < 25; attempt++) {
      const o = await this.get(pk);
      const version = num(o?.version) ?? 0;
      const recent = (Array.isArray(o?.sentAt) ? o.sentAt : []).filter((t): t is number => typeof t === 'number' && t > now - windowMs);
      if (limits.some((l) => recent.filter((t) => t > now - l.windowMs).length >= l.max)) return false;
      const expiresAt = now + windowMs;
      try {
        await this.db.send(
          new PutItemCommand({
            TableName: this.table,
            Item: toItem({ pk, sentAt: [...recent, now], version: version + 1, expiresAt, ttl: ttlOf(expiresAt) }),
            ConditionExpression: o ? 'version = :v' : 'attribute_not_exists(pk)',
            ...(o ? { ExpressionAttributeValues: { ':v': { N: String(version) } } } : {}),
          }),
        );
        return true;
      } catch (e) {
        if (!isConditionFailure(e)) throw e;
        await new Promise((r) => setTimeout(r, Math.random() * 5));
      }
    }
    return false; // heavy contention on one number: refuse rather than risk exceeding the limit
  }

  async putContact(rec: Omit<ContactRecord, 'boundSession' | 'expiresAt'>, now: number, ttlMs: number): Promise<void> {
    const expiresAt = now + ttlMs;
    await this.db.send(
      new PutItemCommand({ TableName: this.table, Item: toItem({ pk: `CONTACT#${rec.contactId}`, customerId: rec.customerId, phone: rec.phone, decoy: rec.decoy === true, expiresAt, ttl: ttlOf(expiresAt) }) }),
    );
  }

  async claimContact(contactId: string, sessionId: string, now: number): Promise<ContactRecord | undefined> {
    const o = await this.update(
      `CONTACT#${contactId}`,
      'SET boundSession = :sid',
      { ':sid': sessionId, ':now': now },
      'attribute_exists(pk) AND expiresAt > :now AND (attribute_not_exists(boundSession) OR boundSession = :sid)',
    );
    if (!o) return undefined;
    const customerId = str(o.customerId);
    const phone = str(o.phone);
    if (bool(o.decoy)) return { contactId, customerId: '', phone: '', decoy: true, boundSession: sessionId, expiresAt: num(o.expiresAt) ?? 0 };
    return customerId && phone ? { contactId, customerId, phone, boundSession: sessionId, expiresAt: num(o.expiresAt) ?? 0 } : undefined;
  }
}

/** The SET/REMOVE parts that record a claim (or a decoy) and clear `verified`. */
function identityUpdate(claim: { customerId?: string; phone?: string; decoy: boolean }, now: number, ttlMs: number) {
  const expiresAt = now + ttlMs;
  const set = ['decoy = :decoy', 'verified = :f', 'expiresAt = :exp', '#ttl = :ttl'];
  const values: Record<string, Json> = { ':decoy': claim.decoy, ':f': false, ':exp': expiresAt, ':ttl': ttlOf(expiresAt) };
  let remove = '';
  if (claim.customerId && claim.phone) {
    set.push('customerId = :cid', 'phone = :phone');
    values[':cid'] = claim.customerId;
    values[':phone'] = claim.phone;
  } else remove = ' REMOVE customerId, phone';
  return { expr: { set: `SET ${set.join(', ')}`, remove }, values };
}

function toSession(sessionId: string, o: Record<string, Json>): SessionRecord {
  const customerId = str(o.customerId);
  const phone = str(o.phone);
  return {
    sessionId,
    ...(customerId ? { customerId } : {}),
    ...(phone ? { phone } : {}),
    decoy: bool(o.decoy),
    verified: bool(o.verified),
    identifyAttempts: num(o.identifyAttempts) ?? 0,
    expiresAt: num(o.expiresAt) ?? 0,
  };
}

function toChallenge(sessionId: string, o: Record<string, Json>): Challenge {
  return {
    sessionId,
    customerId: str(o.customerId) ?? '',
    phone: str(o.phone) ?? '',
    codeHash: str(o.codeHash) ?? '',
    expiresAt: num(o.expiresAt) ?? 0,
    attempts: num(o.attempts) ?? 0,
    rejected: num(o.rejected) ?? 0,
    used: bool(o.used),
    decoy: bool(o.decoy),
  };
}
