/**
 * Captures everything the Lambdas write (stdout, stderr, console) during full conversations in all
 * three locales — verification with right and wrong codes, lock-out, balances, questions, callbacks,
 * Connect lookups, backend failures — and asserts that no passcode, full phone number, account
 * number or balance appears.
 */
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { LocalKnowledgeBase } from '../../fulfillment/clients/kb-local.js';
import { createLogger } from '../../fulfillment/config.js';
import { createLexHandler } from '../../fulfillment/lex/handler.js';
import { loadCustomers, type LocalHandlers } from '../../fulfillment/local.js';
import { CATALOGUE, formatMoney } from '../../fulfillment/messages/index.js';
import { DynamoCustomerStore, DynamoStateStore } from '../../fulfillment/stores/dynamodb.js';
import type { Customer } from '../../fulfillment/stores/types.js';
import { BY_LOCALE, Conversation, LOCALES, connectEvent, lexEvent, localHandlers } from './helpers.js';

let h: LocalHandlers;
let customers: Customer[];
const captured: string[] = [];

function capture() {
  const grab = (chunk: unknown) => captured.push(typeof chunk === 'string' ? chunk : Buffer.isBuffer(chunk) ? chunk.toString('utf8') : String(chunk));
  vi.spyOn(process.stdout, 'write').mockImplementation(((chunk: unknown) => (grab(chunk), true)) as never);
  vi.spyOn(process.stderr, 'write').mockImplementation(((chunk: unknown) => (grab(chunk), true)) as never);
  for (const m of ['log', 'info', 'warn', 'error', 'debug', 'trace'] as const) vi.spyOn(console, m).mockImplementation((...a: unknown[]) => grab(a.map(String).join(' ')));
  return () => vi.restoreAllMocks();
}

beforeAll(async () => {
  customers = await loadCustomers();
  // DEBUG level and the outbox's console notice on: everything that can be written is written.
  h = await localHandlers({ logLevel: 'DEBUG', smsConsole: 'notice' });
});
afterAll(() => h.close());

/** Every value that must never be logged, with the forms it could take. */
function secrets(codes: string[]): string[] {
  const out = new Set<string>(codes);
  for (const c of customers) {
    const d = c.phone.replace(/\D/g, '');
    out.add(c.phone).add(d).add(d.slice(-10)).add(`${d.slice(-10, -7)}-${d.slice(-7, -4)}-${d.slice(-4)}`).add(`${d.slice(-7, -4)}-${d.slice(-4)}`);
    for (const a of c.accounts) {
      out.add(a.number);
      if (a.balanceCents < 1000) continue; // "$0.00"-like values are not identifying and occur everywhere
      out.add(String(a.balanceCents)).add((a.balanceCents / 100).toFixed(2));
      for (const l of LOCALES) out.add(formatMoney(CATALOGUE[l], a.balanceCents, a.currency));
    }
  }
  return [...out];
}

describe('logs of full conversations', () => {
  it('hold no passcode, full phone number, account number or balance', async () => {
    const restore = capture();
    try {
      for (const locale of LOCALES) {
        const who = BY_LOCALE[locale];
        for (const voice of [false, true]) {
          const sid = `log-${locale}-${voice}`;
          if (voice) await h.connect(connectEvent(sid, who.phone));
          const c = new Conversation(h.lex, { locale, sessionId: sid, voice });
          await c.send('CheckBalance', 'balance', { slots: { AccountType: who.account } });
          if (!voice) await c.reply(who.typed, who.typed.replace(/\D/g, ''));
          const code = h.outbox.lastCodeTo(who.phone)!;
          await c.reply(String((Number(code) + 7) % 1_000_000).padStart(6, '0')); // wrong once
          await c.reply(code);
          await c.send('CheckBalance', 'credit card', { slots: { AccountType: 'credit card' } });
          await c.send('AskQuestion', 'What are your fees for wire transfers', { source: 'FulfillmentCodeHook' });
          await c.send('RequestCallback', 'call me', { source: 'FulfillmentCodeHook', slots: { CallbackNumber: who.typed, CallbackTime: '10:00' }, confirmationState: 'Confirmed' });
          await c.send('TalkToAgent', 'agent', { source: 'FulfillmentCodeHook' });
        }
        // A lock-out with an account number as the identifier.
        const lock = new Conversation(h.lex, { locale, sessionId: `log-lock-${locale}` });
        await lock.send('VerifyIdentity', 'verify');
        await lock.reply({ en_US: '4001005001', es_US: '4001009003', fr_CA: '4001007002' }[locale]);
        for (const guess of ['111111', '222222', '333333']) await lock.reply(guess);
      }
      await h.connect(connectEvent('log-unknown', '+12025550999'));
      await h.connect({ garbage: true });
      await h.lex({ sessionId: 42 });
      await h.lex(lexEvent({ intent: 'VerifyIdentity', transcript: `my number is ${customers[0]!.phone}`, sessionId: 'log-raw' }));
      // Client-controlled request attributes and odd intent names carrying a number.
      await h.lex(lexEvent({ intent: `Call${customers[1]!.phone}`, sessionId: 'log-odd', requestAttributes: { 'x-amz-lex:channels:platform': customers[2]!.phone } }));

      // A failing SMS provider whose error message carries the number and the text.
      const failing = createLexHandler({
        customers: new DynamoCustomerStore(h.dynamodb.client, h.dynamodb.customersTable),
        state: new DynamoStateStore(h.dynamodb.client, h.dynamodb.stateTable),
        sms: { send: async (to, body) => Promise.reject(new Error(`delivery to ${to} failed: ${body}`)) },
        knowledgeBase: new LocalKnowledgeBase([]),
        otpHashKey: Buffer.alloc(32, 9),
        logger: createLogger('selfservice-lex', 'DEBUG'),
      });
      const f = new Conversation(failing, { sessionId: 'log-sms-fails' });
      await f.send('VerifyIdentity', 'verify');
      await f.reply('(213) 555-0166');
    } finally {
      restore();
    }

    const log = captured.join('');
    // The capture worked: JSON log lines from both Lambdas and the outbox notice are there.
    expect(log).toContain('"service":"selfservice-lex"');
    expect(log).toContain('"service":"selfservice-connect"');
    expect(log).toContain('"outcome":"otp_wrong"');
    expect(log).toContain('"outcome":"otpLockout"');
    expect(log).toContain('passcode send failed');
    expect(log).toContain('[sms-outbox]');

    const codes = h.outbox.messages().map((m) => /\d{6}/.exec(m.body)![0]);
    expect(codes.length).toBeGreaterThan(6);
    const leaks = secrets(codes).filter((s) => new RegExp(`(?<![0-9A-Za-z])${s.replace(/[.*+?^${}()|[\]\\$]/g, '\\$&')}(?![0-9A-Za-z])`).test(log));
    expect(leaks).toEqual([]);
  });
});
