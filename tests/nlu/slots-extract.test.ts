import { beforeAll, describe, expect, it } from 'vitest';
import { extractSlotsFromUtterance, warmUpSlotResolution, type SlotResolutionContext } from '../../scripts/nlu/slots.js';
import type { NluIntent, NluSlotType } from '../../scripts/nlu/types.js';

const NOW = new Date('2026-03-11T15:00:00Z');

const ACCOUNT_TYPE: Record<string, NluSlotType> = {
  en_US: {
    name: 'AccountType',
    resolution: 'TopResolution',
    values: [
      { value: 'checking', synonyms: ['chequing', 'checking account'] },
      { value: 'savings', synonyms: ['savings account', 'saving'] },
      { value: 'credit card', synonyms: ['card', 'credit', 'visa'] },
    ],
  },
  es_US: {
    name: 'AccountType',
    resolution: 'TopResolution',
    values: [
      { value: 'checking', synonyms: ['cheques', 'cuenta de cheques'] },
      { value: 'savings', synonyms: ['ahorros', 'cuenta de ahorros'] },
      { value: 'credit card', synonyms: ['tarjeta de crédito', 'tarjeta'] },
    ],
  },
  fr_CA: {
    name: 'AccountType',
    resolution: 'TopResolution',
    values: [
      { value: 'checking', synonyms: ['chèques', 'compte chèques'] },
      { value: 'savings', synonyms: ['épargne', "compte d'épargne"] },
      { value: 'credit card', synonyms: ['carte de crédit', 'carte'] },
    ],
  },
};

const NICKNAME: NluSlotType = { name: 'Nickname', resolution: 'OriginalValue', values: [{ value: 'Main', synonyms: ['primary'] }] };

function ctx(localeId: string): SlotResolutionContext {
  return { localeId, slotTypes: new Map([[ACCOUNT_TYPE[localeId]!.name, ACCOUNT_TYPE[localeId]!], [NICKNAME.name, NICKNAME]]), now: NOW, timeZone: 'America/New_York' };
}

const CHECK_BALANCE: Record<string, NluIntent> = {
  en_US: {
    name: 'CheckBalance',
    utterances: [
      "What's my balance",
      'How much is in my {AccountType} account',
      'how much is in my {AccountType} a count',
      "What's the balance on my {AccountType}",
      'I want to know my {AccountType} balance',
      'Can you tell me how much I have in {AccountType}',
    ],
    slots: [{ name: 'AccountType', slotTypeName: 'AccountType' }],
  },
  es_US: {
    name: 'CheckBalance',
    utterances: ['¿Cuánto tengo en mi cuenta de {AccountType}?', '¿Cuál es el saldo de mi {AccountType}?', 'Mi saldo'],
    slots: [{ name: 'AccountType', slotTypeName: 'AccountType' }],
  },
  fr_CA: {
    name: 'CheckBalance',
    utterances: ["Combien j'ai dans mon {AccountType}?", "C'est quoi le solde de mon {AccountType}?", 'Mon solde svp'],
    slots: [{ name: 'AccountType', slotTypeName: 'AccountType' }],
  },
};

const REQUEST_CALLBACK: NluIntent = {
  name: 'RequestCallback',
  utterances: [
    'Can someone call me back',
    'Call me back at {CallbackTime}',
    'Please call me at {CallbackNumber}',
    'Call me back on {CallbackNumber} at {CallbackTime}',
    'My number is {CallbackNumber}, call me back',
    'Schedule a callback for {CallbackTime}',
  ],
  slots: [
    { name: 'CallbackNumber', slotTypeName: 'AMAZON.PhoneNumber' },
    { name: 'CallbackTime', slotTypeName: 'AMAZON.Time' },
  ],
};

const VERIFY_IDENTITY: NluIntent = {
  name: 'VerifyIdentity',
  utterances: ['my code is {Passcode}', 'the passcode is {Passcode}', "Here's my verification code {Passcode}", 'verify me'],
  slots: [{ name: 'Passcode', slotTypeName: 'AMAZON.Number' }],
};

const interpreted = (slots: Record<string, { interpretedValue: string }>) => Object.fromEntries(Object.entries(slots).map(([k, v]) => [k, v.interpretedValue]));

// recognizers-text builds its models on first use (seconds per language), outside the tests' own time.
beforeAll(() => {
  for (const localeId of ['en_US', 'es_US', 'fr_CA']) warmUpSlotResolution(localeId);
}, 120_000);

describe('extractSlotsFromUtterance — one slot from a template', () => {
  it.each([
    ['en_US', 'how much is in my savings account', 'savings'],
    ['en_US', 'How much is in my SAVINGS account?', 'savings'],
    ['en_US', 'um how much is in my chequing acount please', 'checking'],
    ['en_US', 'what is the balance on my visa', 'credit card'],
    ['en_US', 'I wanna know my savings balance', 'savings'],
    ['es_US', 'cuánto tengo en mi cuenta de ahorros', 'savings'],
    ['es_US', 'cual es el saldo de mi tarjeta de credito', 'credit card'],
    ['fr_CA', "c'est quoi le solde de mon compte chèques", 'checking'],
    ['fr_CA', "combien j'ai dans mon épargne", 'savings'],
  ])('%s "%s" → AccountType=%s', (localeId, input, canonical) => {
    // Act
    const slots = extractSlotsFromUtterance(input, CHECK_BALANCE[localeId]!, ctx(localeId));
    // Assess
    expect(interpreted(slots)).toEqual({ AccountType: canonical });
  });

  it('keeps the words said as the original value', () => {
    // Act
    const slots = extractSlotsFromUtterance('how much is in my savings account', CHECK_BALANCE.en_US!, ctx('en_US'));
    // Assess
    expect(slots.AccountType).toEqual({ originalValue: 'savings', interpretedValue: 'savings', resolvedValues: ['savings'] });
  });

  it('resolves a built-in slot in the captured span ("my code is 4 8 1 5 2 6")', () => {
    // Act
    const slots = extractSlotsFromUtterance('my code is 4 8 1 5 2 6', VERIFY_IDENTITY, ctx('en_US'));
    // Assess
    expect(slots).toEqual({ Passcode: { originalValue: '4 8 1 5 2 6', interpretedValue: '481526', resolvedValues: ['481526'] } });
  });
});

describe('extractSlotsFromUtterance — two slots', () => {
  it('fills both slots of "Call me back on {CallbackNumber} at {CallbackTime}"', () => {
    // Act
    const slots = extractSlotsFromUtterance('call me back on 555 010 1234 at 3pm', REQUEST_CALLBACK, ctx('en_US'));
    // Assess
    expect(interpreted(slots)).toEqual({ CallbackNumber: '5550101234', CallbackTime: '15:00' });
    expect(slots.CallbackNumber?.originalValue).toBe('555 010 1234');
    expect(slots.CallbackTime?.originalValue).toBe('3pm');
  });

  it('fills only the slot its template has', () => {
    // Act
    const slots = extractSlotsFromUtterance('schedule a call back for tomorrow at 10 in the morning', REQUEST_CALLBACK, ctx('en_US'));
    // Assess
    expect(interpreted(slots)).toEqual({ CallbackTime: '10:00' });
  });

  it('fills a slot from one template and another from a second, non-overlapping one', () => {
    // Prepare
    const intent: NluIntent = {
      name: 'Transfer',
      utterances: ['move money from {From}', 'to {To} please'],
      slots: [{ name: 'From', slotTypeName: 'AccountType' }, { name: 'To', slotTypeName: 'AccountType' }],
    };
    // Act
    const slots = extractSlotsFromUtterance('move money from savings to checking please', intent, ctx('en_US'));
    // Assess
    expect(interpreted(slots)).toEqual({ From: 'savings', To: 'checking' });
  });
});

describe('extractSlotsFromUtterance — without a matching template', () => {
  it('finds a listed value or synonym of a custom slot type anywhere in the input', () => {
    // Act
    const slots = extractSlotsFromUtterance('I need the balance of the chequing one', CHECK_BALANCE.en_US!, ctx('en_US'));
    // Assess
    expect(slots.AccountType).toEqual({ originalValue: 'chequing', interpretedValue: 'checking', resolvedValues: ['checking'] });
  });

  it('takes only listed values for an OriginalValue type outside templates', () => {
    // Prepare
    const intent: NluIntent = { name: 'Rename', utterances: ['call it {Nickname}'], slots: [{ name: 'Nickname', slotTypeName: 'Nickname' }] };
    // Act
    const listed = extractSlotsFromUtterance('rename my primary account', intent, ctx('en_US'));
    const unlisted = extractSlotsFromUtterance('rename my holiday account', intent, ctx('en_US'));
    const templated = extractSlotsFromUtterance('call it holiday', intent, ctx('en_US'));
    // Assess
    expect(listed.Nickname).toEqual({ originalValue: 'primary', interpretedValue: 'primary', resolvedValues: ['Main'] });
    expect(unlisted).toEqual({});
    expect(templated.Nickname).toEqual({ originalValue: 'holiday', interpretedValue: 'holiday', resolvedValues: [] });
  });
});

describe('extractSlotsFromUtterance — never invents a value', () => {
  it.each([
    ['en_US', CHECK_BALANCE.en_US!, 'how much is in my mortgage account'],
    ['en_US', CHECK_BALANCE.en_US!, "what's my balance"],
    ['en_US', VERIFY_IDENTITY, 'my code is banana'],
    ['en_US', VERIFY_IDENTITY, 'verify me'],
    ['en_US', REQUEST_CALLBACK, 'can someone call me back'],
    ['es_US', CHECK_BALANCE.es_US!, 'mi saldo'],
    ['fr_CA', CHECK_BALANCE.fr_CA!, 'mon solde svp'],
    ['en_US', REQUEST_CALLBACK, ''],
  ])('%s %s "%s" → {}', (localeId, intent, input) => {
    // Act
    const slots = extractSlotsFromUtterance(input, intent, ctx(localeId));
    // Assess
    expect(slots).toEqual({});
  });
});
