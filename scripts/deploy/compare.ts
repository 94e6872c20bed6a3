/**
 * Compares what the definitions want (API request shapes from `lex/api.ts`) with what Lex has
 * (Describe* outputs), field by field.
 *
 * Both sides are normalised before comparing:
 * - only the members the definitions manage count: the top-level fields listed per resource kind
 *   in {@link MANAGED_FIELDS}, and below them the member names `lex/api.ts` can write
 *   ({@link NESTED_MEMBERS}). Ids, timestamps, statuses and settings Lex fills in on its own
 *   (prompt attempt specifications, conversation-flow steps) are dropped, so a deploy of
 *   unchanged definitions finds no difference;
 * - `null`, absent, `[]` and `{}` are the same; so are a value and Lex's default for it
 *   ({@link DEFAULTS}, e.g. `messageSelectionStrategy: Random`);
 * - keys are sorted, so member order never matters; list order does (sample utterances, message
 *   groups and slot priorities are ordered in Lex too).
 *
 * Ids that name other resources are replaced by names before comparing (`slotTypeId` →
 * `@AccountType`, `slotPriorities[].slotId` → `@SlotName`): the desired side does not know ids of
 * resources that do not exist yet.
 *
 * @module
 */
import { DEFAULT_PROMPT_ATTEMPT_INPUT } from '../lex/lexjson.js';

/** The kinds of resources compared. */
export type ResourceKind = 'bot' | 'locale' | 'slotType' | 'intent' | 'slot' | 'alias';

/** Top-level request members the definitions manage, per resource kind. */
export const MANAGED_FIELDS: Record<ResourceKind, readonly string[]> = {
  bot: ['botName', 'description', 'dataPrivacy', 'idleSessionTTLInSeconds', 'roleArn'],
  locale: ['nluIntentConfidenceThreshold', 'description', 'voiceSettings'],
  slotType: ['slotTypeName', 'description', 'slotTypeValues', 'valueSelectionSetting', 'parentSlotTypeSignature'],
  intent: [
    'intentName',
    'description',
    'parentIntentSignature',
    'sampleUtterances',
    'dialogCodeHook',
    'fulfillmentCodeHook',
    'intentConfirmationSetting',
    'intentClosingSetting',
    'inputContexts',
    'outputContexts',
    'qnAIntentConfiguration',
    'slotPriorities',
  ],
  slot: ['slotName', 'description', 'slotTypeId', 'valueElicitationSetting', 'obfuscationSetting', 'multipleValuesSetting'],
  alias: ['botAliasName', 'botVersion', 'botAliasLocaleSettings', 'conversationLogSettings', 'sentimentAnalysisSettings'],
};

/** Member names `lex/api.ts` can write below the top level; anything else is Lex's own. */
export const NESTED_MEMBERS: ReadonlySet<string> = new Set([
  // messages
  'messageGroups', 'message', 'variations', 'plainTextMessage', 'ssmlMessage', 'customPayload', 'imageResponseCard',
  'value', 'title', 'subtitle', 'imageUrl', 'buttons', 'text',
  // prompts and responses
  'allowInterrupt', 'maxRetries', 'messageSelectionStrategy', 'promptSpecification', 'declinationResponse', 'closingResponse', 'active', 'enabled',
  // prompt attempts (voice and DTMF input; console defaults dropped by normalise)
  'promptAttemptsSpecification', 'allowedInputTypes', 'allowAudioInput', 'allowDTMFInput', 'audioAndDTMFInputSpecification', 'startTimeoutMs',
  'audioSpecification', 'maxLengthMs', 'endTimeoutMs', 'dtmfSpecification', 'maxLength', 'deletionCharacter', 'endCharacter', 'textInputSpecification',
  // bot and locale
  'childDirected', 'voiceId', 'engine',
  // slot types
  'sampleValue', 'synonyms', 'resolutionStrategy', 'regexFilter', 'pattern',
  // intents
  'utterance', 'name', 'timeToLiveInSeconds', 'turnsToLive', 'priority', 'slotId',
  'postFulfillmentStatusSpecification', 'successResponse', 'failureResponse', 'timeoutResponse',
  'fulfillmentUpdatesSpecification', 'startResponse', 'delayInSeconds', 'updateResponse', 'frequencyInSeconds', 'timeoutInSeconds',
  'dataSourceConfiguration', 'bedrockKnowledgeStoreConfiguration', 'bedrockKnowledgeBaseArn', 'exactResponse', 'bedrockModelConfiguration', 'modelArn',
  // slots
  'slotConstraint', 'defaultValueSpecification', 'defaultValueList', 'defaultValue', 'sampleUtterances',
  'slotCaptureSetting', 'codeHook', 'enableCodeHookInvocation', 'postCodeHookSpecification', 'obfuscationSettingType', 'allowMultipleValues',
  // aliases
  'codeHookSpecification', 'lambdaCodeHook', 'lambdaARN', 'codeHookInterfaceVersion',
  'textLogSettings', 'destination', 'cloudWatch', 'cloudWatchLogGroupArn', 'logPrefix', 'detectSentiment',
]);

/** Members whose keys are data (locale ids, prompt attempts), not member names. */
const MAP_MEMBERS: ReadonlySet<string> = new Set(['botAliasLocaleSettings', 'promptAttemptsSpecification']);

/**
 * A prompt attempt without the members equal to the console's defaults
 * ({@link DEFAULT_PROMPT_ATTEMPT_INPUT}): Lex fills every attempt in when a request leaves them out,
 * so only settings the definitions changed count. Defaults are per path (`startTimeoutMs` is 4000
 * for audio and DTMF, 30000 for text), hence not in {@link DEFAULTS}.
 */
function withoutAttemptDefaults(attempt: unknown, defaults: unknown = DEFAULT_PROMPT_ATTEMPT_INPUT): unknown {
  if (!attempt || typeof attempt !== 'object' || Array.isArray(attempt)) return attempt;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(attempt)) {
    const d = defaults && typeof defaults === 'object' ? (defaults as Record<string, unknown>)[k] : undefined;
    if (d !== undefined && typeof d !== 'object' && d === v) continue;
    out[k] = d && typeof d === 'object' ? withoutAttemptDefaults(v, d) : v;
  }
  return out;
}

/** Values equal to leaving the member out (Lex's defaults). */
export const DEFAULTS: Readonly<Record<string, unknown>> = {
  messageSelectionStrategy: 'Random',
  allowInterrupt: true,
  obfuscationSettingType: 'None',
  allowMultipleValues: false,
  detectSentiment: false,
};

/**
 * The normalised form of a value: `undefined` for null/absent/empty, objects with sorted keys and
 * only managed members (all keys below a {@link MAP_MEMBERS} member), defaults dropped.
 */
export function normalise(value: unknown, member?: string): unknown {
  if (value === null || value === undefined || value instanceof Date) return undefined;
  if (Array.isArray(value)) {
    const items = value.map((v) => normalise(v)).filter((v) => v !== undefined);
    return items.length ? items : undefined;
  }
  if (typeof value === 'object') {
    const isMap = member !== undefined && MAP_MEMBERS.has(member);
    const out: Record<string, unknown> = {};
    for (const key of Object.keys(value).sort()) {
      if (!isMap && !NESTED_MEMBERS.has(key)) continue;
      let v = (value as Record<string, unknown>)[key];
      if (member === 'promptAttemptsSpecification') v = withoutAttemptDefaults(v);
      if (!isMap && key in DEFAULTS && DEFAULTS[key] === v) continue;
      const n = normalise(v, isMap ? undefined : key);
      if (n !== undefined) out[key] = n;
    }
    return Object.keys(out).length ? out : undefined;
  }
  return value;
}

/** The managed fields of a request or Describe output, normalised; absent fields are left out. */
export function normaliseResource(kind: ResourceKind, value: object): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const field of MANAGED_FIELDS[kind]) {
    const n = normalise((value as Record<string, unknown>)[field], field);
    if (n !== undefined) out[field] = n;
  }
  return out;
}

/** JSON with object keys sorted (normalised values already are): equal values, equal text. */
export function canonicalJson(value: unknown): string {
  return JSON.stringify(value, (_k, v: unknown) =>
    v && typeof v === 'object' && !Array.isArray(v) ? Object.fromEntries(Object.entries(v as object).sort(([a], [b]) => (a < b ? -1 : a > b ? 1 : 0))) : v,
  );
}

/**
 * The managed fields that differ between two normalised resources (from {@link normaliseResource}),
 * in {@link MANAGED_FIELDS} order. Empty when they are the same.
 */
export function diffFields(kind: ResourceKind, desired: Record<string, unknown>, actual: Record<string, unknown>): string[] {
  return MANAGED_FIELDS[kind].filter((f) => canonicalJson(desired[f]) !== canonicalJson(actual[f]));
}

/**
 * Slot priorities as ordered slot references (`@Name`), renumbered from 1: Lex numbers them from 0
 * or 1 and may leave gaps; only the order matters.
 * @param nameOf - slot id → `@Name` (ids without a name stay as they are).
 */
export function normalisePriorities(priorities: readonly { priority?: number; slotId?: string }[] | undefined, nameOf: (slotId: string) => string): { priority: number; slotId: string }[] | undefined {
  if (!priorities?.length) return undefined;
  return [...priorities]
    .filter((p) => p.slotId !== undefined)
    .sort((a, b) => (a.priority ?? 0) - (b.priority ?? 0))
    .map((p, i) => ({ priority: i + 1, slotId: nameOf(p.slotId!) }));
}

/** The reference a name-based comparison uses for a resource id (`@Name`). */
export const ref = (name: string) => `@${name}`;
