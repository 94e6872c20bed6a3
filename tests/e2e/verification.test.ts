/**
 * The passcode path as a caller meets it, through the emulator (Lex's slotCaptureSetting semantics)
 * and the real runtime SDK, with the project's fulfillment on its local backends (issue 14 point 1,
 * issue 20 "no way to an agent during verification").
 */
import type { RecognizeTextCommandOutput } from '@aws-sdk/client-lex-runtime-v2';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { startSelfService, type SelfService } from '../helpers/self-service.js';

let bot: SelfService;
beforeAll(async () => {
  bot = await startSelfService();
}, 120_000);
afterAll(async () => bot?.stop());

const CALLERS = {
  en_US: { phone: '+12025550143', typed: '202-555-0143', verify: 'I want to verify my identity', resend: 'please send me a new code', noPhone: "I don't have my phone", balance: /\$12,500\.00/, ask: 'how much is in my savings account' },
  es_US: { phone: '+13055550172', typed: '305-555-0172', verify: 'quiero verificar mi identidad', resend: 'envíeme un código nuevo por favor', noPhone: 'no tengo mi teléfono', balance: /\$987\.65/, ask: '¿cuánto tengo en mi cuenta de cheques?' },
  fr_CA: { phone: '+15145550123', typed: '514-555-0123', verify: 'je veux vérifier mon identité', resend: 'envoyez-moi un nouveau code svp', noPhone: "je n'ai pas mon téléphone", balance: /1\s560,42\s\$/, ask: "combien j'ai dans mon compte chèques" },
} as const;

const wrong = (code: string) => String((Number(code) + 1) % 1_000_000).padStart(6, '0');
const text = (r: RecognizeTextCommandOutput) => (r.messages ?? []).map((m) => m.content).join(' ');

describe.each(Object.keys(CALLERS) as (keyof typeof CALLERS)[])('%s: asking for a new code while the passcode is elicited', (localeId) => {
  const who = CALLERS[localeId];

  it('wrong code, "new code please", the new code verifies and the old one no longer does', async () => {
    // Prepare: a code is texted to the number on file.
    const c = bot.chat(localeId);
    await c.say(who.ask);
    await c.say(who.typed);
    const first = bot.fulfillment.handlers.outbox.lastCodeTo(who.phone)!;
    expect(first).toMatch(/^\d{6}$/);
    const wrongTurn = await c.say(wrong(first));
    expect(wrongTurn.sessionState?.dialogAction).toMatchObject({ type: 'ElicitSlot', slotToElicit: 'Passcode' });

    // Act: ask for a new code (not a number: only the elicitation code hook hears it).
    const sent = bot.fulfillment.handlers.outbox.messages().length;
    const resend = await c.say(who.resend);

    // Assess
    expect(resend.sessionState?.dialogAction).toMatchObject({ type: 'ElicitSlot', slotToElicit: 'Passcode' });
    expect(resend.sessionState?.intent?.name).toBe('VerifyIdentity');
    expect(bot.fulfillment.handlers.outbox.messages().length).toBe(sent + 1);
    const second = bot.fulfillment.handlers.outbox.lastCodeTo(who.phone)!;
    expect(second).not.toBe(first);
    const old = await c.say(first);
    expect(old.sessionState?.sessionAttributes?.verified).toBe('false');
    expect(old.sessionState?.dialogAction).toMatchObject({ type: 'ElicitSlot', slotToElicit: 'Passcode' });
    const ok = await c.say(second);
    expect(ok.sessionState?.intent).toMatchObject({ name: 'CheckBalance', state: 'Fulfilled' });
    expect(text(ok)).toMatch(who.balance);
    expect(ok.sessionState?.sessionAttributes?.verified).toBe('true');
  });

  it('"I don\'t have my phone" offers an agent, never a knowledge-base answer', async () => {
    const c = bot.chat(localeId);
    await c.say(who.verify);
    await c.say(who.typed);
    const r = await c.say(who.noPhone);
    expect(r.sessionState?.dialogAction?.type).toBe('ElicitIntent');
    expect(text(r)).not.toMatch(/Source|Fuente/);
    expect(text(r)).toMatch(/agent|asesor|conseiller/i);
    expect(r.sessionState?.sessionAttributes?.verified).toBe('false');
  });
});

describe('an agent request always wins during verification', () => {
  it.each([
    ['en_US', 'agent'],
    ['en_US', 'I want to talk to a representative'],
    ['en_US', 'operator'],
    ['es_US', 'quiero hablar con un asesor'],
    ['es_US', 'agente'],
    ['fr_CA', 'je veux parler à un agent'],
    ['fr_CA', 'un conseiller svp'],
  ] as const)('%s "%s" while the passcode is elicited transfers to an agent', async (localeId, utterance) => {
    const who = CALLERS[localeId];
    const c = bot.chat(localeId);
    await c.say(who.verify);
    // A number that matches nobody: the dialog is the same (a decoy challenge), and no SMS is used up.
    const asked = await c.say('202-555-0999');
    expect(asked.sessionState?.dialogAction).toMatchObject({ type: 'ElicitSlot', slotToElicit: 'Passcode' });
    const r = await c.say(utterance);
    expect(r.sessionState?.dialogAction?.type).toBe('Close');
    expect(r.sessionState?.sessionAttributes).toMatchObject({ nextAction: 'TransferToAgent', transferReason: 'requested', verified: 'false' });
  });

  it('also when asked for the phone or account number, before any code', async () => {
    const c = bot.chat('en_US');
    await c.say('verify me please');
    const r = await c.say('get me a human please');
    expect(r.sessionState?.sessionAttributes).toMatchObject({ nextAction: 'TransferToAgent', transferReason: 'requested' });
  });
});
