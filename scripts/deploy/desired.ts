/**
 * What the definitions want in one target: every resource of the bot as the API request that
 * creates it (from `lex/api.ts`), in the name-based normalised form the plan compares with Lex,
 * and the content hash that identifies a version built from them.
 * @module
 */
import { createHash } from 'node:crypto';
import { implicitFallbackIntent } from '../definitions/load.js';
import type { Bot, BotLocale, Intent, Project, Slot, SlotType } from '../definitions/model.js';
import {
  apiContext,
  createBotInput,
  createBotLocaleInput,
  createSlotInput,
  createSlotTypeInput,
  isFallbackIntent,
  updateIntentInput,
  type ApiContext,
} from '../lex/api.js';
import { canonicalJson, normaliseResource, ref } from './compare.js';
import type { ResolvedTarget } from './types.js';

/** A slot the definitions want. */
export interface DesiredSlot {
  slot: Slot;
  /** Normalised CreateSlot members, slot type as `@Name` (built-ins as they are). */
  compare: Record<string, unknown>;
}

/** An intent the definitions want. */
export interface DesiredIntent {
  intent: Intent;
  /** FallbackIntent: updated (id FALLBCKINT), never created or deleted. */
  fallback: boolean;
  /** A FallbackIntent without a file: whatever Lex has is kept. */
  implicit: boolean;
  /** Normalised UpdateIntent members with slot priorities as `@Slot` references. */
  compare: Record<string, unknown>;
  slots: Map<string, DesiredSlot>;
}

/** A custom slot type the definitions want. */
export interface DesiredSlotType {
  slotType: SlotType;
  compare: Record<string, unknown>;
}

/** A locale the definitions want. */
export interface DesiredLocale {
  locale: BotLocale;
  ctx: ApiContext;
  compare: Record<string, unknown>;
  slotTypes: Map<string, DesiredSlotType>;
  intents: Map<string, DesiredIntent>;
  /** The FallbackIntent Lex creates with a new locale, normalised (what an explicit one is compared with). */
  defaultFallback: Record<string, unknown>;
  /** Custom vocabulary items by {@link vocabularyKey} of their phrase. */
  vocabulary: Map<string, DesiredVocabularyItem>;
}

/** A custom vocabulary item the definitions want (BatchCreateCustomVocabularyItem members). */
export interface DesiredVocabularyItem {
  phrase: string;
  weight?: number;
  displayAs?: string;
}

/** Phrases are unique in a vocabulary regardless of case: the key items are matched by. */
export const vocabularyKey = (phrase: string) => phrase.trim().toLocaleLowerCase();

/** The bot the definitions want in one target. */
export interface DesiredBot {
  bot: Bot;
  target: ResolvedTarget;
  /** Normalised bot settings (no role: it is per target and not part of the definitions). */
  compare: Record<string, unknown>;
  locales: Map<string, DesiredLocale>;
  /** sha256 (hex) of everything a version freezes: bot settings and every locale's resources. */
  contentHash: string;
}

/** Ids as names: what the desired side uses where Lex has ids. */
const byName = (names: Iterable<string>) => new Map([...names].map((n) => [n, ref(n)]));

/** Placeholders for the path members of requests; they are not compared. */
const BOT_ID = 'BOTID00000';
const INTENT_ID = 'INTENTID00';

/**
 * The desired state of `bot` in `target`.
 * @throws Error when a message names an SSML prompt without a file (validation reports it first).
 */
export function desiredBot(project: Project, bot: Bot, target: ResolvedTarget): DesiredBot {
  const settings = createBotInput(bot, { roleArn: 'arn:aws:iam::000000000000:role/placeholder' });
  const { roleArn: _role, ...botCompare } = normaliseResource('bot', settings);
  const locales = new Map<string, DesiredLocale>();
  for (const locale of bot.locales) {
    const ctx = apiContext(project, bot, locale, target);
    const slotTypes = new Map<string, DesiredSlotType>();
    for (const st of locale.slotTypes) slotTypes.set(st.name, { slotType: st, compare: normaliseResource('slotType', createSlotTypeInput(BOT_ID, locale.localeId, st)) });
    const typeRefs = byName(slotTypes.keys());
    const intents = new Map<string, DesiredIntent>();
    for (const intent of locale.intents) {
      const slots = new Map<string, DesiredSlot>();
      for (const slot of intent.slots) {
        slots.set(slot.name, { slot, compare: normaliseResource('slot', createSlotInput(BOT_ID, locale.localeId, INTENT_ID, slot, ctx, typeRefs)) });
      }
      const full = updateIntentInput(BOT_ID, locale.localeId, INTENT_ID, intent, ctx, byName(slots.keys()));
      intents.set(intent.name, {
        intent,
        fallback: isFallbackIntent(intent),
        implicit: intent.implicit === true,
        compare: normaliseResource('intent', full),
        slots,
      });
    }
    locales.set(locale.localeId, {
      locale,
      ctx,
      compare: normaliseResource('locale', createBotLocaleInput(BOT_ID, locale)),
      slotTypes,
      intents,
      defaultFallback: normaliseResource('intent', updateIntentInput(BOT_ID, locale.localeId, INTENT_ID, implicitFallbackIntent(locale.localeId, locale.at), ctx)),
      vocabulary: new Map(
        (locale.customVocabulary ?? []).map((v) => [
          vocabularyKey(v.phrase),
          { phrase: v.phrase, ...(v.weight !== undefined ? { weight: v.weight } : {}), ...(v.displayAs !== undefined ? { displayAs: v.displayAs } : {}) },
        ]),
      ),
    });
  }
  return { bot, target, compare: botCompare, locales, contentHash: contentHash(botCompare, locales) };
}

/**
 * The hash of the normalised bot settings and resources, independent of ids and of the order of
 * files. A FallbackIntent without a file counts as Lex's default.
 */
function contentHash(botCompare: Record<string, unknown>, locales: Map<string, DesiredLocale>): string {
  const content = {
    bot: botCompare,
    locales: Object.fromEntries(
      [...locales].map(([id, l]) => [
        id,
        {
          settings: l.compare,
          slotTypes: Object.fromEntries([...l.slotTypes].map(([n, t]) => [n, t.compare])),
          intents: Object.fromEntries(
            [...l.intents].map(([n, i]) => [n, { intent: i.implicit ? 'default' : i.compare, slots: Object.fromEntries([...i.slots].map(([s, d]) => [s, d.compare])) }]),
          ),
          // Only when there is one, so that hashes of bots without a vocabulary stay as they were.
          ...(l.vocabulary.size ? { vocabulary: Object.fromEntries([...l.vocabulary].sort(([a], [b]) => (a < b ? -1 : 1))) } : {}),
        },
      ]),
    ),
  };
  return createHash('sha256').update(canonicalJson(content)).digest('hex');
}
