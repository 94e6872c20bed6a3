/**
 * Passcode primitives: codes come from crypto.randomInt, comparisons go through crypto.timingSafeEqual
 * on equal-length HMACs (spied through a module mock of node:crypto), keys are parsed strictly.
 */
import { describe, expect, it, vi } from 'vitest';

vi.mock('node:crypto', async (importOriginal) => {
  const real = await importOriginal<typeof import('node:crypto')>();
  return { ...real, randomInt: vi.fn(real.randomInt), timingSafeEqual: vi.fn(real.timingSafeEqual) };
});

const crypto = await import('node:crypto');
const { codeMatches, generateCode, hashCode, parseHashKey } = await import('../../fulfillment/security/otp-code.js');

const key = Buffer.alloc(32, 1);

describe('generateCode', () => {
  it('draws 6 digits from crypto.randomInt over [0, 10^6)', () => {
    vi.mocked(crypto.randomInt).mockClear();
    const codes = Array.from({ length: 10_000 }, generateCode);
    expect(crypto.randomInt).toHaveBeenCalledTimes(10_000);
    expect(crypto.randomInt).toHaveBeenCalledWith(0, 1_000_000);
    expect(codes.every((c) => /^\d{6}$/.test(c))).toBe(true);
    // Leading zeros are kept and every first digit occurs (uniform: ~1,000 each).
    const first = new Map<string, number>();
    for (const c of codes) first.set(c[0]!, (first.get(c[0]!) ?? 0) + 1);
    expect(first.size).toBe(10);
    for (const n of first.values()) expect(n).toBeGreaterThan(800);
  });
});

describe('codeMatches', () => {
  it('compares 32-byte HMACs with crypto.timingSafeEqual', () => {
    const stored = hashCode(key, 's1', '123456');
    vi.mocked(crypto.timingSafeEqual).mockClear();
    expect(codeMatches(key, 's1', '123456', stored)).toBe(true);
    expect(codeMatches(key, 's1', '123457', stored)).toBe(false);
    expect(crypto.timingSafeEqual).toHaveBeenCalledTimes(2);
    for (const [a, b] of vi.mocked(crypto.timingSafeEqual).mock.calls) {
      expect((a as Buffer).length).toBe(32);
      expect((b as Buffer).length).toBe(32);
    }
  });

  it('is bound to the key and the session, and rejects malformed stored hashes without throwing', () => {
    const stored = hashCode(key, 's1', '123456');
    expect(codeMatches(Buffer.alloc(32, 2), 's1', '123456', stored)).toBe(false);
    expect(codeMatches(key, 's2', '123456', stored)).toBe(false);
    for (const bad of ['', 'zz', stored.slice(2), stored.toUpperCase(), `${stored}00`]) expect(codeMatches(key, 's1', '123456', bad)).toBe(false);
  });
});

describe('parseHashKey', () => {
  it('accepts 32+ bytes of hex or base64 and refuses anything shorter', () => {
    expect(parseHashKey('ab'.repeat(32))?.length).toBe(32);
    expect(parseHashKey(Buffer.alloc(48, 3).toString('base64'))?.length).toBe(48);
    expect(parseHashKey('ab'.repeat(31))).toBeUndefined();
    expect(parseHashKey('short')).toBeUndefined();
    expect(parseHashKey(undefined)).toBeUndefined();
    expect(parseHashKey('')).toBeUndefined();
  });
});
