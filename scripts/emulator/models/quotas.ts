/**
 * The Lex V2 quotas the emulator enforces (default values; Lex lets some be raised).
 * @see https://docs.aws.amazon.com/lexv2/latest/dg/quotas.html
 * @module
 */
import { quotaExceeded } from '../errors.js';

/** Default quotas. */
export const QUOTAS = {
  botsPerRegion: 100,
  versionsPerBot: 100,
  /** Locales with the larger limits (English US, GB, AU). */
  largeLocales: new Set(['en_US', 'en_GB', 'en_AU']),
  intentsPerLocale: { large: 1000, other: 250 },
  slotTypesPerLocale: { large: 250, other: 100 },
  slotsPerIntent: 100,
  sampleUtterancesPerIntent: 1500,
  charactersPerSampleUtterance: 500,
  slotTypeValuesPerSlotType: 10000,
  parallelBuilds: 5,
  tagsPerResource: 50,
} as const;

/** The per-locale limit that applies to `localeId`. */
export function localeLimit(limit: { large: number; other: number }, localeId: string): number {
  return QUOTAS.largeLocales.has(localeId) ? limit.large : limit.other;
}

/** Throws ServiceQuotaExceededException when `count` has reached `max`. */
export function checkQuota(count: number, max: number, what: string): void {
  if (count >= max) throw quotaExceeded(`You have reached the maximum number of ${what} (${max}).`);
}
