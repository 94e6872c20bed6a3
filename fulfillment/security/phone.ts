/**
 * Phone numbers in E.164, via libphonenumber-js with the full ("max") metadata, which the callback
 * policy needs for number types: one metadata in each bundle, not two (issue 14).
 * @module
 */
import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js/max';

/**
 * The E.164 form of `input` ("(202) 555-0143" with country US → "+12025550143"), or undefined when it
 * is not a valid number. A leading "+" or "00" selects the country from the number itself.
 */
export function toE164(input: string, defaultCountry: CountryCode): string | undefined {
  const trimmed = input.trim().replace(/^00/, '+');
  if (!/\d/.test(trimmed) || trimmed.length > 40) return undefined;
  const p = parsePhoneNumberFromString(trimmed, defaultCountry);
  return p?.isValid() ? p.number : undefined;
}
