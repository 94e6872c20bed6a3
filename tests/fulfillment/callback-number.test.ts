/**
 * The callback number policy (fulfillment/security/callback-number.ts): allowed countries, never
 * premium-rate or shared-cost, valid in the full metadata; and its configuration.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readLexConfig } from '../../fulfillment/config.js';
import { DEFAULT_CALLBACK_POLICY, checkCallbackNumber, parseCountries } from '../../fulfillment/security/callback-number.js';

const US_CA = DEFAULT_CALLBACK_POLICY;
const check = (input: string, policy = US_CA) => checkCallbackNumber(input, 'US', policy);

describe('checkCallbackNumber', () => {
  it.each([
    ['202-555-0143', '+12025550143', 'US'],
    ['(514) 555-0123', '+15145550123', 'CA'],
    ['+1 416 555 0199', '+14165550199', 'CA'],
    ['2025550143', '+12025550143', 'US'],
    ['1-800-555-0199', '+18005550199', 'US'],
  ])('accepts %s', (input, e164, country) => {
    expect(check(input)).toEqual({ ok: true, e164, country });
  });

  it.each([
    ['+44 20 7946 0000', 'country'],
    ['442079460000', 'country'],
    ['0044 20 7946 0000', 'country'],
    ['+52 55 5555 0100', 'country'],
    ['900-555-0123', 'premium'],
    ['+1 976 555 0123', 'invalid'],
    ['12', 'invalid'],
    ['call me', 'invalid'],
    ['', 'invalid'],
  ])('refuses %s (%s)', (input, reason) => {
    expect(check(input)).toEqual({ ok: false, reason });
  });

  it('shared-cost and premium-rate numbers are refused even in an allowed country', () => {
    const gbFr = { ...US_CA, allowedCountries: ['GB', 'FR'] as const };
    expect(check('+44 20 7946 0000', gbFr)).toMatchObject({ ok: true, country: 'GB' });
    expect(check('+44 845 464 0000', gbFr)).toEqual({ ok: false, reason: 'premium' }); // UK 0845: shared cost
    expect(check('+44 871 234 5678', gbFr)).toEqual({ ok: false, reason: 'premium' }); // UK 0871: premium rate
    expect(check('+33 8 91 23 45 67', gbFr)).toEqual({ ok: false, reason: 'premium' }); // FR 0891: premium rate
    expect(check('+33 8 10 12 34 56', gbFr)).toEqual({ ok: false, reason: 'premium' }); // FR 0810: shared cost
  });

  it('property: any +1 900 number is refused, whatever the formatting', () => {
    fc.assert(
      fc.property(fc.integer({ min: 2_000_000, max: 9_999_999 }), fc.constantFrom('+1 900 ', '1-900-', '(900) ', '900'), (line, prefix) => {
        const r = check(`${prefix}${String(line).slice(0, 3)}-${String(line).slice(3)}`);
        expect(r.ok).toBe(false);
      }),
    );
  });

  it('property: nothing outside the allowed countries is ever accepted', () => {
    fc.assert(
      fc.property(fc.constantFrom('44', '33', '52', '49', '234', '882', '979', '7'), fc.stringMatching(/^\d{6,12}$/), (cc, rest) => {
        const r = check(`+${cc}${rest}`);
        expect(r.ok).toBe(false);
      }),
    );
  });

  it('property: an accepted number is E.164 of an allowed country and never throws on any input', () => {
    fc.assert(
      fc.property(fc.oneof(fc.string({ maxLength: 50 }), fc.stringMatching(/^\+?[\d ()-]{0,20}$/)), (input) => {
        const r = check(input);
        if (r.ok) {
          expect(r.e164).toMatch(/^\+1\d{10}$/);
          expect(['US', 'CA']).toContain(r.country);
        }
      }),
      { numRuns: 2000 },
    );
  });
});

describe('configuration', () => {
  const base = { CUSTOMERS_TABLE: 'c', STATE_TABLE: 's' };
  it('defaults to US and Canada, 2 callbacks per number and 1 per session a day', () => {
    expect(readLexConfig(base).callbacks).toMatchObject({ allowedCountries: ['US', 'CA'], maxPerNumber: 2, maxPerSession: 1, windowMs: 86_400_000 });
  });
  it('reads CALLBACK_COUNTRIES and the limits', () => {
    const c = readLexConfig({ ...base, CALLBACK_COUNTRIES: 'us, ca,mx', CALLBACK_MAX_PER_NUMBER: '3', CALLBACK_MAX_PER_SESSION: '2' }).callbacks;
    expect(c).toMatchObject({ allowedCountries: ['US', 'CA', 'MX'], maxPerNumber: 3, maxPerSession: 2 });
  });
  it('refuses unknown country codes with what to write instead', () => {
    expect(() => readLexConfig({ ...base, CALLBACK_COUNTRIES: 'US,XX' })).toThrow(/CALLBACK_COUNTRIES: unknown country code XX .*"US,CA"/);
    expect(() => parseCountries(' , ')).toThrow(/no country codes/);
  });
});
