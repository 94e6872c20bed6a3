/**
 * Personal data in what callers said, for `bots tune`: reports show utterances with e-mail
 * addresses, card-like numbers and digit runs replaced by a marker, and `--apply` refuses an
 * utterance that holds any of them (a sample utterance is shipped in every bot build and export).
 *
 * - e-mail address → `[email]`
 * - card-like number: 13-19 digits, optionally grouped by spaces or dashes → `[card]`
 * - any other run of 4 or more digits (phone, account, passcode, PIN; separators allowed) → `[digits]`
 *
 * Spoken digits ("four five six") are left as they are: they are words, and Lex's own obfuscation
 * (slot `obfuscate: true`) covers slot values in the logs.
 * @module
 */

/** A kind of personal data {@link redact} finds. */
export type PersonalDataKind = 'email' | 'card' | 'digits';

/** The marker each kind is replaced with in reports. */
export const REDACTION_MARKERS: Record<PersonalDataKind, string> = { email: '[email]', card: '[card]', digits: '[digits]' };

// The local part may hold any of RFC 5322's atom characters (!#$%&'*+/=?^`{|}~ too).
const EMAIL = /[^\s@<>()[\],;:"]+@[\p{L}\p{N}-]+(?:\.[\p{L}\p{N}-]+)+/gu;
// 13-19 digits in groups separated by single spaces or dashes (4-4-4-4, 4-6-5, or one block).
const CARD = /(?<![\d-])\d(?:[ -]?\d){12,18}(?![\d-])/g;
// 4+ digits, with separators between them: "202-555-0143", "(202) 555 0143", "12 34 56".
const DIGITS = /(?<!\d)\(?\d(?:[\s().-]{0,2}\d){3,}(?!\d)/g;

/** The text with personal data replaced by markers, and the kinds that were found (each once). */
export function redact(text: string): { text: string; kinds: PersonalDataKind[] } {
  const kinds = new Set<PersonalDataKind>();
  let out = text.replace(EMAIL, () => (kinds.add('email'), REDACTION_MARKERS.email));
  out = out.replace(CARD, (m) => (m.replace(/\D/g, '').length >= 13 ? (kinds.add('card'), REDACTION_MARKERS.card) : m));
  out = out.replace(DIGITS, () => (kinds.add('digits'), REDACTION_MARKERS.digits));
  return { text: out, kinds: [...kinds] };
}

/** Just the redacted text. */
export function redactText(text: string): string {
  return redact(text).text;
}

const MARKER = /\[(?:email|card|digits)\]/;

/**
 * Why `utterance` must not become a sample utterance, or undefined when it may: it holds personal
 * data, or a marker left by {@link redact} (the report showed it redacted).
 */
export function personalDataReason(utterance: string): string | undefined {
  const { kinds } = redact(utterance);
  if (MARKER.test(utterance)) kinds.push(...(['email', 'card', 'digits'] as const).filter((k) => utterance.includes(REDACTION_MARKERS[k]) && !kinds.includes(k)));
  if (!kinds.length) return undefined;
  const names = { email: 'an e-mail address', card: 'a card-like number', digits: 'a run of digits (phone, account or code)' };
  return `holds ${kinds.map((k) => names[k]).join(' and ')}: personal data never goes into the bot definitions`;
}
