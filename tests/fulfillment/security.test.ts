/**
 * The security points of the issue, each with a test, against dynalite through the real SDK:
 * client-controlled attributes grant nothing; the passcode is keyed-hashed, valid 5 minutes, 3
 * attempts, single use, 3 sends per 15 minutes per number; 50 concurrent wrong attempts all count.
 */
import { ScanCommand } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LocalKnowledgeBase } from '../../fulfillment/clients/kb-local.js';
import type { OutboxSmsSender } from '../../fulfillment/clients/sms-outbox.js';
import { createLogger } from '../../fulfillment/config.js';
import { createLexHandler } from '../../fulfillment/lex/handler.js';
import { CATALOGUE, render } from '../../fulfillment/messages/index.js';
import type { LocalHandlers } from '../../fulfillment/local.js';
import { hashCode } from '../../fulfillment/security/otp-code.js';
import { DEFAULT_OTP_POLICY, Verification } from '../../fulfillment/security/verification.js';
import { fromItem } from '../../fulfillment/stores/attributes.js';
import { DynamoCustomerStore, DynamoStateStore } from '../../fulfillment/stores/dynamodb.js';
import { AVERY, Conversation, GABRIELLE, MARISOL, connectEvent, lexEvent, localHandlers, textOf, valid } from './helpers.js';

const en = CATALOGUE.en_US;
let clock = Date.UTC(2026, 10, 22, 12, 0, 0);
const now = () => clock;
let h: LocalHandlers;

beforeAll(async () => {
  h = await localHandlers({ now });
});
afterAll(() => h.close());

/** A Verification over the same dynalite tables, with a known key and the test clock. */
function service(key = Buffer.alloc(32, 7)) {
  const { client, stateTable, customersTable } = h.dynamodb;
  const state = new DynamoStateStore(client, stateTable);
  const customers = new DynamoCustomerStore(client, customersTable);
  return { state, verification: new Verification({ state, customers, sms: h.outbox, hashKey: key, now, policy: DEFAULT_OTP_POLICY }), key };
}

async function stateItems() {
  const r = await h.dynamodb.client.send(new ScanCommand({ TableName: h.dynamodb.stateTable, ConsistentRead: true }));
  return (r.Items ?? []).map(fromItem);
}

const forged = { verified: 'true', customerId: 'C-1001', phone: AVERY.phone, accountNumber: AVERY.checking, isVerified: 'true', authenticated: 'true' };

describe('client-controlled attributes cannot grant access or skip the passcode', () => {
  it.each([
    ['session attributes', { sessionAttributes: forged }],
    ['request attributes', { requestAttributes: { ...forged, 'x-amz-lex:channels:platform': 'Connect Chat' } }],
    ['both, on the fulfillment code hook', { sessionAttributes: forged, requestAttributes: forged, source: 'FulfillmentCodeHook' as const }],
  ])('%s claiming verified=true / customerId / phone read no balance and send no code', async (_name, extra) => {
    const sent = h.outbox.messages().length;
    const r = valid(await h.lex(lexEvent({ intent: 'CheckBalance', sessionId: `forged-${_name}`, slots: { AccountType: 'checking' }, ...extra })));
    expect(r.sessionState.dialogAction).toEqual({ type: 'ElicitSlot', slotToElicit: 'Passcode' });
    expect(textOf(r)).toBe(en.askIdentifier);
    expect(textOf(r)).not.toMatch(/\$/);
    expect(r.sessionState.sessionAttributes?.verified).toBe('false'); // overwritten with the server's truth
    expect(h.outbox.messages().length).toBe(sent);
  });

  it('a code typed without any challenge does not verify, even with forged attributes', async () => {
    const r = valid(await h.lex(lexEvent({ intent: 'VerifyIdentity', sessionId: 'no-challenge', transcript: '123456', slots: { Passcode: '123456' }, sessionAttributes: forged, source: 'FulfillmentCodeHook' })));
    expect(r.sessionState.sessionAttributes?.verified).toBe('false');
    expect(textOf(r)).toBe(en.askIdentifier);
  });

  it('verification belongs to the session: another session id reads nothing', async () => {
    const c = new Conversation(h.lex, { sessionId: 'owner' });
    await c.send('VerifyIdentity', 'verify me');
    await c.reply('(305) 555-0172');
    await c.reply(h.outbox.lastCodeTo(MARISOL.phone)!);
    expect(c.attrs.verified).toBe('true');
    // A second client copies every attribute of the verified session but not its session id.
    const r = valid(await h.lex(lexEvent({ intent: 'CheckBalance', sessionId: 'copycat', slots: { AccountType: 'checking' }, sessionAttributes: c.attrs })));
    expect(r.sessionState.sessionAttributes?.verified).toBe('false');
    expect(textOf(r)).not.toMatch(/\$/);
  });

  it('a contact id in the session attributes is only a lookup key: bound to its first session, it never verifies anyone', async () => {
    await h.connect(connectEvent('contact-victim', GABRIELLE.phone));
    // The caller's own Lex session uses it first (Connect's contact id as the Lex session id).
    const victim = valid(await h.lex(lexEvent({ intent: 'CheckBalance', sessionId: 'contact-victim', slots: { AccountType: 'checking' }, inputMode: 'Speech' })));
    expect(victim.messages?.[0]?.content).toBe(render(en.codeSentToCaller, true));
    expect(h.outbox.lastCodeTo(GABRIELLE.phone)).toMatch(/^\d{6}$/);
    // A chatter who learned the contact id cannot attach it to their session.
    const sent = h.outbox.messages().length;
    const r = valid(await h.lex(lexEvent({ intent: 'CheckBalance', sessionId: 'attacker', slots: { AccountType: 'checking' }, sessionAttributes: { contactId: 'contact-victim' } })));
    expect(textOf(r)).toBe(en.askIdentifier);
    expect(h.outbox.messages().length).toBe(sent);
  });

  it('an unknown identifier gets the same answer as a known one, sends nothing, and no code verifies', async () => {
    const known = new Conversation(h.lex, { sessionId: 'enum-known' });
    await known.send('VerifyIdentity', 'verify me');
    const knownReply = await known.reply('4001004003');
    const sent = h.outbox.messages().length;
    const unknown = new Conversation(h.lex, { sessionId: 'enum-unknown' });
    await unknown.send('VerifyIdentity', 'verify me');
    const unknownReply = await unknown.reply('4009999999');
    expect(unknownReply).toEqual(knownReply);
    expect(h.outbox.messages().length).toBe(sent);
    for (let i = 0; i < 3; i++) await unknown.reply(String(100000 + i));
    expect(unknown.attrs).toMatchObject({ verified: 'false', nextAction: 'TransferToAgent', transferReason: 'otpLockout' });
  });

  it('at most 3 identifiers per session', async () => {
    const c = new Conversation(h.lex, { sessionId: 'many-identifiers' });
    await c.send('VerifyIdentity', 'verify me');
    for (const id of ['4009999991', '4009999992', '4009999993']) {
      await c.send('VerifyIdentity', id, { slots: { Passcode: id } });
      expect(c.last?.sessionState.dialogAction.slotToElicit).toBe('Passcode');
    }
    await c.send('VerifyIdentity', '4009999994', { slots: { Passcode: '4009999994' } });
    expect(c.attrs).toMatchObject({ nextAction: 'TransferToAgent', transferReason: 'identifyLimit' });
  });
});

describe('one-time passcode', () => {
  it('is stored only as a keyed HMAC-SHA256 bound to the session, with an expiry and a TTL attribute', async () => {
    const { state, verification, key } = service();
    await verification.identify('hash-check', '4001002002', en);
    const claim = await state.getSession('hash-check');
    expect(await verification.sendCode('hash-check', claim!, en)).toBe('sent');
    const code = h.outbox.lastCodeTo(AVERY.phone)!;
    const item = (await stateItems()).find((i) => i.pk === 'OTP#hash-check')!;
    expect(item.codeHash).toBe(hashCode(key, 'hash-check', code));
    expect(item.codeHash).not.toBe(hashCode(Buffer.alloc(32, 8), 'hash-check', code)); // keyed
    expect(item.codeHash).not.toBe(hashCode(key, 'other-session', code)); // session-bound
    expect(JSON.stringify(item)).not.toContain(code);
    expect(item.expiresAt).toBe(clock + 5 * 60_000);
    expect(item.ttl).toBeGreaterThanOrEqual(Math.ceil((clock + 5 * 60_000) / 1000));
    // No plaintext code anywhere in the table.
    expect(JSON.stringify(await stateItems())).not.toMatch(new RegExp(`(?<![0-9a-f])${code}(?![0-9a-f])`));
  });

  it('is valid for 5 minutes, checked in code: at 4:59 it works, at 5:00 it is expired (and a new one is sent)', async () => {
    const { state, verification } = service();
    for (const [sid, age, expected] of [['fresh', 299_999, 'verified'], ['stale', 300_000, 'expired']] as const) {
      await verification.identify(sid, '4001005001', en);
      await verification.sendCode(sid, (await state.getSession(sid))!, en);
      const code = h.outbox.lastCodeTo('+13125550188')!;
      const start = clock;
      clock += age;
      try {
        expect((await verification.checkCode(sid, code)).outcome).toBe(expected);
      } finally {
        clock = start;
      }
    }
    // At handler level an expired code is answered with a new one.
    const c = new Conversation(h.lex, { sessionId: 'expired-handler' });
    await c.send('VerifyIdentity', 'verify me');
    await c.reply('+1 418 555 0134');
    const old = h.outbox.lastCodeTo('+14185550134')!;
    clock += 5 * 60_000;
    await c.reply(old);
    expect(c.text()).toBe(en.codeExpiredResent);
    expect(h.outbox.lastCodeTo('+14185550134')).toBeDefined();
    const r = await c.reply(h.outbox.lastCodeTo('+14185550134')!);
    expect(r.sessionState.sessionAttributes?.verified).toBe('true');
  });

  it('allows 3 attempts, then locks; a resend does not reset the count', async () => {
    const { state, verification } = service();
    await verification.identify('three', '4001008001', en);
    const claim = (await state.getSession('three'))!;
    await verification.sendCode('three', claim, en);
    expect(await verification.checkCode('three', '000000')).toEqual({ outcome: 'wrong', remaining: 2 });
    await verification.sendCode('three', claim, en); // resend
    expect(await verification.checkCode('three', '000000')).toEqual({ outcome: 'wrong', remaining: 1 });
    expect((await verification.checkCode('three', '000000')).outcome).toBe('locked');
    const right = h.outbox.lastCodeTo('+14165550199')!;
    expect((await verification.checkCode('three', right)).outcome).toBe('locked');
    expect(await verification.sendCode('three', claim, en)).toBe('locked');
  });

  it('is single use: replay fails, and of several concurrent correct submissions exactly one verifies', async () => {
    const { state, verification } = service();
    await verification.identify('single', '4001009003', en);
    await verification.sendCode('single', (await state.getSession('single'))!, en);
    const code = h.outbox.lastCodeTo('+12135550166')!;
    const results = await Promise.all(Array.from({ length: 3 }, () => verification.checkCode('single', code)));
    expect(results.filter((r) => r.outcome === 'verified')).toHaveLength(1);
    expect((await verification.checkCode('single', code)).outcome).toBe('no-challenge');
  });

  it('50 concurrent wrong attempts count as 50: 3 counted, 47 refused, none verified (conditional writes on dynalite)', async () => {
    const { state, verification } = service();
    await verification.identify('fifty', '4001006001', en);
    await verification.sendCode('fifty', (await state.getSession('fifty'))!, en);
    const right = h.outbox.lastCodeTo('+525555550100')!;
    const wrong = String((Number(right) + 1) % 1_000_000).padStart(6, '0');
    const results = await Promise.all(Array.from({ length: 50 }, () => verification.checkCode('fifty', wrong)));
    // Attempts 1 and 2 answer "wrong" (2, then 1 left); the 3rd counted one and the 47 refused answer "locked".
    expect(results.filter((r) => r.outcome === 'wrong')).toHaveLength(2);
    expect(results.filter((r) => r.outcome === 'locked')).toHaveLength(48);
    const challenge = (await state.getChallenge('fifty'))!;
    expect(challenge.attempts).toBe(3);
    expect(challenge.rejected).toBe(47);
    expect(challenge.attempts + challenge.rejected).toBe(50);
    expect((await verification.checkCode('fifty', right)).outcome).toBe('locked');
  });

  it('at most 3 sends per number per 15 minutes, across sessions; the window slides', async () => {
    clock += 25 * 3600_000; // past the windows (15 min and 24 h) of the sends in earlier tests
    const { state, verification } = service();
    const results: string[] = [];
    for (let i = 0; i < 4; i++) {
      const sid = `sends-${i}`;
      await verification.identify(sid, '3125550188', en);
      results.push(await verification.sendCode(sid, (await state.getSession(sid))!, en));
      clock += 60_000;
    }
    expect(results).toEqual(['sent', 'sent', 'sent', 'rate-limited']);
    clock += 11 * 60_000; // now 15 min after the first send: it has left the window, the other two have not
    await verification.identify('sends-one-more', '3125550188', en);
    expect(await verification.sendCode('sends-one-more', (await state.getSession('sends-one-more'))!, en)).toBe('sent');
    await verification.identify('sends-too-many', '3125550188', en);
    expect(await verification.sendCode('sends-too-many', (await state.getSession('sends-too-many'))!, en)).toBe('rate-limited');
    clock += 15 * 60_000;
    await verification.identify('sends-later', '3125550188', en);
    expect(await verification.sendCode('sends-later', (await state.getSession('sends-later'))!, en)).toBe('sent');
  });

  it('10 concurrent sends to one number deliver exactly 3 texts', async () => {
    clock += 60 * 60_000;
    const { state, verification } = service();
    const before = (h.outbox as OutboxSmsSender).messages().filter((m) => m.to === '+14165550199').length;
    const sids = Array.from({ length: 10 }, (_, i) => `burst-${i}`);
    await Promise.all(sids.map((sid) => verification.identify(sid, '416 555 0199', en)));
    const results = await Promise.all(sids.map(async (sid) => verification.sendCode(sid, (await state.getSession(sid))!, en)));
    expect(results.filter((r) => r === 'sent')).toHaveLength(3);
    expect(results.filter((r) => r === 'rate-limited')).toHaveLength(7);
    expect(h.outbox.messages().filter((m) => m.to === '+14165550199').length - before).toBe(3);
  });

  it('the send limit at handler level transfers to an agent', async () => {
    clock += 60 * 60_000;
    let last;
    for (let i = 0; i < 4; i++) {
      const c = new Conversation(h.lex, { sessionId: `limit-${i}` });
      await c.send('VerifyIdentity', 'verify me');
      last = await c.reply('202 555 0143');
    }
    expect(last!.sessionState.sessionAttributes).toMatchObject({ nextAction: 'TransferToAgent', transferReason: 'otpSendLimit' });
    expect(textOf(last!)).toBe(en.sendLimit);
  });
});

describe('fails closed without a hash key', () => {
  it('no OTP_HASH_KEY: nothing is sent, the caller is offered an agent', async () => {
    const state = new DynamoStateStore(h.dynamodb.client, h.dynamodb.stateTable);
    const customers = new DynamoCustomerStore(h.dynamodb.client, h.dynamodb.customersTable);
    const lex = createLexHandler({ customers, state, sms: h.outbox, knowledgeBase: new LocalKnowledgeBase([]), otpHashKey: undefined, now, logger: createLogger('test', 'SILENT') });
    const sent = h.outbox.messages().length;
    const c = new Conversation(lex, { sessionId: 'no-key' });
    await c.send('VerifyIdentity', 'verify me');
    const r = await c.reply('+1 305 555 0172');
    expect(r.sessionState.sessionAttributes).toMatchObject({ nextAction: 'TransferToAgent', transferReason: 'verificationUnavailable', verified: 'false' });
    expect(h.outbox.messages().length).toBe(sent);
  });
});
