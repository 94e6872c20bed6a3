/**
 * The Amazon Connect customer lookup: the flat string map Connect requires, the server-side contact
 * record it leaves for the Lex code hook, and graceful failure.
 */
import { GetItemCommand } from '@aws-sdk/client-dynamodb';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createLogger } from '../../fulfillment/config.js';
import { createConnectHandler, handler as lambdaHandler } from '../../fulfillment/connect/handler.js';
import type { LocalHandlers } from '../../fulfillment/local.js';
import { fromItem } from '../../fulfillment/stores/attributes.js';
import { MemoryCustomerStore, MemoryStateStore } from '../../fulfillment/stores/memory.js';
import { connectEvent, lexEvent, localHandlers, valid } from './helpers.js';

let h: LocalHandlers;
beforeAll(async () => {
  h = await localHandlers();
});
afterAll(() => h.close());

const flat = (r: Record<string, unknown>) => Object.values(r).every((v) => typeof v === 'string');

describe('Connect lookup', () => {
  it('a known caller ID on VOICE: what routing needs (found, vip, locale), never a name — all strings', async () => {
    const r = await h.connect(connectEvent('k-1', '+13055550172'));
    expect(r).toEqual({ found: 'true', vip: 'true', preferredLocale: 'es_US', callerIdSource: 'callerId', lookupStatus: 'ok' });
    expect(JSON.stringify(r)).not.toMatch(/Marisol|Echeverr/);
    expect(flat(r)).toBe(true);
  });

  it('a typed number (block parameter, chat pre-chat form) is only a claim: default routing, but the code can go to the number on file', async () => {
    const typed = await h.connect(connectEvent('k-typed', '+12025550999', { phoneNumber: '(305) 555-0172' }));
    expect(typed).toEqual({ found: 'false', vip: 'false', preferredLocale: 'en_US', callerIdSource: 'typed', lookupStatus: 'ok' });
    const chat = await h.connect(connectEvent('k-chat', '+13055550172', {}, 'CHAT'));
    expect(chat).toMatchObject({ found: 'false', vip: 'false', callerIdSource: 'typed' });
    const item = await h.dynamodb.client.send(new GetItemCommand({ TableName: h.dynamodb.stateTable, Key: { pk: { S: 'CONTACT#k-typed' } } }));
    expect(fromItem(item.Item!)).toMatchObject({ customerId: 'C-1002', phone: '+13055550172' });
  });

  it('an unknown caller ID gets a decoy contact record, so the bot says the same words as to a customer and sends nothing', async () => {
    await h.connect(connectEvent('k-decoy', '+12025550999'));
    const item = await h.dynamodb.client.send(new GetItemCommand({ TableName: h.dynamodb.stateTable, Key: { pk: { S: 'CONTACT#k-decoy' } } }));
    expect(fromItem(item.Item!)).toMatchObject({ decoy: true, customerId: '' });
    await h.connect(connectEvent('k-real', '+13055550172'));
    const sent = h.outbox.messages().length;
    const ask = (sessionId: string) => h.lex(lexEvent({ intent: 'CheckBalance', sessionId, slots: { AccountType: 'checking' }, inputMode: 'Speech' }));
    const decoy = valid(await ask('k-decoy'));
    expect(h.outbox.messages().length).toBe(sent);
    const real = valid(await ask('k-real'));
    expect(h.outbox.messages().length).toBe(sent + 1);
    expect(decoy.messages).toEqual(real.messages);
    expect(decoy.sessionState.dialogAction).toEqual(real.sessionState.dialogAction);
  });

  it('writes the contact record (customer and number on file, expiry, TTL) keyed by the contact id', async () => {
    await h.connect(connectEvent('k-2', '+15145550123'));
    const item = await h.dynamodb.client.send(new GetItemCommand({ TableName: h.dynamodb.stateTable, Key: { pk: { S: 'CONTACT#k-2' } } }));
    const rec = fromItem(item.Item!);
    expect(rec).toMatchObject({ customerId: 'C-1003', phone: '+15145550123' });
    expect(rec.ttl).toBeGreaterThan(Date.now() / 1000);
    expect(rec).not.toHaveProperty('verified');
  });

  it('an unknown, withheld or malformed number: found=false with the default locale', async () => {
    expect(await h.connect(connectEvent('k-3', '+12025550999'))).toMatchObject({ found: 'false', lookupStatus: 'ok', preferredLocale: 'en_US' });
    expect(await h.connect(connectEvent('k-4', 'anonymous', { defaultLocale: 'fr_CA' }))).toMatchObject({ found: 'false', preferredLocale: 'fr_CA' });
    expect(await h.connect(connectEvent('k-5', undefined, {}, 'CHAT'))).toMatchObject({ found: 'false', lookupStatus: 'ok' });
  });


  it('a malformed event: lookupStatus=error, no throw', async () => {
    for (const bad of [null, 'x', {}, { Details: {} }, { Details: { ContactData: { ContactId: '' } } }]) {
      const r = await h.connect(bad);
      expect(r).toMatchObject({ found: 'false', lookupStatus: 'error' });
      expect(flat(r)).toBe(true);
    }
  });

  it('a failing store: lookupStatus=error; a slow one: the deadline answers', async () => {
    const customers = new MemoryCustomerStore([]);
    customers.findByPhone = () => Promise.reject(new Error('DynamoDB down'));
    const quiet = createLogger('selfservice-connect', 'SILENT');
    expect(await createConnectHandler({ customers, state: new MemoryStateStore(), logger: quiet })(connectEvent('k-7', '+13055550172'))).toMatchObject({ lookupStatus: 'error' });
    customers.findByPhone = () => new Promise(() => {});
    const t0 = Date.now();
    expect(await createConnectHandler({ customers, state: new MemoryStateStore(), logger: quiet, deadlineMs: 100 })(connectEvent('k-8', '+13055550172'))).toMatchObject({ lookupStatus: 'error' });
    expect(Date.now() - t0).toBeLessThan(1000);
  });

  it('the Lambda entry point without configuration answers lookupStatus=error', async () => {
    const saved = { ...process.env };
    delete process.env.CUSTOMERS_TABLE;
    process.env.POWERTOOLS_LOG_LEVEL = 'SILENT';
    try {
      expect(await lambdaHandler(connectEvent('k-9', '+13055550172'))).toMatchObject({ found: 'false', lookupStatus: 'error' });
    } finally {
      process.env = saved;
    }
  });
});
