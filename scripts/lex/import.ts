/**
 * `bots import`: a LexJson export as definition files (the inverse of {@link exportBot}).
 *
 * Lossless by construction: each resource is mapped to the definition format, then the JSON that
 * `bots export` would generate for it is compared with the original, and every differing key path
 * is kept verbatim in the resource's `lex:` passthrough (a sparse nested object merged over the
 * generated JSON on export). The result is checked by exporting it again in memory; whatever still
 * differs is listed in the report as lossy.
 *
 * @see https://docs.aws.amazon.com/lexv2/latest/dg/import-export-format.html
 * @module
 */
import { Document, isCollection } from 'yaml';
import type { z } from 'zod';
import type { Diagnostic } from '../definitions/diagnostics.js';
import { FALLBACK_INTENT, PROJECT_DIRS, toBot, toIntent, toSlotType } from '../definitions/load.js';
import { LOCALE_NAMES, type Project } from '../definitions/model.js';
import {
  botFileSchema,
  intentFileSchema,
  slotTypeFileSchema,
  type AudioAndDtmfInputFile,
  type MessageFile,
  type MessageGroupFile,
  type PromptFile,
  type ResponseFile,
} from '../definitions/schema.js';
import { parseYamlSource } from '../definitions/source.js';
import { ssmlToPlainText } from '../ssml/plain-text.js';
import { EXPORT_PATHS, exportBot } from './export.js';
import { diffJson, dropNulls, equalJson, isPlainObject, type JsonObject } from './json.js';
import {
  botJson,
  botLocaleJson,
  customVocabularyJson,
  DEFAULT_MAX_RETRIES,
  DEFAULT_PROMPT_ATTEMPT_INPUT,
  intentJson,
  MANIFEST,
  RESOLUTION_STRATEGIES,
  slotJson,
  slotTypeJson,
  type LexJsonContext,
} from './lexjson.js';

/** Keys of one resource kept verbatim under `lex:`. */
export interface KeptKeys {
  /** e.g. `intent en_US/BookFlight`, `slot en_US/BookFlight/OriginCity`, `slot type en_US/TripType`. */
  resource: string;
  /** The project file holding the `lex:` block. */
  file: string;
  /** Dotted export-file key paths, e.g. `initialResponseSetting.codeHook.postCodeHookSpecification.successNextStep`. */
  keys: string[];
}

/** What {@link importExport} did not model. */
export interface ImportReport {
  bot: string;
  /** `version` of Bot.json (`DRAFT` for most exports). */
  version: string | null;
  locales: string[];
  /** Settings the definition format does not model, kept verbatim under `lex:`, by resource. */
  kept: KeptKeys[];
  /** Export files that were not understood and are not in the definitions (e.g. ConversationFlow.json). */
  unknownFiles: string[];
  /** Things worth knowing (version other than DRAFT, non-canonical manifest, ...). */
  notes: string[];
  /** Export files that `bots export` would not reproduce from the definitions, with the differing keys. Normally empty. */
  lossy: { file: string; keys: string[] }[];
}

/** Result of {@link importExport}. */
export interface ImportResult {
  /** Project-relative path → file text (YAML definitions). */
  files: Map<string, string>;
  report: ImportReport;
}

const SCHEMA_COMMENT = {
  bot: '# yaml-language-server: $schema=../schemas/bot.schema.json',
  intent: '# yaml-language-server: $schema=../../schemas/intent.schema.json',
  slotType: '# yaml-language-server: $schema=../../schemas/slot-type.schema.json',
} as const;

/** Names become file and folder names: only what Lex allows, so nothing in a zip can escape the project. */
const SAFE_NAME = /^[0-9A-Za-z][0-9A-Za-z_-]{0,99}$/;
const LOCALE_ID = /^[a-z]{2,3}_[A-Z0-9]{2,3}$/;

type Obj = JsonObject;
const obj = (v: unknown): Obj | undefined => (isPlainObject(v) ? v : undefined);
const str = (v: unknown): string | undefined => (typeof v === 'string' ? v : undefined);
const nonEmpty = (v: unknown): v is string => typeof v === 'string' && v.length > 0;
const int = (v: unknown, min: number, max: number): number | undefined => (Number.isInteger(v) && (v as number) >= min && (v as number) <= max ? (v as number) : undefined);
/** Whether every non-null key of `o` is one of `keys`. */
const onlyKeys = (o: Obj, keys: readonly string[]) => Object.entries(o).every(([k, v]) => v === null || v === undefined || keys.includes(k));

// ---------------------------------------------------------------------------------------------
// Reading the export

interface IntentEntry {
  folder: string;
  path: string;
  json: Obj;
  slots: Map<string, { path: string; json: Obj }>;
}
interface LocaleEntry {
  folder: string;
  path?: string;
  json?: Obj;
  intents: Map<string, IntentEntry>;
  slotTypes: Map<string, { path: string; json: Obj }>;
  vocabulary?: { path: string; json: Obj };
}
interface ExportTree {
  manifest?: { path: string; json: unknown };
  bot: { folder: string; path: string; json: Obj };
  locales: Map<string, LocaleEntry>;
  unknown: string[];
}

const PATTERNS = {
  bot: /^([^/]+)\/Bot\.json$/,
  locale: /^([^/]+)\/BotLocales\/([^/]+)\/BotLocale\.json$/,
  intent: /^([^/]+)\/BotLocales\/([^/]+)\/Intents\/([^/]+)\/Intent\.json$/,
  slot: /^([^/]+)\/BotLocales\/([^/]+)\/Intents\/([^/]+)\/Slots\/([^/]+)\/Slot\.json$/,
  slotType: /^([^/]+)\/BotLocales\/([^/]+)\/SlotTypes\/([^/]+)\/SlotType\.json$/,
  vocabulary: /^([^/]+)\/BotLocales\/([^/]+)\/CustomVocabulary\/CustomVocabulary\.json$/,
};

function parseJson(path: string, text: string): unknown {
  try {
    return JSON.parse(text.replace(/^\uFEFF/, ''));
  } catch (err) {
    throw new Error(`${path} is not valid JSON: ${err instanceof Error ? err.message : String(err)}`);
  }
}

function readTree(files: ReadonlyMap<string, string>): ExportTree {
  const bots = [...files.keys()].filter((p) => PATTERNS.bot.test(p));
  if (bots.length !== 1) {
    throw new Error(
      bots.length
        ? `The export holds ${bots.length} bots (${bots.join(', ')}); import one bot export at a time.`
        : 'No <Bot>/Bot.json in the export: this is not a LexJson bot export (locale and custom-vocabulary exports are not supported).',
    );
  }
  const botFolder = PATTERNS.bot.exec(bots[0]!)![1]!;
  const asObj = (path: string) => {
    const v = parseJson(path, files.get(path)!);
    if (!isPlainObject(v)) throw new Error(`${path} does not hold a JSON object.`);
    return v;
  };
  const tree: ExportTree = { bot: { folder: botFolder, path: bots[0]!, json: asObj(bots[0]!) }, locales: new Map(), unknown: [] };
  const locale = (folder: string) => {
    let l = tree.locales.get(folder);
    if (!l) tree.locales.set(folder, (l = { folder, intents: new Map(), slotTypes: new Map() }));
    return l;
  };
  const slotFiles: [string, RegExpExecArray][] = [];
  for (const path of [...files.keys()].sort()) {
    let m: RegExpExecArray | null;
    if (path.toLowerCase() === 'manifest.json') tree.manifest = { path, json: parseJson(path, files.get(path)!) };
    else if (path === bots[0]) continue;
    else if ((m = PATTERNS.locale.exec(path)) && m[1] === botFolder) Object.assign(locale(m[2]!), { path, json: asObj(path) });
    else if ((m = PATTERNS.intent.exec(path)) && m[1] === botFolder) locale(m[2]!).intents.set(m[3]!, { folder: m[3]!, path, json: asObj(path), slots: new Map() });
    else if ((m = PATTERNS.slot.exec(path)) && m[1] === botFolder) slotFiles.push([path, m]);
    else if ((m = PATTERNS.slotType.exec(path)) && m[1] === botFolder) locale(m[2]!).slotTypes.set(m[3]!, { path, json: asObj(path) });
    else if ((m = PATTERNS.vocabulary.exec(path)) && m[1] === botFolder) locale(m[2]!).vocabulary = { path, json: asObj(path) };
    else tree.unknown.push(path);
  }
  for (const [path, m] of slotFiles) {
    const intent = tree.locales.get(m[2]!)?.intents.get(m[3]!);
    if (intent) intent.slots.set(m[4]!, { path, json: asObj(path) });
    else tree.unknown.push(path);
  }
  for (const [folder, l] of tree.locales) {
    if (l.json) continue;
    // A locale folder without BotLocale.json cannot be imported: report its files instead of dropping them.
    tree.locales.delete(folder);
    tree.unknown.push(...[...files.keys()].filter((p) => p.startsWith(`${botFolder}/BotLocales/${folder}/`)));
  }
  tree.unknown.sort();
  return tree;
}

// ---------------------------------------------------------------------------------------------
// Export JSON -> definition file shapes (without `lex:`). Strict: anything that would not export
// back exactly is left unmodelled, so that the diff keeps it verbatim instead.

function toMessage(m: unknown): MessageFile | undefined {
  const o = obj(m);
  if (!o) return undefined;
  const set = Object.keys(o).filter((k) => o[k] !== null && o[k] !== undefined);
  // SSML with its chat form beside it (as export writes it): `text` only when it is not the derived one.
  if (set.length === 2 && set.includes('ssmlMessage') && set.includes('plainTextMessage')) {
    const ssml = obj(o.ssmlMessage);
    const plain = obj(o.plainTextMessage);
    if (!ssml || !plain || !onlyKeys(ssml, ['value']) || !onlyKeys(plain, ['value']) || !nonEmpty(ssml.value) || !nonEmpty(plain.value)) return undefined;
    return plain.value === ssmlToPlainText(ssml.value) ? { ssmlInline: ssml.value } : { ssmlInline: ssml.value, text: plain.value };
  }
  if (set.length !== 1) return undefined;
  const kind = set[0]!;
  const v = obj(o[kind]);
  if (!v) return undefined;
  switch (kind) {
    case 'plainTextMessage':
      return onlyKeys(v, ['value']) && nonEmpty(v.value) ? v.value : undefined;
    case 'ssmlMessage':
      return onlyKeys(v, ['value']) && nonEmpty(v.value) ? { ssmlInline: v.value } : undefined;
    case 'customPayload':
      return onlyKeys(v, ['value']) && nonEmpty(v.value) ? { customPayload: v.value } : undefined;
    case 'imageResponseCard': {
      if (!onlyKeys(v, ['title', 'subtitle', 'imageUrl', 'buttons']) || !nonEmpty(v.title)) return undefined;
      const card: { title: string; subtitle?: string; imageUrl?: string; buttons?: { text: string; value: string }[] } = { title: v.title };
      if (v.subtitle !== null && v.subtitle !== undefined) {
        if (typeof v.subtitle !== 'string') return undefined;
        card.subtitle = v.subtitle;
      }
      if (v.imageUrl !== null && v.imageUrl !== undefined) {
        if (typeof v.imageUrl !== 'string') return undefined;
        card.imageUrl = v.imageUrl;
      }
      if (v.buttons !== null && v.buttons !== undefined) {
        if (!Array.isArray(v.buttons) || v.buttons.length > 5) return undefined;
        const buttons = v.buttons.map((b) => obj(b)).filter((b): b is Obj => !!b && onlyKeys(b, ['text', 'value']) && typeof b.text === 'string' && typeof b.value === 'string');
        if (buttons.length !== v.buttons.length) return undefined;
        card.buttons = buttons.map((b) => ({ text: b.text as string, value: b.value as string }));
      }
      return { card };
    }
    default:
      return undefined;
  }
}

/**
 * `json` with every SSML-only message given the plain-text form export adds beside it, so that an
 * SSML-only message of a real export imports as `{ssmlInline}` instead of staying verbatim under
 * `lex:` (the re-export then carries the chat form: a deliberate change, docs/lexjson.md).
 */
function withChatForms(json: unknown): unknown {
  if (Array.isArray(json)) return json.map(withChatForms);
  const o = obj(json);
  if (!o) return json;
  const out: Obj = {};
  for (const [k, v] of Object.entries(o)) out[k] = withChatForms(v);
  const ssml = obj(o.ssmlMessage);
  if (ssml && nonEmpty(ssml.value) && (o.plainTextMessage === null || o.plainTextMessage === undefined)) {
    const plain = ssmlToPlainText(ssml.value);
    if (plain) out.plainTextMessage = { value: plain };
  }
  return out;
}

function toGroups(list: unknown): MessageGroupFile[] | undefined {
  if (!Array.isArray(list) || list.length < 1 || list.length > 5) return undefined;
  const out: MessageGroupFile[] = [];
  for (const g of list) {
    const o = obj(g);
    if (!o || !onlyKeys(o, ['message', 'variations'])) return undefined;
    const message = toMessage(o.message);
    if (message === undefined) return undefined;
    if (o.variations === null || o.variations === undefined) {
      out.push(message);
      continue;
    }
    // The exporter writes null for "no variations"; an empty list would not come back.
    if (!Array.isArray(o.variations) || o.variations.length < 1 || o.variations.length > 2) return undefined;
    const variations = o.variations.map(toMessage);
    if (variations.some((v) => v === undefined)) return undefined;
    out.push({ message, variations: variations as MessageFile[] });
  }
  return out;
}

/** One plain group is written as the bare message, several as a list. */
function compact(groups: MessageGroupFile[]): MessageFile | MessageGroupFile[] {
  const only = groups[0]!;
  return groups.length === 1 && !(typeof only === 'object' && 'message' in only) ? (only as MessageFile) : groups;
}

function toResponse(spec: unknown, groupsKey = 'messageGroupsList'): ResponseFile | undefined {
  const o = obj(spec);
  const groups = o && toGroups(o[groupsKey]);
  if (!o || !groups) return undefined;
  return o.allowInterrupt === false ? { messages: groups, allowInterrupt: false } : compact(groups);
}

function toPrompt(spec: unknown): PromptFile | undefined {
  const o = obj(spec);
  const groups = o && toGroups(o.messageGroupsList);
  if (!o || !groups) return undefined;
  const extras: Omit<Extract<PromptFile, { messages: unknown }>, 'messages'> = {};
  const maxRetries = int(o.maxRetries, 0, 5);
  if (maxRetries !== undefined && maxRetries !== DEFAULT_MAX_RETRIES) extras.maxRetries = maxRetries;
  if (o.allowInterrupt === false) extras.allowInterrupt = false;
  if (o.messageSelectionStrategy === 'Ordered') extras.messageSelectionStrategy = 'Ordered';
  Object.assign(extras, toPromptInput(obj(obj(o.promptAttemptsSpecification)?.Initial)));
  return Object.keys(extras).length ? { messages: groups, ...extras } : compact(groups);
}

/**
 * The voice and DTMF input settings of a prompt's Initial attempt that differ from the console's
 * defaults (the definitions apply them to every attempt; attempts that differ from Initial stay
 * in `lex:`, found by the round-trip comparison).
 */
function toPromptInput(attempt: Obj | undefined): Pick<Extract<PromptFile, { messages: unknown }>, 'allowedInputTypes' | 'audioAndDtmfInputSpecification'> {
  if (!attempt) return {};
  const d = DEFAULT_PROMPT_ATTEMPT_INPUT;
  const changed = <T extends object>(actual: Obj | undefined, defaults: T, check: (k: string, v: unknown) => boolean): Partial<T> | undefined => {
    const out: Record<string, unknown> = {};
    for (const [k, dv] of Object.entries(defaults)) {
      const v = actual?.[k];
      if (v !== undefined && v !== null && v !== dv && check(k, v)) out[k] = v;
    }
    return Object.keys(out).length ? (out as Partial<T>) : undefined;
  };
  const bool = (_k: string, v: unknown) => typeof v === 'boolean';
  const ms = (_k: string, v: unknown) => Number.isInteger(v) && (v as number) >= 1;
  const dtmf = (k: string, v: unknown) => (k.endsWith('Character') ? typeof v === 'string' && /^[A-D0-9#*]$/.test(v) : ms(k, v) && (k !== 'maxLength' || (v as number) <= 1024));
  const spec = obj(attempt.audioAndDTMFInputSpecification);
  const types = changed(obj(attempt.allowedInputTypes), d.allowedInputTypes, bool);
  const start = int(spec?.startTimeoutMs, 1, Number.MAX_SAFE_INTEGER);
  const audio = changed(obj(spec?.audioSpecification), d.audioAndDTMFInputSpecification.audioSpecification, ms);
  const keys = changed(obj(spec?.dtmfSpecification), d.audioAndDTMFInputSpecification.dtmfSpecification, dtmf);
  const input: AudioAndDtmfInputFile = {};
  if (start !== undefined && start !== d.audioAndDTMFInputSpecification.startTimeoutMs) input.startTimeoutMs = start;
  if (audio) input.audioSpecification = audio;
  if (keys) input.dtmfSpecification = keys;
  return { ...(types ? { allowedInputTypes: types } : {}), ...(Object.keys(input).length ? { audioAndDtmfInputSpecification: input } : {}) };
}

const utterances = (v: unknown): string[] | undefined => {
  if (!Array.isArray(v) || v.length === 0) return undefined;
  const out = v.map((u) => str(obj(u)?.utterance));
  return out.every((u): u is string => u !== undefined) ? out : undefined;
};

function toSlotFile(name: string, json: Obj, position: number, priority: number): Obj | undefined {
  const type = str(json.slotTypeName);
  if (!nonEmpty(type)) return undefined;
  const ves = obj(json.valueElicitationSetting);
  const capture = obj(ves?.slotCaptureSetting);
  const hook = obj(capture?.codeHook);
  const slotUtterances = utterances(ves?.sampleUtterances);
  const defaults = obj(ves?.defaultValueSpecification)?.defaultValueList;
  const defaultValues = Array.isArray(defaults) && defaults.length ? defaults.map((d) => str(obj(d)?.defaultValue)) : undefined;
  const multiple = obj(json.multipleValuesSetting)?.allowMultipleValues;
  return {
    name,
    type,
    description: str(json.description),
    required: ves?.slotConstraint !== 'Optional',
    prompt: toPrompt(ves?.promptSpecification),
    priority: priority === position ? undefined : priority,
    obfuscate: obj(json.obfuscationSetting)?.obfuscationSettingType === 'DefaultObfuscation' ? true : undefined,
    allowMultipleValues: typeof multiple === 'boolean' ? multiple : undefined,
    sampleUtterances: slotUtterances && slotUtterances.length <= 10 ? slotUtterances : undefined,
    defaultValues: defaultValues?.every((d) => d !== undefined) ? defaultValues : undefined,
    codeHook: hook && hook.enableCodeHookInvocation === true && hook.isActive !== false ? true : undefined,
    ...captureSettings(capture),
  };
}

const FAILURE_STEPS = new Set(['InvokeDialogCodeHook', 'ElicitIntent', 'EndConversation']);

/**
 * `elicitationCodeHook` and `failureNextStep` from a slot's `slotCaptureSetting`, as `bots export`
 * writes them (scripts/lex/lexjson.ts). The defaults read back as absent: an elicitation code hook
 * enabled without a label is what the console (and export) set for every slot, and a failure step of
 * StartIntent FallbackIntent is Lex's default. Anything else stays out of the model (and so in `lex:`).
 * @see https://docs.aws.amazon.com/lexv2/latest/APIReference/API_SlotCaptureSetting.html
 */
function captureSettings(capture: Obj | undefined): Obj {
  const out: Obj = {};
  const elicitation = obj(capture?.elicitationCodeHook);
  const label = str(elicitation?.invocationLabel);
  if (elicitation?.enableCodeHookInvocation === true && nonEmpty(label)) out.elicitationCodeHook = { label };
  const step = str(obj(obj(capture?.failureNextStep)?.dialogAction)?.type);
  if (step && FAILURE_STEPS.has(step)) out.failureNextStep = step;
  return out;
}

function toUpdates(spec: unknown): Obj | undefined {
  const o = obj(spec);
  if (!o || o.active !== true) return undefined;
  const out: Obj = {};
  const part = (key: 'startResponse' | 'updateResponse', secondsKey: string, modelKey: string) => {
    const r = obj(o[key]);
    if (!r) return true;
    const seconds = int(r[secondsKey], 1, 900);
    const groupsKey = r.messageGroups !== undefined && r.messageGroups !== null ? 'messageGroups' : 'messageGroupsList';
    const messages = toResponse(r, groupsKey);
    if (seconds === undefined || messages === undefined) return false;
    out[key === 'startResponse' ? 'start' : 'update'] = { [modelKey]: seconds, messages };
    return true;
  };
  if (!part('startResponse', 'delayInSeconds', 'delaySeconds') || !part('updateResponse', 'frequencyInSeconds', 'frequencySeconds')) return undefined;
  if (o.timeoutInSeconds !== null && o.timeoutInSeconds !== undefined) {
    const t = int(o.timeoutInSeconds, 1, 900);
    if (t === undefined) return undefined;
    out.timeoutSeconds = t;
  }
  return out;
}

function toIntentFile(entry: IntentEntry, slotOrder: { name: string; json: Obj; priority: number }[]): Obj {
  const j = entry.json;
  const confirmation = obj(j.intentConfirmationSetting);
  const confirmationPrompt = toPrompt(confirmation?.promptSpecification);
  const fch = obj(j.fulfillmentCodeHook);
  const post = obj(fch?.postFulfillmentStatusSpecification);
  const fulfillment: Obj = {
    enabled: fch?.enabled === true,
    updates: toUpdates(fch?.fulfillmentUpdatesSpecification),
    success: toResponse(post?.successResponse),
    failure: toResponse(post?.failureResponse),
    timeout: toResponse(post?.timeoutResponse),
  };
  const qna = obj(j.qnAIntentConfiguration);
  const kb = obj(obj(qna?.dataSourceConfiguration)?.bedrockKnowledgeStoreConfiguration);
  const qnA = stripUndefined({
    knowledgeBase: str(kb?.bedrockKnowledgeBaseArn),
    modelArn: str(obj(qna?.bedrockModelConfiguration)?.modelArn),
    exactResponse: typeof kb?.exactResponse === 'boolean' ? kb.exactResponse : undefined,
  });
  const inputs = Array.isArray(j.inputContexts) ? j.inputContexts.map((c) => str(obj(c)?.name)) : undefined;
  const outputs = Array.isArray(j.outputContexts)
    ? j.outputContexts.map((c) => {
        const o = obj(c);
        const name = str(o?.name);
        const ttl = int(o?.timeToLiveInSeconds, 5, 86400);
        const turns = int(o?.turnsToLive, 1, 20);
        return name !== undefined && ttl !== undefined && turns !== undefined && onlyKeys(o!, ['name', 'timeToLiveInSeconds', 'turnsToLive'])
          ? { name, timeToLiveInSeconds: ttl, turnsToLive: turns }
          : undefined;
      })
    : undefined;
  const slots = slotOrder.map((s, i) => toSlotFile(s.name, s.json, i + 1, s.priority)).filter((s): s is Obj => s !== undefined);
  const parent = str(j.parentIntentSignature);
  return {
    name: j.name,
    description: str(j.description),
    builtIn: parent && /^AMAZON\.[A-Za-z]+$/.test(parent) ? parent : undefined,
    sampleUtterances: utterances(j.sampleUtterances),
    slots: slots.length ? slots : undefined,
    confirmation: confirmationPrompt ? stripUndefined({ prompt: confirmationPrompt, declination: toResponse(confirmation?.declinationResponse) }) : undefined,
    closing: toResponse(obj(j.intentClosingSetting)?.closingResponse),
    dialogCodeHook: obj(j.dialogCodeHook)?.enabled === true ? true : undefined,
    fulfillment: fulfillment.enabled || fulfillment.updates || fulfillment.success || fulfillment.failure || fulfillment.timeout ? stripUndefined(fulfillment) : undefined,
    qnA: Object.keys(qnA).length ? qnA : undefined,
    inputContexts: inputs?.every((c) => c !== undefined) ? inputs : undefined,
    outputContexts: outputs?.every((c) => c !== undefined) ? outputs : undefined,
  };
}

const RESOLUTIONS = Object.fromEntries(Object.entries(RESOLUTION_STRATEGIES).map(([model, lex]) => [lex, model]));

function toSlotTypeFile(json: Obj): Obj {
  const selection = obj(json.valueSelectionSetting);
  const values = Array.isArray(json.slotTypeValues)
    ? json.slotTypeValues.map((v) => {
        const o = obj(v);
        const value = str(obj(o?.sampleValue)?.value);
        const synonyms = o?.synonyms === null || o?.synonyms === undefined ? [] : Array.isArray(o.synonyms) ? o.synonyms.map((s) => str(obj(s)?.value)) : [undefined];
        if (!nonEmpty(value) || !synonyms.every(nonEmpty)) return undefined;
        return synonyms.length ? { value, synonyms } : value;
      })
    : undefined;
  return {
    name: json.name,
    description: str(json.description),
    resolution: RESOLUTIONS[str(selection?.resolutionStrategy) ?? ''] ?? undefined,
    parent: json.parentSlotTypeSignature === 'AMAZON.AlphaNumeric' ? 'AMAZON.AlphaNumeric' : undefined,
    regex: str(obj(selection?.regexFilter)?.pattern),
    values: values?.length && values.every((v) => v !== undefined) ? values : undefined,
  };
}

function stripUndefined(o: Obj): Obj {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));
}

// ---------------------------------------------------------------------------------------------
// Schema order and validity

type ObjectSchema = z.ZodObject<z.ZodRawShape>;
const KEY_ORDER = {
  bot: Object.keys(botFileSchema.shape),
  locale: Object.keys((botFileSchema.shape.locales.valueType as unknown as ObjectSchema).shape),
  intent: Object.keys(intentFileSchema.shape),
  slot: Object.keys((intentFileSchema.shape.slots.unwrap().element as unknown as ObjectSchema).shape),
  slotType: Object.keys(slotTypeFileSchema.shape),
};

/** `o` with its keys in `order` (the schema's), undefined values dropped. */
function ordered(o: Obj, order: readonly string[]): Obj {
  const keys = Object.keys(o).filter((k) => o[k] !== undefined);
  keys.sort((a, b) => (order.indexOf(a) + 1 || Infinity) - (order.indexOf(b) + 1 || Infinity));
  return Object.fromEntries(keys.map((k) => [k, o[k]]));
}

/**
 * Drops whatever modelled keys make `o` fail `schema` (a value out of a Lex range, a description
 * too long for the format), so that they reach `lex:` through the diff instead of breaking the file.
 */
function fitSchema(o: Obj, schema: z.ZodType, file: string): void {
  for (let attempt = 0; attempt < 100; attempt++) {
    const result = schema.safeParse(o);
    if (result.success) return;
    for (const issue of result.error.issues) {
      const path = issue.path as (string | number)[];
      const depth = path[0] === 'slots' || path[0] === 'locales' ? 3 : path[0] === 'fulfillment' || path[0] === 'confirmation' ? 2 : 1;
      removeAt(o, path.slice(0, Math.min(depth, Math.max(path.length, 1))));
    }
  }
  throw new Error(`Internal error: cannot make ${file} match its schema.`);
}

function removeAt(o: Obj, path: (string | number)[]): void {
  let node: unknown = o;
  for (const seg of path.slice(0, -1)) node = (node as Record<string | number, unknown> | undefined)?.[seg];
  const last = path[path.length - 1];
  if (node && typeof node === 'object' && last !== undefined && (node as Record<string | number, unknown>)[last] !== undefined) {
    delete (node as Record<string | number, unknown>)[last];
  } else if (path.length > 1) {
    removeAt(o, path.slice(0, -1));
  }
}

// ---------------------------------------------------------------------------------------------
// YAML

function toYaml(comment: string, o: Obj, flow: (string | number)[][] = []): string {
  const doc = new Document(o);
  for (const path of flow) {
    const node = doc.getIn(path, true);
    if (isCollection(node)) node.flow = true;
  }
  return `${comment}\n${doc.toString({ lineWidth: 0, flowCollectionPadding: false })}`;
}

function botYaml(bot: Obj): string {
  const locales = obj(bot.locales) ?? {};
  const flow = Object.entries(locales).flatMap(([id, l]) => [
    ...(obj(l)?.voice ? [['locales', id, 'voice']] : []),
    ['locales', id, 'intents'],
  ]);
  return toYaml(SCHEMA_COMMENT.bot, bot, flow);
}

function slotTypeYaml(st: Obj): string {
  const values = Array.isArray(st.values) ? st.values : [];
  const flow = values.flatMap((v, i) => (obj(v)?.synonyms ? [['values', i, 'synonyms']] : []));
  return toYaml(SCHEMA_COMMENT.slotType, st, flow);
}

// ---------------------------------------------------------------------------------------------
// Definitions -> model, in memory (the loader's own conversions)

/**
 * Loads definition files held in memory into the model, as {@link loadProject} does from disk.
 * @param files - project-relative path → text (`bots/`, `intents/`, `slot-types/`, `ssml/`).
 */
export function projectFromFiles(files: ReadonlyMap<string, string>): { project: Project; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const project: Project = { root: '(memory)', bots: [], intents: new Map(), slotTypes: new Map(), ssml: new Map(), sources: new Map() };
  const inner = <V>(m: Map<string, Map<string, V>>, k: string) => m.get(k) ?? m.set(k, new Map()).get(k)!;
  const parse = <S extends z.ZodType>(file: string, schema: S): z.output<S> | undefined => {
    const { source, diagnostics: yaml } = parseYamlSource(file, files.get(file)!);
    project.sources.set(file, source);
    diagnostics.push(...yaml);
    const result = schema.safeParse(source.toJS());
    if (result.success) return result.data;
    diagnostics.push({ ruleId: 'definitions/schema', severity: 'error', message: JSON.stringify(result.error.issues), file, line: 1, column: 1 });
    return undefined;
  };
  const paths = [...files.keys()].sort();
  for (const file of paths) {
    const [dir, locale, base] = file.split('/');
    if (dir === PROJECT_DIRS.ssml && base?.endsWith('.ssml')) {
      const id = base.slice(0, -'.ssml'.length);
      inner(project.ssml, locale!).set(id, { id, localeId: locale!, file, text: files.get(file)! });
    } else if (dir === PROJECT_DIRS.slotTypes && base) {
      const d = parse(file, slotTypeFileSchema);
      if (d) inner(project.slotTypes, locale!).set(d.name, toSlotType(d, locale!, file));
    } else if (dir === PROJECT_DIRS.intents && base) {
      const d = parse(file, intentFileSchema);
      if (d) inner(project.intents, locale!).set(d.name, toIntent(d, locale!, file));
    }
  }
  for (const file of paths.filter((p) => p.startsWith(`${PROJECT_DIRS.bots}/`))) {
    const d = parse(file, botFileSchema);
    if (d) project.bots.push(toBot(d, file, project, project.sources.get(file)!, diagnostics));
  }
  return { project, diagnostics };
}

// ---------------------------------------------------------------------------------------------
// Import

/** Comparable form of an export file: nulls dropped, `identifier` (and Bot.json `version`) ignored, slotPriorities sorted. */
function comparable(path: string, json: unknown): Obj {
  const o = (dropNulls(json) ?? {}) as Obj;
  delete o.identifier;
  if (PATTERNS.bot.test(path)) delete o.version;
  if (Array.isArray(o.slotPriorities)) o.slotPriorities = sortPriorities(o.slotPriorities);
  return o;
}

const sortPriorities = (list: unknown[]) =>
  [...list].sort((a, b) => {
    const ka = JSON.stringify([obj(a)?.priority, obj(a)?.slotName]);
    const kb = JSON.stringify([obj(b)?.priority, obj(b)?.slotName]);
    return ka < kb ? -1 : ka > kb ? 1 : 0;
  });

/** The slots of an intent in elicitation order: by priority; slots the intent gives no priority go last, by name. */
function slotsInPriorityOrder(entry: IntentEntry, report: ImportReport): { name: string; json: Obj; path: string; priority: number }[] {
  const priorities = new Map<string, number>();
  if (Array.isArray(entry.json.slotPriorities)) {
    for (const p of entry.json.slotPriorities) {
      const slotName = str(obj(p)?.slotName);
      const priority = int(obj(p)?.priority, 0, Number.MAX_SAFE_INTEGER);
      if (slotName !== undefined && priority !== undefined && !priorities.has(slotName)) priorities.set(slotName, priority);
    }
  }
  const slots = [...entry.slots.entries()]
    .map(([folder, s]) => ({ name: checkName('slot', s.json.name ?? folder, s.path), json: s.json, path: s.path }))
    .filter((s) => nonEmpty(s.json.slotTypeName) || (report.notes.push(`${s.path} has no slotTypeName; the slot cannot be imported.`), false));
  slots.sort((a, b) => (priorities.get(a.name) ?? Infinity) - (priorities.get(b.name) ?? Infinity) || a.name.localeCompare(b.name));
  return slots.map((s, i) => ({ ...s, priority: priorities.get(s.name) ?? i + 1 }));
}

function checkName(kind: string, name: unknown, where: string): string {
  if (typeof name === 'string' && SAFE_NAME.test(name)) return name;
  throw new Error(`${where}: ${kind} name ${JSON.stringify(name)} is not a valid Lex name (^([0-9a-zA-Z][_-]?){1,100}$).`);
}

/**
 * Maps a LexJson bot export to definition files.
 *
 * - `<Bot>/Bot.json` and each `BotLocale.json` → `bots/<Bot>.yaml` (the locale lists all its intents, FallbackIntent included);
 * - each `Intent.json` with its `Slots/*\/Slot.json` → `intents/<locale>/<Intent>.yaml` (slots ordered by priority,
 *   `priority:` written where it differs from the 1-based position);
 * - each `SlotType.json` → `slot-types/<locale>/<SlotType>.yaml`; `CustomVocabulary.json` → the locale's `customVocabulary`.
 *
 * SSML messages stay inline (`{ssmlInline}`). What the format does not model is kept under `lex:`
 * (export-file keys, verbatim), so that `exportBot` of the result gives the original files back
 * (up to `null` vs absent keys, identifiers, slotPriorities order and Bot.json `version`).
 *
 * @param files - export file text by path relative to the export root (as {@link readExport} returns).
 * @returns YAML text by project-relative path, and the report: keys kept under `lex:`, unknown files, notes.
 * @throws Error when the files are not one bot's LexJson export, a JSON file does not parse, or a
 *   resource name is not a valid Lex name (names become file names).
 * @see https://docs.aws.amazon.com/lexv2/latest/dg/import-export-format.html
 */
export function importExport(files: ReadonlyMap<string, string>): ImportResult {
  const tree = readTree(files);
  const botName = checkName('bot', tree.bot.json.name ?? tree.bot.folder, tree.bot.path);
  const version = str(tree.bot.json.version) ?? null;
  const report: ImportReport = { bot: botName, version, locales: [], kept: [], unknownFiles: [...tree.unknown], notes: [], lossy: [] };
  if (version !== null && version !== 'DRAFT') {
    report.notes.push(`Bot.json has version "${version}": definitions describe the DRAFT version, so \`bots export\` writes version "DRAFT".`);
  }
  if (!tree.manifest) report.notes.push('The export has no Manifest.json; `bots export` writes one.');
  else if (!equalJson(tree.manifest.json, MANIFEST)) {
    report.notes.push(`${tree.manifest.path} is ${JSON.stringify(tree.manifest.json)}; \`bots export\` writes ${JSON.stringify(MANIFEST)} as real console exports do.`);
  }
  if (botName !== tree.bot.folder) report.notes.push(`Bot.json names the bot "${botName}" but its folder is "${tree.bot.folder}"; \`bots export\` uses the name.`);

  // 1. Definition file shapes, without lex.
  const localeIds = [...tree.locales.keys()].sort();
  const intentFiles = new Map<string, { entry: IntentEntry; data: Obj; slotEntries: Map<string, { path: string; json: Obj }> }>();
  const slotTypeFiles = new Map<string, { path: string; json: Obj; data: Obj; localeId: string }>();
  const localeFiles: Record<string, Obj> = {};
  const thresholds: number[] = [];
  for (const localeId of localeIds) {
    const l = tree.locales.get(localeId)!;
    if (!LOCALE_ID.test(localeId)) throw new Error(`${l.path}: "${localeId}" is not a Lex locale id.`);
    report.locales.push(localeId);
    const intentNames: string[] = [];
    for (const entry of [...l.intents.values()].sort((a, b) => a.folder.localeCompare(b.folder))) {
      const name = checkName('intent', entry.json.name ?? entry.folder, entry.path);
      if (name !== entry.folder) report.notes.push(`${entry.path} names the intent "${name}"; \`bots export\` writes it to folder ${name}.`);
      intentNames.push(name);
      const slotOrder = slotsInPriorityOrder(entry, report);
      const data = toIntentFile(entry, slotOrder);
      data.name = name;
      const file = `${PROJECT_DIRS.intents}/${localeId}/${name}.yaml`;
      fitSchema(data, intentFileSchema, file);
      intentFiles.set(file, { entry, data, slotEntries: new Map(slotOrder.map((s) => [s.name, { path: s.path, json: s.json }])) });
    }
    for (const [folder, st] of [...l.slotTypes.entries()].sort(([a], [b]) => a.localeCompare(b))) {
      const name = checkName('slot type', st.json.name ?? folder, st.path);
      const data = toSlotTypeFile(st.json);
      data.name = name;
      const file = `${PROJECT_DIRS.slotTypes}/${localeId}/${name}.yaml`;
      fitSchema(data, slotTypeFileSchema, file);
      slotTypeFiles.set(file, { ...st, data, localeId });
    }
    const lj = l.json!;
    const voice = obj(lj.voiceSettings);
    const engine = str(voice?.engine);
    const threshold = typeof lj.nluConfidenceThreshold === 'number' ? lj.nluConfidenceThreshold : undefined;
    if (threshold !== undefined) thresholds.push(threshold);
    const vocabulary = l.vocabulary && obj(l.vocabulary.json);
    const items = Array.isArray(vocabulary?.customVocabularyItems)
      ? vocabulary.customVocabularyItems.map((item) => {
          const o = obj(item);
          return o && nonEmpty(o.phrase)
            ? stripUndefined({ phrase: o.phrase, weight: int(o.weight, 0, 3), displayAs: str(o.displayAs) })
            : undefined;
        })
      : undefined;
    const name = str(lj.name);
    intentNames.sort((a, b) => Number(a === FALLBACK_INTENT) - Number(b === FALLBACK_INTENT) || a.localeCompare(b));
    localeFiles[localeId] = {
      description: str(lj.description),
      displayName: name !== undefined && name !== LOCALE_NAMES[localeId] ? name : undefined,
      voice: nonEmpty(voice?.voiceId) ? stripUndefined({ id: voice.voiceId, engine: ['standard', 'neural', 'long-form', 'generative'].includes(engine ?? '') ? engine : undefined }) : undefined,
      nluConfidenceThreshold: threshold,
      intents: intentNames,
      customVocabulary: items?.length && items.every((i) => i !== undefined) ? items : undefined,
    };
  }
  // The bot-level threshold is the most common locale threshold; locales that differ override it.
  const botThreshold = mostCommon(thresholds) ?? 0.4;
  for (const l of Object.values(localeFiles)) if (l.nluConfidenceThreshold === botThreshold) delete l.nluConfidenceThreshold;
  const bj = tree.bot.json;
  const botFile: Obj = {
    name: botName,
    description: str(bj.description),
    idleSessionTTLInSeconds: int(bj.idleSessionTTLInSeconds, 60, 86400),
    childDirected: obj(bj.dataPrivacy)?.childDirected === true,
    nluConfidenceThreshold: botThreshold,
    locales: Object.fromEntries(Object.entries(localeFiles).map(([id, l]) => [id, ordered(l, KEY_ORDER.locale)])),
  };
  const botPath = `${PROJECT_DIRS.bots}/${botName}.yaml`;
  fitSchema(botFile, botFileSchema, botPath);

  // 2. The model of those files, as the loader builds it.
  const render = () => {
    const out = new Map<string, string>();
    for (const [file, { data }] of intentFiles) out.set(file, toYaml(SCHEMA_COMMENT.intent, intentYamlObject(data)));
    for (const [file, { data }] of slotTypeFiles) out.set(file, slotTypeYaml(ordered(data, KEY_ORDER.slotType)));
    out.set(botPath, botYaml(ordered(botFile, KEY_ORDER.bot)));
    return out;
  };
  const { project } = projectFromFiles(render());
  const bot = project.bots[0];
  if (!bot) throw new Error(`Internal error: the generated ${botPath} does not load.`);

  // 3. Diff what export generates with the original; keep the differences under lex.
  const keep = (resource: string, file: string, original: Obj, generated: JsonObject, target: Obj, ignore: string[] = ['identifier']) => {
    const { patch, paths } = diffJson(withChatForms(original) as JsonObject, generated, ignore);
    if (!patch) return;
    target.lex = patch;
    report.kept.push({ resource, file, keys: paths });
  };
  keep(`bot ${botName}`, botPath, bj, botJson(bot), botFile, ['identifier', 'version']);
  for (const locale of bot.locales) {
    const l = tree.locales.get(locale.localeId)!;
    const ctx: LexJsonContext = { bot, locale, ssml: () => undefined };
    keep(`locale ${locale.localeId}`, botPath, l.json!, botLocaleJson(locale), obj(obj(botFile.locales)![locale.localeId])!);
    for (const intent of locale.intents) {
      const f = intentFiles.get(intent.file);
      if (!f) continue;
      const original = { ...f.entry.json };
      const generated = intentJson(intent, ctx);
      // slotPriorities is a set: keep the original order only when the entries differ.
      if (Array.isArray(original.slotPriorities) && Array.isArray(generated.slotPriorities) && equalJson(sortPriorities(original.slotPriorities), sortPriorities(generated.slotPriorities))) {
        original.slotPriorities = generated.slotPriorities;
      }
      keep(`intent ${locale.localeId}/${intent.name}`, intent.file, original, generated, f.data);
      const slotData = Array.isArray(f.data.slots) ? (f.data.slots as Obj[]) : [];
      for (const slot of intent.slots) {
        const se = f.slotEntries.get(slot.name);
        const target = slotData.find((s) => s.name === slot.name);
        if (se && target) keep(`slot ${locale.localeId}/${intent.name}/${slot.name}`, intent.file, se.json, slotJson(slot, intent, ctx), target);
      }
    }
    for (const st of project.slotTypes.get(locale.localeId)?.values() ?? []) {
      const f = slotTypeFiles.get(st.file);
      if (f) keep(`slot type ${locale.localeId}/${st.name}`, st.file, f.json, slotTypeJson(st, ctx), f.data);
    }
    if (l.vocabulary && !equalJson(l.vocabulary.json, customVocabularyJson(locale) ?? null)) {
      report.notes.push(`${l.vocabulary.path} is not fully described by customVocabulary (the locale has no place for other keys).`);
    }
  }
  for (const f of slotTypeFiles.values()) {
    const used = bot.locales.find((l) => l.localeId === f.localeId)?.slotTypes.some((st) => st.name === f.data.name);
    if (!used) report.notes.push(`${f.path} is used by no slot; it is imported, but \`bots export\` only writes slot types that slots use.`);
  }
  const out = render();

  // 4. Check: export the result again and compare with the original.
  report.lossy.push(...checkRoundTrip(files, tree, out, botName, report));
  report.kept.sort((a, b) => a.file.localeCompare(b.file) || a.resource.localeCompare(b.resource));
  return { files: new Map([...out].sort(([a], [b]) => a.localeCompare(b))), report };

  function intentYamlObject(data: Obj): Obj {
    const slots = Array.isArray(data.slots) ? (data.slots as Obj[]).map((s) => ordered(s, KEY_ORDER.slot)) : undefined;
    return ordered({ ...data, slots }, KEY_ORDER.intent);
  }
}

/** Exports `definitions` again in memory and lists every original file it does not reproduce (normally none). */
function checkRoundTrip(files: ReadonlyMap<string, string>, tree: ExportTree, definitions: ReadonlyMap<string, string>, botName: string, report: ImportReport): ImportReport['lossy'] {
  const lossy: ImportReport['lossy'] = [];
  const check = projectFromFiles(definitions);
  for (const d of check.diagnostics.filter((x) => x.severity === 'error')) report.notes.push(`Generated ${d.file} has an error: ${d.message}`);
  const again = check.project.bots[0] ? exportBot(check.project, botName) : new Map<string, string>();
  const original = new Map([...files].filter(([p]) => !tree.unknown.includes(p) && p !== tree.manifest?.path));
  for (const [path, text] of original) {
    const regenerated = again.get(path);
    if (regenerated === undefined) {
      lossy.push({ file: path, keys: ['(file not exported)'] });
      continue;
    }
    const { paths } = diffJson(comparable(path, withChatForms(parseJson(path, text)) as JsonObject), comparable(path, JSON.parse(regenerated)));
    if (paths.length) lossy.push({ file: path, keys: paths });
  }
  for (const path of again.keys()) {
    if (!original.has(path) && path !== EXPORT_PATHS.manifest) lossy.push({ file: path, keys: ['(file added by export)'] });
  }
  return lossy;
}

function mostCommon(values: number[]): number | undefined {
  const counts = new Map<number, number>();
  for (const v of values) counts.set(v, (counts.get(v) ?? 0) + 1);
  let best: number | undefined;
  for (const [v, n] of counts) if (best === undefined || n > counts.get(best)!) best = v;
  return best;
}
