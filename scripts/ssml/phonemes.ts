/**
 * Polly phoneme tables: splitting a `ph` string into the symbols of one language, checking them,
 * and converting between X-SAMPA and IPA.
 *
 * Tokenising is longest match against the language's table (symbols are 1-3 UTF-16 units, so at
 * most 4 map look-ups per position, no regular expression).
 * @see https://docs.aws.amazon.com/polly/latest/dg/ref-phoneme-tables-shell.html
 * @see https://docs.aws.amazon.com/polly/latest/dg/phoneme-tag.html
 * @module
 */
import { PHONEME_DATA } from './phoneme-data.js';

/** Phonetic alphabets of `<phoneme alphabet>` and PLS `alphabet` that have tables. */
export type PhoneticAlphabet = 'ipa' | 'x-sampa';

/** One symbol of a table. */
export interface PhonemeSymbol {
  ipa: string;
  xsampa: string;
  description: string;
  /** Example word; the letters in `[...]` are the ones that make the sound. */
  example: string;
  category: 'consonants' | 'vowels' | 'additional symbols';
}

/** A language's table with its look-up maps. */
export interface PhonemeTable {
  language: string;
  symbols: readonly PhonemeSymbol[];
  /** Accepted spelling (canonical or alias) → symbol, per alphabet. */
  lookup: Record<PhoneticAlphabet, ReadonlyMap<string, PhonemeSymbol>>;
  /** Longest accepted spelling, in UTF-16 units, per alphabet. */
  maxLength: Record<PhoneticAlphabet, number>;
}

/** A token of a `ph` string: a symbol of the table, a word separator, or something unknown. */
export interface PhonemeToken {
  /** Offset in the `ph` string (UTF-16 units). */
  start: number;
  end: number;
  text: string;
  /** The table symbol, absent for whitespace and unknown tokens. */
  symbol?: PhonemeSymbol;
  kind: 'symbol' | 'space' | 'unknown';
}

/** A problem in a `ph` string, positioned in it. */
export interface PhonemeProblem {
  kind: 'unknown-symbol' | 'stress';
  /** Offset in the `ph` string (UTF-16 units). */
  start: number;
  end: number;
  text: string;
  message: string;
  /** Nearest valid symbols, best first (at most 3). */
  suggestions: string[];
}

const tables = new Map<string, PhonemeTable>();

/** Languages that have a phoneme table (`en-US`, `es-US`, `fr-CA`, ...). */
export function phonemeLanguages(): string[] {
  return Object.keys(PHONEME_DATA);
}

/** The phoneme table of Polly language `language`, or undefined when Polly publishes none the project ships. */
export function phonemeTable(language: string): PhonemeTable | undefined {
  const cached = tables.get(language);
  if (cached) return cached;
  const rows = PHONEME_DATA[language];
  if (!rows) return undefined;
  const symbols: PhonemeSymbol[] = [];
  const ipa = new Map<string, PhonemeSymbol>();
  const xsampa = new Map<string, PhonemeSymbol>();
  for (const [i, x, description, example, category, ipaAliases, xAliases] of rows) {
    const s: PhonemeSymbol = { ipa: i, xsampa: x, description, example, category: category as PhonemeSymbol['category'] };
    symbols.push(s);
    for (const k of [i, ...ipaAliases]) if (!ipa.has(k)) ipa.set(k, s);
    for (const k of [x, ...xAliases]) if (!xsampa.has(k)) xsampa.set(k, s);
  }
  const longest = (m: Map<string, unknown>) => Math.max(...[...m.keys()].map((k) => k.length));
  const table: PhonemeTable = { language, symbols, lookup: { ipa, 'x-sampa': xsampa }, maxLength: { ipa: longest(ipa), 'x-sampa': longest(xsampa) } };
  tables.set(language, table);
  return table;
}

const isCombining = (c: number) => (c >= 0x0300 && c <= 0x036f) || (c >= 0x1ab0 && c <= 0x1aff) || (c >= 0x1dc0 && c <= 0x1dff);
const isSpace = (c: number) => c === 0x20 || c === 0x09 || c === 0x0a || c === 0x0d;

/**
 * Splits `ph` into symbols of `table` by longest match. Whitespace separates words. A position no
 * symbol matches gives an `unknown` token of one character with its combining marks; a symbol
 * followed by a combining mark it does not include is unknown too (e.g. `ɑ̃` in English).
 */
export function tokenizePhonemes(ph: string, table: PhonemeTable, alphabet: PhoneticAlphabet): PhonemeToken[] {
  const map = table.lookup[alphabet];
  const max = table.maxLength[alphabet];
  const out: PhonemeToken[] = [];
  let i = 0;
  while (i < ph.length) {
    const c = ph.charCodeAt(i);
    if (isSpace(c)) {
      let j = i + 1;
      while (j < ph.length && isSpace(ph.charCodeAt(j))) j++;
      out.push({ start: i, end: j, text: ph.slice(i, j), kind: 'space' });
      i = j;
      continue;
    }
    let matched: PhonemeSymbol | undefined;
    let len = Math.min(max, ph.length - i);
    for (; len > 0; len--) {
      matched = map.get(ph.substr(i, len));
      if (matched) break;
    }
    if (matched && !(i + len < ph.length && isCombining(ph.charCodeAt(i + len)))) {
      out.push({ start: i, end: i + len, text: ph.substr(i, len), symbol: matched, kind: 'symbol' });
      i += len;
      continue;
    }
    // Unknown: the (possibly matched) base plus every combining mark after it, or one code point.
    let j = matched ? i + len : i + (c >= 0xd800 && c <= 0xdbff && i + 1 < ph.length ? 2 : 1);
    while (j < ph.length && isCombining(ph.charCodeAt(j))) j++;
    out.push({ start: i, end: j, text: ph.slice(i, j), kind: 'unknown' });
    i = j;
  }
  return out;
}

/** Look-alike characters people type for a table symbol. */
const LOOKALIKES: Record<string, string[]> = {
  "'": ['ˈ', '"'], '’': ['ˈ'], 'ʼ': ['ˈ'], '`': ['ˈ'], ',': ['ˌ', '%'], 'ˏ': ['ˌ'],
  g: ['ɡ'], 'ɡ': ['g'], ':': ['ː'], 'ː': [':'], 'Θ': ['θ'], 'ϴ': ['θ'], 'θ': ['Θ', 'T'],
  r: ['ɹ', 'ɾ', 'ʁ', 'r\\'], 'ɹ': ['r', 'ʁ'], 'ʁ': ['r', 'ʀ'], R: ['ʁ', 'r\\'], 'ɾ': ['r'],
  'ʧ': ['t͡ʃ'], 'ʤ': ['d͡ʒ'], 'ʦ': ['t͡s'], 'ɛ': ['e', 'E'], e: ['eɪ', 'ɛ', 'ə'], o: ['oʊ', 'ɔ', 'əʊ'],
  a: ['æ', 'ɑ', 'aɪ'], 'ɐ': ['ə', 'a'], 'ɒ': ['ɑ', 'ɔ'], 'ɜ': ['ɝ', 'ɜː'], 'ɝ': ['ɜː'], 'ɚ': ['ə'], 'ɨ': ['ɪ', 'i'],
  'ᵻ': ['ɪ'], 'ɫ': ['l'], 'ʍ': ['w'], 'ɪ̈': ['ɪ'], x: ['k', 'h'], y: ['j'], T: ['s', 't'], D: ['d'], 'ð': ['d'], '3': ['3`', '3:'], '@\'': ['@`'], '3\'': ['3`'],
};

/**
 * The nearest valid symbols to `unknown` in `table` for `alphabet`, best first (at most 3): look-alike
 * characters, the same sound written in the other alphabet, then symbols that start with or contain it.
 */
export function nearestSymbols(unknown: string, table: PhonemeTable, alphabet: PhoneticAlphabet): string[] {
  const map = table.lookup[alphabet];
  const other = table.lookup[alphabet === 'ipa' ? 'x-sampa' : 'ipa'];
  const canonical = (s: PhonemeSymbol) => (alphabet === 'ipa' ? s.ipa : s.xsampa);
  const out: string[] = [];
  const add = (s: string | undefined) => {
    if (s !== undefined && !out.includes(s) && out.length < 3) out.push(s);
  };
  const base = unknown.replace(/[\u0300-\u036f]/g, '');
  for (const k of [unknown, base]) for (const l of LOOKALIKES[k] ?? []) if (map.has(l)) add(canonical(map.get(l)!));
  const cross = other.get(unknown);
  if (cross) add(canonical(cross));
  if (base !== unknown && map.has(base)) add(canonical(map.get(base)!));
  for (const s of table.symbols) if (canonical(s).startsWith(base) && base) add(canonical(s));
  for (const s of table.symbols) if (canonical(s).includes(base) && base) add(canonical(s));
  return out;
}

const STRESS = new Set(['ˈ', 'ˌ', '"', '%']);
const isBoundary = (t: PhonemeToken) => t.kind === 'space' || (t.symbol !== undefined && (t.symbol.ipa === '.' || STRESS.has(t.symbol.ipa)));
const isSyllabic = (s: PhonemeSymbol) => s.category === 'vowels' || s.ipa.includes('\u0329') || s.xsampa.endsWith('=');

/**
 * Checks `ph` against the table: every symbol known, and every stress mark before a syllable (a
 * vowel or syllabic consonant before the next boundary `.`, stress mark, space or the end).
 * @returns the problems, positioned in `ph`; empty when valid.
 * @example
 * checkPhonemes('ˈseɪbə', phonemeTable('en-US')!, 'ipa') // []
 * checkPhonemes("'seɪbə", phonemeTable('en-US')!, 'ipa')[0].suggestions // ['ˈ']
 */
export function checkPhonemes(ph: string, table: PhonemeTable, alphabet: PhoneticAlphabet): PhonemeProblem[] {
  const tokens = tokenizePhonemes(ph, table, alphabet);
  const problems: PhonemeProblem[] = [];
  for (let k = 0; k < tokens.length; k++) {
    const t = tokens[k]!;
    if (t.kind === 'unknown') {
      const suggestions = nearestSymbols(t.text, table, alphabet);
      problems.push({
        kind: 'unknown-symbol', start: t.start, end: t.end, text: t.text, suggestions,
        message: `"${t.text}"${describeCodePoints(t.text)} is not an ${alphabet === 'ipa' ? 'IPA' : 'X-SAMPA'} symbol of the ${table.language} phoneme table.`,
      });
      continue;
    }
    if (t.symbol && (t.symbol.ipa === 'ˈ' || t.symbol.ipa === 'ˌ')) {
      let syllabic = false;
      let m = k + 1;
      for (; m < tokens.length && !isBoundary(tokens[m]!); m++) if (tokens[m]!.symbol && isSyllabic(tokens[m]!.symbol!)) syllabic = true;
      if (!syllabic && !(m > k + 1 && tokens.slice(k + 1, m).some((x) => x.kind === 'unknown'))) {
        problems.push({
          kind: 'stress', start: t.start, end: t.end, text: t.text, suggestions: [],
          message: m === k + 1 ? `The stress mark "${t.text}" is not followed by a syllable.` : `The stress mark "${t.text}" is followed by no vowel before the next syllable boundary.`,
        });
      }
    }
  }
  return problems;
}

/** ` (U+0261)` for non-ASCII look-alike characters, so `g` and `ɡ` are told apart in messages. */
export function describeCodePoints(s: string): string {
  if (/^[\x20-\x7e]*$/.test(s)) return '';
  return ` (${[...s].map((ch) => `U+${ch.codePointAt(0)!.toString(16).toUpperCase().padStart(4, '0')}`).join(' ')})`;
}

/** Thrown by {@link convertPhonemes} when `ph` has a symbol the table does not know. */
export class PhonemeConversionError extends Error {
  constructor(readonly problems: PhonemeProblem[]) {
    super(problems.map((p) => `column ${p.start + 1}: ${p.message}${p.suggestions.length ? ` Did you mean ${p.suggestions.join(' or ')}?` : ''}`).join('\n'));
    this.name = 'PhonemeConversionError';
  }
}

/**
 * Converts `ph` between X-SAMPA and IPA with `language`'s table (longest-match tokens, symbol by
 * symbol; whitespace is kept).
 * @throws PhonemeConversionError when a symbol is unknown (with its position and nearest symbols).
 * @throws Error when `language` has no table.
 * @example convertPhonemes('"seI.b@', 'x-sampa', 'ipa', 'en-US') // 'ˈseɪ.bə'
 */
export function convertPhonemes(ph: string, from: PhoneticAlphabet, to: PhoneticAlphabet, language: string): string {
  const table = phonemeTable(language);
  if (!table) throw new Error(`No phoneme table for ${language}; tables exist for ${phonemeLanguages().join(', ')}.`);
  const tokens = tokenizePhonemes(ph, table, from);
  const unknown = tokens.filter((t) => t.kind === 'unknown');
  if (unknown.length) throw new PhonemeConversionError(checkPhonemes(ph, table, from).filter((p) => p.kind === 'unknown-symbol'));
  return tokens.map((t) => (t.symbol ? (to === 'ipa' ? t.symbol.ipa : t.symbol.xsampa) : t.text)).join('');
}
