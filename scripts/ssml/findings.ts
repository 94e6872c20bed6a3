/**
 * What the SSML and lexicon lints share: the finding shape, Polly's limits, positions, phoneme reports.
 * @module
 */
import { checkPhonemes, describeCodePoints, phonemeLanguages, phonemeTable, tokenizePhonemes, type PhonemeProblem, type PhonemeTable, type PhoneticAlphabet } from './phonemes.js';
import { lineColumn, lineStarts } from './xml-scan.js';

/** One lint finding, positioned in the SSML text (1-based line/column in UTF-16 units). */
export interface SsmlFinding {
  ruleId: string;
  severity: 'error' | 'warning';
  message: string;
  /** How to fix it. */
  hint?: string;
  line: number;
  column: number;
  /** Offset of the finding in the text (UTF-16 units, 0-based); always set by the lints. */
  offset?: number;
  /** The documentation URL of the rule; always set by the lints. */
  source?: string;
}

/** Polly's request limits. @see https://docs.aws.amazon.com/polly/latest/dg/limits.html */
export const POLLY_LIMITS = {
  /** Billed characters (text outside tags) per SynthesizeSpeech request. */
  billedCharacters: 3000,
  /** Total characters, tags included, per SynthesizeSpeech request. */
  totalCharacters: 6000,
  /** `<break time>` maximum, in milliseconds. */
  breakMs: 10_000,
  /** Lexicons applied per request. */
  lexiconsPerRequest: 5,
  /** Characters of one lexicon. */
  lexiconCharacters: 4000,
  /** Characters of one lexicon `<phoneme>` or `<alias>`. */
  lexemeReplacementCharacters: 100,
} as const;

/** Maximum characters of a Lex V2 SSML message. @see https://docs.aws.amazon.com/lexv2/latest/APIReference/API_SSMLMessage.html */
export const LEX_SSML_MESSAGE_MAX = 1000;

/** Fills line/column from offsets and sorts by position. */
export function positioned<T extends { offset?: number; line: number; column: number }>(text: string, findings: T[]): T[] {
  if (!findings.length) return findings;
  const starts = lineStarts(text);
  for (const f of findings) Object.assign(f, lineColumn(text, f.offset ?? 0, starts));
  return findings.sort((a, b) => (a.offset ?? 0) - (b.offset ?? 0));
}

/**
 * Checks a phoneme string positioned at `at` against `table` and reports each problem at its exact
 * offset (shared with the lexicon lint).
 */
export function reportPhonemeProblems(
  ph: string,
  alphabet: PhoneticAlphabet,
  table: PhonemeTable,
  offsetOf: (index: number) => number,
  push: (ruleId: 'ssml/phoneme-symbol' | 'ssml/phoneme-stress', offset: number, message: string, hint: string) => void,
): void {
  if (ph.trim() === '') {
    push('ssml/phoneme-symbol', offsetOf(0), 'The phoneme string is empty.', 'Write the pronunciation, e.g. ph="ˈseɪbə".');
    return;
  }
  const problems = checkPhonemes(ph, table, alphabet);
  if (!problems.length) return;
  const otherAlphabet: PhoneticAlphabet = alphabet === 'ipa' ? 'x-sampa' : 'ipa';
  const looksLikeOther = problems.some((p) => p.kind === 'unknown-symbol') && tokenizePhonemes(ph, table, otherAlphabet).every((t) => t.kind !== 'unknown');
  const url = 'https://docs.aws.amazon.com/polly/latest/dg/ref-phoneme-tables-shell.html';
  for (const p of problems) push(p.kind === 'stress' ? 'ssml/phoneme-stress' : 'ssml/phoneme-symbol', offsetOf(p.start), p.message, phonemeHint(p, table, alphabet, looksLikeOther, url));
}

function phonemeHint(p: PhonemeProblem, table: PhonemeTable, alphabet: PhoneticAlphabet, looksLikeOther: boolean, url: string): string {
  if (p.kind === 'stress') return alphabet === 'ipa' ? 'Put ˈ or ˌ right before the syllable it stresses, e.g. ˈseɪ.bə.' : 'Put " or % right before the syllable it stresses, e.g. "seI.b@.';
  const near = p.suggestions.length ? `Nearest valid symbols: ${p.suggestions.map((s) => `${s}${describeCodePoints(s)}`).join(', ')}.` : '';
  const other = looksLikeOther ? ` The whole string is valid ${alphabet === 'ipa' ? 'X-SAMPA' : 'IPA'}: set alphabet="${alphabet === 'ipa' ? 'x-sampa' : 'ipa'}".` : '';
  // A symbol of another language's table (θ of Castilian in a US Spanish prompt) is worth naming.
  const elsewhere = phonemeLanguages()
    .filter((l) => l !== table.language)
    .map((l) => [l, phonemeTable(l)!.lookup[alphabet].get(p.text)] as const)
    .filter(([, s]) => s);
  const foreign = elsewhere.length ? ` "${p.text}" (${elsewhere[0]![1]!.description}) belongs to the ${elsewhere.map(([l]) => l).join(', ')} table${elsewhere.length > 1 ? 's' : ''}.` : '';
  return `${near}${foreign}${other} The ${table.language} table: ${url}`.trim();
}

