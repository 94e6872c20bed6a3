/**
 * The definitions side of `bots tune`: one bot locale of the loaded project as the classifier's
 * training data and the `utterances/count` rule's bounds.
 * @module
 */
import type { Bot, BotLocale } from '../definitions/model.js';
import { trainClassifier } from '../nlu/classifier.js';
import { languageOf } from '../nlu/normalize.js';
import type { NluTrainingData } from '../nlu/types.js';
import { hasOwnUtterances } from '../validate/rules/utterances.js';
import type { TuningContext } from './analyze.js';

/** The NLU training data of a locale of the definitions (what a deploy would serve). */
export function trainingDataOf(locale: BotLocale): NluTrainingData {
  const intents = locale.intents.filter(hasOwnUtterances);
  return {
    localeId: locale.localeId,
    intents: intents.map((i) => ({ name: i.name, utterances: i.sampleUtterances.map((u) => u.text), slots: i.slots.map((s) => ({ name: s.name, slotTypeName: s.type })) })),
    slotTypes: locale.slotTypes.map((t) => ({ name: t.name, resolution: t.resolution, values: t.values.map((v) => ({ value: v.value, synonyms: v.synonyms })), ...(t.regex ? { regex: t.regex } : {}) })),
  };
}

/**
 * Builds the {@link TuningContext} of `bot`'s `localeId`: trains the intent classifier on the
 * definitions (about a second for a 77-intent locale).
 * @throws Error when the bot has no such locale.
 * @example const ctx = tuningContextOf(project.bots[0]!, 'en_US'); ctx.classifier.rank('whats my balance', 3);
 */
export function tuningContextOf(bot: Bot, localeId: string): TuningContext {
  const locale = bot.locales.find((l) => l.localeId === localeId);
  if (!locale) throw new Error(`Bot ${bot.name} has no locale ${localeId} (locales: ${bot.locales.map((l) => l.localeId).join(', ')}).`);
  const data = trainingDataOf(locale);
  const files = new Map(locale.intents.map((i) => [i.name, i.file]));
  return {
    bot: bot.name,
    localeId,
    language: languageOf(localeId),
    intents: data.intents.map((i) => ({ name: i.name, utterances: i.utterances, ...(files.get(i.name) ? { file: files.get(i.name) } : {}) })),
    classifier: trainClassifier(data),
    minUtterances: bot.validation.minUtterances,
    maxUtterances: bot.validation.maxUtterances,
    minVariants: bot.validation.minVariants,
  };
}
