/**
 * Which numbers the bot may queue a callback to (toll fraud: a callback is an outbound call the
 * contact centre pays for). Parsed with libphonenumber-js's **full** metadata (`libphonenumber-js/max`),
 * the only one that tells premium-rate and shared-cost ranges from ordinary ones (`getType()`).
 * https://gitlab.com/catamphetamine/libphonenumber-js#getting-started
 * @module
 */
import { isSupportedCountry, parsePhoneNumberFromString, type CountryCode, type NumberType } from 'libphonenumber-js/max';

export interface CallbackPolicy {
  /**
   * ISO 3166-1 alpha-2 countries a callback may go to (CALLBACK_COUNTRIES, default US and CA).
   * Connect's outbound calling is priced and allowed per destination country:
   * https://docs.aws.amazon.com/connect/latest/adminguide/country-code-allow-list.html
   */
  allowedCountries: readonly CountryCode[];
  /** Number types never called back (default premium-rate and shared-cost: the caller's toll is ours). */
  blockedTypes: readonly NonNullable<NumberType>[];
  /** Callbacks queued to one number per `windowMs`, across sessions (CALLBACK_MAX_PER_NUMBER, default 2). */
  maxPerNumber: number;
  /** Callbacks one Lex session may queue per `windowMs` (CALLBACK_MAX_PER_SESSION, default 1). */
  maxPerSession: number;
  /** Sliding window of both limits, ms (default 24 hours). */
  windowMs: number;
}

export const DEFAULT_CALLBACK_POLICY: CallbackPolicy = {
  allowedCountries: ['US', 'CA'],
  blockedTypes: ['PREMIUM_RATE', 'SHARED_COST'],
  maxPerNumber: 2,
  maxPerSession: 1,
  windowMs: 24 * 3600_000,
};

/** Why a number was refused: not a valid number, a country outside the allow list, or a premium-rate / shared-cost range. */
export type CallbackNumberRefusal = 'invalid' | 'country' | 'premium';

export type CallbackNumberResult = { ok: true; e164: string; country: CountryCode } | { ok: false; reason: CallbackNumberRefusal };

/**
 * Checks a callback number the caller gave (slot value or digits; `defaultCountry` reads national
 * numbers, a leading "+" or "00" names the country). Valid means valid in the full metadata, not
 * only of a plausible length.
 */
export function checkCallbackNumber(input: string, defaultCountry: CountryCode, policy: Pick<CallbackPolicy, 'allowedCountries' | 'blockedTypes'>): CallbackNumberResult {
  const trimmed = input.trim().replace(/^00/, '+');
  if (!/\d/.test(trimmed) || trimmed.length > 40) return { ok: false, reason: 'invalid' };
  let p = parsePhoneNumberFromString(trimmed, defaultCountry);
  // AMAZON.PhoneNumber resolves "+44 20 7946 0000" to digits without the "+": read them as international.
  if (!p?.isValid() && !trimmed.startsWith('+')) p = parsePhoneNumberFromString(`+${trimmed.replace(/\D/g, '')}`);
  if (!p || !p.isValid()) return { ok: false, reason: 'invalid' };
  // NANP numbers share +1: the country comes from the area code in the full metadata.
  const country = p.country;
  if (!country || !policy.allowedCountries.includes(country)) return { ok: false, reason: 'country' };
  const type = p.getType();
  if (type && policy.blockedTypes.includes(type)) return { ok: false, reason: 'premium' };
  return { ok: true, e164: p.number, country };
}

/**
 * Parses CALLBACK_COUNTRIES ("US,CA" or "US CA"): ISO 3166-1 alpha-2 codes the metadata knows.
 * @throws Error naming the first unknown code, or when the list is empty.
 */
export function parseCountries(value: string): CountryCode[] {
  const codes = value.split(/[\s,]+/).filter(Boolean).map((c) => c.toUpperCase());
  if (codes.length === 0) throw new Error('no country codes');
  const unknown = codes.find((c) => !isSupportedCountry(c));
  if (unknown) throw new Error(`unknown country code ${unknown}`);
  return codes as CountryCode[];
}
