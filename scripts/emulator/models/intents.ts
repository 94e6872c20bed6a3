/**
 * CreateIntent, DescribeIntent, UpdateIntent (PUT: the request replaces the intent), DeleteIntent,
 * ListIntents.
 * @see https://docs.aws.amazon.com/lexv2/latest/APIReference/API_CreateIntent.html
 * @see https://docs.aws.amazon.com/lexv2/latest/APIReference/API_UpdateIntent.html
 * @module
 */
import type { CreateIntentResponse, IntentSummary, ListIntentsResponse, SampleUtterance, SlotPriority, UpdateIntentResponse } from '@aws-sdk/client-lex-models-v2';
import type { EmulatorRequest, Route } from '../contracts.js';
import { conflict, constraint, notFound, validation } from '../errors.js';
import { BUILT_IN_INTENT_SIGNATURES } from './builtins.js';
import { param, regionOf, reply, route, type ModelsContext } from './context.js';
import { applyFilters, applySort, bodyOf, checkLength, checkName, optArr, paginate, reqStr, type Body } from './input.js';
import { checkQuota, localeLimit, QUOTAS } from './quotas.js';
import { date, describeIntent, omit } from './shapes.js';
import { FALLBACK_INTENT_ID } from './store.js';
import type { IntentRecord, LocaleRecord } from './types.js';

/** The intent members of CreateIntent (UpdateIntent adds `slotPriorities`). */
const INTENT_MEMBERS = [
  'intentDisplayName',
  'description',
  'parentIntentSignature',
  'sampleUtterances',
  'dialogCodeHook',
  'fulfillmentCodeHook',
  'intentConfirmationSetting',
  'intentClosingSetting',
  'inputContexts',
  'outputContexts',
  'kendraConfiguration',
  'initialResponseSetting',
  'qnAIntentConfiguration',
  'qInConnectIntentConfiguration',
] as const;

/** Built-in intent names without `AMAZON.`: custom intents may not take them. */
const RESERVED_NAMES = new Set([...BUILT_IN_INTENT_SIGNATURES].map((s) => s.replace(/^AMAZON\./, '')));

/** Reads and checks the intent members of a Create/UpdateIntent body. */
function intentFields(b: Body, locale: LocaleRecord, intentId: string | undefined): Omit<IntentRecord, 'intentId' | 'creationDateTime' | 'lastUpdatedDateTime'> {
  const intentName = reqStr(b, 'intentName');
  checkName('intentName', intentName);
  const clash = Object.values(locale.intents).find((i) => i.intentName === intentName && i.intentId !== intentId);
  if (clash) throw conflict(`An intent with the name '${intentName}' already exists in locale ${locale.localeId} (intent ID ${clash.intentId}).`);
  const existing = intentId ? locale.intents[intentId] : undefined;
  const isFallback = intentId === FALLBACK_INTENT_ID;
  if (!isFallback && RESERVED_NAMES.has(intentName) && existing?.intentName !== intentName) {
    throw validation('The specified intent name conflicts with a built-in intent name. Please use a different name.');
  }
  const description = b.description;
  if (description !== undefined && description !== null && typeof description !== 'string') throw validation("Value at 'description' must be a string.");
  checkLength('description', description ?? undefined, 0, 200);

  const parent = b.parentIntentSignature;
  if (parent !== undefined && parent !== null) {
    if (typeof parent !== 'string' || !BUILT_IN_INTENT_SIGNATURES.has(parent)) throw constraint('parentIntentSignature', parent, 'Member must be the signature of a built-in intent');
  }
  if (isFallback && parent !== 'AMAZON.FallbackIntent') throw validation('The parentIntentSignature of the FallbackIntent must be AMAZON.FallbackIntent.');
  if (!isFallback && parent === 'AMAZON.FallbackIntent') throw conflict(`Locale ${locale.localeId} already has a fallback intent (FallbackIntent).`);

  const utterances = optArr<SampleUtterance>(b, 'sampleUtterances');
  if (utterances?.length) {
    if (parent === 'AMAZON.FallbackIntent') throw validation('AMAZON.FallbackIntent does not take sample utterances.');
    if (utterances.length > QUOTAS.sampleUtterancesPerIntent) {
      throw constraint('sampleUtterances', `${utterances.length} items`, `Member must have length less than or equal to ${QUOTAS.sampleUtterancesPerIntent}`);
    }
    utterances.forEach((u, i) => {
      if (typeof u?.utterance !== 'string') throw constraint(`sampleUtterances.${i + 1}.member.utterance`, null, 'Member must not be null');
      checkLength(`sampleUtterances.${i + 1}.member.utterance`, u.utterance, 1, QUOTAS.charactersPerSampleUtterance);
    });
  }
  if (b.kendraConfiguration && b.qnAIntentConfiguration) throw validation('kendraConfiguration and qnAIntentConfiguration cannot both be set.');

  const fields: Record<string, unknown> = { intentName };
  for (const k of INTENT_MEMBERS) if (b[k] !== undefined && b[k] !== null) fields[k] = b[k];
  return fields as Omit<IntentRecord, 'intentId' | 'creationDateTime' | 'lastUpdatedDateTime'>;
}

/** Checks `slotPriorities` against the intent's slots. */
function checkPriorities(priorities: SlotPriority[], locale: LocaleRecord, intentId: string): void {
  priorities.forEach((p, i) => {
    if (typeof p?.slotId !== 'string') throw constraint(`slotPriorities.${i + 1}.member.slotId`, null, 'Member must not be null');
    if (typeof p.priority !== 'number') throw constraint(`slotPriorities.${i + 1}.member.priority`, null, 'Member must not be null');
    const slot = locale.slots[p.slotId];
    if (!slot || slot.intentId !== intentId) throw validation(`Slot ${p.slotId} in slotPriorities is not a slot of intent ${intentId}.`);
  });
}

/** The intent operations. */
export function intentRoutes(ctx: ModelsContext): Route[] {
  const { store } = ctx;
  const base = '/bots/{botId}/botversions/{botVersion}/botlocales/{localeId}/intents';
  const at = (req: EmulatorRequest) => {
    const bot = store.bot(param(req, 'botId'), regionOf(req, ctx));
    const path = { botId: bot.botId, botVersion: param(req, 'botVersion'), localeId: param(req, 'localeId') };
    return { bot, path };
  };
  const intentOf = (locale: LocaleRecord, intentId: string) => {
    const intent = locale.intents[intentId];
    if (!intent) throw notFound(`Could not find intent ${intentId} in locale ${locale.localeId}`);
    return intent;
  };

  return [
    // https://docs.aws.amazon.com/lexv2/latest/APIReference/API_CreateIntent.html
    route('PUT', base, 'CreateIntent', (req) => {
      const { bot, path } = at(req);
      const locale = store.draftLocale(bot, path.botVersion, path.localeId);
      const fields = intentFields(bodyOf(req), locale, undefined);
      checkQuota(Object.keys(locale.intents).length, localeLimit(QUOTAS.intentsPerLocale, locale.localeId), `intents in locale ${locale.localeId}`);
      const now = store.now();
      const intent: IntentRecord = { ...fields, intentId: store.newId((id) => id in locale.intents), creationDateTime: now, lastUpdatedDateTime: now };
      locale.intents[intent.intentId!] = intent;
      store.changed(locale);
      const out: CreateIntentResponse = omit(describeIntent(intent, path), 'slotPriorities', 'lastUpdatedDateTime');
      return reply(200, out);
    }),

    // https://docs.aws.amazon.com/lexv2/latest/APIReference/API_DescribeIntent.html
    route('GET', `${base}/{intentId}`, 'DescribeIntent', (req) => {
      const { bot, path } = at(req);
      const intent = intentOf(store.locale(bot, path.botVersion, path.localeId), param(req, 'intentId'));
      return reply(200, describeIntent(intent, path));
    }),

    // https://docs.aws.amazon.com/lexv2/latest/APIReference/API_UpdateIntent.html
    route('PUT', `${base}/{intentId}`, 'UpdateIntent', (req) => {
      const { bot, path } = at(req);
      const locale = store.draftLocale(bot, path.botVersion, path.localeId);
      const old = intentOf(locale, param(req, 'intentId'));
      const b = bodyOf(req);
      const fields = intentFields(b, locale, old.intentId);
      const priorities = optArr<SlotPriority>(b, 'slotPriorities');
      if (priorities) checkPriorities(priorities, locale, old.intentId!);
      const intent: IntentRecord = { ...fields, intentId: old.intentId, creationDateTime: old.creationDateTime, lastUpdatedDateTime: store.now() };
      // Every slot keeps a priority: an update that leaves slotPriorities out keeps the current order.
      const slotPriorities = priorities ?? old.slotPriorities;
      if (slotPriorities) intent.slotPriorities = slotPriorities;
      locale.intents[old.intentId!] = intent;
      store.changed(locale);
      const out: UpdateIntentResponse = describeIntent(intent, path);
      return reply(200, out);
    }),

    // https://docs.aws.amazon.com/lexv2/latest/APIReference/API_DeleteIntent.html
    route('DELETE', `${base}/{intentId}`, 'DeleteIntent', (req) => {
      const { bot, path } = at(req);
      const locale = store.draftLocale(bot, path.botVersion, path.localeId);
      const intent = intentOf(locale, param(req, 'intentId'));
      if (intent.intentId === FALLBACK_INTENT_ID) throw validation('The FallbackIntent cannot be deleted.');
      delete locale.intents[intent.intentId!];
      for (const [id, slot] of Object.entries(locale.slots)) if (slot.intentId === intent.intentId) delete locale.slots[id];
      store.changed(locale);
      return reply(204);
    }),

    // https://docs.aws.amazon.com/lexv2/latest/APIReference/API_ListIntents.html
    route('POST', base, 'ListIntents', (req) => {
      const { bot, path } = at(req);
      const b = bodyOf(req);
      const intents = Object.values(store.locale(bot, path.botVersion, path.localeId).intents);
      const filtered = applyFilters(intents, b, { IntentName: (i) => i.intentName }, ['EQ', 'CO']);
      const sorted = applySort(filtered, b, { IntentName: (i) => i.intentName ?? '', LastUpdatedDateTime: (i) => i.lastUpdatedDateTime }, 'IntentName');
      const page = paginate(sorted, b);
      const out: ListIntentsResponse = {
        ...path,
        intentSummaries: page.items.map(
          (i): IntentSummary => ({
            intentId: i.intentId,
            intentName: i.intentName,
            intentDisplayName: i.intentDisplayName,
            description: i.description,
            parentIntentSignature: i.parentIntentSignature,
            inputContexts: i.inputContexts,
            outputContexts: i.outputContexts,
            lastUpdatedDateTime: date(i.lastUpdatedDateTime),
          }),
        ),
        nextToken: page.nextToken,
      };
      return reply(200, out);
    }),
  ];
}
