/**
 * Text helpers of slot resolution: accent/case folding, word tokens with offsets into the original
 * text, fuzzy word equality, the recognizers-text culture of a locale and the wall-clock reference
 * date of a time zone.
 * @module
 */
import { Culture } from '@microsoft/recognizers-text-suite';
import { languageOf } from './normalize.js';

/** Languages with dedicated tables (anything else falls back to English). */
export type SlotLanguage = 'en' | 'es' | 'fr';

/** The slot-resolution language of a Lex locale id (`fr_CA` → `fr`; unknown languages → `en`). */
export function slotLanguage(localeId: string): SlotLanguage {
  const lang = languageOf(localeId || 'en_US');
  return lang === 'es' || lang === 'fr' ? lang : 'en';
}

/** The recognizers-text culture code of a language (`en-us`, `es-es`, `fr-fr`). */
export function cultureOf(lang: SlotLanguage): string {
  return lang === 'es' ? Culture.Spanish : lang === 'fr' ? Culture.French : Culture.English;
}

/** The ISO 3166 region of a Lex locale id (`fr_CA` → `CA`), used for phone numbers and currencies. */
export function regionOf(localeId: string): string {
  const region = (localeId.split(/[_-]/)[1] ?? '').toUpperCase();
  return /^[A-Z]{2}$/.test(region) ? region : 'US';
}

/**
 * Lower case, accents removed, apostrophes and punctuation turned into spaces, white space
 * collapsed: the form in which slot values, synonyms and answers are compared.
 * @example fold("Compte d'Épargne!") // 'compte d epargne'
 */
export function fold(text: string): string {
  return text
    .normalize('NFD')
    .replace(/\p{M}+/gu, '')
    .toLowerCase()
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim();
}

/** A word of the original text: its folded form and where it is (`end` exclusive). */
export interface WordToken {
  word: string;
  start: number;
  end: number;
}

/**
 * Splits `text` into folded words (letters and digits; apostrophes, hyphens and punctuation
 * separate words) with their offsets in `text`.
 */
export function wordTokens(text: string): WordToken[] {
  const out: WordToken[] = [];
  for (const m of text.matchAll(/[\p{L}\p{M}\p{N}]+/gu)) {
    const word = fold(m[0]);
    if (word) out.push({ word, start: m.index, end: m.index + m[0].length });
  }
  return out;
}

/**
 * Two folded words are the same, or one typo apart when both have at least 5 letters: one letter
 * substituted, inserted, deleted, or two adjacent letters swapped ("savigns").
 */
export function fuzzyWordEqual(a: string, b: string): boolean {
  if (a === b) return true;
  if (a.length < 5 || b.length < 5) return false;
  return withinOneTypo(a, b);
}

/** Optimal-string-alignment distance ≤ 1, without building the matrix. */
function withinOneTypo(a: string, b: string): boolean {
  if (Math.abs(a.length - b.length) > 1) return false;
  let i = 0;
  while (i < a.length && i < b.length && a[i] === b[i]) i++;
  if (a.length === b.length) {
    if (a.slice(i + 1) === b.slice(i + 1)) return true; // substitution
    return a[i] === b[i + 1] && a[i + 1] === b[i] && a.slice(i + 2) === b.slice(i + 2); // transposition
  }
  const [long, short] = a.length > b.length ? [a, b] : [b, a];
  return long.slice(i + 1) === short.slice(i); // insertion / deletion
}

/**
 * A copy of `text` of the same length in UTF-16 code units, lower-cased where lower-casing keeps
 * the length. recognizers-text lower-cases its input and reports offsets into that string; this
 * keeps those offsets valid for `text` (e.g. `İ` lower-cases to two code units).
 */
export function recognizerSafe(text: string): string {
  let out = '';
  for (const ch of text) {
    const lower = ch.toLowerCase();
    out += lower.length === ch.length ? lower : 'x'.repeat(ch.length);
  }
  return out;
}

/** Trims white space and punctuation around a span of the answer. */
export function trimSpan(text: string): string {
  return text.replace(/^[\s.,;:!?¿¡"'«»“”()[\]-]+|[\s.,;:!?¿¡"'«»“”()[\]-]+$/gu, '');
}

const wallClockFormatters = new Map<string, Intl.DateTimeFormat>();

/**
 * A `Date` whose local-time fields (getFullYear, getHours, ...) are the wall-clock time of `now`
 * in `timeZone` — the reference date recognizers-text reads. Unknown time zones fall back to UTC.
 */
export function wallClock(now: Date, timeZone = 'UTC'): Date {
  let fmt = wallClockFormatters.get(timeZone);
  if (!fmt) {
    try {
      fmt = new Intl.DateTimeFormat('en-US', {
        timeZone,
        hourCycle: 'h23',
        year: 'numeric',
        month: '2-digit',
        day: '2-digit',
        hour: '2-digit',
        minute: '2-digit',
        second: '2-digit',
      });
    } catch {
      return timeZone === 'UTC' ? new Date(now.getTime()) : wallClock(now, 'UTC');
    }
    wallClockFormatters.set(timeZone, fmt);
  }
  const time = Number.isFinite(now.getTime()) ? now : new Date();
  const parts: Record<string, number> = {};
  for (const p of fmt.formatToParts(time)) if (p.type !== 'literal') parts[p.type] = Number(p.value);
  return new Date(parts.year ?? 1970, (parts.month ?? 1) - 1, parts.day ?? 1, parts.hour ?? 0, parts.minute ?? 0, parts.second ?? 0);
}

/** `YYYY-MM-DD` of the local-time fields of `d`. */
export function isoDate(d: Date): string {
  const p = (n: number) => String(n).padStart(2, '0');
  return `${String(d.getFullYear()).padStart(4, '0')}-${p(d.getMonth() + 1)}-${p(d.getDate())}`;
}
