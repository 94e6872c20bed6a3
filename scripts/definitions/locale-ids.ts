/**
 * Lex V2 locale ids as users type them: the closest known id for "did you mean" suggestions.
 * @module
 */
import { suggest } from './zod-errors.js';

/**
 * The known locale id `input` was probably meant to be: the same id in other case or with a hyphen
 * (`en-us` -> `en_US`), else the closest by edit distance (`en_UK` -> `en_US`), or undefined.
 *
 * @param input - the locale id as typed.
 * @param known - the locale ids that would be accepted (a bot's locales, or every Lex locale).
 * @see https://docs.aws.amazon.com/lexv2/latest/dg/how-languages.html
 */
export function suggestLocale(input: string, known: readonly string[]): string | undefined {
  const normal = input.trim().replace(/-/g, '_');
  return suggest(normal, known);
}

/**
 * The sentence for an unknown locale id: `Bot X has no locale en_us; did you mean en_US? (locales: ...)`.
 *
 * @param input - the locale id as typed.
 * @param known - the accepted ids, listed at the end.
 * @param owner - what has no such locale, e.g. `Bot SelfService`.
 */
export function unknownLocaleMessage(input: string, known: readonly string[], owner: string): string {
  const guess = suggestLocale(input, known);
  return `${owner} has no locale ${input}${guess ? `; did you mean ${guess}?` : '.'} (locales: ${known.join(', ') || 'none'})`;
}
