/**
 * The Lex V2 contract pieces: lenient event parsing, typed response builders, the strict response
 * schema, the failure response, the router, voice detection and SSML rendering, and the message
 * catalogue in every locale.
 */
import { describe, expect, it } from 'vitest';
import { parseLexEvent, slotValue } from '../../fulfillment/lex/event.js';
import { failureResponse } from '../../fulfillment/lex/failure.js';
import { close, confirmIntent, delegate, elicitIntent, elicitSlot, message, scalarSlot } from '../../fulfillment/lex/response.js';
import { isWellFormedSsml, lexResponseSchema } from '../../fulfillment/lex/response-schema.js';
import { createRouter } from '../../fulfillment/lex/router.js';
import { Turn, isVoice } from '../../fulfillment/lex/turn.js';
import { CATALOGUE, digits, escapeSsml, formatCountries, render } from '../../fulfillment/messages/index.js';
import { ACCOUNT_TYPES, LOCALES, type Messages } from '../../fulfillment/messages/types.js';
import { digitRun } from '../../fulfillment/security/text.js';
import { lexEvent, valid } from './helpers.js';

describe('event parsing', () => {
  it('accepts a full Lex V2 event and keeps unknown fields', () => {
    const raw = { ...lexEvent({ intent: 'CheckBalance', slots: { AccountType: 'savings' } }), brandNewField: { x: 1 } };
    const e = parseLexEvent(raw)!;
    expect(e).toBeDefined();
    expect((e as Record<string, unknown>).brandNewField).toEqual({ x: 1 });
    expect(slotValue(e.sessionState.intent, 'AccountType')).toBe('savings');
  });

  it('is lenient where Lex may vary: null attributes, null slots, non-string attribute values, missing optional fields', () => {
    const e = parseLexEvent({
      sessionId: 's',
      bot: { localeId: 'en_US' },
      inputTranscript: null,
      requestAttributes: null,
      sessionState: { sessionAttributes: { a: 'x', b: 3, c: null }, intent: { name: 'CheckBalance', slots: { AccountType: null, Weird: 'not a slot' } } },
    })!;
    expect(e.sessionState.sessionAttributes).toEqual({ a: 'x' });
    expect(e.requestAttributes).toEqual({});
    expect(e.inputTranscript).toBe('');
    expect(slotValue(e.sessionState.intent, 'AccountType')).toBeUndefined();
  });

  it('rejects events without the fields the handlers need', () => {
    for (const bad of [null, 1, 'x', [], {}, { sessionId: 's', bot: { localeId: 'en_US' }, sessionState: {} }, { sessionId: '', bot: { localeId: 'en_US' }, sessionState: { intent: { name: 'X' } } }])
      expect(parseLexEvent(bad)).toBeUndefined();
  });

  it('slot values prefer the canonical resolved value', () => {
    const e = parseLexEvent({
      sessionId: 's',
      bot: { localeId: 'es_US' },
      sessionState: { intent: { name: 'CheckBalance', slots: { AccountType: { shape: 'Scalar', value: { originalValue: 'tarjeta', interpretedValue: 'tarjeta', resolvedValues: ['credit card'] } } } } },
    })!;
    expect(slotValue(e.sessionState.intent, 'AccountType')).toBe('credit card');
  });
});

describe('response builders and schema', () => {
  const attrs = { a: 'b' };
  const msg = [message('Hello', false)] as [ReturnType<typeof message>];
  it.each([
    ['Close', close({ name: 'X', slots: { S: scalarSlot('v') } }, 'Fulfilled', msg, attrs)],
    ['Close without messages', close({ name: 'X' }, 'Failed', [], attrs)],
    ['ElicitSlot', elicitSlot({ name: 'X', slots: { S: null } }, 'S', msg, attrs)],
    ['ElicitSlot with the bot prompt', elicitSlot({ name: 'X' }, 'S', [], attrs)],
    ['ElicitIntent', elicitIntent(msg, attrs)],
    ['Delegate', delegate({ name: 'X', slots: {}, confirmationState: 'Confirmed' }, attrs)],
    ['ConfirmIntent', confirmIntent({ name: 'X' }, msg, attrs)],
  ])('%s is schema-valid', (_n, r) => {
    valid(r);
  });

  it('echoed slots are rebuilt in the strict shape (unknown fields and nulls dropped)', () => {
    const r = close({ name: 'X', slots: { A: { shape: 'Scalar', value: { originalValue: 'o', interpretedValue: null, resolvedValues: [] }, extra: 1 } as never, B: null } }, 'Fulfilled', [], {});
    valid(r);
    expect(r.sessionState.intent?.slots).toEqual({ A: { shape: 'Scalar', value: { originalValue: 'o', interpretedValue: 'o', resolvedValues: [] } }, B: null });
  });

  it.each([
    ['no dialog action', { sessionState: {} }],
    ['unknown dialog action', { sessionState: { dialogAction: { type: 'Hangup' }, intent: { name: 'X', state: 'Fulfilled' } } }],
    ['ElicitSlot without slotToElicit', { sessionState: { dialogAction: { type: 'ElicitSlot' }, intent: { name: 'X', state: 'InProgress' } } }],
    ['Close without intent', { sessionState: { dialogAction: { type: 'Close' } }, messages: [{ contentType: 'PlainText', content: 'x' }] }],
    ['ElicitIntent without messages', { sessionState: { dialogAction: { type: 'ElicitIntent' } } }],
    ['empty message', { sessionState: { dialogAction: { type: 'ElicitIntent' } }, messages: [{ contentType: 'PlainText', content: '' }] }],
    ['message over 1000 characters', { sessionState: { dialogAction: { type: 'ElicitIntent' } }, messages: [{ contentType: 'PlainText', content: 'x'.repeat(1001) }] }],
    ['unescaped SSML', { sessionState: { dialogAction: { type: 'ElicitIntent' } }, messages: [{ contentType: 'SSML', content: '<speak>Fees & charges</speak>' }] }],
    ['non-string session attribute', { sessionState: { dialogAction: { type: 'ElicitIntent' }, sessionAttributes: { a: 1 } }, messages: [{ contentType: 'PlainText', content: 'x' }] }],
    ['bad intent state', { sessionState: { dialogAction: { type: 'Close' }, intent: { name: 'X', state: 'Done' } } }],
    ['unknown top-level field', { sessionState: { dialogAction: { type: 'Close' }, intent: { name: 'X', state: 'Fulfilled' } }, extra: true }],
  ])('rejects %s', (_n, r) => {
    expect(lexResponseSchema.safeParse(r).success).toBe(false);
  });

  it('SSML well-formedness', () => {
    expect(isWellFormedSsml('<speak>a <break time="200ms"/> b &amp; c <say-as interpret-as="digits">12</say-as></speak>')).toBe(true);
    expect(isWellFormedSsml('<speak>a < b</speak>')).toBe(false);
    expect(isWellFormedSsml('<speak><say-as>12</speak>')).toBe(false);
    expect(isWellFormedSsml('<speak><script>x</script></speak>')).toBe(false);
    expect(isWellFormedSsml('hello')).toBe(false);
  });
});

describe('failure response', () => {
  it.each([null, undefined, 42, 'text', [], {}, { bot: { localeId: 'fr_CA' }, inputMode: 'Speech' }, { sessionState: { intent: { name: 'x'.repeat(500) } } }])('is valid for %j', (raw) => {
    const r = valid(failureResponse(raw));
    expect(r.sessionState.sessionAttributes).toMatchObject({ nextAction: 'TransferToAgent', verified: 'false' });
  });

  it('speaks the locale, as SSML on voice, and keeps the caller\'s attributes but not forged outputs', () => {
    const r = failureResponse({ ...lexEvent({ intent: 'CheckBalance', locale: 'es_US', inputMode: 'Speech', sessionAttributes: { keep: 'me', verified: 'true' } }) });
    expect(r.messages?.[0]).toEqual({ contentType: 'SSML', content: `<speak>${escapeSsml(CATALOGUE.es_US.error)}</speak>` });
    expect(r.sessionState.sessionAttributes).toMatchObject({ keep: 'me', verified: 'false' });
    expect(r.sessionState.intent?.name).toBe('CheckBalance');
  });
});

describe('router', () => {
  const routes = [
    { intent: '*', handle: async () => 'any' },
    { intent: 'A', handle: async () => 'A' },
    { intent: 'A', source: 'FulfillmentCodeHook' as const, handle: async () => 'A-ful' },
    { intent: 'A', label: 'L', handle: async () => 'A-L' },
  ];
  const route = createRouter(routes as never);
  const turn = (o: Parameters<typeof lexEvent>[0] & { label?: string }) => new Turn(parseLexEvent({ ...lexEvent(o), invocationLabel: o.label })!);
  it('picks the most specific route: intent + label > intent + source > intent > *', async () => {
    expect(await route(turn({ intent: 'A', source: 'DialogCodeHook' })).handle(null as never, null)).toBe('A');
    expect(await route(turn({ intent: 'A', source: 'FulfillmentCodeHook' })).handle(null as never, null)).toBe('A-ful');
    expect(await route(turn({ intent: 'A', source: 'FulfillmentCodeHook', label: 'L' })).handle(null as never, null)).toBe('A-L');
    expect(await route(turn({ intent: 'B' })).handle(null as never, null)).toBe('any');
  });
});

describe('channel and rendering', () => {
  it('voice is Speech or DTMF input, or the Connect voice platform; Connect Chat is text', () => {
    expect(isVoice({ inputMode: 'Speech', requestAttributes: {} })).toBe(true);
    expect(isVoice({ inputMode: 'DTMF', requestAttributes: {} })).toBe(true);
    expect(isVoice({ inputMode: 'Text', requestAttributes: { 'x-amz-lex:channels:platform': 'Connect' } })).toBe(true);
    expect(isVoice({ inputMode: 'Text', requestAttributes: { 'x-amz-lex:channels:platform': 'Connect Chat' } })).toBe(false);
    expect(isVoice({ inputMode: 'Text', requestAttributes: {} })).toBe(false);
  });

  it('escapes &, <, >, quotes and apostrophes on voice and reads marked digits one by one', () => {
    const t = `Fees & "charges" < 5 l'été ${digits('43')}`;
    expect(render(t, true)).toBe('<speak>Fees &amp; &quot;charges&quot; &lt; 5 l&apos;été <say-as interpret-as="digits">43</say-as></speak>');
    expect(render(t, false)).toBe(`Fees & "charges" < 5 l'été 43`);
    expect(isWellFormedSsml(render(t, true))).toBe(true);
  });

  it('reads digits typed, spoken as words, or mixed', () => {
    const en = CATALOGUE.en_US.digitWords;
    expect(digitRun('my code is 12 34 56', en)).toBe('123456');
    expect(digitRun('one two three four five six', en)).toBe('123456');
    expect(digitRun('+1 (202) 555-0143', en)).toBe('12025550143');
    expect(digitRun('code:654321 thanks', en)).toBe('654321');
    expect(digitRun('cuatro cinco seis uno dos tres', CATALOGUE.es_US.digitWords)).toBe('456123');
    expect(digitRun('zéro un deux trois quatre cinq', CATALOGUE.fr_CA.digitWords)).toBe('012345');
    expect(digitRun('no digits here', en)).toBe('');
  });
});

describe('message catalogue', () => {
  const sample = (m: Messages): string[] => [
    m.smsCode('123456'), m.askIdentifier, m.identifierNotUnderstood, m.codeSentIfKnown, m.codeSentToCaller, m.noPhone, m.codeResent, m.codeFormat,
    m.codeWrong(1), m.codeWrong(2), m.codeExpiredResent, m.lockedOut, m.sendLimit, m.tooManyIdentifiers, m.verified('Zoë'), m.verified(''),
    m.alreadyVerified, m.verificationUnavailable, m.balance(m.accountNames.checking, '$1.00'), m.creditBalance('$1.00'),
    m.noSuchAccount(m.accountNames.savings, m.accountWithArticle.checking), m.noAccounts, m.whichAccount, m.whatNext, m.askQuestion, m.noAnswer,
    m.noAnswerTransfer, m.knowledgeUnavailable, m.sources(['Fees']), m.sources(['Fees', 'Cards']), m.agent, m.callbackQueued(digits('43')), m.callbackNoTime, m.callbackCodeSent,
    m.callbackCountry(formatCountries(m, ['US', 'CA'])), m.callbackPremium, m.callbackLimit, m.callbackNumberLocked,
    m.callbackInvalidNumber, m.callbackDeclined, m.help, m.error, ...ACCOUNT_TYPES.map((t) => m.accountNames[t]),
  ];

  it.each(LOCALES)('%s: every message is non-empty, short, and renders to valid SSML', (locale) => {
    for (const text of sample(CATALOGUE[locale])) {
      expect(text.trim().length).toBeGreaterThan(0);
      expect(text.length).toBeLessThanOrEqual(200);
      expect(isWellFormedSsml(render(text, true))).toBe(true);
    }
  });

  it('the locales differ (nothing left untranslated except names)', () => {
    const [en, es, fr] = LOCALES.map((l) => sample(CATALOGUE[l]));
    const same = en!.filter((t, i) => t === es![i] || t === fr![i]);
    expect(same).toEqual([]);
  });

  it('allowed callback countries read naturally', () => {
    expect(formatCountries(CATALOGUE.en_US, ['US', 'CA'])).toBe('the United States or Canada');
    expect(formatCountries(CATALOGUE.es_US, ['US', 'CA'])).toBe('Estados Unidos o Canadá');
    expect(formatCountries(CATALOGUE.fr_CA, ['US', 'CA'])).toBe('des États-Unis ou du Canada');
    expect(formatCountries(CATALOGUE.fr_CA, ['FR'])).toBe('de France');
  });
});
