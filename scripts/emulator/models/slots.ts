/**
 * CreateSlot, DescribeSlot, UpdateSlot, DeleteSlot, ListSlots. A new slot is appended to its
 * intent's `slotPriorities`, and a deleted one removed from them, so every slot always has a
 * priority (UpdateIntent sets the order).
 * @see https://docs.aws.amazon.com/lexv2/latest/APIReference/API_CreateSlot.html
 * @module
 */
import type { CreateSlotResponse, ListSlotsResponse, SlotSummary, SlotValueElicitationSetting, UpdateSlotResponse } from '@aws-sdk/client-lex-models-v2';
import type { EmulatorRequest, Route } from '../contracts.js';
import { conflict, constraint, notFound, validation } from '../errors.js';
import { param, regionOf, reply, route, type ModelsContext } from './context.js';
import { applyFilters, applySort, bodyOf, checkLength, checkName, optStr, paginate, reqObj, reqStr, type Body } from './input.js';
import { checkQuota, QUOTAS } from './quotas.js';
import { date, describeSlot, omit } from './shapes.js';
import type { IntentRecord, LocaleRecord, SlotRecord } from './types.js';

/** The slot members besides name and elicitation setting. */
const SLOT_MEMBERS = ['description', 'slotTypeId', 'obfuscationSetting', 'multipleValuesSetting', 'subSlotSetting'] as const;

/** Reads and checks the members of a Create/UpdateSlot body. */
function slotFields(b: Body, locale: LocaleRecord, intent: IntentRecord, slotId: string | undefined): Omit<SlotRecord, 'slotId' | 'creationDateTime' | 'lastUpdatedDateTime'> {
  const slotName = reqStr(b, 'slotName');
  checkName('slotName', slotName);
  const clash = Object.values(locale.slots).find((s) => s.intentId === intent.intentId && s.slotName === slotName && s.slotId !== slotId);
  if (clash) throw conflict(`A slot with the name '${slotName}' already exists in intent ${intent.intentName} (slot ID ${clash.slotId}).`);
  checkLength('description', optStr(b, 'description'), 0, 200);
  const v = reqObj<SlotValueElicitationSetting>(b, 'valueElicitationSetting');
  if (v.slotConstraint !== 'Required' && v.slotConstraint !== 'Optional') {
    throw constraint('valueElicitationSetting.slotConstraint', v.slotConstraint, 'Member must satisfy enum value set: [Required, Optional]');
  }
  const typeId = optStr(b, 'slotTypeId');
  if (typeId === undefined && !b.subSlotSetting) throw constraint('slotTypeId', null, 'Member must not be null');
  // https://docs.aws.amazon.com/lexv2/latest/APIReference/API_MultipleValuesSetting.html
  const multiple = b.multipleValuesSetting as { allowMultipleValues?: boolean } | null | undefined;
  if (multiple?.allowMultipleValues === true && locale.localeId !== 'en_US') {
    throw validation(`Multi-value slots are only available in the en-US locale; slot ${slotName} in ${locale.localeId} sets multipleValuesSetting.allowMultipleValues.`);
  }
  const fields: Record<string, unknown> = { slotName, intentId: intent.intentId, valueElicitationSetting: v };
  for (const k of SLOT_MEMBERS) if (b[k] !== undefined && b[k] !== null) fields[k] = b[k];
  return fields as Omit<SlotRecord, 'slotId' | 'creationDateTime' | 'lastUpdatedDateTime'>;
}

/** The slot operations. */
export function slotRoutes(ctx: ModelsContext): Route[] {
  const { store } = ctx;
  const base = '/bots/{botId}/botversions/{botVersion}/botlocales/{localeId}/intents/{intentId}/slots';
  const at = (req: EmulatorRequest, draft: boolean) => {
    const bot = store.bot(param(req, 'botId'), regionOf(req, ctx));
    const path = { botId: bot.botId, botVersion: param(req, 'botVersion'), localeId: param(req, 'localeId') };
    const locale = draft ? store.draftLocale(bot, path.botVersion, path.localeId) : store.locale(bot, path.botVersion, path.localeId);
    const intentId = param(req, 'intentId');
    const intent = locale.intents[intentId];
    if (!intent) throw notFound(`Could not find intent ${intentId} in locale ${locale.localeId}`);
    return { path, locale, intent };
  };
  const slotOf = (locale: LocaleRecord, intent: IntentRecord, slotId: string) => {
    const slot = locale.slots[slotId];
    if (!slot || slot.intentId !== intent.intentId) throw notFound(`Could not find slot ${slotId} in intent ${intent.intentId}`);
    return slot;
  };

  return [
    // https://docs.aws.amazon.com/lexv2/latest/APIReference/API_CreateSlot.html
    route('PUT', base, 'CreateSlot', (req) => {
      const { path, locale, intent } = at(req, true);
      if (intent.parentIntentSignature === 'AMAZON.FallbackIntent') throw validation('AMAZON.FallbackIntent cannot have slots.');
      const fields = slotFields(bodyOf(req), locale, intent, undefined);
      checkQuota(Object.values(locale.slots).filter((s) => s.intentId === intent.intentId).length, QUOTAS.slotsPerIntent, `slots in intent ${intent.intentName}`);
      const now = store.now();
      const slot: SlotRecord = { ...fields, slotId: store.newId((id) => id in locale.slots), creationDateTime: now, lastUpdatedDateTime: now };
      locale.slots[slot.slotId!] = slot;
      const priorities = intent.slotPriorities ?? [];
      intent.slotPriorities = [...priorities, { priority: Math.max(0, ...priorities.map((p) => p.priority ?? 0)) + 1, slotId: slot.slotId }];
      store.changed(locale);
      const out: CreateSlotResponse = omit(describeSlot(slot, path), 'lastUpdatedDateTime');
      return reply(200, out);
    }),

    // https://docs.aws.amazon.com/lexv2/latest/APIReference/API_DescribeSlot.html
    route('GET', `${base}/{slotId}`, 'DescribeSlot', (req) => {
      const { path, locale, intent } = at(req, false);
      return reply(200, describeSlot(slotOf(locale, intent, param(req, 'slotId')), path));
    }),

    // https://docs.aws.amazon.com/lexv2/latest/APIReference/API_UpdateSlot.html
    route('PUT', `${base}/{slotId}`, 'UpdateSlot', (req) => {
      const { path, locale, intent } = at(req, true);
      const old = slotOf(locale, intent, param(req, 'slotId'));
      const fields = slotFields(bodyOf(req), locale, intent, old.slotId);
      const slot: SlotRecord = { ...fields, slotId: old.slotId, creationDateTime: old.creationDateTime, lastUpdatedDateTime: store.now() };
      locale.slots[old.slotId!] = slot;
      store.changed(locale);
      const out: UpdateSlotResponse = describeSlot(slot, path);
      return reply(200, out);
    }),

    // https://docs.aws.amazon.com/lexv2/latest/APIReference/API_DeleteSlot.html
    route('DELETE', `${base}/{slotId}`, 'DeleteSlot', (req) => {
      const { locale, intent } = at(req, true);
      const slot = slotOf(locale, intent, param(req, 'slotId'));
      delete locale.slots[slot.slotId!];
      if (intent.slotPriorities) intent.slotPriorities = intent.slotPriorities.filter((p) => p.slotId !== slot.slotId);
      store.changed(locale);
      return reply(204);
    }),

    // https://docs.aws.amazon.com/lexv2/latest/APIReference/API_ListSlots.html
    route('POST', base, 'ListSlots', (req) => {
      const { path, locale, intent } = at(req, false);
      const b = bodyOf(req);
      const slots = Object.values(locale.slots).filter((s) => s.intentId === intent.intentId);
      const filtered = applyFilters(slots, b, { SlotName: (s) => s.slotName }, ['EQ', 'CO']);
      const sorted = applySort(filtered, b, { SlotName: (s) => s.slotName ?? '', LastUpdatedDateTime: (s) => s.lastUpdatedDateTime }, 'SlotName');
      const page = paginate(sorted, b);
      const out: ListSlotsResponse = {
        ...path,
        intentId: intent.intentId,
        slotSummaries: page.items.map(
          (s): SlotSummary => ({
            slotId: s.slotId,
            slotName: s.slotName,
            description: s.description,
            slotConstraint: s.valueElicitationSetting?.slotConstraint,
            slotTypeId: s.slotTypeId,
            valueElicitationPromptSpecification: s.valueElicitationSetting?.promptSpecification,
            lastUpdatedDateTime: date(s.lastUpdatedDateTime),
          }),
        ),
        nextToken: page.nextToken,
      };
      return reply(200, out);
    }),
  ];
}
