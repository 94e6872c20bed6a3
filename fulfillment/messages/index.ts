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
 * Formats an AMAZON.Time value for speech: "14:30" → "at 2:30 PM" (en) / "a las 14:30" (es) / "à 14 h 30" (fr);
 * vague values (MO, AF, EV, NI) become words. Returns undefined for anything else.
 */
export function formatCallbackTime(m: Messages, value: string): string | undefined {
  const vague = m.timesOfDay[value as keyof Messages['timesOfDay']];
  if (vague) return vague;
  const hm = /^(\d{1,2}):(\d{2})$/.exec(value);
  if (!hm) return undefined;
  const h = Number(hm[1]);
  const min = Number(hm[2]);
  if (h > 23 || min > 59) return undefined;
  if (m.bcp47 === 'fr-CA') return `à ${h} h${min ? ` ${String(min).padStart(2, '0')}` : ''}`;
  const t = new Intl.DateTimeFormat(m.bcp47, { hour: 'numeric', minute: '2-digit', timeZone: 'UTC' }).format(Date.UTC(2026, 0, 1, h, min));
  return m.bcp47 === 'es-US' ? `a las ${t}` : `at ${t}`;
}
