/**
 * Message catalogue lookup and locale-aware formatting (money, lists, times).
 * @module
 */
import { en_US } from './en_US.js';
import { es_US } from './es_US.js';
import { fr_CA } from './fr_CA.js';
import { LOCALES, type Locale, type Messages } from './types.js';

export * from './types.js';

export const CATALOGUE: Record<Locale, Messages> = { en_US, es_US, fr_CA };

/** True when `s` is one of the shipped locales. */
export function isLocale(s: unknown): s is Locale {
  return typeof s === 'string' && (LOCALES as readonly string[]).includes(s);
}

/** The messages of `locale`, falling back to en_US for a locale the bot does not ship. */
export function messagesFor(locale: string | undefined): Messages {
  return isLocale(locale) ? CATALOGUE[locale] : en_US;
}

const moneyFormats = new Map<string, Intl.NumberFormat>();

/** Formats an amount in minor units (cents) as currency for the locale, e.g. 12345 USD → "$123.45". */
export function formatMoney(m: Messages, cents: number, currency: string): string {
  const key = `${m.bcp47}|${currency}`;
  let f = moneyFormats.get(key);
  if (!f) {
    f = new Intl.NumberFormat(m.bcp47, { style: 'currency', currency });
    moneyFormats.set(key, f);
  }
  return f.format(cents / 100);
}

/** Joins words with the locale's "and" ("a, b and c"). */
export function formatList(m: Messages, items: string[]): string {
  return new Intl.ListFormat(m.bcp47, { style: 'long', type: 'conjunction' }).format(items);
}

/**
 * Country names for the locale joined with its "or" ("the United States or Canada"), from ISO 3166-1
 * alpha-2 codes, for the callback refusal. French gets the preposition each name takes ("des États-Unis
 * ou du Canada").
 */
export function formatCountries(m: Messages, codes: readonly string[]): string {
  const names = new Intl.DisplayNames([m.bcp47], { type: 'region' });
  const list = (items: string[]) => new Intl.ListFormat(m.bcp47, { style: 'long', type: 'disjunction' }).format(items);
  if (m.bcp47 === 'fr-CA') return list(codes.map((c) => frenchOf(c, names.of(c) ?? c)));
  const the = m.bcp47 === 'en-US' ? (c: string) => (c === 'US' || c === 'GB' ? 'the ' : '') : () => '';
  return list(codes.map((c) => `${the(c)}${names.of(c) ?? c}`));
}

/** "du Canada", "des États-Unis", "de France": the French article for a few countries; "de" otherwise. */
function frenchOf(code: string, name: string): string {
  if (code === 'US') return `des ${name}`;
  if (['CA', 'MX', 'PT'].includes(code)) return `du ${name}`;
  return `de ${name}`;
}
