import { describe, expect, it } from 'vitest';
import { resolveSlotValue, type SlotResolutionContext } from '../../scripts/nlu/slots.js';
import type { NluSlotType } from '../../scripts/nlu/types.js';

/** The project's AccountType slot type, per locale (same canonical values everywhere). */
const ACCOUNT_TYPE: Record<string, NluSlotType> = {
  en_US: {
    name: 'AccountType',
    resolution: 'TopResolution',
    values: [
      { value: 'checking', synonyms: ['chequing', 'checking account', 'everyday account', 'current account'] },
      { value: 'savings', synonyms: ['savings account', 'saving', 'save account'] },
      { value: 'credit card', synonyms: ['card', 'credit', 'visa', 'mastercard'] },
    ],
  },
  es_US: {
    name: 'AccountType',
    resolution: 'TopResolution',
    values: [
      { value: 'checking', synonyms: ['cheques', 'cuenta de cheques', 'cheque', 'cuenta corriente', 'débito'] },
      { value: 'savings', synonyms: ['ahorros', 'ahorro', 'cuenta de ahorro', 'cuenta de ahorros'] },
      { value: 'credit card', synonyms: ['tarjeta de crédito', 'tarjeta', 'crédito'] },
    ],
  },
  fr_CA: {
    name: 'AccountType',
    resolution: 'TopResolution',
    values: [
      { value: 'checking', synonyms: ['chèques', 'chèque', 'compte chèques', "compte d'opérations"] },
      { value: 'savings', synonyms: ['épargne', 'compte épargne', "compte d'épargne"] },
      { value: 'credit card', synonyms: ['carte de crédit', 'carte', 'visa'] },
    ],
  },
};

const COLOR: NluSlotType = { name: 'Color', resolution: 'OriginalValue', values: [{ value: 'red', synonyms: ['crimson', 'scarlet'] }, { value: 'blue', synonyms: ['navy'] }] };
const POLICY_ID: NluSlotType = { name: 'PolicyId', resolution: 'OriginalValue', values: [], regex: '[A-Z]{3}[0-9]{3}' };

function ctx(localeId: string): SlotResolutionContext {
  const types = [ACCOUNT_TYPE[localeId]!, COLOR, POLICY_ID];
  return { localeId, slotTypes: new Map(types.map((t) => [t.name, t])), now: new Date('2026-03-11T15:00:00Z') };
}

describe('resolveSlotValue — TopResolution custom type', () => {
  it.each([
    ['en_US', 'checking', 'checking', 'checking'],
    ['en_US', 'Chequing', 'Chequing', 'checking'],
    ['en_US', 'the savings one', 'savings', 'savings'],
    ['en_US', 'my credit card please', 'credit card', 'credit card'],
    ['en_US', 'my savigns', 'savigns', 'savings'],
    ['es_US', 'cheques', 'cheques', 'checking'],
    ['es_US', 'la de ahorros', 'ahorros', 'savings'],
    ['es_US', 'mi tarjeta de credito', 'tarjeta de credito', 'credit card'],
    ['fr_CA', 'chèques', 'chèques', 'checking'],
    ['fr_CA', 'Mon compte CHEQUES!', 'compte CHEQUES', 'checking'],
    ['fr_CA', "l'épargne", 'épargne', 'savings'],
    ['fr_CA', 'ma carte de credit', 'carte de credit', 'credit card'],
  ])('%s "%s" → original "%s", canonical %s', (localeId, input, original, canonical) => {
    // Act
    const value = resolveSlotValue(input, 'AccountType', ctx(localeId));
    // Assess
    expect(value).toEqual({ originalValue: original, interpretedValue: canonical, resolvedValues: [canonical] });
  });

  it('prefers the longest phrase ("credit card" over "card")', () => {
    // Act
    const value = resolveSlotValue('the credit card account', 'AccountType', ctx('en_US'));
    // Assess
    expect(value?.originalValue).toBe('credit card');
    expect(value?.interpretedValue).toBe('credit card');
  });

  it.each([
    ['en_US', 'mortgage'],
    ['en_US', 'sav'],
    ['es_US', 'hipoteca'],
    ['fr_CA', 'hypothèque'],
  ])('%s "%s" (not a value, nor one typo away) → undefined', (localeId, input) => {
    // Act
    const value = resolveSlotValue(input, 'AccountType', ctx(localeId));
    // Assess
    expect(value).toBeUndefined();
  });

  it('lists every value of a phrase shared by several values', () => {
    // Prepare
    const shared: NluSlotType = { name: 'Shared', resolution: 'TopResolution', values: [{ value: 'a', synonyms: ['same'] }, { value: 'b', synonyms: ['same'] }] };
    const c = { ...ctx('en_US'), slotTypes: new Map([['Shared', shared]]) };
    // Act
    const value = resolveSlotValue('same', 'Shared', c);
    // Assess
    expect(value).toEqual({ originalValue: 'same', interpretedValue: 'a', resolvedValues: ['a', 'b'] });
  });
});

describe('resolveSlotValue — OriginalValue custom type', () => {
  it('keeps the words said and lists the canonical value for a synonym', () => {
    // Act
    const value = resolveSlotValue('crimson please', 'Color', ctx('en_US'));
    // Assess
    expect(value).toEqual({ originalValue: 'crimson', interpretedValue: 'crimson', resolvedValues: ['red'] });
  });

  it('accepts an unknown value as said, with no resolved values', () => {
    // Act
    const value = resolveSlotValue('  teal ', 'Color', ctx('en_US'));
    // Assess
    expect(value).toEqual({ originalValue: 'teal', interpretedValue: 'teal', resolvedValues: [] });
  });

  it('treats a Concatenation (composite) type like OriginalValue', () => {
    // Prepare
    const composite: NluSlotType = { name: 'Address', resolution: 'Concatenation', values: [] };
    const c = { ...ctx('en_US'), slotTypes: new Map([['Address', composite]]) };
    // Act
    const value = resolveSlotValue('12 Elm Street', 'Address', c);
    // Assess
    expect(value?.interpretedValue).toBe('12 Elm Street');
  });
});

describe('resolveSlotValue — AMAZON.AlphaNumeric extension with a regex', () => {
  it.each([
    ['en_US', 'it is a b c one two three', 'ABC123'],
    ['en_US', 'abc123', 'ABC123'],
    ['es_US', 'x y z cuatro cinco seis', 'XYZ456'],
    ['fr_CA', 'q r s sept huit neuf', 'QRS789'],
  ])('%s "%s" → %s', (localeId, input, interpreted) => {
    // Act
    const value = resolveSlotValue(input, 'PolicyId', ctx(localeId));
    // Assess
    expect(value?.interpretedValue).toBe(interpreted);
  });

  it.each(['ab12', 'abcd1234', 'one two three'])('rejects "%s", which does not match the regex', (input) => {
    // Act
    const value = resolveSlotValue(input, 'PolicyId', ctx('en_US'));
    // Assess
    expect(value).toBeUndefined();
  });

  it('rejects everything when the regex is invalid', () => {
    // Prepare
    const broken: NluSlotType = { name: 'Broken', resolution: 'OriginalValue', values: [], regex: '([A-Z' };
    const c = { ...ctx('en_US'), slotTypes: new Map([['Broken', broken]]) };
    // Act
    const value = resolveSlotValue('ABC', 'Broken', c);
    // Assess
    expect(value).toBeUndefined();
  });
});
