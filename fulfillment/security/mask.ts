/**
 * Masking for logs: phone numbers keep their last 2 digits, identifiers become short hashes, and any
 * free text that reaches a log line has its digit runs blanked (defence in depth: an SDK error
 * message must not carry a passcode or account number into CloudWatch).
 * @module
 */
import { createHash } from 'node:crypto';

/** "+12025550143" → "***43". */
export function maskPhone(phone: string | undefined): string {
  if (!phone) return '';
  const d = phone.replace(/\D/g, '');
  return d.length >= 4 ? `***${d.slice(-2)}` : '***';
}

/** The last `n` digits of a phone number, for "the number ending in 43". */
export function lastDigits(phone: string, n = 2): string {
  return phone.replace(/\D/g, '').slice(-n);
}

/**
 * A stable 12-hex-character pseudonym for a session or contact id, so log lines of one conversation
 * can be correlated without printing the id itself (a Lex session id is what a chat client presents).
 */
export function pseudonym(id: string): string {
  return createHash('sha256').update(id).digest('hex').slice(0, 12);
}

/** Replaces every run of 3+ digits in free text with "#". */
export function redactDigits(s: string): string {
  return s.replace(/\d[\d\s\-().]{1,}\d/g, (m) => (m.replace(/\D/g, '').length >= 3 ? '#' : m));
}
