/**
 * Callbacks as a caller (and an attacker) meets them, through the emulator and the real runtime SDK
 * with the project's fulfillment on its local backends (issue 14 point 4): allowed countries only,
 * never premium-rate numbers, a number other than the verified caller's own proven by a texted code,
 * limits per number and per session, and no promised time in any locale.
 */
import type { RecognizeTextCommandOutput } from '@aws-sdk/client-lex-runtime-v2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSelfService, type SelfService } from '../helpers/self-service.js';

let bot: SelfService;
beforeAll(async () => {
  bot = await startSelfService();
}, 120_000);
afterAll(async () => bot?.stop());

const text = (r: RecognizeTextCommandOutput) => (r.messages ?? []).map((m) => m.content).join(' ');
const attrs = (r: RecognizeTextCommandOutput) => r.sessionState?.sessionAttributes ?? {};
const sent = () => bot.fulfillment.handlers.outbox.messages().length;

const LOCALES = {
  en_US: { ask: 'Can someone call me back', askAt: 'Call me back at 3 pm', yes: 'yes', queued: /when one is available/, noTime: /can't schedule a callback for a set time/, codeSent: /texted a 6-digit code/, country: /only call back numbers in the United States or Canada/, premium: /premium-rate/ },
  es_US: { ask: '¿Me pueden llamar más tarde?', askAt: 'Llámenme a las 3 de la tarde', yes: 'sí', queued: /en cuanto haya uno disponible/, noTime: /No puedo programar la llamada para una hora fija/, codeSent: /código de 6 dígitos/, country: /Estados Unidos o Canadá/, premium: /tarificación especial/ },
  fr_CA: { ask: 'Pouvez-vous me rappeler?', askAt: 'Rappelez-moi à 15 h', yes: 'oui', queued: /dès qu'il sera disponible/, noTime: /ne peux pas prévoir un rappel à une heure précise/, codeSent: /code à 6 chiffres/, country: /des États-Unis ou du Canada/, premium: /surtaxés/ },
} as const;
type Locale = keyof typeof LOCALES;
const EACH = Object.keys(LOCALES) as Locale[];

/** A number per test (the per-number limit is shared by the whole file): 202-555-01NN. */
let next = 10;
const freshNumber = () => {
  const n = String(next++).padStart(2, '0');
  return { typed: `202-555-01${n}`, e164: `+120255501${n}` };
};

/** Asks for a callback to `typed` and confirms; returns the turn after "yes". */
async function askCallback(c: ReturnType<SelfService['chat']>, localeId: Locale, typed: string, opening: string = LOCALES[localeId].ask) {
  const first = await c.say(opening);
  expect(first.sessionState?.dialogAction).toMatchObject({ type: 'ElicitSlot', slotToElicit: 'CallbackNumber' });
  const confirm = await c.say(typed);
  expect(confirm.sessionState?.dialogAction?.type).toBe('ConfirmIntent');
  return c.say(LOCALES[localeId].yes);
}

describe.each(EACH)('%s: a queued callback', (localeId) => {
  const w = LOCALES[localeId];

  it('to a number the caller has not proven: a code is texted to it first, then the callback is queued "when an agent is available"', async () => {
    const num = freshNumber();
    const c = bot.chat(localeId);
    const before = sent();

    const asked = await askCallback(c, localeId, num.typed);

    // Nothing is queued yet: a code went to the number, and the passcode is elicited.
    expect(asked.sessionState?.dialogAction).toMatchObject({ type: 'ElicitSlot', slotToElicit: 'Passcode' });
    expect(attrs(asked).nextAction).toBeUndefined();
    expect(text(asked)).toMatch(w.codeSent);
    expect(sent()).toBe(before + 1);
    const code = bot.fulfillment.handlers.outbox.lastCodeTo(num.e164)!;
    expect(code).toMatch(/^\d{6}$/);

    const done = await c.say(code);

    expect(done.sessionState?.intent).toMatchObject({ name: 'RequestCallback', state: 'Fulfilled' });
    expect(attrs(done)).toMatchObject({ nextAction: 'ScheduleCallback', callbackNumber: num.e164, verified: 'false' });
    expect(attrs(done).callbackTime).toBeUndefined();
    expect(text(done)).toMatch(w.queued);
  });

  it('asked for a time: says plainly it cannot be scheduled, and promises none', async () => {
    const num = freshNumber();
    const c = bot.chat(localeId);
    const asked = await askCallback(c, localeId, num.typed, w.askAt);
    expect(text(asked)).toMatch(w.noTime);
    const done = await c.say(bot.fulfillment.handlers.outbox.lastCodeTo(num.e164)!);
    expect(attrs(done)).toMatchObject({ nextAction: 'ScheduleCallback', callbackNumber: num.e164 });
    expect(attrs(done).callbackTime).toBeUndefined();
    expect(text(done)).not.toMatch(/\b(3|15)(:00| h| pm| p\.m\.)/i);
  });

  it('a number outside the allowed countries is refused before the confirmation, and nothing is texted', async () => {
    const c = bot.chat(localeId);
    await c.say(w.ask);
    const before = sent();
    const r = await c.say('+44 20 7946 0000');
    expect(r.sessionState?.dialogAction).toMatchObject({ type: 'ElicitSlot', slotToElicit: 'CallbackNumber' });
    expect(text(r)).toMatch(w.country);
    expect(sent()).toBe(before);
  });

  it('a premium-rate number is refused', async () => {
    const c = bot.chat(localeId);
    await c.say(w.ask);
    const r = await c.say('900-555-0123');
    expect(r.sessionState?.dialogAction).toMatchObject({ type: 'ElicitSlot', slotToElicit: 'CallbackNumber' });
    expect(text(r)).toMatch(w.premium);
  });
});

describe('whose number', () => {
  /** A chat session verified as Avery (C-1001, +12025550143). */
  async function verifiedAvery() {
    const c = bot.chat('en_US');
    await c.say('I want to verify my identity');
    await c.say('202-555-0143');
    const ok = await c.say(bot.fulfillment.handlers.outbox.lastCodeTo('+12025550143')!);
    expect(attrs(ok).verified).toBe('true');
    return c;
  }

  it("the verified caller's own number on file is queued without another code", async () => {
    const c = await verifiedAvery();
    const before = sent();
    const done = await askCallback(c, 'en_US', '202-555-0143');
    expect(attrs(done)).toMatchObject({ nextAction: 'ScheduleCallback', callbackNumber: '+12025550143', verified: 'true' });
    expect(text(done)).toMatch(/ending in 43 when one is available/);
    expect(sent()).toBe(before);
  });

  it('a verified caller asking for another number must prove that number too', async () => {
    const c = await verifiedAvery();
    const num = freshNumber();
    const r = await askCallback(c, 'en_US', num.typed);
    expect(r.sessionState?.dialogAction).toMatchObject({ type: 'ElicitSlot', slotToElicit: 'Passcode' });
    expect(attrs(r).nextAction).toBeUndefined();
    expect(bot.fulfillment.handlers.outbox.lastCodeTo(num.e164)).toMatch(/^\d{6}$/);
  });

  it('a wrong code three times queues nothing and transfers', async () => {
    const num = freshNumber();
    const c = bot.chat('en_US');
    await askCallback(c, 'en_US', num.typed);
    const code = bot.fulfillment.handlers.outbox.lastCodeTo(num.e164)!;
    const wrong = String((Number(code) + 1) % 1_000_000).padStart(6, '0');
    let r = await c.say(wrong);
    expect(r.sessionState?.dialogAction).toMatchObject({ type: 'ElicitSlot', slotToElicit: 'Passcode' });
    await c.say(wrong);
    r = await c.say(wrong);
    expect(attrs(r)).toMatchObject({ nextAction: 'TransferToAgent', transferReason: 'otpLockout' });
    // The right code no longer queues anything.
    r = await c.say(code);
    expect(attrs(r).nextAction).not.toBe('ScheduleCallback');
  });

  it('a number code never verifies the identity, and a client-set pendingIntent reaches no callback', async () => {
    const num = freshNumber();
    const c = bot.chat('en_US');
    await askCallback(c, 'en_US', num.typed);
    await c.say(bot.fulfillment.handlers.outbox.lastCodeTo(num.e164)!);
    const balance = await c.say("what's my savings balance");
    expect(attrs(balance).verified).toBe('false');
    expect(text(balance)).not.toMatch(/\$/);

    const forged = bot.chat('en_US', { sessionAttributes: { pendingIntent: 'RequestCallback', callbackNumber: '+19005550123' } });
    const r = await forged.say('my code is 123456');
    expect(attrs(r).nextAction).not.toBe('ScheduleCallback');
  });
});

describe('limits', () => {
  it('one callback per session: a second request queues nothing and texts nothing', async () => {
    const c = bot.chat('en_US');
    const first = freshNumber();
    await askCallback(c, 'en_US', first.typed);
    await c.say(bot.fulfillment.handlers.outbox.lastCodeTo(first.e164)!);
    const before = sent();
    const again = await askCallback(c, 'en_US', freshNumber().typed);
    expect(again.sessionState?.dialogAction?.type).toBe('Close');
    expect(attrs(again).nextAction).toBeUndefined();
    expect(text(again)).toMatch(/can't queue another callback/);
    expect(sent()).toBe(before);
  });

  it('two callbacks per number per day across sessions: the third session is refused before any text', async () => {
    const num = freshNumber();
    for (let i = 0; i < 2; i++) {
      const c = bot.chat('en_US');
      await askCallback(c, 'en_US', num.typed);
      const done = await c.say(bot.fulfillment.handlers.outbox.lastCodeTo(num.e164)!);
      expect(attrs(done).nextAction).toBe('ScheduleCallback');
    }
    const before = sent();
    const third = await askCallback(bot.chat('en_US'), 'en_US', num.typed);
    expect(attrs(third).nextAction).toBeUndefined();
    expect(text(third)).toMatch(/can't queue another callback/);
    expect(sent()).toBe(before);
  });
});
