/**
 * The project's fulfillment Lambdas as the emulator's code hooks: every code-hook Lambda ARN of an
 * alias is served in-process by the Lex handler of `fulfillment/` with its embedded local backends
 * (dynalite, SMS outbox, FAQ search), so conversations run end to end offline.
 * @module
 */
import type { KnowledgeTextAnalyzer } from '../../fulfillment/clients/kb-local.js';
import { createLocalHandlers, type LocalHandlers, type LocalHandlersOptions } from '../../fulfillment/local.js';
import { CATALOGUE } from '../../fulfillment/messages/index.js';
import type { Locale } from '../../fulfillment/messages/types.js';
import { languageOf } from '../nlu/normalize.js';
import { foldAccents } from '../nlu/text.js';
import { isBankingConcept, isOffTopicConcept, questionKinds, searchTerms } from '../nlu/synonyms.js';
import type { CodeHookHandler } from './runtime/routes.js';

/**
 * The local knowledge base's terms: the NLU's stems and concept synonyms per language
 * (scripts/nlu/synonyms.ts), so a question in other words than the FAQ's still finds its section;
 * its banking concepts mark a question as on topic (`isTopicTerm`).
 */
export const knowledgeBaseAnalyzer: KnowledgeTextAnalyzer = Object.assign((text: string, locale: Locale) => searchTerms(text, languageOf(locale), KB_STOP_WORDS.get(locale)), {
  isTopicTerm: (term: string) => isBankingConcept(term),
  isOffTopicTerm: (term: string) => isOffTopicConcept(term),
  questionKinds: (text: string, locale: Locale) => questionKinds(text, languageOf(locale)),
});

/** The knowledge base's stop words per locale (`fulfillment/messages`), folded as the analyzer folds. */
const KB_STOP_WORDS = new Map(Object.entries(CATALOGUE).map(([locale, m]) => [locale, new Set(m.stopWords.map((w) => foldAccents(w)))]));

/** The ARN `bots deploy` gives the local target's aliases when a bot names no Lambda. */
export const LOCAL_FULFILLMENT_ARN = 'arn:aws:lambda:us-east-1:000000000000:function:bots-local-fulfillment';

/** Local fulfillment for the emulator's `runtime.codeHooks` option. */
export interface LocalFulfillment {
  /** Maps any code-hook ARN to the local Lex handler. */
  codeHooks: (lambdaArn: string) => CodeHookHandler;
  handlers: LocalHandlers;
  close(): Promise<void>;
}

/** Starts the local backends (see `createLocalHandlers`). */
export async function startLocalFulfillment(options: LocalHandlersOptions = {}): Promise<LocalFulfillment> {
  const handlers = await createLocalHandlers({ knowledgeBaseAnalyzer, ...options });
  const lex: CodeHookHandler = (event) => handlers.lex(event as never) as Promise<unknown>;
  return { codeHooks: () => lex, handlers, close: () => handlers.close() };
}
