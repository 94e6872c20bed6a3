/**
 * What the Lambdas say, per locale. Every locale file implements {@link Messages} completely (the
 * type checker enforces it), so a key can never be missing in one language.
 *
 * Messages are plain text. Digits that must be read one by one (the last digits of a phone number)
 * are wrapped with {@link digits}; {@link render} turns them into `<say-as interpret-as="digits">`
 * on voice and strips the markers in text.
 * @module
 */

/** The locales the shipped bot serves. */
export const LOCALES = ['en_US', 'es_US', 'fr_CA'] as const;
export type Locale = (typeof LOCALES)[number];

/** Canonical slot values of `AccountType` (the same in every locale). */
export const ACCOUNT_TYPES = ['checking', 'savings', 'credit card'] as const;
export type AccountType = (typeof ACCOUNT_TYPES)[number];

export interface Messages {
  /** BCP 47 tag for number, currency, time and list formatting (e.g. `en-US`). */
  bcp47: string;
  /** Default country for parsing national phone numbers (ISO 3166-1 alpha-2). */
  phoneCountry: 'US' | 'CA';
  /** Account names as spoken inside a sentence ("checking account"). */
  accountNames: Record<AccountType, string>;
  /** The same with an indefinite article, for lists ("a checking account"). */
  accountWithArticle: Record<AccountType, string>;

  // Verification
  /** The text message carrying a passcode (SMS, not spoken). */
  smsCode(code: string): string;
  askIdentifier: string;
  identifierNotUnderstood: string;
  /** Said after any identifier (found or not), so a chatter cannot probe which numbers are customers. */
  codeSentIfKnown: string;
  /**
   * Said on a call before any identifier: the same words whether or not the number the caller is
   * calling from is on file, so caller ID never confirms that someone is a customer.
   */
  codeSentToCaller: string;
  codeResent: string;
  codeFormat: string;
  codeWrong(remaining: number): string;
  codeExpiredResent: string;
  lockedOut: string;
  sendLimit: string;
  tooManyIdentifiers: string;
  verified(firstName: string): string;
  alreadyVerified: string;
  verificationUnavailable: string;

  // Balance
  balance(account: string, amount: string): string;
  creditBalance(amount: string): string;
  noSuchAccount(account: string, available: string): string;
  noAccounts: string;
  whichAccount: string;
  whatNext: string;

  // Knowledge base
  askQuestion: string;
  noAnswer: string;
  noAnswerTransfer: string;
  knowledgeUnavailable: string;
  /** The knowledge base's guardrail refused the question (account data, passcodes, another customer, an attack). */
  kbRefused: string;
  /** Low-confidence input that is not a question: the fallback prompt with an offer of an agent. */
  notAQuestion: string;
  /** "Source: Fees." for the titles of the documents an answer came from. */
  sources(titles: string[]): string;

  // Routing and the rest
  agent: string;
  /**
   * A callback is queued to the number ending in `last`: "when an agent is available", never a time
   * (a queued callback in Connect is dialled when an agent is free: https://docs.aws.amazon.com/connect/latest/adminguide/setup-queued-callback.html).
   */
  callbackQueued(last: string): string;
  /** The caller asked for a time: said plainly that none can be scheduled. */
  callbackNoTime: string;
  /** A code was texted to a callback number that is not the verified caller's own. */
  callbackCodeSent: string;
  /** The number is outside the allowed countries (`countries`: their names joined in the locale). */
  callbackCountry(countries: string): string;
  /** A premium-rate or shared-cost number. */
  callbackPremium: string;
  /** The per-number or per-session callback limit is reached. */
  callbackLimit: string;
  /** The callback number's code was guessed wrong too often: no callback, an agent instead. */
  callbackNumberLocked: string;
  callbackInvalidNumber: string;
  callbackDeclined: string;
  help: string;
  error: string;
  /** Said when the caller can't receive the code ("I don't have my phone"): another way, or an agent. */
  noPhone: string;
  /** Phrases that ask for a person (lower case, no accents), matched as whole words; an agent request always wins. */
  agentWords: string[];
  /** Phrases that say the caller can't receive a text (lower case, no accents), matched as whole words. */
  noPhoneWords: string[];
  /** Words that ask for a new code (lower case, no accents), matched as substrings of the input. */
  resendWords: string[];
  /** Spoken digits 0-9 (lower case, no accents), for transcripts like "one two three". */
  digitWords: string[][];
  /** Words that carry no meaning for knowledge-base search (lower case, no accents). */
  stopWords: string[];
}

const OPEN = '\uE000';
const CLOSE = '\uE001';
const MARKERS = /[\uE000\uE001]/g;

/** Marks `s` to be read digit by digit on voice. */
export function digits(s: string): string {
  return `${OPEN}${s.replace(MARKERS, '')}${CLOSE}`;
}

/** Escapes the XML characters Polly reserves in SSML text (&, <, >, ", '). */
export function escapeSsml(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&apos;' })[c]!);
}

/**
 * Renders message text for the channel: SSML (`<speak>…</speak>`, escaped, digits as say-as) on voice,
 * plain text otherwise. Text from outside (knowledge-base answers) must go through {@link stripMarkers}
 * first so it cannot inject markers.
 */
export function render(text: string, voice: boolean): string {
  if (!voice) return text.replace(MARKERS, '');
  let out = '';
  let rest = text;
  for (;;) {
    const i = rest.indexOf(OPEN);
    const j = i < 0 ? -1 : rest.indexOf(CLOSE, i);
    if (i < 0 || j < 0) break;
    out += escapeSsml(rest.slice(0, i)) + `<say-as interpret-as="digits">${escapeSsml(rest.slice(i + 1, j))}</say-as>`;
    rest = rest.slice(j + 1);
  }
  return `<speak>${out}${escapeSsml(rest.replace(MARKERS, ''))}</speak>`;
}

/** Removes digit markers from untrusted text. */
export function stripMarkers(s: string): string {
  return s.replace(MARKERS, '');
}
