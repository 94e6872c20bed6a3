/**
 * CreateSlotType, DescribeSlotType, UpdateSlotType, DeleteSlotType, ListSlotTypes (custom slot
 * types; built-in ones are listed by ListBuiltInSlotTypes).
 * @see https://docs.aws.amazon.com/lexv2/latest/APIReference/API_CreateSlotType.html
 * @module
 */
import type {
  CreateSlotTypeResponse,
  ListSlotTypesResponse,
  SlotTypeCategory,
  SlotTypeSummary,
  SlotTypeValue,
  SlotValueSelectionSetting,
  UpdateSlotTypeResponse,
} from '@aws-sdk/client-lex-models-v2';
import type { EmulatorRequest, Route } from '../contracts.js';
import { conflict, constraint, notFound, preconditionFailed } from '../errors.js';
import { param, regionOf, reply, route, type ModelsContext } from './context.js';
import { applyFilters, applySort, bodyOf, checkLength, checkName, optArr, optObj, optStr, paginate, reqStr, type Body } from './input.js';
import { checkQuota, localeLimit, QUOTAS } from './quotas.js';
import { date, describeSlotType, omit } from './shapes.js';
import type { LocaleRecord, SlotTypeRecord } from './types.js';

const SLOT_TYPE_MEMBERS = ['description', 'slotTypeValues', 'valueSelectionSetting', 'parentSlotTypeSignature', 'externalSourceSetting', 'compositeSlotTypeSetting'] as const;

/** The kind of slot type ListSlotTypes reports. */
function category(t: SlotTypeRecord): SlotTypeCategory {
  if (t.compositeSlotTypeSetting) return 'Composite';
  if (t.externalSourceSetting) return 'ExternalGrammar';
  if (t.parentSlotTypeSignature) return 'Extended';
  return 'Custom';
}

/** Reads and checks the members of a Create/UpdateSlotType body. */
function slotTypeFields(b: Body, locale: LocaleRecord, slotTypeId: string | undefined): Omit<SlotTypeRecord, 'slotTypeId' | 'creationDateTime' | 'lastUpdatedDateTime'> {
  const slotTypeName = reqStr(b, 'slotTypeName');
  checkName('slotTypeName', slotTypeName);
  const clash = Object.values(locale.slotTypes).find((t) => t.slotTypeName === slotTypeName && t.slotTypeId !== slotTypeId);
  if (clash) throw conflict(`A slot type with the name '${slotTypeName}' already exists in locale ${locale.localeId} (slot type ID ${clash.slotTypeId}).`);
  checkLength('description', optStr(b, 'description'), 0, 200);
  const parent = optStr(b, 'parentSlotTypeSignature');
  if (parent !== undefined && parent !== 'AMAZON.AlphaNumeric') throw constraint('parentSlotTypeSignature', parent, 'Member must satisfy enum value set: [AMAZON.AlphaNumeric]');
  const values = optArr<SlotTypeValue>(b, 'slotTypeValues') ?? [];
  const count = values.reduce((n, v) => n + 1 + (v?.synonyms?.length ?? 0), 0);
  if (count > QUOTAS.slotTypeValuesPerSlotType) throw constraint('slotTypeValues', `${count} values and synonyms`, `Member must have at most ${QUOTAS.slotTypeValuesPerSlotType} values and synonyms`);
  values.forEach((v, i) => {
    if (typeof v?.sampleValue?.value !== 'string') throw constraint(`slotTypeValues.${i + 1}.member.sampleValue.value`, null, 'Member must not be null');
    checkLength(`slotTypeValues.${i + 1}.member.sampleValue.value`, v.sampleValue.value, 1, 140);
  });
  const selection = optObj<SlotValueSelectionSetting>(b, 'valueSelectionSetting');
  const strategy = selection?.resolutionStrategy;
  if (selection && strategy !== 'OriginalValue' && strategy !== 'TopResolution' && strategy !== 'Concatenation') {
    throw constraint('valueSelectionSetting.resolutionStrategy', strategy, 'Member must satisfy enum value set: [OriginalValue, TopResolution, Concatenation]');
  }
  const fields: Record<string, unknown> = { slotTypeName };
  for (const k of SLOT_TYPE_MEMBERS) if (b[k] !== undefined && b[k] !== null) fields[k] = b[k];
  return fields as Omit<SlotTypeRecord, 'slotTypeId' | 'creationDateTime' | 'lastUpdatedDateTime'>;
}

/** The slot type operations. */
export function slotTypeRoutes(ctx: ModelsContext): Route[] {
  const { store } = ctx;
  const base = '/bots/{botId}/botversions/{botVersion}/botlocales/{localeId}/slottypes';
  const at = (req: EmulatorRequest, draft: boolean) => {
    const bot = store.bot(param(req, 'botId'), regionOf(req, ctx));
    const path = { botId: bot.botId, botVersion: param(req, 'botVersion'), localeId: param(req, 'localeId') };
    const locale = draft ? store.draftLocale(bot, path.botVersion, path.localeId) : store.locale(bot, path.botVersion, path.localeId);
    return { path, locale };
  };
  const typeOf = (locale: LocaleRecord, id: string) => {
    const t = locale.slotTypes[id];
    if (!t) throw notFound(`Could not find slot type ${id} in locale ${locale.localeId}`);
    return t;
  };

  return [
    // https://docs.aws.amazon.com/lexv2/latest/APIReference/API_CreateSlotType.html
    route('PUT', base, 'CreateSlotType', (req) => {
      const { path, locale } = at(req, true);
      const fields = slotTypeFields(bodyOf(req), locale, undefined);
      checkQuota(Object.keys(locale.slotTypes).length, localeLimit(QUOTAS.slotTypesPerLocale, locale.localeId), `custom slot types in locale ${locale.localeId}`);
      const now = store.now();
      const t: SlotTypeRecord = { ...fields, slotTypeId: store.newId((id) => id in locale.slotTypes), creationDateTime: now, lastUpdatedDateTime: now };
      locale.slotTypes[t.slotTypeId!] = t;
      store.changed(locale);
      const out: CreateSlotTypeResponse = omit(describeSlotType(t, path), 'lastUpdatedDateTime');
      return reply(200, out);
    }),

    // https://docs.aws.amazon.com/lexv2/latest/APIReference/API_DescribeSlotType.html
    route('GET', `${base}/{slotTypeId}`, 'DescribeSlotType', (req) => {
      const { path, locale } = at(req, false);
      return reply(200, describeSlotType(typeOf(locale, param(req, 'slotTypeId')), path));
    }),

    // https://docs.aws.amazon.com/lexv2/latest/APIReference/API_UpdateSlotType.html
    route('PUT', `${base}/{slotTypeId}`, 'UpdateSlotType', (req) => {
      const { path, locale } = at(req, true);
      const old = typeOf(locale, param(req, 'slotTypeId'));
      const fields = slotTypeFields(bodyOf(req), locale, old.slotTypeId);
      const t: SlotTypeRecord = { ...fields, slotTypeId: old.slotTypeId, creationDateTime: old.creationDateTime, lastUpdatedDateTime: store.now() };
      locale.slotTypes[old.slotTypeId!] = t;
      store.changed(locale);
      const out: UpdateSlotTypeResponse = describeSlotType(t, path);
      return reply(202, out);
    }),

    // https://docs.aws.amazon.com/lexv2/latest/APIReference/API_DeleteSlotType.html
    route('DELETE', `${base}/{slotTypeId}`, 'DeleteSlotType', (req) => {
      const { locale } = at(req, true);
      const t = typeOf(locale, param(req, 'slotTypeId'));
      const users = Object.values(locale.slots).filter((s) => s.slotTypeId === t.slotTypeId);
      if (users.length && req.query.get('skipResourceInUseCheck') !== 'true') {
        throw preconditionFailed(`Slot type ${t.slotTypeName} is used by slot(s) ${users.map((s) => s.slotName).join(', ')}. Delete them first or set skipResourceInUseCheck.`);
      }
      delete locale.slotTypes[t.slotTypeId!];
      store.changed(locale);
      return reply(204);
    }),

    // https://docs.aws.amazon.com/lexv2/latest/APIReference/API_ListSlotTypes.html
    route('POST', base, 'ListSlotTypes', (req) => {
      const { path, locale } = at(req, false);
      const b = bodyOf(req);
      const filtered = applyFilters(
        Object.values(locale.slotTypes),
        b,
        { SlotTypeName: (t) => t.slotTypeName, ExternalSourceType: (t) => (t.externalSourceSetting ? 'GrammarSlotType' : undefined) },
        ['EQ', 'CO'],
      );
      const sorted = applySort(filtered, b, { SlotTypeName: (t) => t.slotTypeName ?? '', LastUpdatedDateTime: (t) => t.lastUpdatedDateTime }, 'SlotTypeName');
      const page = paginate(sorted, b);
      const out: ListSlotTypesResponse = {
        ...path,
        slotTypeSummaries: page.items.map(
          (t): SlotTypeSummary => ({
            slotTypeId: t.slotTypeId,
            slotTypeName: t.slotTypeName,
            description: t.description,
            parentSlotTypeSignature: t.parentSlotTypeSignature,
            lastUpdatedDateTime: date(t.lastUpdatedDateTime),
            slotTypeCategory: category(t),
          }),
        ),
        nextToken: page.nextToken,
      };
      return reply(200, out);
    }),
  ];
}
