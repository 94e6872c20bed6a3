/**
 * One behaviour suite for both StateStore/CustomerStore implementations: DynamoDB (through the real
 * SDK against dynalite) and the in-memory one used for cheap runs. If the two ever disagree, the
 * property test's backend would not be representative.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { LocalHandlers } from '../../fulfillment/local.js';
import { loadCustomers } from '../../fulfillment/local.js';
import { DynamoCustomerStore, DynamoStateStore } from '../../fulfillment/stores/dynamodb.js';
import { MemoryCustomerStore, MemoryStateStore } from '../../fulfillment/stores/memory.js';
import type { CustomerStore, StateStore } from '../../fulfillment/stores/types.js';
import { localHandlers } from './helpers.js';

let h: LocalHandlers;
beforeAll(async () => {
  h = await localHandlers();
});
afterAll(() => h.close());

const T = 1_800_000_000_000;
const implementations: [string, () => Promise<{ state: StateStore; customers: CustomerStore }>][] = [
  ['dynamodb (dynalite)', async () => ({ state: new DynamoStateStore(h.dynamodb.client, h.dynamodb.stateTable), customers: new DynamoCustomerStore(h.dynamodb.client, h.dynamodb.customersTable) })],
  ['memory', async () => ({ state: new MemoryStateStore(), customers: new MemoryCustomerStore(await loadCustomers()) })],
];

describe.each(implementations)('%s', (name, make) => {
  const sid = (s: string) => `${name}-${s}`;

  it('customers: by id, by phone on file, by account number; unknown → undefined', async () => {
    const { customers } = await make();
    const avery = await customers.getCustomer('C-1001');
    expect(avery).toMatchObject({ firstName: 'Avery', phone: '+12025550143', preferredLocale: 'en_US', vip: false });
    expect(avery?.accounts.map((a) => a.type)).toEqual(['checking', 'savings', 'credit card']);
    expect(await customers.findByPhone('+12025550143')).toEqual({ customerId: 'C-1001', phone: '+12025550143' });
    expect(await customers.findByAccountNumber('4001004003')).toEqual({ customerId: 'C-1003', phone: '+15145550123' });
    expect(await customers.findByPhone('+19995550000')).toBeUndefined();
    expect(await customers.findByAccountNumber('1')).toBeUndefined();
    expect(await customers.getCustomer('nope')).toBeUndefined();
  });

  it('sessions: identity claims, identifier counting, verification only for the claimed customer', async () => {
    const { state } = await make();
    expect(await state.getSession(sid('s'))).toBeUndefined();
    expect(await state.claimIdentifier(sid('s'), { decoy: true }, T, 1000, 3)).toBe(1);
    expect(await state.getSession(sid('s'))).toMatchObject({ decoy: true, verified: false, identifyAttempts: 1 });
    expect(await state.claimIdentifier(sid('s'), { customerId: 'C-1', phone: '+1', decoy: false }, T, 1000, 3)).toBe(2);
    expect(await state.getSession(sid('s'))).toMatchObject({ customerId: 'C-1', phone: '+1', decoy: false, verified: false, identifyAttempts: 2 });
    expect(await state.claimIdentifier(sid('s'), { customerId: 'C-1', phone: '+1', decoy: false }, T, 1000, 2)).toBeUndefined(); // limit reached: nothing written
    expect(await state.markVerified(sid('s'), 'C-2', T, 1000)).toBe(false);
    expect(await state.markVerified(sid('s'), 'C-1', T, 5000)).toBe(true);
    expect(await state.getSession(sid('s'))).toMatchObject({ verified: true, expiresAt: T + 5000 });
    await state.putIdentity(sid('s'), { decoy: true }, T, 1000);
    const s = await state.getSession(sid('s'));
    expect(s).toMatchObject({ decoy: true, verified: false, identifyAttempts: 2 });
    expect(s?.customerId).toBeUndefined();
    expect(await state.markVerified(sid('s'), 'C-1', T, 1000)).toBe(false);
    expect(await state.markVerified(sid('none'), 'C-1', T, 1000)).toBe(false);
  });

  it('challenges: counted attempts up to the max, refusals counted, expiry, single use, locked stays locked', async () => {
    const { state } = await make();
    const c = { sessionId: sid('c'), customerId: 'C-1', phone: '+1', codeHash: 'h1', expiresAt: T + 1000, decoy: false };
    expect(await state.countAttempt(sid('c'), 3, T)).toEqual({ counted: false });
    expect(await state.putChallenge(c, 3, T)).toBe(true);
    expect((await state.countAttempt(sid('c'), 3, T + 1000)).counted).toBe(false); // expired (expiresAt is exclusive)
    expect(await state.countAttempt(sid('c'), 3, T)).toMatchObject({ counted: true, challenge: { attempts: 1, rejected: 1 } });
    expect(await state.putChallenge({ ...c, codeHash: 'h2' }, 3, T)).toBe(true); // resend keeps the count
    expect(await state.getChallenge(sid('c'))).toMatchObject({ codeHash: 'h2', attempts: 1, used: false });
    expect(await state.consumeChallenge(sid('c'), 'h1')).toBe(false);
    expect(await state.consumeChallenge(sid('c'), 'h2')).toBe(true);
    expect(await state.consumeChallenge(sid('c'), 'h2')).toBe(false);
    expect((await state.countAttempt(sid('c'), 3, T)).counted).toBe(false); // used
    const d = { ...c, sessionId: sid('d') };
    await state.putChallenge(d, 2, T);
    await state.countAttempt(sid('d'), 2, T);
    await state.countAttempt(sid('d'), 2, T);
    expect(await state.countAttempt(sid('d'), 2, T)).toMatchObject({ counted: false, challenge: { attempts: 2, rejected: 1 } });
    expect(await state.putChallenge(d, 2, T)).toBe(false);
  });

  it('10 concurrent identifiers: exactly max recorded', async () => {
    const { state } = await make();
    const r = await Promise.all(Array.from({ length: 10 }, () => state.claimIdentifier(sid('ids'), { decoy: true }, T, 1000, 3)));
    expect(r.filter((x) => x !== undefined).sort()).toEqual([1, 2, 3]);
    expect((await state.getSession(sid('ids')))?.identifyAttempts).toBe(3);
  });

  it('20 concurrent attempts: exactly max counted', async () => {
    const { state } = await make();
    await state.putChallenge({ sessionId: sid('race'), customerId: 'C', phone: '+1', codeHash: 'h', expiresAt: T + 1000, decoy: false }, 3, T);
    const r = await Promise.all(Array.from({ length: 20 }, () => state.countAttempt(sid('race'), 3, T)));
    expect(r.filter((x) => x.counted)).toHaveLength(3);
    expect(await state.getChallenge(sid('race'))).toMatchObject({ attempts: 3, rejected: 17 });
  });

  it('send reservations: a sliding window per number', async () => {
    const { state } = await make();
    const phone = `+1555${name.length}`;
    expect(await state.reserveSend(phone, T, 2, 100)).toBe(true);
    expect(await state.reserveSend(phone, T + 50, 2, 100)).toBe(true);
    expect(await state.reserveSend(phone, T + 99, 2, 100)).toBe(false);
    expect(await state.reserveSend(phone, T + 100, 2, 100)).toBe(true); // the first left the window
    expect(await state.reserveSend(phone, T + 101, 2, 100)).toBe(false);
    expect(await state.reserveSend(`${phone}9`, T, 2, 100)).toBe(true);
  });

  it('event budgets: every limit holds, and 30 concurrent reservations get exactly the budget', async () => {
    const { state } = await make();
    const key = `GUESS#${sid('budget')}`;
    const limits = [{ max: 2, windowMs: 100 }, { max: 3, windowMs: 1000 }];
    expect(await state.reserveEvent(key, T, limits)).toBe(true);
    expect(await state.reserveEvent(key, T + 1, limits)).toBe(true);
    expect(await state.reserveEvent(key, T + 2, limits)).toBe(false); // 2 per 100
    expect(await state.reserveEvent(key, T + 200, limits)).toBe(true);
    expect(await state.reserveEvent(key, T + 400, limits)).toBe(false); // 3 per 1000
    expect(await state.countEvents(key, T + 400, 1000)).toBe(3);
    expect(await state.reserveEvent(key, T + 1001, limits)).toBe(true);
    const race = `GUESS#${sid('race-budget')}`;
    const r = await Promise.all(Array.from({ length: 30 }, () => state.reserveEvent(race, T, [{ max: 10, windowMs: 86_400_000 }])));
    expect(r.filter(Boolean)).toHaveLength(10);
  });

  it('contacts: bound to the first session, unusable after expiry', async () => {
    const { state } = await make();
    await state.putContact({ contactId: sid('k'), customerId: 'C-1', phone: '+1' }, T, 1000);
    expect(await state.claimContact(sid('k'), 'lex-1', T)).toMatchObject({ customerId: 'C-1', phone: '+1', boundSession: 'lex-1' });
    expect(await state.claimContact(sid('k'), 'lex-1', T)).toBeDefined();
    expect(await state.claimContact(sid('k'), 'lex-2', T)).toBeUndefined();
    expect(await state.claimContact(sid('k'), 'lex-1', T + 1000)).toBeUndefined();
    expect(await state.claimContact(sid('missing'), 'lex-1', T)).toBeUndefined();
  });
});
