import { beforeAll, describe, expect, it } from 'vitest';
import {
  BUILT_IN_SLOTS_DOC_URL,
  SUPPORTED_BUILT_IN_SLOT_TYPES,
  isSupportedBuiltInSlotType,
  resolveSlotValue,
  warmUpSlotResolution,
  type SlotResolutionContext,
} from '../../scripts/nlu/slots.js';

/** Wednesday 11 March 2026, 11:00 in New York (15:00 UTC). */
const NOW = new Date('2026-03-11T15:00:00Z');
const TZ = 'America/New_York';

function ctx(localeId: string, extra: Partial<SlotResolutionContext> = {}): SlotResolutionContext {
  return { localeId, slotTypes: new Map(), now: NOW, timeZone: TZ, ...extra };
}

type Case = [localeId: string, input: string, interpreted: string];

/** Resolves each case and checks `interpretedValue` (the whole value when a case fails, for the message). */
function expectInterpreted(slotType: string, [localeId, input, interpreted]: Case): void {
  // Act
  const value = resolveSlotValue(input, slotType, ctx(localeId));
  // Assess
  expect(value?.interpretedValue, JSON.stringify(value)).toBe(interpreted);
}

// recognizers-text builds its models on first use (seconds per language), outside the tests' own time.
beforeAll(() => {
  for (const localeId of ['en_US', 'es_US', 'fr_CA']) warmUpSlotResolution(localeId);
}, 120_000);

describe('resolveSlotValue — AMAZON.Number', () => {
  it.each<Case>([
    ['en_US', 'forty two', '42'],
    ['es_US', 'cuarenta y dos', '42'],
    ['fr_CA', 'quarante-deux', '42'],
    ['fr_CA', 'quatre-vingt-dix-neuf', '99'],
    ['en_US', 'four eight one five', '4815'],
    ['es_US', 'cuatro ocho uno cinco', '4815'],
    ['fr_CA', 'quatre huit un cinq', '4815'],
    ['en_US', '481526', '481526'],
    ['en_US', 'minus 15', '-15'],
    ['es_US', 'menos quince', '-15'],
    ['fr_CA', 'moins quinze', '-15'],
    ['en_US', 'one hundred twenty three point four five', '123.45'],
    ['fr_CA', '12,5', '12.5'],
  ])('%s "%s" → %s', (...c) => expectInterpreted('AMAZON.Number', c));

  it('joins digits spoken separately inside a sentence and reports the digits as the original value', () => {
    // Act
    const value = resolveSlotValue('my code is 4 8 1 5 2 6', 'AMAZON.Number', ctx('en_US'));
    // Assess
    expect(value).toEqual({ originalValue: '4 8 1 5 2 6', interpretedValue: '481526', resolvedValues: ['481526'] });
  });

  it.each<Case>([
    ['en_US', '202-555-0143', '2025550143'],
    ['en_US', 'my number is 202 555 0143', '2025550143'],
    ['en_US', 'two oh two five five five zero one four three', '2025550143'],
    ['en_US', '1 0 0 2', '1002'],
    ['fr_CA', '514 555 0199', '5145550199'],
    ['es_US', 'dos cero dos cinco cinco cinco cero uno cuatro tres', '2025550143'],
  ])('%s "%s" keeps the zeros inside a digit sequence → %s', (...c) => expectInterpreted('AMAZON.Number', c));

  it('drops leading zeros like a number does (documented: use AlphaNumeric for codes)', () => {
    // Act
    const value = resolveSlotValue('zero four one five', 'AMAZON.Number', ctx('en_US'));
    // Assess
    expect(value?.interpretedValue).toBe('415');
  });

  it.each([
    ['en_US', 'yes'],
    ['es_US', 'sí'],
    ['fr_CA', 'oui'],
    ['en_US', "I don't know"],
  ])('%s "%s" (a yes/no answer) → undefined', (localeId, input) => {
    // Act
    const value = resolveSlotValue(input, 'AMAZON.Number', ctx(localeId));
    // Assess
    expect(value).toBeUndefined();
  });
});

describe('resolveSlotValue — AMAZON.Date (today is Wednesday 2026-03-11)', () => {
  it.each<Case>([
    ['en_US', 'tomorrow', '2026-03-12'],
    ['es_US', 'mañana', '2026-03-12'],
    ['fr_CA', 'demain', '2026-03-12'],
    ['en_US', 'next Monday', '2026-03-16'],
    ['es_US', 'el próximo lunes', '2026-03-16'],
    ['fr_CA', 'lundi prochain', '2026-03-16'],
    ['en_US', 'the day after tomorrow', '2026-03-13'],
    ['es_US', 'pasado mañana', '2026-03-13'],
    ['fr_CA', 'après-demain', '2026-03-13'],
    ['en_US', 'today', '2026-03-11'],
    ['en_US', 'November twenty fifth', '2026-11-25'],
    ['en_US', 'March 5th', '2027-03-05'],
    ['es_US', 'el 5 de abril de 2026', '2026-04-05'],
    ['fr_CA', 'le 5 avril 2026', '2026-04-05'],
    ['en_US', 'tomorrow at 3pm', '2026-03-12'],
  ])('%s "%s" → %s', (...c) => expectInterpreted('AMAZON.Date', c));

  it.each<Case>([
    ['en_US', 'next week', '2026-03-15'],
    ['en_US', 'this week', '2026-03-09'],
    ['en_US', 'last week', '2026-03-02'],
    ['en_US', 'next month', '2026-04-30'],
    ['es_US', 'el mes que viene', '2026-04-30'],
    ['fr_CA', 'le mois prochain', '2026-04-30'],
    ['en_US', 'this month', '2026-03-01'],
    ['es_US', 'la semana pasada', '2026-03-02'],
    ['en_US', 'next year', '2027-12-31'],
    ['fr_CA', "l'année prochaine", '2027-12-31'],
    ['en_US', 'last year', '2025-01-01'],
  ])('follows the Lex V2 rules for relative periods: %s "%s" → %s', (...c) => expectInterpreted('AMAZON.Date', c));

  it('reads "tomorrow" in the caller time zone', () => {
    // Prepare: 02:00 UTC on the 12th is still the evening of the 11th in New York.
    const now = new Date('2026-03-12T02:00:00Z');
    // Act
    const newYork = resolveSlotValue('tomorrow', 'AMAZON.Date', ctx('en_US', { now, timeZone: TZ }));
    const utc = resolveSlotValue('tomorrow', 'AMAZON.Date', ctx('en_US', { now, timeZone: undefined }));
    // Assess
    expect(newYork?.interpretedValue).toBe('2026-03-12');
    expect(utc?.interpretedValue).toBe('2026-03-13');
  });

  it.each([
    ['en_US', "I don't know"],
    ['es_US', 'no sé'],
    ['fr_CA', 'je sais pas'],
    ['en_US', 'the savings account'],
  ])('%s "%s" → undefined', (localeId, input) => {
    // Act
    const value = resolveSlotValue(input, 'AMAZON.Date', ctx(localeId));
    // Assess
    expect(value).toBeUndefined();
  });
});

describe('resolveSlotValue — AMAZON.Time', () => {
  it.each<Case>([
    ['en_US', '3 pm', '15:00'],
    ['es_US', 'a las tres de la tarde', '15:00'],
    ['fr_CA', '15 h', '15:00'],
    ['fr_CA', '15 h 30', '15:30'],
    ['fr_CA', "trois heures de l'après-midi", '15:00'],
    ['en_US', 'noon', '12:00'],
    ['es_US', 'al mediodía', '12:00'],
    ['fr_CA', 'à midi', '12:00'],
    ['en_US', 'tomorrow at 3pm', '15:00'],
    ['es_US', 'a las diez de la noche', '22:00'],
    ['fr_CA', '8 h du matin', '08:00'],
  ])('%s "%s" → %s', (...c) => expectInterpreted('AMAZON.Time', c));

  it.each<Case>([
    ['en_US', 'in the morning', 'MO'],
    ['en_US', 'this afternoon', 'AF'],
    ['es_US', 'por la tarde', 'AF'],
    ['fr_CA', 'cet après-midi', 'AF'],
    ['fr_CA', 'ce soir', 'EV'],
  ])('resolves a part of the day to the Lex range: %s "%s" → %s', (...c) => expectInterpreted('AMAZON.Time', c));

  it.each([
    ['en_US', 'at three'],
    ['es_US', 'a las tres'],
    ['fr_CA', 'à trois heures'],
  ])('gives the earlier time and both candidates for an ambiguous time: %s "%s"', (localeId, input) => {
    // Act
    const value = resolveSlotValue(input, 'AMAZON.Time', ctx(localeId));
    // Assess
    expect(value?.interpretedValue).toBe('03:00');
    expect(value?.resolvedValues).toEqual(['03:00', '15:00']);
  });

  it.each([
    ['en_US', 'whenever works'],
    ['es_US', 'no sé'],
    ['fr_CA', 'aucune idée'],
  ])('%s "%s" → undefined', (localeId, input) => {
    // Act
    const value = resolveSlotValue(input, 'AMAZON.Time', ctx(localeId));
    // Assess
    expect(value).toBeUndefined();
  });
});

describe('resolveSlotValue — AMAZON.Duration', () => {
  it.each<Case>([
    ['en_US', 'ten minutes', 'PT10M'],
    ['en_US', 'an hour and a half', 'PT1H30M'],
    ['en_US', 'five hours and ten minutes', 'PT5H10M'],
    ['en_US', '3 days', 'P3D'],
    ['en_US', 'eight weeks', 'P8W'],
    ['es_US', 'una hora y media', 'PT1H30M'],
    ['es_US', '90 minutos', 'PT90M'],
    ['es_US', 'cinco horas y diez minutos', 'PT5H10M'],
    ['fr_CA', 'deux heures et demie', 'PT2H30M'],
    ['fr_CA', 'cinq heures dix minutes', 'PT5H10M'],
    ['fr_CA', 'trois jours', 'P3D'],
    ['fr_CA', 'une demi-heure', 'PT30M'],
  ])('%s "%s" → %s', (...c) => expectInterpreted('AMAZON.Duration', c));

  it('returns undefined without a duration', () => {
    // Act
    const value = resolveSlotValue('as long as it takes', 'AMAZON.Duration', ctx('en_US'));
    // Assess
    expect(value).toBeUndefined();
  });
});

describe('resolveSlotValue — AMAZON.PhoneNumber', () => {
  it.each<Case>([
    ['en_US', 'call me on 555 010 1234', '5550101234'],
    ['en_US', 'five five five oh one oh one two three four', '5550101234'],
    ['en_US', '+1 (509) 555-1212', '+15095551212'],
    ['en_US', '1 (509) 555-1212', '15095551212'],
    ['en_US', '555-1212', '5551212'],
    ['es_US', 'mi número es cinco cinco cinco, cero uno cero, doce treinta y cuatro', '5550101234'],
    ['es_US', '+52 55 1234 5678', '+525512345678'],
    ['fr_CA', "c'est le 514 555-0199", '5145550199'],
    ['fr_CA', 'cinq un quatre cinq cinq cinq zéro un neuf neuf', '5145550199'],
  ])('%s "%s" → %s', (...c) => expectInterpreted('AMAZON.PhoneNumber', c));

  it('adds the E.164 form computed by libphonenumber-js to resolvedValues', () => {
    // Act
    const value = resolveSlotValue('my number is 514 555 0199', 'AMAZON.PhoneNumber', ctx('fr_CA'));
    // Assess
    expect(value).toEqual({ originalValue: '514 555 0199', interpretedValue: '5145550199', resolvedValues: ['5145550199', '+15145550199'] });
  });

  it.each([
    ['en_US', 'no'],
    ['en_US', '123'],
    ['es_US', 'no tengo teléfono'],
    ['fr_CA', '12345678901234567890'],
  ])('%s "%s" → undefined', (localeId, input) => {
    // Act
    const value = resolveSlotValue(input, 'AMAZON.PhoneNumber', ctx(localeId));
    // Assess
    expect(value).toBeUndefined();
  });
});

describe('resolveSlotValue — AMAZON.EmailAddress', () => {
  it.each<Case>([
    ['en_US', 'john dot smith at example dot com', 'john.smith@example.com'],
    ['en_US', 'you can reach me at jane underscore doe at mail dot example dot org', 'jane_doe@mail.example.org'],
    ['en_US', 'It is John.Smith@Example.com', 'john.smith@example.com'],
    ['es_US', 'juan punto pérez arroba ejemplo punto com', 'juan.perez@ejemplo.com'],
    ['fr_CA', 'jean tiret bas tremblay arobase exemple point ca', 'jean_tremblay@exemple.ca'],
  ])('%s "%s" → %s', (...c) => expectInterpreted('AMAZON.EmailAddress', c));

  it('returns undefined without an address', () => {
    // Act
    const value = resolveSlotValue('I do not have one at the moment', 'AMAZON.EmailAddress', ctx('en_US'));
    // Assess
    expect(value).toBeUndefined();
  });
});

describe('resolveSlotValue — AMAZON.AlphaNumeric', () => {
  it.each<Case>([
    ['en_US', 'a b c one two three', 'abc123'],
    ['es_US', 'a b c uno dos tres', 'abc123'],
    ['fr_CA', 'a b c un deux trois', 'abc123'],
    ['en_US', 'my code is ABC123', 'ABC123'],
    ['en_US', 'X7Q9', 'X7Q9'],
  ])('%s "%s" → %s', (...c) => expectInterpreted('AMAZON.AlphaNumeric', c));
});

describe('resolveSlotValue — AMAZON.Confirmation', () => {
  it.each<Case>([
    ['en_US', 'yeah sure', 'Yes'],
    ['en_US', 'nope', 'No'],
    ['en_US', 'that is not correct', 'No'],
    ['en_US', 'perhaps', 'Maybe'],
    ['en_US', 'no idea', "Don't know"],
    ['es_US', 'claro que sí', 'Yes'],
    ['es_US', 'no, gracias', 'No'],
    ['es_US', 'tal vez', 'Maybe'],
    ['es_US', 'no sé', "Don't know"],
    ['fr_CA', 'ouais', 'Yes'],
    ['fr_CA', 'non merci', 'No'],
    ['fr_CA', 'peut-être', 'Maybe'],
    ['fr_CA', 'je sais pas', "Don't know"],
  ])('%s "%s" → %s', (...c) => expectInterpreted('AMAZON.Confirmation', c));

  it('returns undefined for an answer that is none of the four', () => {
    // Act
    const value = resolveSlotValue('purple', 'AMAZON.Confirmation', ctx('en_US'));
    // Assess
    expect(value).toBeUndefined();
  });
});

describe('resolveSlotValue — names, places and free form', () => {
  it.each<[string, string, string, string]>([
    ['AMAZON.FirstName', 'en_US', 'my name is john', 'John'],
    ['AMAZON.FirstName', 'es_US', 'me llamo maría', 'María'],
    ['AMAZON.FirstName', 'fr_CA', "je m'appelle jean-pierre", 'Jean-Pierre'],
    ['AMAZON.LastName', 'en_US', "it's o'brien", "O'Brien"],
    ['AMAZON.LastName', 'es_US', 'mi apellido es García', 'García'],
    ['AMAZON.LastName', 'fr_CA', 'tremblay', 'Tremblay'],
    ['AMAZON.City', 'en_US', 'I live in Seattle', 'Seattle'],
    ['AMAZON.City', 'es_US', 'vivo en Guadalajara', 'Guadalajara'],
    ['AMAZON.City', 'fr_CA', "j'habite à Montréal", 'Montréal'],
    ['AMAZON.Country', 'en_US', 'Canada', 'Canada'],
    ['AMAZON.State', 'es_US', 'Texas, por favor', 'Texas'],
    ['AMAZON.StreetName', 'fr_CA', 'rue Sainte-Catherine', 'rue Sainte-Catherine'],
  ])('%s %s "%s" → %s', (slotType, localeId, input, interpreted) => {
    // Act
    const value = resolveSlotValue(input, slotType, ctx(localeId));
    // Assess
    expect(value?.interpretedValue).toBe(interpreted);
  });

  it('keeps the whole answer for AMAZON.FreeFormInput', () => {
    // Act
    const value = resolveSlotValue('  I lost my card, and the app says: error 42!  ', 'AMAZON.FreeFormInput', ctx('en_US'));
    // Assess
    expect(value).toEqual({
      originalValue: 'I lost my card, and the app says: error 42!',
      interpretedValue: 'I lost my card, and the app says: error 42!',
      resolvedValues: ['I lost my card, and the app says: error 42!'],
    });
  });

  it('rejects a first name with digits', () => {
    // Act
    const value = resolveSlotValue('r2d2', 'AMAZON.FirstName', ctx('en_US'));
    // Assess
    expect(value).toBeUndefined();
  });
});

describe('resolveSlotValue — AMAZON.Percentage and AMAZON.Currency', () => {
  it.each<Case>([
    ['en_US', 'fifty percent', '50%'],
    ['en_US', '12.5%', '12.5%'],
    ['es_US', 'cincuenta por ciento', '50%'],
    ['fr_CA', 'cinquante pour cent', '50%'],
  ])('Percentage %s "%s" → %s', (...c) => expectInterpreted('AMAZON.Percentage', c));

  it.each<Case>([
    ['en_US', 'five dollars fifteen cents', 'USD 5.15'],
    ['en_US', '$1.56', 'USD 1.56'],
    ['en_US', '5 cents', 'USD 0.05'],
    ['en_US', 'five fifteen', 'USD 515.00'],
    ['es_US', 'veinte dólares', 'USD 20.00'],
    ['es_US', 'cien pesos mexicanos', 'MXN 100.00'],
    ['fr_CA', '12,50 $', 'CAD 12.50'],
    ['fr_CA', 'dix euros', 'EUR 10.00'],
  ])('Currency %s "%s" → %s', (...c) => expectInterpreted('AMAZON.Currency', c));
});

describe('resolveSlotValue — unsupported input', () => {
  it.each([
    ['', 'AMAZON.Number'],
    ['   ', 'AMAZON.FreeFormInput'],
    ['SW1A 1AA', 'AMAZON.UKPostalCode'],
    ['savings', 'NoSuchSlotType'],
  ])('"%s" for %s → undefined', (input, slotType) => {
    // Act
    const value = resolveSlotValue(input, slotType, ctx('en_US'));
    // Assess
    expect(value).toBeUndefined();
  });
});

describe('SUPPORTED_BUILT_IN_SLOT_TYPES', () => {
  it('lists every Lex built-in type the emulator resolves, each with a Lex page and its fidelity notes', () => {
    // Act
    const names = SUPPORTED_BUILT_IN_SLOT_TYPES.map((t) => t.name);
    // Assess
    expect(names).toEqual([...names].sort());
    expect(names).toContain('AMAZON.Confirmation');
    expect(names).not.toContain('AMAZON.UKPostalCode');
    for (const t of SUPPORTED_BUILT_IN_SLOT_TYPES) {
      expect(t.docUrl).toMatch(/^https:\/\/docs\.aws\.amazon\.com\/lexv2\/latest\/dg\/built-in-slot/);
      expect(t.fidelity.length).toBeGreaterThan(10);
      expect(isSupportedBuiltInSlotType(t.name)).toBe(true);
    }
    expect(BUILT_IN_SLOTS_DOC_URL).toBe('https://docs.aws.amazon.com/lexv2/latest/dg/built-in-slots.html');
  });

  it('resolves some value of every listed type in English', () => {
    // Prepare
    const samples: Record<string, string> = {
      'AMAZON.AlphaNumeric': 'abc123', 'AMAZON.City': 'Boston', 'AMAZON.Confirmation': 'yes', 'AMAZON.Country': 'Mexico',
      'AMAZON.Currency': '$5', 'AMAZON.Date': 'today', 'AMAZON.Duration': 'two days', 'AMAZON.EmailAddress': 'a@b.co',
      'AMAZON.FirstName': 'Ana', 'AMAZON.FreeFormInput': 'hello', 'AMAZON.LastName': 'Lee', 'AMAZON.Number': '7',
      'AMAZON.Percentage': '10%', 'AMAZON.PhoneNumber': '5095551212', 'AMAZON.State': 'Ohio', 'AMAZON.StreetName': 'Elm Street',
      'AMAZON.Time': '7 pm',
    };
    for (const { name } of SUPPORTED_BUILT_IN_SLOT_TYPES) {
      // Act
      const value = resolveSlotValue(samples[name] ?? '', name, ctx('en_US'));
      // Assess
      expect(value, name).toBeDefined();
    }
  });
});
