/**
 * Built-in intents and slot types, and the locales Lex supports: ListBuiltInIntents,
 * ListBuiltInSlotTypes. A fixed list, not Lex's live per-locale catalogue.
 *
 * @see https://docs.aws.amazon.com/lexv2/latest/dg/built-in-intents.html
 * @see https://docs.aws.amazon.com/lexv2/latest/dg/built-in-slots.html
 * @module
 */
import type { BuiltInIntentSummary, BuiltInSlotTypeSummary, ListBuiltInIntentsResponse, ListBuiltInSlotTypesResponse } from '@aws-sdk/client-lex-models-v2';
import { LOCALE_NAMES } from '../../definitions/model.js';
import type { Route } from '../contracts.js';
import { constraint } from '../errors.js';
import { param, reply, route } from './context.js';
import { applySort, bodyOf, paginate } from './input.js';

/** Built-in intents (signature and description). */
export const BUILT_IN_INTENTS: readonly BuiltInIntentSummary[] = [
  { intentSignature: 'AMAZON.BedrockAgentIntent', description: 'Answers with an Amazon Bedrock agent or knowledge base.' },
  { intentSignature: 'AMAZON.CancelIntent', description: 'Responds to words and phrases that indicate the user wants to cancel the current interaction.' },
  { intentSignature: 'AMAZON.FallbackIntent', description: "Responds when the user's input doesn't match any intent." },
  { intentSignature: 'AMAZON.HelpIntent', description: 'Responds to words or phrases that indicate the user needs help.' },
  { intentSignature: 'AMAZON.KendraSearchIntent', description: 'Searches an Amazon Kendra index for an answer.' },
  { intentSignature: 'AMAZON.PauseIntent', description: 'Responds to words and phrases that indicate the user wants to pause an interaction.' },
  { intentSignature: 'AMAZON.QInConnectIntent', description: 'Answers with Amazon Q in Connect.' },
  { intentSignature: 'AMAZON.QnAIntent', description: 'Answers questions from a knowledge base with a generative model.' },
  { intentSignature: 'AMAZON.RepeatIntent', description: 'Responds to words and phrases that indicate the user wants to repeat the last message.' },
  { intentSignature: 'AMAZON.ResumeIntent', description: 'Responds to words and phrases that indicate the user wants to resume a paused interaction.' },
  { intentSignature: 'AMAZON.StartOverIntent', description: 'Responds to words and phrases that indicate the user wants to start over.' },
  { intentSignature: 'AMAZON.StopIntent', description: 'Responds to words and phrases that indicate the user wants to stop processing.' },
];

/** Signatures of the built-in intents: they come with their own utterances, so a build needs none. */
export const BUILT_IN_INTENT_SIGNATURES: ReadonlySet<string> = new Set(BUILT_IN_INTENTS.map((i) => i.intentSignature!));

const CURRENCY_LOCALES = new Set(['en_US', 'en_GB', 'en_AU', 'en_IN', 'en_ZA', 'es_419', 'es_ES', 'es_US']);

/** Built-in slot types available in `localeId`. */
export function builtInSlotTypes(localeId: string): BuiltInSlotTypeSummary[] {
  const all: [string, string, boolean][] = [
    ['AMAZON.AlphaNumeric', 'Recognizes strings made up of letters and numbers.', true],
    ['AMAZON.City', 'Recognizes words that represent a city.', true],
    ['AMAZON.Confirmation', 'Recognizes words and phrases that confirm or deny (yes, no, maybe, ...).', true],
    ['AMAZON.Country', 'Recognizes words that represent a country.', true],
    ['AMAZON.Currency', 'Recognizes an amount with its currency.', CURRENCY_LOCALES.has(localeId)],
    ['AMAZON.Date', 'Converts words that represent dates into a date format.', true],
    ['AMAZON.Duration', 'Converts words that indicate durations into a numeric duration.', true],
    ['AMAZON.EmailAddress', 'Recognizes words that represent an email address.', true],
    ['AMAZON.FirstName', 'Recognizes commonly used first names.', true],
    ['AMAZON.FreeFormInput', 'Captures free-form input from the user.', true],
    ['AMAZON.LastName', 'Recognizes commonly used last names.', true],
    ['AMAZON.Number', 'Converts words or numbers that express a number into digits.', true],
    ['AMAZON.Percentage', 'Converts words and symbols that represent a percentage into a numeric value.', true],
    ['AMAZON.PhoneNumber', 'Converts the numbers or words that represent a phone number into a string.', true],
    ['AMAZON.State', 'Recognizes words that represent a state.', true],
    ['AMAZON.StreetName', 'Recognizes words that represent a street name.', true],
    ['AMAZON.Time', 'Converts words that represent times into time values.', true],
    ['AMAZON.UKPostalCode', 'Converts words that represent a UK post code into a standard form.', localeId === 'en_GB'],
  ];
  return all.filter(([, , available]) => available).map(([slotTypeSignature, description]) => ({ slotTypeSignature, description }));
}

/** Whether Lex V2 supports `localeId`. */
export function isSupportedLocale(localeId: string): boolean {
  return Object.hasOwn(LOCALE_NAMES, localeId);
}

/** Throws Lex's ValidationException for an unsupported locale. */
export function requireSupportedLocale(localeId: string, member = 'localeId'): void {
  if (!isSupportedLocale(localeId)) throw constraint(member, localeId, `Member must be one of the supported locales: ${Object.keys(LOCALE_NAMES).join(', ')}`);
}

/** ListBuiltInIntents and ListBuiltInSlotTypes. */
export function builtInRoutes(): Route[] {
  return [
    // https://docs.aws.amazon.com/lexv2/latest/APIReference/API_ListBuiltInIntents.html
    route('POST', '/builtins/locales/{localeId}/intents', 'ListBuiltInIntents', (req) => {
      const localeId = param(req, 'localeId');
      requireSupportedLocale(localeId);
      const b = bodyOf(req);
      const sorted = applySort([...BUILT_IN_INTENTS], b, { IntentSignature: (i) => i.intentSignature ?? '' }, 'IntentSignature');
      const page = paginate(sorted, b);
      const out: ListBuiltInIntentsResponse = { builtInIntentSummaries: page.items, nextToken: page.nextToken, localeId };
      return reply(200, out);
    }),
    // https://docs.aws.amazon.com/lexv2/latest/APIReference/API_ListBuiltInSlotTypes.html
    route('POST', '/builtins/locales/{localeId}/slottypes', 'ListBuiltInSlotTypes', (req) => {
      const localeId = param(req, 'localeId');
      requireSupportedLocale(localeId);
      const b = bodyOf(req);
      const sorted = applySort(builtInSlotTypes(localeId), b, { SlotTypeSignature: (t) => t.slotTypeSignature ?? '' }, 'SlotTypeSignature');
      const page = paginate(sorted, b);
      const out: ListBuiltInSlotTypesResponse = { builtInSlotTypeSummaries: page.items, nextToken: page.nextToken, localeId };
      return reply(200, out);
    }),
  ];
}
