/**
 * Text analysis for intent classification: the words of an utterance as the classifier sees
 * them (normalised, canonical, accents folded, elisions split) and a light per-language stemmer.
 * @module
 */
import { canonicalUtterance, normalizeUtterance, tokens } from './normalize.js';

/** A word token that stands for a slot value, e.g. `{accounttype}`. */
export const SLOT_TOKEN = /^\{[^}]+\}$/;
/** The token every number becomes (digits carry no intent; their presence does). */
export const NUMBER_TOKEN = '<num>';

const LIGATURES: Record<string, string> = { œ: 'oe', æ: 'ae', ß: 'ss', ø: 'o', ł: 'l', đ: 'd' };

/** Text without diacritics (`vérifier` → `verifier`), ligatures spelled out (`œ` → `oe`). */
export function foldAccents(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .replace(/[œæßøłđ]/g, (c) => LIGATURES[c] ?? c);
}

/**
 * The words of an utterance for matching: {@link normalizeUtterance}, then
 * {@link canonicalUtterance} for `language` (fillers dropped, contractions and chat spellings
 * expanded), accents folded, English clitics expanded (`hasn't` → `has not`), words split at
 * apostrophes and hyphens (`l'argent` → `l argent`, `top-up` → `top up`), numbers replaced by
 * {@link NUMBER_TOKEN}. Slot references stay whole as `{slotname}` (lower case).
 */
export function analyzeWords(text: string, language: string): string[] {
  const canonical = canonicalUtterance(normalizeUtterance(text), language);
  const out: string[] = [];
  for (const token of tokens(canonical)) {
    if (SLOT_TOKEN.test(token)) {
      out.push(token);
      continue;
    }
    for (const part of splitContractions(foldAccents(token), language).split(/['\- ]+/)) {
      if (!part) continue;
      out.push(/^\p{N}+$/u.test(part) ? NUMBER_TOKEN : part);
    }
  }
  return out;
}

/** English clitics that {@link canonicalUtterance} leaves: `hasn't` → `has not`, `they're` → `they are`. */
const ENGLISH_CLITICS: [RegExp, string][] = [
  [/n't$/, ' not'],
  [/'re$/, ' are'],
  [/'ve$/, ' have'],
  [/'ll$/, ' will'],
  [/'m$/, ' am'],
  [/'d$/, ' would'],
  [/'s$/, ''], // possessive or "is": either way not a word of its own
];

function splitContractions(token: string, language: string): string {
  if (language !== 'en' || !token.includes("'")) return token;
  for (const [suffix, replacement] of ENGLISH_CLITICS) if (suffix.test(token)) return token.replace(suffix, replacement);
  return token;
}

/**
 * A light stemmer: strips the inflections that most often separate two phrasings of the same
 * request (plurals, English -ing/-ed, French and Spanish verb and gender endings). Deliberately
 * conservative: it only conflates word forms; character n-grams carry the rest. Input is folded.
 */
export function stem(word: string, language: string): string {
  if (word.length <= 3 || SLOT_TOKEN.test(word) || word === NUMBER_TOKEN) return word;
  switch (language) {
    case 'en':
      return stemEnglish(word);
    case 'es':
      return stemSpanish(word);
    case 'fr':
      return stemFrench(word);
    default:
      return word;
  }
}

function undouble(w: string): string {
  const n = w.length;
  return n > 3 && w[n - 1] === w[n - 2] && !'lsz'.includes(w[n - 1]!) ? w.slice(0, -1) : w;
}

function stemEnglish(word: string): string {
  let w = word;
  if (w.endsWith('ies') && w.length > 4) w = `${w.slice(0, -3)}y`;
  else if (w.endsWith('sses')) w = w.slice(0, -2);
  else if (w.endsWith('s') && !/(ss|us|is)$/.test(w)) w = w.slice(0, -1);
  if (w.endsWith('ied') && w.length > 4) w = `${w.slice(0, -3)}y`;
  else if (w.endsWith('ing') && w.length >= 6) w = undouble(w.slice(0, -3));
  else if (w.endsWith('ed') && w.length >= 5 && !w.endsWith('eed')) w = undouble(w.slice(0, -2));
  // "charge" / "charged" / "charging" meet at "charg".
  if (w.endsWith('e') && w.length > 4) w = w.slice(0, -1);
  return w;
}

function stemSpanish(word: string): string {
  let w = word;
  if (/[^aeiou]es$/.test(w) && w.length > 5) w = w.slice(0, -2);
  else if (w.endsWith('s') && w.length > 4) w = w.slice(0, -1);
  if (/(ar|er|ir)$/.test(w) && w.length > 5) w = w.slice(0, -2);
  else if (/[aoe]$/.test(w) && w.length > 4) w = w.slice(0, -1);
  return w;
}

function stemFrench(word: string): string {
  let w = word;
  if (/[sx]$/.test(w) && w.length > 4) w = w.slice(0, -1);
  if (/(er|ez)$/.test(w) && w.length > 5) w = w.slice(0, -2);
  else if (w.endsWith('e') && w.length > 4) w = w.slice(0, -1);
  return w;
}
