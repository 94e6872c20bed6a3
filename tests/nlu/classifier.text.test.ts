import { describe, expect, it } from 'vitest';
import { nameAsWords } from '../../scripts/nlu/classifier.js';
import { DEFAULT_FEATURES, FeatureSpace, extractFeatures } from '../../scripts/nlu/features.js';
import { SpellingCorrector, withinOneEdit } from '../../scripts/nlu/spelling.js';
import { analyzeWords, foldAccents, stem } from '../../scripts/nlu/text.js';

describe('analyzeWords', () => {
  it('folds accents, splits elisions and hyphens, and keeps slot references whole', () => {
    // Act, Assess
    expect(analyzeWords("Est-ce que j'ai de l'argent dans mon {AccountType}?", 'fr')).toEqual(['est', 'ce', 'que', 'j', 'ai', 'de', 'l', 'argent', 'dans', 'mon', '{accounttype}']);
    expect(analyzeWords('¿Cuánto dinero tengo en mi cuenta?', 'es')).toEqual(['cuanto', 'dinero', 'tengo', 'en', 'mi', 'cuenta']);
  });

  it('expands English contractions and turns numbers into one token', () => {
    // Act, Assess
    expect(analyzeWords("My card hasn't arrived after 2 weeks, they're late", 'en')).toEqual(['my', 'card', 'has', 'not', 'arrived', 'after', '<num>', 'weeks', 'they', 'are', 'late']);
  });

  it('uses the shared canonical spellings (chat spellings, fillers)', () => {
    // Act, Assess
    expect(analyzeWords('um I wanna check my acct', 'en')).toEqual(['i', 'want', 'to', 'check', 'my', 'account']);
    expect(analyzeWords('kiero saber mi saldo xfa', 'es')).toEqual(['quiero', 'saber', 'mi', 'saldo', 'por', 'favor']);
  });
});

describe('foldAccents', () => {
  it('removes diacritics and spells out ligatures', () => {
    // Act, Assess
    expect(foldAccents('vérifier œuvre mañana ça')).toBe('verifier oeuvre manana ca');
  });
});

describe('stem', () => {
  it('conflates inflections per language', () => {
    // Act, Assess
    expect(['charge', 'charged', 'charges', 'charging'].map((w) => stem(w, 'en'))).toEqual(['charg', 'charg', 'charg', 'charg']);
    expect(stem('transferred', 'en')).toBe(stem('transfer', 'en'));
    expect(stem('tarjetas', 'es')).toBe(stem('tarjeta', 'es'));
    expect(['verifier', 'verifiez', 'verifie'].map((w) => stem(w, 'fr'))).toEqual(['verifi', 'verifi', 'verifi']);
  });

  it('leaves short words, slot tokens and other languages alone', () => {
    // Act, Assess
    expect(stem('bus', 'en')).toBe('bus');
    expect(stem('{type:accounttype}', 'en')).toBe('{type:accounttype}');
    expect(stem('karten', 'de')).toBe('karten');
  });
});

describe('SpellingCorrector', () => {
  const corrector = new SpellingCorrector(
    new Map([
      ['balance', 5],
      ['account', 4],
      ['card', 9],
      ['cart', 1],
      ['the', 20],
      ['agent', 3],
    ]),
  );

  it('corrects one insertion, deletion, substitution or transposition', () => {
    // Act, Assess
    expect(corrector.correct('ballance')).toBe('balance');
    expect(corrector.correct('acount')).toBe('account');
    expect(corrector.correct('balence')).toBe('balance');
    expect(corrector.correct('agnet')).toBe('agent');
    expect(corrector.correct('teh')).toBe('the');
  });

  it('prefers the more frequent word and keeps known, short, numeric or far words', () => {
    // Act, Assess
    expect(corrector.correct('carx')).toBe('card');
    expect(corrector.correct('cart')).toBe('cart');
    expect(corrector.correct('ab')).toBe('ab');
    expect(corrector.correct('<num>')).toBe('<num>');
    expect(corrector.correct('weather')).toBe('weather');
  });

  it('withinOneEdit agrees with the definition', () => {
    // Act, Assess
    expect(withinOneEdit('abc', 'abc')).toBe(true);
    expect(withinOneEdit('abc', 'acb')).toBe(true);
    expect(withinOneEdit('abc', 'abcd')).toBe(true);
    expect(withinOneEdit('abc', 'xbc')).toBe(true);
    expect(withinOneEdit('abc', 'bca')).toBe(false);
    expect(withinOneEdit('abc', 'a')).toBe(false);
  });
});

describe('FeatureSpace', () => {
  it('gives unit-length vectors and shortens text made of unseen words', () => {
    // Arrange
    const raw = (words: string[]) => extractFeatures(words, words, DEFAULT_FEATURES);
    const space = new FeatureSpace(DEFAULT_FEATURES);
    space.fit([raw(['check', 'my', 'balance']), raw(['talk', 'to', 'an', 'agent'])], Int32Array.of(0, 1), 2);
    const norm = (v: { values: Float32Array }) => Math.hypot(...v.values);
    // Act
    const known = space.vectorize(raw(['check', 'my', 'balance']));
    const mixed = space.vectorize(raw(['check', 'the', 'weather', 'forecast']));
    const unknown = space.vectorize(raw(['zzz', 'qqq']));
    // Assess
    expect(norm(known)).toBeCloseTo(1, 5);
    expect(norm(mixed)).toBeLessThan(0.8);
    expect(unknown.ids).toHaveLength(0);
  });
});

describe('nameAsWords', () => {
  it('splits camel case, snake case and acronyms', () => {
    // Act, Assess
    expect(['CheckBalance', 'lost_or_stolen_card', 'getSMSCode', 'AMAZON.HelpIntent'].map(nameAsWords)).toEqual(['Check Balance', 'lost or stolen card', 'get SMS Code', 'AMAZON Help Intent']);
  });
});
