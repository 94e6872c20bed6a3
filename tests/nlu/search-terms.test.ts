/** searchTerms: the NLU's stems and concept synonyms as full-text search units (the local knowledge base). */
import { describe, expect, it } from 'vitest';
import { conceptTerms, searchTerms } from '../../scripts/nlu/synonyms.js';

describe('searchTerms', () => {
  it('keeps each word\'s stem and adds its concepts, one unit per word or phrase', () => {
    expect(searchTerms('my card was stolen', 'en')).toEqual([['card', '~card'], ['stolen', '~lose']]);
    expect(searchTerms('me robaron la tarjeta', 'es')).toEqual([['robaron', '~lose'], ['tarjet', '~card']]);
    expect(searchTerms("on m'a volé ma carte", 'fr')).toEqual([['vole', '~lose'], ['cart', '~card']]);
  });
  it('gives a word every concept of its longest phrase, with the FAQ vocabulary', () => {
    expect(searchTerms('close', 'en')).toEqual([['clos', '~hours', '~close']]);
    expect(searchTerms('cash machine', 'en')).toEqual([['cash_machin', '~atm']]);
    expect(searchTerms('cajero automatico', 'es')).toEqual([['cajer_automatic', '~atm']]);
  });
  it('drops stop words, the extra ones given, and numbers', () => {
    expect(searchTerms('I would rather pay 25 dollars', 'en', new Set(['pay']))).toEqual([['dollar', '~money']]);
  });
  it('leaves the classifier\'s concepts alone (the FAQ vocabulary is for search only)', () => {
    expect(conceptTerms('cash machine', 'en')).toEqual(['~money', 'machin']);
  });
});
