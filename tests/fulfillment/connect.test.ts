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
import { connectEvent, localHandlers } from './helpers.js';

let h: LocalHandlers;
beforeAll(async () => {
  h = await localHandlers();
});
afterAll(() => h.close());

const flat = (r: Record<string, unknown>) => Object.values(r).every((v) => typeof v === 'string');

describe('Connect lookup', () => {
  it('a known caller: found, names, vip, preferred locale — all strings', async () => {
    const r = await h.connect(connectEvent('k-1', '+13055550172'));
    expect(r).toEqual({ found: 'true', firstName: 'Marisol', lastName: 'Echeverría', vip: 'true', preferredLocale: 'es_US', lookupStatus: 'ok' });
    expect(flat(r)).toBe(true);
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
    expect(await h.connect(connectEvent('k-3', '+12025550999'))).toMatchObject({ found: 'false', firstName: '', lookupStatus: 'ok', preferredLocale: 'en_US' });
    expect(await h.connect(connectEvent('k-4', 'anonymous', { defaultLocale: 'fr_CA' }))).toMatchObject({ found: 'false', preferredLocale: 'fr_CA' });
    expect(await h.connect(connectEvent('k-5', undefined, {}, 'CHAT'))).toMatchObject({ found: 'false', lookupStatus: 'ok' });
  });

  it('the block parameter phoneNumber overrides the endpoint (e.g. a number collected by the flow)', async () => {
    expect(await h.connect(connectEvent('k-6', '+12025550999', { phoneNumber: '(418) 555-0134' }))).toMatchObject({ found: 'true', firstName: 'Étienne' });
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
