import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import {
  SUPPORTED_BUILT_IN_SLOT_TYPES,
  extractSlotsFromUtterance,
  resolveSlotValue,
  warmUpSlotResolution,
  type SlotResolutionContext,
} from '../../scripts/nlu/slots.js';
import type { NluIntent, NluSlotType } from '../../scripts/nlu/types.js';

const CUSTOM: NluSlotType[] = [
  { name: 'Top', resolution: 'TopResolution', values: [{ value: 'checking', synonyms: ['chèques', "compte d'épargne"] }] },
  { name: 'Original', resolution: 'OriginalValue', values: [{ value: 'red', synonyms: [] }] },
  { name: 'Regex', resolution: 'OriginalValue', values: [], regex: '[A-Z]{2}[0-9]{2}' },
  { name: 'Composite', resolution: 'Concatenation', values: [] },
];
const SLOT_TYPES = [...SUPPORTED_BUILT_IN_SLOT_TYPES.map((t) => t.name), ...CUSTOM.map((t) => t.name), 'AMAZON.UKPostalCode', 'Missing'];

/** Words the resolvers react to, so that random answers reach the interesting branches. */
const TRIGGERS = [
  'one', 'two', 'oh', 'double', 'at', 'dot', 'arroba', 'punto', 'arobase', 'point', 'pm', '3', '15', 'h', 'y', 'media', 'et', 'demie',
  'heures', 'midi', 'tomorrow', 'demain', 'mañana', 'next', 'week', 'mois', 'prochain', 'no', 'sé', 'yes', 'oui', 'percent', 'pour', 'cent',
  '$', '+', '@', '-', ',', 'İ', '{A}', 'checking', 'chèques', 'a', 'b', 'c',
];

const answers = fc.oneof(
  fc.string({ maxLength: 60 }),
  fc.string({ unit: 'grapheme', maxLength: 40 }),
  fc.array(fc.constantFrom(...TRIGGERS), { maxLength: 12 }).map((words) => words.join(' ')),
);

const contexts = fc.record({
  localeId: fc.constantFrom('en_US', 'es_US', 'fr_CA', 'de_DE', ''),
  now: fc.oneof(fc.date({ min: new Date('1900-01-01'), max: new Date('2200-01-01') }), fc.constant(new Date(Number.NaN))),
  timeZone: fc.constantFrom('UTC', 'America/New_York', 'America/Mexico_City', 'America/Toronto', 'Not/AZone', undefined),
});

function ctxOf(c: { localeId: string; now: Date; timeZone: string | undefined }): SlotResolutionContext {
  return { ...c, slotTypes: new Map(CUSTOM.map((t) => [t.name, t])) };
}

describe('slot resolution fuzz', () => {
  // recognizers-text builds its models on first use (seconds per language): not part of the properties.
  beforeAll(() => {
    for (const localeId of ['en_US', 'es_US', 'fr_CA']) warmUpSlotResolution(localeId);
  }, 120_000);

  it('resolveSlotValue never throws and returns undefined or a well-formed value, for any string and slot type', () => {
    // Prepare / Act / Assess: properties over random answers, slot types and contexts.
    fc.assert(
      fc.property(answers, fc.constantFrom(...SLOT_TYPES), contexts, (input, slotType, c) => {
        const value = resolveSlotValue(input, slotType, ctxOf(c));
        if (value === undefined) return;
        expect(typeof value.originalValue).toBe('string');
        expect(typeof value.interpretedValue).toBe('string');
        expect(value.interpretedValue.length).toBeGreaterThan(0);
        expect(Array.isArray(value.resolvedValues)).toBe(true);
      }),
      { numRuns: 400 },
    );
  }, 120_000);

  it('extractSlotsFromUtterance never throws and only fills slots of the intent', () => {
    fc.assert(
      fc.property(answers, fc.constantFrom(...SLOT_TYPES), fc.constantFrom(...SLOT_TYPES), contexts, answers, (input, typeA, typeB, c, template) => {
        // Prepare
        const intent: NluIntent = {
          name: 'Fuzz',
          utterances: ['my {A} is {B}', `${template} {A}`, '{B}', 'x {Unknown} y'],
          slots: [{ name: 'A', slotTypeName: typeA }, { name: 'B', slotTypeName: typeB }],
        };
        // Act
        const slots = extractSlotsFromUtterance(input, intent, ctxOf(c));
        // Assess
        for (const name of Object.keys(slots)) expect(['A', 'B']).toContain(name);
      }),
      { numRuns: 200 },
    );
  }, 120_000);
});
