/**
 * The flows at handler level, in all three locales, as the emulator will drive them: verify with the
 * code from the outbox and hear the balance; a wrong code three times locks out; a question gets an
 * answer with its sources; callbacks, agent transfer, hours, goodbye.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { BY_LOCALE, Conversation, LOCALES, connectEvent, localHandlers, textOf, valid, lexEvent } from './helpers.js';
import type { LocalHandlers } from '../../fulfillment/local.js';
import { messagesFor, render } from '../../fulfillment/messages/index.js';

let h: LocalHandlers;
beforeAll(async () => {
  h = await localHandlers();
});
afterAll(() => h.close());

const QUESTIONS = {
  en_US: { q: 'What are your fees for wire transfers', source: 'Fees', answer: /\$25/ },
  es_US: { q: '¿Cuánto cobran por enviar dinero a México?', source: 'Transferencias y envíos de dinero', answer: /México/ },
  fr_CA: { q: 'Comment réinitialiser mon mot de passe?', source: 'Services bancaires en ligne', answer: /Mot de passe oublié/ },
};
const SPOKEN_DIGITS = {
  en_US: ['zero', 'one', 'two', 'three', 'four', 'five', 'six', 'seven', 'eight', 'nine'],
  es_US: ['cero', 'uno', 'dos', 'tres', 'cuatro', 'cinco', 'seis', 'siete', 'ocho', 'nueve'],
  fr_CA: ['zéro', 'un', 'deux', 'trois', 'quatre', 'cinq', 'six', 'sept', 'huit', 'neuf'],
};
const wrongCode = (code: string) => String((Number(code) + 1) % 1_000_000).padStart(6, '0');

describe.each(LOCALES)('%s', (locale) => {
  const who = BY_LOCALE[locale];

  it('chat: balance → identifier → code from the outbox → the balance', async () => {
    const c = new Conversation(h.lex, { locale, sessionId: `chat-${locale}` });
    let r = await c.send('CheckBalance', 'balance', { slots: { AccountType: who.account } });
    expect(r.sessionState.dialogAction).toEqual({ type: 'ElicitSlot', slotToElicit: 'Passcode' });
    expect(r.sessionState.intent?.name).toBe('VerifyIdentity');
    expect(r.sessionState.sessionAttributes?.verified).toBe('false');

    r = await c.reply(who.typed, who.typed.replace(/\D/g, ''));
    expect(r.sessionState.dialogAction.slotToElicit).toBe('Passcode');
    const code = h.outbox.lastCodeTo(who.phone);
    expect(code).toMatch(/^\d{6}$/);
    expect(c.text()).not.toContain(code);

    r = await c.reply(code!);
    expect(r.sessionState.dialogAction.type).toBe('Close');
    expect(r.sessionState.intent).toMatchObject({ name: 'CheckBalance', state: 'Fulfilled' });
    expect(c.text()).toContain(who.firstName);
    expect(c.text()).toMatch(who.spoken);
    expect(r.sessionState.sessionAttributes?.verified).toBe('true');
    expect(r.sessionState.sessionAttributes?.pendingIntent).toBeUndefined();

    // Verified: the next balance is read without another code.
    const sent = h.outbox.messages().length;
    r = await c.send('CheckBalance', 'and my checking', { slots: { AccountType: 'checking' } });
    expect(r.sessionState.dialogAction.type).toBe('Close');
    expect(h.outbox.messages().length).toBe(sent);
  });

  it('voice through Connect: the lookup finds the caller, the code goes to the number on file, spoken digits verify', async () => {
    const contactId = `contact-voice-${locale}`;
    const lookup = await h.connect(connectEvent(contactId, who.phone));
    expect(lookup).toMatchObject({ found: 'true', preferredLocale: locale, lookupStatus: 'ok' });
    expect(lookup).not.toHaveProperty('firstName');

    const c = new Conversation(h.lex, { locale, sessionId: contactId, voice: true });
    let r = await c.send('CheckBalance', 'balance', { slots: { AccountType: who.account } });
    expect(r.messages?.[0]?.contentType).toBe('SSML');
    // Caller ID is a claim: the same words whether or not it matched, never the number's last digits.
    expect(r.messages?.[0]?.content).toBe(render(messagesFor(locale).codeSentToCaller, true));
    const code = h.outbox.lastCodeTo(who.phone)!;
    const spoken = [...code].map((d) => SPOKEN_DIGITS[locale][Number(d)]).join(' ');

    r = await c.reply(spoken, String(Number(code)));
    expect(r.sessionState.intent).toMatchObject({ name: 'CheckBalance', state: 'Fulfilled' });
    expect(r.messages?.every((m) => m.contentType === 'SSML')).toBe(true);
    expect(textOf(r)).toMatch(who.spoken);
  });

  it('a wrong code three times locks out and transfers to an agent; the right code no longer works', async () => {
    const c = new Conversation(h.lex, { locale, sessionId: `lockout-${locale}` });
    await c.send('VerifyIdentity', 'verify me');
    await c.reply(who.typed, who.typed.replace(/\D/g, ''));
    const code = h.outbox.lastCodeTo(who.phone)!;
    let r = await c.reply(wrongCode(code));
    expect(c.text()).toMatch(/2/);
    r = await c.reply(wrongCode(code));
    expect(c.text()).toMatch(/1/);
    r = await c.reply(wrongCode(code));
    expect(r.sessionState.dialogAction.type).toBe('Close');
    expect(r.sessionState.intent?.state).toBe('Failed');
    expect(r.sessionState.sessionAttributes).toMatchObject({ nextAction: 'TransferToAgent', transferReason: 'otpLockout', verified: 'false' });

    r = await c.send('VerifyIdentity', code, { slots: { Passcode: code } });
    expect(r.sessionState.sessionAttributes).toMatchObject({ nextAction: 'TransferToAgent', verified: 'false' });
    r = await c.send('CheckBalance', 'balance', { slots: { AccountType: 'checking' } });
    expect(textOf(r)).not.toMatch(who.spoken);
    expect(r.sessionState.sessionAttributes?.verified).toBe('false');
  });

  it('a question gets an answer with its source by title (text and voice)', async () => {
    const { q, source, answer } = QUESTIONS[locale];
    const c = new Conversation(h.lex, { locale, sessionId: `kb-${locale}` });
    let r = await c.send('AskQuestion', q, { source: 'FulfillmentCodeHook' });
    expect(r.sessionState).toMatchObject({ dialogAction: { type: 'Close' }, intent: { name: 'AskQuestion', state: 'Fulfilled' } });
    expect(c.text()).toMatch(answer);
    expect(r.messages?.[1]?.content).toContain(source);
    expect(c.text()).not.toMatch(/https?:|s3:\/\//);

    const v = new Conversation(h.lex, { locale, sessionId: `kb-voice-${locale}`, voice: true });
    r = await v.send('FallbackIntent', q, { source: 'FulfillmentCodeHook' });
    expect(r.messages?.[0]?.contentType).toBe('SSML');
    const sentences = textOf({ ...r, messages: [r.messages![0]!] }).split(/(?<=[.!?])\s+/).filter(Boolean);
    expect(sentences.length).toBeLessThanOrEqual(2);
    expect(r.messages?.[1]?.content).toContain(source);
  });

  it('no good answer: offers an agent, then transfers on the second miss', async () => {
    const off = { en_US: 'what is the weather in paris', es_US: '¿Qué tiempo hace en Madrid?', fr_CA: 'Quel temps fait-il à Montréal?' }[locale];
    const c = new Conversation(h.lex, { locale, sessionId: `kb-miss-${locale}` });
    let r = await c.send('FallbackIntent', off, { source: 'FulfillmentCodeHook' });
    expect(r.sessionState.dialogAction.type).toBe('ElicitIntent');
    expect(c.text()).toMatch(/agent|asesor|conseiller/);
    r = await c.send('FallbackIntent', off, { source: 'FulfillmentCodeHook' });
    expect(r.sessionState.sessionAttributes).toMatchObject({ nextAction: 'TransferToAgent', transferReason: 'noAnswer' });
  });

  it('"I have a question" asks what the question is', async () => {
    const q = { en_US: 'I have a question', es_US: 'Tengo una pregunta', fr_CA: "J'ai une question" }[locale];
    const r = await new Conversation(h.lex, { locale, sessionId: `kb-ask-${locale}` }).send('AskQuestion', q, { source: 'FulfillmentCodeHook' });
    expect(r.sessionState.dialogAction.type).toBe('ElicitIntent');
  });

  it('talk to agent, hours, goodbye, unknown intent', async () => {
    const c = new Conversation(h.lex, { locale, sessionId: `misc-${locale}` });
    let r = await c.send('TalkToAgent', 'agent', { source: 'FulfillmentCodeHook' });
    // Delegate without messages: Lex plays the intent's closing response, so the words are said once.
    expect(r.sessionState).toMatchObject({ dialogAction: { type: 'Delegate' }, sessionAttributes: { nextAction: 'TransferToAgent', transferReason: 'requested' } });
    expect(r.messages).toBeUndefined();
    r = await c.send('BusinessHours', 'hours', { source: 'FulfillmentCodeHook' });
    expect(r.sessionState.sessionAttributes?.nextAction).toBeUndefined();
    expect(r).toMatchObject({ sessionState: { dialogAction: { type: 'Delegate' } } });
    expect(r.messages).toBeUndefined();
    r = await c.send('EndConversation', 'bye', { source: 'FulfillmentCodeHook' });
    expect(r.sessionState.sessionAttributes?.nextAction).toBe('EndConversation');
    expect(r.messages).toBeUndefined();
    r = await c.send('OrderPizza', 'a pizza please');
    expect(r.sessionState.dialogAction.type).toBe('ElicitIntent');
  });

  it('callback: an invalid number is asked again; another number gets a code first, then ScheduleCallback with no time; a denial schedules nothing', async () => {
    const c = new Conversation(h.lex, { locale, sessionId: `callback-${locale}` });
    let r = await c.send('RequestCallback', 'call me back', { source: 'FulfillmentCodeHook', slots: { CallbackNumber: '12', CallbackTime: '14:30' }, confirmationState: 'Confirmed' });
    expect(r.sessionState.dialogAction).toEqual({ type: 'ElicitSlot', slotToElicit: 'CallbackNumber' });
    // A number of its own: the tests above used up the sample numbers' texts for 15 minutes.
    const other = { en_US: '+13125550177', es_US: '+13125550178', fr_CA: '+14185550179' }[locale];
    r = await c.send('RequestCallback', 'call me back', { source: 'FulfillmentCodeHook', slots: { CallbackNumber: other.slice(2), CallbackTime: '14:30' }, confirmationState: 'Confirmed' });
    expect(r.sessionState.dialogAction).toEqual({ type: 'ElicitSlot', slotToElicit: 'Passcode' });
    expect(r.sessionState.sessionAttributes?.nextAction).toBeUndefined();
    r = await c.reply(h.outbox.lastCodeTo(other)!);
    expect(r.sessionState.sessionAttributes).toMatchObject({ nextAction: 'ScheduleCallback', callbackNumber: other });
    expect(r.sessionState.sessionAttributes?.callbackTime).toBeUndefined();
    expect(c.text()).toContain(other.slice(-2));
    expect(c.text()).not.toMatch(/2:30|14:30|14 h 30/);
    r = await c.send('RequestCallback', 'no', { source: 'FulfillmentCodeHook', slots: { CallbackNumber: who.typed, CallbackTime: '14:30' }, confirmationState: 'Denied' });
    expect(r.sessionState.sessionAttributes?.nextAction).toBeUndefined();
    expect(r.sessionState.intent?.state).toBe('Failed');
  });
});

describe('dialog details', () => {
  // Own backends: the per-locale tests above used up the sample numbers' 3 sends per 15 minutes.
  let h: LocalHandlers;
  beforeAll(async () => {
    h = await localHandlers();
  });
  afterAll(() => h.close());

  it('CheckBalance without an account type: verification first, then the account is asked', async () => {
    const c = new Conversation(h.lex, { sessionId: 'no-type' });
    await c.send('CheckBalance', 'balance');
    await c.reply('4001002001'); // account number instead of phone
    const code = h.outbox.lastCodeTo('+12025550143')!;
    let r = await c.reply(code);
    expect(r.sessionState.dialogAction).toEqual({ type: 'ElicitSlot', slotToElicit: 'AccountType' });
    expect(r.sessionState.intent?.name).toBe('CheckBalance');
    r = await c.reply('savings');
    expect(r.sessionState.intent?.state).toBe('Fulfilled');
    expect(c.text()).toMatch(/\$12,500\.00/);
  });

  it('an account the customer does not hold offers the ones they have', async () => {
    const c = new Conversation(h.lex, { sessionId: 'no-such-account' });
    await c.send('CheckBalance', 'balance', { slots: { AccountType: 'savings' } });
    await c.reply('(514) 555-0123');
    const r = await c.reply(h.outbox.lastCodeTo('+15145550123')!);
    expect(r.sessionState.dialogAction).toEqual({ type: 'ElicitSlot', slotToElicit: 'AccountType' });
    expect(c.text()).toMatch(/checking account and a credit card/);
  });

  it('resend sends a new code; the old one no longer matches', async () => {
    const c = new Conversation(h.lex, { sessionId: 'resend' });
    await c.send('VerifyIdentity', 'verify me');
    await c.reply('202-555-0143');
    const first = h.outbox.lastCodeTo('+12025550143')!;
    await c.reply('please send me a new code', '');
    const second = h.outbox.lastCodeTo('+12025550143')!;
    expect(c.text()).toMatch(/new code/);
    if (first !== second) {
      const r = await c.reply(first);
      expect(r.sessionState.dialogAction.type).toBe('ElicitSlot');
    }
    const r = await c.reply(second);
    expect(r.sessionState.sessionAttributes?.verified).toBe('true');
  });

  it('the dialog and fulfillment code hooks of CheckBalance behave the same for an unverified caller', async () => {
    for (const source of ['DialogCodeHook', 'FulfillmentCodeHook'] as const) {
      const r = valid(await h.lex(lexEvent({ intent: 'CheckBalance', sessionId: `src-${source}`, source, slots: { AccountType: 'checking' } })));
      expect(r.sessionState.dialogAction.slotToElicit).toBe('Passcode');
    }
  });
});
