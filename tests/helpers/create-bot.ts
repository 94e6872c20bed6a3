/**
 * Creates a bot of the definitions through the Lex Models V2 API with the real SDK client, in the
 * order Lex needs: CreateBot → waitUntilBotAvailable → per locale CreateBotLocale →
 * waitUntilBotLocaleCreated → slot types → intents → slots → UpdateIntent with slot priorities →
 * BuildBotLocale → waitUntilBotLocaleBuilt. Works against the emulator and against Lex.
 */
import {
  BuildBotLocaleCommand,
  CreateBotCommand,
  CreateBotLocaleCommand,
  CreateIntentCommand,
  CreateSlotCommand,
  CreateSlotTypeCommand,
  DescribeBotLocaleCommand,
  UpdateIntentCommand,
  waitUntilBotAvailable,
  waitUntilBotLocaleBuilt,
  waitUntilBotLocaleCreated,
  type LexModelsV2Client,
} from '@aws-sdk/client-lex-models-v2';
import type { Project } from '../../scripts/definitions/model.js';
import {
  apiContext,
  createBotInput,
  createBotLocaleInput,
  createIntentInput,
  createSlotInput,
  createSlotTypeInput,
  FALLBACK_INTENT_ID,
  isFallbackIntent,
  updateIntentInput,
} from '../../scripts/lex/api.js';
import { ROLE_ARN } from './emulator.js';

/** Options of {@link createBotFromDefinitions}. */
export interface CreateBotOptions {
  /** Bot role; default a dummy role in account 000000000000. */
  roleArn?: string;
  /** Name to create the bot under (default the definition's name), e.g. to create copies. */
  botName?: string;
  /** Locales to create (default all of the bot's). */
  locales?: string[];
  /** Build the locales and wait for them (default true). */
  build?: boolean;
  /** Waiter timing in seconds; defaults suit the emulator (Lex itself wants minDelay ~10). */
  waiter?: { minDelay?: number; maxDelay?: number; maxWaitTime?: number };
}

/** Ids of what was created. */
export interface CreatedBot {
  botId: string;
  localeIds: string[];
  /** Intent name → id, per locale. */
  intentIds: Record<string, Record<string, string>>;
  /** Custom slot type name → id, per locale. */
  slotTypeIds: Record<string, Record<string, string>>;
  /** `Intent.Slot` → slot id, per locale. */
  slotIds: Record<string, Record<string, string>>;
}

/**
 * Creates (and by default builds) bot `botName` of `project`.
 * @throws Error when the bot is not in the project, or a build fails (with Lex's failure reasons).
 */
export async function createBotFromDefinitions(
  client: LexModelsV2Client,
  project: Project,
  botName: string,
  opts: CreateBotOptions = {},
): Promise<CreatedBot> {
  const bot = project.bots.find((b) => b.name === botName);
  if (!bot) throw new Error(`No bot ${botName} in ${project.root}`);
  const waiter = { client, minDelay: 0.02, maxDelay: 0.5, maxWaitTime: 60, ...opts.waiter };
  const created = await client.send(new CreateBotCommand(createBotInput(bot, { roleArn: opts.roleArn ?? ROLE_ARN, botName: opts.botName })));
  const botId = created.botId!;
  await waitUntilBotAvailable(waiter, { botId });

  const locales = bot.locales.filter((l) => !opts.locales || opts.locales.includes(l.localeId));
  const result: CreatedBot = { botId, localeIds: locales.map((l) => l.localeId), intentIds: {}, slotTypeIds: {}, slotIds: {} };

  for (const locale of locales) {
    const localeId = locale.localeId;
    const ctx = apiContext(project, bot, locale);
    await client.send(new CreateBotLocaleCommand(createBotLocaleInput(botId, locale)));
    await waitUntilBotLocaleCreated(waiter, { botId, botVersion: 'DRAFT', localeId });

    const slotTypeIds = new Map<string, string>();
    for (const st of locale.slotTypes) {
      const out = await client.send(new CreateSlotTypeCommand(createSlotTypeInput(botId, localeId, st)));
      slotTypeIds.set(st.name, out.slotTypeId!);
    }

    const intentIds = new Map<string, string>();
    for (const intent of locale.intents) {
      if (isFallbackIntent(intent)) {
        intentIds.set(intent.name, FALLBACK_INTENT_ID);
        continue;
      }
      const out = await client.send(new CreateIntentCommand(createIntentInput(botId, localeId, intent, ctx)));
      intentIds.set(intent.name, out.intentId!);
    }

    const slotIds: Record<string, string> = {};
    for (const intent of locale.intents) {
      const intentId = intentIds.get(intent.name)!;
      const ids = new Map<string, string>();
      for (const slot of intent.slots) {
        const out = await client.send(new CreateSlotCommand(createSlotInput(botId, localeId, intentId, slot, ctx, slotTypeIds)));
        ids.set(slot.name, out.slotId!);
        slotIds[`${intent.name}.${slot.name}`] = out.slotId!;
      }
      await client.send(new UpdateIntentCommand(updateIntentInput(botId, localeId, intentId, intent, ctx, ids)));
    }

    result.intentIds[localeId] = Object.fromEntries(intentIds);
    result.slotTypeIds[localeId] = Object.fromEntries(slotTypeIds);
    result.slotIds[localeId] = slotIds;
  }

  if (opts.build ?? true) {
    for (const localeId of result.localeIds) await client.send(new BuildBotLocaleCommand({ botId, botVersion: 'DRAFT', localeId }));
    await Promise.all(
      result.localeIds.map(async (localeId) => {
        try {
          await waitUntilBotLocaleBuilt(waiter, { botId, botVersion: 'DRAFT', localeId });
        } catch (err) {
          const d = await client.send(new DescribeBotLocaleCommand({ botId, botVersion: 'DRAFT', localeId }));
          throw new Error(`Locale ${localeId} of ${botName} did not build (${d.botLocaleStatus}): ${(d.failureReasons ?? [String(err)]).join(' ')}`);
        }
      }),
    );
  }
  return result;
}
