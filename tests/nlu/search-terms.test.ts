/** searchTerms: the NLU's stems and concept synonyms as full-text search units (the local knowledge base). */
import { describe, expect, it } from 'vitest';
import { conceptTerms, isBankingConcept, isOffTopicConcept, questionKinds, searchTerms } from '../../scripts/nlu/synonyms.js';

describe('searchTerms', () => {
  it('keeps each word\'s stem and adds its concepts, one unit per word or phrase', () => {
    expect(searchTerms('my card was stolen', 'en')).toEqual([['card', '~card'], ['stolen', '~lose']]);
    expect(searchTerms('me robaron la tarjeta', 'es')).toEqual([['robaron', '~lose'], ['tarjet', '~card']]);
    expect(searchTerms("on m'a volé ma carte", 'fr')).toEqual([['vole', '~lose'], ['cart', '~card']]);
  });
  it('gives a word every concept of its longest phrase, with the FAQ vocabulary', () => {
    expect(searchTerms('close', 'en')).toEqual([['clos', '~hours', '~close']]);
    // A phrase: the phrase, its concepts, then its own words (so "rooting number" still shares "number").
    expect(searchTerms('cash machine', 'en')).toEqual([['cash_machin', '~atm', 'cash', 'machin']]);
    expect(searchTerms('cajero automatico', 'es')).toEqual([['cajer_automatic', '~atm', 'cajer', 'automatic']]);
    expect(searchTerms('what is the routing number', 'en')).toEqual([['rout_number', '~routing', 'rout', 'number']]);
  });
  it('knows general banking words callers use for what the FAQ says in the bank\'s words', () => {
    expect(searchTerms('deadline', 'en')).toEqual([['deadlin', '~due']]);
    expect(searchTerms('my account went negative', 'en').map((u) => u.slice(1))).toContainEqual(['~overdraft']);
    expect(searchTerms('fecha de vencimiento', 'es').flat()).toContain('~due');
    expect(searchTerms('le jour de l\'An', 'fr').flat()).toContain('~holiday');
  });
  it('marks banking concepts, not the ones off-topic questions share', () => {
    expect(isBankingConcept('~overdraft')).toBe(true);
    expect(isBankingConcept('~card')).toBe(true);
    expect(isBankingConcept('~weather')).toBe(false);
    expect(isBankingConcept('~day')).toBe(false);
    expect(isBankingConcept('card')).toBe(false);
    expect(searchTerms('quel temps fait-il à Québec', 'fr').flat().some(isOffTopicConcept)).toBe(true);
    expect(searchTerms('¿quién ganó el partido?', 'es').flat().some(isOffTopicConcept)).toBe(true);
    expect(searchTerms('combien de temps pour un virement', 'fr').flat().some(isOffTopicConcept)).toBe(false);
  });
  it('joins an acronym a transcript spelled letter by letter, not two letters', () => {
    expect(searchTerms('a t m fees', 'en')).toEqual([['atm', '~atm'], ['fee', '~fee']]);
    expect(searchTerms('changer mon n i p', 'fr')).toEqual([['chang', '~change'], ['nip', '~pin']]);
    expect(searchTerms("il l'a perdu", 'fr')).toEqual([['perdu', '~lose']]);
  });
  it('drops stop words, the extra ones given, and numbers', () => {
    expect(searchTerms('I would rather pay 25 dollars', 'en', new Set(['pay']))).toEqual([['dollar', '~money']]);
  });
  it('leaves the classifier\'s concepts alone (the FAQ vocabulary is for search only)', () => {
    expect(conceptTerms('cash machine', 'en')).toEqual(['~money', 'machin']);
  });
});

describe('questionKinds', () => {
  it('reads the kind of question from its opening words in each language', () => {
    expect(questionKinds('When is my payment due?', 'en')).toEqual(['when']);
    expect(questionKinds('how much can I send in a day', 'en')).toEqual(['howmuch']);
    expect(questionKinds('How do I pay my bill?', 'en')).toEqual(['how']);
    expect(questionKinds("c'est quand la date limite", 'fr')).toEqual(['when']);
    expect(questionKinds('Comment payer ma carte?', 'fr')).toEqual(['how']);
    expect(questionKinds('¿A qué hora abren?', 'es')).toEqual(['when']);
    expect(questionKinds('¿Cuánto tarda un depósito?', 'es')).toEqual(['howlong']);
  });
  it('ignores interrogatives past the opening ("quiero que…" is not a "what" question)', () => {
    expect(questionKinds('quiero saber el horario que tienen', 'es')).toEqual([]);
    expect(questionKinds('my card', 'en')).toEqual([]);
    expect(questionKinds('when is it', 'de')).toEqual([]);
  });
});
