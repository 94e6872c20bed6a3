/**
 * Utterance normalisation and the spelling / speech-transcription variant relation, shared by
 * `bots validate` (variant and duplicate rules) and tuning (marking misses that are variants).
 *
 * Normalised form: lower case, slot references as `{slot}`, punctuation other than in-word
 * apostrophes and hyphens removed, white space collapsed. Accents are kept (they change words).
 * @module
 */
import { distance } from 'fastest-levenshtein';

const SLOT_REF = /\{\s*([A-Za-z0-9_-]+)\s*\}/g;

/**
 * Normalises an utterance for duplicate detection: case, punctuation and white space.
 * `{AccountType}` becomes `{accounttype}` so that slot references still distinguish utterances.
 * @example normalizeUtterance('What is my  Balance?') // 'what is my balance'
 */
export function normalizeUtterance(text: string): string {
  return text
    .normalize('NFC')
    .toLowerCase()
    .replace(SLOT_REF, (_, name: string) => ` {${name.toLowerCase()}} `)
    .replace(/[’‘`´]/g, "'")
    .replace(/(^|[^\p{L}\p{N}])['-]+|['-]+(?=$|[^\p{L}\p{N}])/gu, '$1 ')
    .replace(/[^\p{L}\p{N}'{}\- ]+/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Splits a normalised utterance into word tokens. */
export function tokens(normalized: string): string[] {
  return normalized ? normalized.split(' ') : [];
}

/** Words people insert when speaking that a transcript keeps, per language (ISO 639-1). */
const FILLERS: Record<string, ReadonlySet<string>> = {
  en: new Set(['um', 'uh', 'umm', 'uhh', 'er', 'erm', 'hmm', 'ah', 'like', 'so', 'well', 'okay', 'ok', 'yeah', 'oh']),
  es: new Set(['eh', 'em', 'este', 'pues', 'bueno', 'mmm', 'ah', 'o', 'sea', 'oye', 'mira']),
  fr: new Set(['euh', 'heu', 'ben', 'bah', 'bon', 'alors', 'hein', 'genre', 'ah', 'oh', 'mmm', 'ok', 'là']),
};

/**
 * Contractions, chat spellings and transcription spellings, mapped to a canonical spelling.
 * Multi-word canonical forms are allowed ("wanna" → "want to").
 */
const CANONICAL: Record<string, Readonly<Record<string, string>>> = {
  en: {
    "what's": 'what is', whats: 'what is', "i'm": 'i am', im: 'i am', "i'd": 'i would', "i've": 'i have', "don't": 'do not',
    dont: 'do not', "can't": 'cannot', cant: 'cannot', "can not": 'cannot', "won't": 'will not', "it's": 'it is', "that's": 'that is',
    "where's": 'where is', "how's": 'how is', "let's": 'let us', wanna: 'want to', gonna: 'going to', gotta: 'got to',
    lemme: 'let me', gimme: 'give me', u: 'you', ur: 'your', pls: 'please', plz: 'please', thx: 'thanks', acct: 'account',
    chequing: 'checking', cheque: 'check', hrs: 'hours', 'a count': 'account', 'some one': 'someone', 'any one': 'anyone',
    'log in': 'login', 'call back': 'callback', 'good bye': 'goodbye', 'bye bye': 'goodbye', 'phone number': 'phonenumber',
    'pass code': 'passcode', 'pin code': 'pincode', "y'all": 'you all', 'ya': 'you', tmrw: 'tomorrow',
  },
  es: {
    q: 'que', k: 'que', xq: 'porque', pq: 'porque', 'por que': 'porque', pa: 'para', tb: 'también', tmb: 'también',
    x: 'por', xfa: 'por favor', porfa: 'por favor', 'porfavor': 'por favor', d: 'de', cel: 'celular', 'ahorita': 'ahora',
    'a ver': 'haber', 'nesecito': 'necesito', 'nececito': 'necesito', 'kiero': 'quiero', 'aser': 'hacer',
  },
  fr: {
    stp: "s'il te plaît", svp: "s'il vous plaît", 'sil vous plait': "s'il vous plaît", "s'il vous plait": "s'il vous plaît",
    chu: 'je suis', "j'suis": 'je suis', jsuis: 'je suis', jveux: 'je veux', "j'veux": 'je veux', ya: 'il y a', "y'a": 'il y a',
    pis: 'puis', pcq: 'parce que', pck: 'parce que', 'paske': 'parce que', 'chui': 'je suis', tsé: 'tu sais', 'ché pas': 'je sais pas',
    "j'sais": 'je sais', 'jsais': 'je sais', qqn: "quelqu'un", 'cell': 'cellulaire', 'chèque': 'cheque', 'rappelle': 'rappel',
  },
};

/** The ISO 639-1 language of a Lex locale id (`fr_CA` → `fr`). */
export function languageOf(localeId: string): string {
  return localeId.split('_')[0]!.toLowerCase();
}

/**
 * Canonical form used to compare variants: normalised, fillers removed, contractions and chat or
 * transcription spellings expanded, spaced and joined spellings unified.
 */
export function canonicalUtterance(normalized: string, language: string): string {
  const fillers = FILLERS[language] ?? new Set<string>();
  const table = CANONICAL[language] ?? {};
  const words = tokens(normalized).filter((w) => !fillers.has(w));
  const out: string[] = [];
  for (let i = 0; i < words.length; i++) {
    const pair = i + 1 < words.length ? `${words[i]} ${words[i + 1]}` : undefined;
    if (pair !== undefined && table[pair] !== undefined) {
      out.push(table[pair]!);
      i++;
      continue;
    }
    out.push(table[words[i]!] ?? words[i]!);
  }
  return out.join(' ');
}

/** Largest character edit distance between two canonical forms that still makes a variant. */
function maxEdits(length: number): number {
  return length < 12 ? 1 : length < 36 ? 2 : 3;
}

/**
 * Whether two normalised utterances of one intent are spelling or speech-transcription variants:
 * they differ as written, and either have the same canonical form (fillers, contractions, chat and
 * transcription spellings, spacing) or their canonical forms are within a small character edit
 * distance (1 below 12 characters, 2 below 36, else 3) that touches at most two words.
 * Slot references must be the same on both sides.
 */
export function isVariant(a: string, b: string, language: string, canonA = canonicalUtterance(a, language), canonB = canonicalUtterance(b, language)): boolean {
  if (a === b) return false;
  if (canonA === canonB) return true;
  if (canonA.replace(/ /g, '') === canonB.replace(/ /g, '')) return true;
  // One- to three-letter strings are all within an edit or two of each other: not evidence of a variant.
  if (Math.min(canonA.length, canonB.length) < 4) return false;
  const limit = maxEdits(Math.min(canonA.length, canonB.length));
  if (Math.abs(canonA.length - canonB.length) > limit) return false;
  if (slotSignature(canonA) !== slotSignature(canonB)) return false;
  const d = distance(canonA, canonB);
  if (d === 0 || d > limit) return false;
  return wordsChanged(tokens(canonA), tokens(canonB)) <= 2;
}

function slotSignature(s: string): string {
  return (s.match(/\{[^}]+\}/g) ?? []).sort().join();
}

/** Number of words outside the longest common prefix and suffix of two token lists. */
function wordsChanged(a: string[], b: string[]): number {
  let start = 0;
  while (start < a.length && start < b.length && a[start] === b[start]) start++;
  let end = 0;
  while (end < a.length - start && end < b.length - start && a[a.length - 1 - end] === b[b.length - 1 - end]) end++;
  return Math.max(a.length - start - end, b.length - start - end);
}
