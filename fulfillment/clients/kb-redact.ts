/**
 * Redaction of what a caller said before it goes to a knowledge base (and so to a model): runs of
 * digits (phone, account and card numbers, passcodes; typed, spoken as words of the locale, or
 * mixed: "two oh two 555 0143") and e-mail addresses (typed, or spoken: "jane dot doe at example
 * dot com"). Questions about the bank's services need neither; a model never needs a customer's
 * number to say what a wire costs.
 *
 * Kept: amounts (`$25`, `25 $`, `1,000`, `19.99`), times (`8:30`), and runs of fewer than 4
 * digits ("two questions", "3 days"), which identify nobody. Years (`2026`) are redacted: a
 * 4-digit run may be a PIN or the last digits of a card.
 *
 * The Bedrock guardrail's PII filters (infra/guardrail.ts) are the second line behind this one.
 * @module
 */
import { fold } from '../security/text.js';

/** What replaces a digit run. Contains no digit, so redaction is idempotent. */
export const NUMBER_PLACEHOLDER = '[number]';
/** What replaces an e-mail address. */
export const EMAIL_PLACEHOLDER = '[email]';
/** A run with at least this many digits is redacted. */
export const MIN_REDACTED_DIGITS = 4;

export interface Redaction {
  /** The text to send. */
  text: string;
  /** What was removed, by kind and count (never the values). */
  removed: { numbers: number; emails: number };
}

const TYPED_EMAIL = /[\p{L}\p{N}._%+-]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)*\.\p{L}{2,}/gu;
// "jane dot doe at example dot com", "juan punto perez arroba correo punto com", "marie arobase exemple point ca".
const SPOKEN_EMAIL = /(?:[\p{L}\p{N}_-]+\s+(?:dot|punto|point)\s+)*[\p{L}\p{N}_-]+\s+(?:at|arroba|arobase|a commercial)\s+[\p{L}\p{N}-]+(?:\s+(?:dot|punto|point)\s+[\p{L}\p{N}-]+)+/giu;

/** Amount-like tokens that are kept: currency sign, thousands separators, decimals, times, percentages. */
function isAmount(token: string): boolean {
  return /[$€£¢%]/.test(token) || /^\d{1,3}(?:,\d{3})+(?:\.\d+)?$/.test(token) || /^\d+[.,]\d{1,2}$/.test(token) || /^\d{1,2}[:h]\d{2}$/.test(token);
}

/**
 * Redacts digit runs and e-mail addresses. `digitWords[d]` lists the locale's words for digit `d`
 * (the `digitWords` of fulfillment/messages), so spoken numbers are caught in each language.
 */
export function redactQuestion(input: string, digitWords: string[][]): Redaction {
  let emails = 0;
  let text = input.replace(TYPED_EMAIL, () => (emails++, EMAIL_PLACEHOLDER)).replace(SPOKEN_EMAIL, () => (emails++, EMAIL_PLACEHOLDER));
  const wordToDigit = new Map<string, number>();
  digitWords.forEach((ws, d) => ws.forEach((w) => wordToDigit.set(fold(w), d)));

  // Tokens keep their surrounding whitespace so the text is rebuilt exactly.
  const parts = text.split(/(\s+)/);
  const digitsIn = (token: string): number | undefined => {
    const bare = token.replace(/^[(\[{"'«]+|[)\]}"'».,;:!?¿¡]+$/gu, '');
    if (!bare) return undefined;
    if (isAmount(bare)) return undefined;
    if (/^[\d()\-./+#*]+$/.test(bare) && /\d/.test(bare)) return bare.replace(/\D/g, '').length;
    if (wordToDigit.has(fold(bare))) return 1;
    // Digits glued to letters ("code:123456", "#4001003001") still count; "3rd", "24h" do not (too short).
    const glued = bare.replace(/\D/g, '').length;
    return glued >= MIN_REDACTED_DIGITS ? glued : undefined;
  };
  let numbers = 0;
  const out: string[] = [];
  let i = 0;
  while (i < parts.length) {
    const part = parts[i]!;
    if (/^\s*$/.test(part) || digitsIn(part) === undefined) {
      out.push(part);
      i++;
      continue;
    }
    // A run of digit tokens separated by whitespace only.
    let j = i;
    let count = 0;
    let end = i;
    while (j < parts.length) {
      const n = digitsIn(parts[j]!);
      if (n === undefined) break;
      count += n;
      end = j;
      j += 2; // skip the whitespace between tokens
    }
    if (count >= MIN_REDACTED_DIGITS) {
      numbers++;
      const trailing = /[.,;:!?]+$/.exec(parts[end]!)?.[0] ?? '';
      out.push(NUMBER_PLACEHOLDER + trailing);
    } else {
      out.push(...parts.slice(i, end + 1));
    }
    i = end + 1;
  }
  text = out.join('');
  return { text, removed: { numbers, emails } };
}
