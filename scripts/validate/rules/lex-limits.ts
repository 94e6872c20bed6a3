/**
 * Amazon Lex V2 quotas and name rules, checked before anything deploys.
 * @see https://docs.aws.amazon.com/lexv2/latest/dg/quotas.html
 * @module
 */
import { intentMessages } from '../../definitions/walk.js';
import type { RuleFamily } from '../rule.js';

const QUOTAS = 'https://docs.aws.amazon.com/lexv2/latest/dg/quotas.html';
const BUILT_IN_INTENTS = 'https://docs.aws.amazon.com/lexv2/latest/dg/built-in-intents.html';

/** Lex V2 name pattern for bots, aliases, intents, slots and slot types. @see {@link QUOTAS} */
export const LEX_NAME = /^([0-9a-zA-Z][_-]?){1,100}$/;

/** Limits from the Lex V2 quotas page (character counts are UTF-16 code units, as JavaScript's). */
export const LEX_LIMITS = {
  utteranceChars: 500,
  utterancesPerIntent: 1500,
  intentsPerLocaleEnglish: 1000,
  intentsPerLocaleOther: 250,
  slotsPerIntent: 100,
  slotTypesPerLocaleEnglish: 250,
  slotTypesPerLocaleOther: 100,
  ssmlMessageChars: 1000,
  textMessageChars: 4000,
  valuesPerSlotType: 10000,
} as const;

/** English locales that get the higher intent and slot-type quotas. */
const LARGE_QUOTA_LOCALES = new Set(['en_AU', 'en_GB', 'en_US']);

/**
 * Built-in intent names (without the AMAZON. prefix) that a custom intent must not take.
 * @see https://docs.aws.amazon.com/lexv2/latest/dg/built-in-intents.html
 */
export const BUILT_IN_INTENT_NAMES = [
  'BedrockAgentIntent', 'CancelIntent', 'FallbackIntent', 'HelpIntent', 'KendraSearchIntent', 'PauseIntent', 'QInConnectIntent',
  'QnAIntent', 'RepeatIntent', 'ResumeIntent', 'StartOverIntent', 'StopIntent',
];

/** Lex limit rules. */
export const lexLimitRules: RuleFamily = {
  rules: [
    { id: 'lex/name', severity: 'error', description: 'Bot, intent, slot, slot type and alias names match ^([0-9a-zA-Z][_-]?){1,100}$.', source: QUOTAS },
    { id: 'lex/utterance-length', severity: 'error', description: 'A sample utterance has at most 500 characters.', source: QUOTAS },
    { id: 'lex/utterances-per-intent', severity: 'error', description: 'An intent has at most 1,500 sample utterances.', source: QUOTAS },
    { id: 'lex/intents-per-locale', severity: 'error', description: 'A locale has at most 1,000 intents (en_US, en_GB, en_AU) or 250 (other locales).', source: QUOTAS },
    { id: 'lex/slots-per-intent', severity: 'error', description: 'An intent has at most 100 slots.', source: QUOTAS },
    { id: 'lex/slot-types-per-locale', severity: 'error', description: 'A locale has at most 250 custom slot types (en_US, en_GB, en_AU) or 100 (other locales).', source: QUOTAS },
    { id: 'lex/message-length', severity: 'error', description: 'An SSML message has at most 1,000 characters; a text message at most 4,000.', source: QUOTAS },
    { id: 'lex/built-in-name', severity: 'error', description: 'A custom intent is not named like a built-in intent (FallbackIntent, QnAIntent, ...) unless it extends it.', source: BUILT_IN_INTENTS },
  ],

  checkBot(ctx, bot) {
    if (!LEX_NAME.test(bot.name)) ctx.report('lex/name', { file: bot.file, path: ['name'] }, `Bot name "${bot.name}" is not a valid Lex name.`, nameHint);
    for (const t of bot.targets) {
      if (!LEX_NAME.test(t.alias)) ctx.report('lex/name', { file: bot.file, path: [...t.at.path, 'alias'] }, `Alias name "${t.alias}" is not a valid Lex name.`, nameHint);
    }
    for (const locale of bot.locales) {
      const large = LARGE_QUOTA_LOCALES.has(locale.localeId);
      const maxIntents = large ? LEX_LIMITS.intentsPerLocaleEnglish : LEX_LIMITS.intentsPerLocaleOther;
      if (locale.intents.length > maxIntents) {
        ctx.report('lex/intents-per-locale', { file: bot.file, path: [...locale.at.path, 'intents'] },
          `Locale ${locale.localeId} has ${locale.intents.length} intents; Lex allows ${maxIntents}.`, 'Merge intents or request a quota increase (Service Quotas, Amazon Lex V2).');
      }
      const maxTypes = large ? LEX_LIMITS.slotTypesPerLocaleEnglish : LEX_LIMITS.slotTypesPerLocaleOther;
      if (locale.slotTypes.length > maxTypes) {
        ctx.report('lex/slot-types-per-locale', locale.at, `Locale ${locale.localeId} uses ${locale.slotTypes.length} custom slot types; Lex allows ${maxTypes}.`, 'Share slot types between intents.');
      }
    }
  },

  checkProject(ctx) {
    for (const [localeId, byName] of ctx.project.intents) {
      const ssml = ctx.project.ssml.get(localeId);
      for (const intent of byName.values()) {
        const nameAt = { file: intent.file, path: ['name'] };
        if (!LEX_NAME.test(intent.name)) ctx.report('lex/name', nameAt, `Intent name "${intent.name}" is not a valid Lex name.`, nameHint);
        if (BUILT_IN_INTENT_NAMES.includes(intent.name) && intent.builtIn !== `AMAZON.${intent.name}`) {
          ctx.report('lex/built-in-name', nameAt, `Intent ${intent.name} has the name of the built-in AMAZON.${intent.name}.`,
            `Add builtIn: AMAZON.${intent.name} to extend the built-in intent, or rename the intent.`);
        }
        if (intent.sampleUtterances.length > LEX_LIMITS.utterancesPerIntent) {
          ctx.report('lex/utterances-per-intent', { file: intent.file, path: ['sampleUtterances'] },
            `Intent ${intent.name} has ${intent.sampleUtterances.length} sample utterances; Lex allows ${LEX_LIMITS.utterancesPerIntent}.`, 'Remove redundant utterances.');
        }
        for (const u of [...intent.sampleUtterances, ...intent.slots.flatMap((s) => s.sampleUtterances)]) {
          if (u.text.length > LEX_LIMITS.utteranceChars) {
            ctx.report('lex/utterance-length', u.at, `Sample utterance has ${u.text.length} characters; Lex allows ${LEX_LIMITS.utteranceChars}.`, 'Shorten it: people do not say that much at once.');
          }
        }
        if (intent.slots.length > LEX_LIMITS.slotsPerIntent) {
          ctx.report('lex/slots-per-intent', { file: intent.file, path: ['slots'] }, `Intent ${intent.name} has ${intent.slots.length} slots; Lex allows ${LEX_LIMITS.slotsPerIntent}.`, 'Split the intent.');
        }
        for (const slot of intent.slots) {
          if (!LEX_NAME.test(slot.name)) ctx.report('lex/name', { file: intent.file, path: [...slot.at.path, 'name'] }, `Slot name "${slot.name}" is not a valid Lex name.`, nameHint);
        }
        for (const { message, where } of intentMessages(intent)) {
          const ssmlText = message.kind === 'ssml' ? ssml?.get(message.id)?.text : message.kind === 'ssmlInline' ? message.ssml : undefined;
          if (ssmlText !== undefined && ssmlText.trim().length > LEX_LIMITS.ssmlMessageChars) {
            ctx.report('lex/message-length', message.at, `The ${where} is ${ssmlText.trim().length} characters of SSML; Lex allows ${LEX_LIMITS.ssmlMessageChars}.`, 'Shorten the prompt or split it across turns.');
          }
          if (message.kind === 'text' && message.text.length > LEX_LIMITS.textMessageChars) {
            ctx.report('lex/message-length', message.at, `The ${where} is ${message.text.length} characters; Lex allows ${LEX_LIMITS.textMessageChars}.`, 'Shorten the message.');
          }
        }
      }
    }
    for (const byName of ctx.project.slotTypes.values()) {
      for (const st of byName.values()) {
        if (!LEX_NAME.test(st.name)) ctx.report('lex/name', { file: st.file, path: ['name'] }, `Slot type name "${st.name}" is not a valid Lex name.`, nameHint);
      }
    }
  },
};

const nameHint = 'Use letters and digits, with single _ or - between them, starting with a letter or digit (at most 100 characters).';
