/**
 * One-time passcodes: generation, keyed hashing, constant-time comparison. The code itself is never
 * stored or logged; only HMAC-SHA256(key, sessionId + code) is kept, so a leaked table cannot be
 * replayed and a hash from one session is useless in another.
 * @module
 */
import { createHmac, randomInt, timingSafeEqual } from 'node:crypto';

/** Length of a passcode in digits. */
export const OTP_DIGITS = 6;

/** A uniformly random 6-digit code ("000000"-"999999") from the CSPRNG (crypto.randomInt). */
export function generateCode(): string {
  return String(randomInt(0, 10 ** OTP_DIGITS)).padStart(OTP_DIGITS, '0');
}

/**
 * HMAC-SHA256 of the code bound to the session, hex (64 characters).
 * @param key the secret hash key (at least 32 bytes; see {@link parseHashKey})
 */
export function hashCode(key: Buffer, sessionId: string, code: string): string {
  return createHmac('sha256', key).update(sessionId).update('\n').update(code).digest('hex');
}

/**
 * True when `code` hashes to `storedHash`. Both sides are 32-byte HMACs compared with
 * crypto.timingSafeEqual, so the time taken does not depend on how many leading bytes match.
 */
export function codeMatches(key: Buffer, sessionId: string, code: string, storedHash: string): boolean {
  const a = Buffer.from(hashCode(key, sessionId, code), 'hex');
  const b = Buffer.from(/^[0-9a-f]{64}$/.test(storedHash) ? storedHash : '', 'hex');
  // Equal lengths are a precondition of timingSafeEqual; a malformed stored hash compares against zeros.
  return timingSafeEqual(a, b.length === a.length ? b : Buffer.alloc(a.length)) && b.length === a.length;
}

/**
 * Decodes the OTP hash key from the environment (OTP_HASH_KEY): base64 or hex of at least 32 bytes.
 * Returns undefined for a missing or short key, so verification fails closed.
 */
export function parseHashKey(value: string | undefined): Buffer | undefined {
  if (!value) return undefined;
  const v = value.trim();
  const buf = /^[0-9a-fA-F]+$/.test(v) && v.length % 2 === 0 ? Buffer.from(v, 'hex') : Buffer.from(v, 'base64');
  return buf.length >= 32 ? buf : undefined;
}
