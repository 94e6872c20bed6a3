/**
 * Per-customer lock-out and the daily send cap (issue 14 point 2), through the emulator and the real
 * runtime SDK: an attacker who opens a new session for every three guesses still gets at most
 * 10 guesses per customer per 24 h and the victim at most 5 texts per day.
 */
import type { RecognizeTextCommandOutput } from '@aws-sdk/client-lex-runtime-v2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_OTP_POLICY } from '../../fulfillment/security/verification.js';
import { startSelfService, type SelfService } from '../helpers/self-service.js';

const VICTIM = { phone: '+13125550188', typed: '(312) 555-0188' };
let offset = 0;
let bot: SelfService;
beforeAll(async () => {
  bot = await startSelfService({ now: () => Date.now() + offset });
}, 120_000);
afterAll(async () => bot?.stop());

const wrong = (code: string) => String((Number(code) + 1) % 1_000_000).padStart(6, '0');
const text = (r: RecognizeTextCommandOutput) => (r.messages ?? []).map((m) => m.content).join(' ');

describe('an attacker with many sessions against one number', () => {
  it('20 sessions of wrong guesses: after 10 guesses even the right code is refused, and at most 5 texts are sent', async () => {
    const texts = () => bot.fulfillment.handlers.outbox.messages().filter((m) => m.to === VICTIM.phone).length;
    const budget = DEFAULT_OTP_POLICY.maxGuessesPerCustomer;
    let guesses = 0;
    let rightCodeTries = 0;
    for (let s = 0; s < 20; s++) {
      // Each session 16 minutes after the last: the 15-minute send window never stops the attacker.
      offset += 16 * 60_000;
      const c = bot.chat('en_US');
      await c.say('verify me please');
      const before = texts();
      const asked = await c.say(VICTIM.typed);
      if (texts() === before) {
        expect(asked.sessionState?.sessionAttributes).toMatchObject({ nextAction: 'TransferToAgent', verified: 'false' });
        continue;
      }
      const code = bot.fulfillment.handlers.outbox.lastCodeTo(VICTIM.phone)!;
      for (let g = 0; g < 3; g++) {
        if (guesses >= budget) {
          // The budget is spent: the right code (which an attacker would eventually hit) must not verify.
          rightCodeTries++;
          const right = await c.say(code);
          expect(right.sessionState?.sessionAttributes?.verified).toBe('false');
          expect(text(right)).not.toMatch(/\$/);
          break;
        }
        const r = await c.say(wrong(code));
        guesses++;
        if (r.sessionState?.dialogAction?.type === 'Close') break; // this session is locked
      }
    }
    expect(guesses).toBe(budget);
    expect(rightCodeTries).toBeGreaterThanOrEqual(1);
    expect(texts()).toBeLessThanOrEqual(DEFAULT_OTP_POLICY.maxSendsPerDay);
  }, 120_000);

  it('the lock holds for a new session of the real customer too, and sends nothing more', async () => {
    offset += 16 * 60_000;
    const sent = bot.fulfillment.handlers.outbox.messages().length;
    const c = bot.chat('en_US');
    await c.say("what's my checking balance");
    const r = await c.say(VICTIM.typed);
    expect(r.sessionState?.sessionAttributes).toMatchObject({ nextAction: 'TransferToAgent', verified: 'false' });
    expect(bot.fulfillment.handlers.outbox.messages().length).toBe(sent);
  });

  it('a day later the customer can verify again', async () => {
    offset += 25 * 3600_000;
    const c = bot.chat('en_US');
    await c.say("what's my checking balance");
    await c.say(VICTIM.typed);
    const r = await c.say(bot.fulfillment.handlers.outbox.lastCodeTo(VICTIM.phone)!);
    expect(r.sessionState?.intent).toMatchObject({ name: 'CheckBalance', state: 'Fulfilled' });
  });
});
