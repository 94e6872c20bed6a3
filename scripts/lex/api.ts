/**
 * The model as Lex Models V2 API requests: the inputs of CreateBot, CreateBotLocale,
 * CreateSlotType, CreateIntent, CreateSlot and UpdateIntent, in the call order Lex needs (ids of
 * slot types and slots exist only after they are created, so those are passed in as name → id maps).
 *
 * API shapes differ from the export files (see docs/lexjson.md and lexjson.ts): `messageGroups`
 * instead of `messageGroupsList`, `active` instead of `isActive`, `OriginalValue`/`TopResolution`
 * instead of `ORIGINAL_VALUE`/`TOP_RESOLUTION`, `slotTypeId` instead of `slotTypeName`, and slot
 * priorities by `slotId`. Where the console writes defaults that the model does not describe
 * (conversation-flow steps, prompt attempts), the API requests leave them out and Lex applies its
 * own defaults. A resource's `lex:` passthrough is written in export spelling and applies to
 * exports only.
 *
 * All functions are pure: no I/O, no SDK client.
 *
 * @see https://docs.aws.amazon.com/lexv2/latest/APIReference/API_CreateIntent.html
 * @see https://docs.aws.amazon.com/lexv2/latest/dg/building-bots.html
 * @module
 */
import type {
  BotAliasLocaleSettings,
  ConversationLogSettings,
  CreateBotCommandInput,
  CreateBotVersionCommandInput,
  CreateBotLocaleCommandInput,
  CreateIntentCommandInput,
  CreateSlotCommandInput,
  CreateSlotTypeCommandInput,
  FulfillmentCodeHookSettings,
  ImageResponseCard,
  Message as ApiMessage,
  MessageGroup as ApiMessageGroup,
  PromptSpecification,
  QnAIntentConfiguration,
  ResponseSpecification,
  SlotPriority,
  SentimentAnalysisSettings,
  DialogState,
  SlotCaptureSetting,
  SlotValueElicitationSetting,
  UpdateBotCommandInput,
  UpdateBotLocaleCommandInput,
  UpdateIntentCommandInput,
  UpdateSlotCommandInput,
  UpdateSlotTypeCommandInput,
} from '@aws-sdk/client-lex-models-v2';
import { FALLBACK_INTENT } from '../definitions/load.js';
import type { Bot, BotLocale, Intent, Message, MessageGroup, Project, Prompt, Response, Slot, SlotType, Target } from '../definitions/model.js';
import { DEFAULT_MAX_RETRIES, FALLBACK_INTENT_ID, hasPromptInputSettings, promptAttempts, slotsByPriority } from './lexjson.js';
import { ssmlToPlainText } from '../ssml/plain-text.js';
import { promptSsml } from './prompt-ssml.js';

/** The version every create and update writes to. */
export const DRAFT = 'DRAFT';

/** What the builders need besides the node they convert: the bot, the locale and the SSML files. */
export interface ApiContext {
  bot: Bot;
  locale: BotLocale;
  /** Text of `ssml/<locale>/<id>.ssml`, or undefined when there is no such file. */
  ssml(id: string): string | undefined;
  /**
   * The deployment target the requests are for (deploy passes it): its `knowledgeBase` is the
   * default of QnA intents in that region. Without it, the first target with a knowledge base.
   */
  target?: Target;
}

/** The {@link ApiContext} of one locale of `bot`, reading SSML from `project.ssml`. */
export function apiContext(project: Project, bot: Bot, locale: BotLocale, target?: Target): ApiContext {
  const prompts = project.ssml.get(locale.localeId);
  const ctx: ApiContext = { bot, locale, ssml: (id) => prompts?.get(id)?.text };
  if (target) ctx.target = target;
  return ctx;
}

// ---------------------------------------------------------------------------------------------
// Messages

/**
 * One API message: one of `plainTextMessage`, `ssmlMessage`, `customPayload`, `imageResponseCard`,
 * except that SSML messages also carry their plain-text form for chat. SSML files are read through `ctx.ssml` and trimmed (the prompt is the
 * `<speak>` element, not the file's trailing newline).
 * @throws Error when an SSML message names a prompt that has no file.
 * @see https://docs.aws.amazon.com/lexv2/latest/APIReference/API_Message.html
 */
export function apiMessage(m: Message, ctx: ApiContext): ApiMessage {
  switch (m.kind) {
    case 'text':
      return { plainTextMessage: { value: m.text } };
    case 'ssml': {
      const text = ctx.ssml(m.id);
      if (text === undefined) throw new Error(`SSML prompt "${m.id}" (${m.at.file}) has no file ssml/${ctx.locale.localeId}/${m.id}.ssml.`);
      return withChatText({ ssmlMessage: { value: promptSsml(text) } }, m.text);
    }
    case 'ssmlInline':
      return withChatText({ ssmlMessage: { value: m.ssml } }, m.text);
    case 'customPayload':
      return { customPayload: { value: m.value } };
    case 'card': {
      const card: ImageResponseCard = { title: m.card.title };
      if (m.card.subtitle !== undefined) card.subtitle = m.card.subtitle;
      if (m.card.imageUrl !== undefined) card.imageUrl = m.card.imageUrl;
      if (m.card.buttons) card.buttons = m.card.buttons.map((b) => ({ text: b.text, value: b.value }));
      return { imageResponseCard: card };
    }
  }
}

/**
 * An SSML message with its chat form beside it: `plainTextMessage` is the authored `text`, else
 * the SSML without markup (left out when that is empty; `bots validate` warns). Which member Lex's
 * runtime returns to which channel is not documented; the emulator returns the plain text to text
 * requests and the SSML to voice (docs/emulator.md, "Channels").
 */
function withChatText(m: ApiMessage & { ssmlMessage: { value: string } }, text: string | undefined): ApiMessage {
  const plain = text ?? ssmlToPlainText(m.ssmlMessage.value);
  return plain ? { plainTextMessage: { value: plain }, ssmlMessage: m.ssmlMessage } : m;
}

/** `messageGroups`: each group's message and its variations. */
export function apiMessageGroups(groups: readonly MessageGroup[], ctx: ApiContext): ApiMessageGroup[] {
  return groups.map((g) => {
    const group: ApiMessageGroup = { message: apiMessage(g.message, ctx) };
    if (g.variations.length) group.variations = g.variations.map((v) => apiMessage(v, ctx));
    return group;
  });
}

/**
 * A ResponseSpecification (closing, declination, post-fulfillment). Callers may barge in unless
 * the model says otherwise, as Lex's default.
 * @see https://docs.aws.amazon.com/lexv2/latest/APIReference/API_ResponseSpecification.html
 */
export function apiResponse(r: Response, ctx: ApiContext): ResponseSpecification {
  return { messageGroups: apiMessageGroups(r.groups, ctx), allowInterrupt: r.allowInterrupt ?? true };
}

/**
 * A PromptSpecification (slot elicitation, confirmation). `maxRetries` defaults to Lex's 2. Voice
 * and DTMF input settings go into `promptAttemptsSpecification`, the same for Initial and every retry.
 * @see https://docs.aws.amazon.com/lexv2/latest/APIReference/API_PromptAttemptSpecification.html
 * @see https://docs.aws.amazon.com/lexv2/latest/APIReference/API_PromptSpecification.html
 */
export function apiPrompt(p: Prompt, ctx: ApiContext): PromptSpecification {
  const spec: PromptSpecification = {
    messageGroups: apiMessageGroups(p.groups, ctx),
    maxRetries: p.maxRetries ?? DEFAULT_MAX_RETRIES,
    allowInterrupt: p.allowInterrupt ?? true,
  };
  if (p.messageSelectionStrategy) spec.messageSelectionStrategy = p.messageSelectionStrategy;
  // Sent only when the definitions set voice or DTMF input; otherwise Lex fills in its defaults.
  if (hasPromptInputSettings(p)) spec.promptAttemptsSpecification = promptAttempts(p, spec.maxRetries!, spec.allowInterrupt!);
  return spec;
}

// ---------------------------------------------------------------------------------------------
// Bot, locale, slot type

/**
 * CreateBot input. Tags of the bot file become `botTags`.
 * @param opts.roleArn - the bot's IAM role (Lex requires one).
 * @see https://docs.aws.amazon.com/lexv2/latest/APIReference/API_CreateBot.html
 */
export function createBotInput(bot: Bot, opts: { roleArn: string; botName?: string }): CreateBotCommandInput {
  const input: CreateBotCommandInput = {
    botName: opts.botName ?? bot.name,
    roleArn: opts.roleArn,
    dataPrivacy: { childDirected: bot.childDirected },
    idleSessionTTLInSeconds: bot.idleSessionTTLInSeconds,
  };
  if (bot.description !== undefined) input.description = bot.description;
  if (Object.keys(bot.tags).length) input.botTags = { ...bot.tags };
  return input;
}

/**
 * CreateBotLocale input (DRAFT). UpdateBotLocale takes the same members plus nothing else.
 * @see https://docs.aws.amazon.com/lexv2/latest/APIReference/API_CreateBotLocale.html
 */
export function createBotLocaleInput(botId: string, locale: BotLocale): CreateBotLocaleCommandInput {
  const input: CreateBotLocaleCommandInput = {
    botId,
    botVersion: DRAFT,
    localeId: locale.localeId,
    nluIntentConfidenceThreshold: locale.nluConfidenceThreshold,
  };
  if (locale.description !== undefined) input.description = locale.description;
  if (locale.voice) input.voiceSettings = { voiceId: locale.voice.id, engine: locale.voice.engine };
  return input;
}

/**
 * CreateSlotType input (UpdateSlotType takes the same members and the `slotTypeId`).
 * @see https://docs.aws.amazon.com/lexv2/latest/APIReference/API_CreateSlotType.html
 */
export function createSlotTypeInput(botId: string, localeId: string, st: SlotType): CreateSlotTypeCommandInput {
  const input: CreateSlotTypeCommandInput = {
    botId,
    botVersion: DRAFT,
    localeId,
    slotTypeName: st.name,
    valueSelectionSetting: { resolutionStrategy: st.resolution, ...(st.regex !== undefined ? { regexFilter: { pattern: st.regex } } : {}) },
  };
  if (st.description !== undefined) input.description = st.description;
  if (st.parent) input.parentSlotTypeSignature = st.parent;
  if (st.values.length) {
    input.slotTypeValues = st.values.map((v) => ({
      sampleValue: { value: v.value },
      ...(v.synonyms.length ? { synonyms: v.synonyms.map((value) => ({ value })) } : {}),
    }));
  }
  return input;
}

// ---------------------------------------------------------------------------------------------
// Intent

/** The built-in intent an intent extends, if any (FallbackIntent always extends AMAZON.FallbackIntent). */
export function parentIntentSignature(intent: Intent): string | undefined {
  return intent.builtIn ?? (intent.name === FALLBACK_INTENT ? 'AMAZON.FallbackIntent' : undefined);
}

/** Whether the intent is the FallbackIntent Lex creates with each locale (updated, never created). */
export function isFallbackIntent(intent: Intent): boolean {
  return parentIntentSignature(intent) === 'AMAZON.FallbackIntent';
}

/** `qnAIntentConfiguration`: the intent's own knowledge base, else the target's (else the first target's). */
function apiQnA(intent: Intent, bot: Bot, target?: Target): QnAIntentConfiguration | undefined {
  if (!intent.qnA && intent.builtIn !== 'AMAZON.QnAIntent') return undefined;
  const kb = target?.knowledgeBase ?? bot.targets.find((t) => t.knowledgeBase)?.knowledgeBase;
  const knowledgeBase = intent.qnA?.knowledgeBase ?? kb?.id;
  const modelArn = intent.qnA?.modelArn ?? kb?.modelArn;
  if (knowledgeBase === undefined || modelArn === undefined) return undefined;
  return {
    dataSourceConfiguration: {
      bedrockKnowledgeStoreConfiguration: {
        bedrockKnowledgeBaseArn: knowledgeBase,
        ...(intent.qnA?.exactResponse !== undefined ? { exactResponse: intent.qnA.exactResponse } : {}),
      },
    },
    bedrockModelConfiguration: { modelArn },
  };
}

/** `fulfillmentCodeHook`: enabled flag, post-fulfillment responses, progress updates. */
function apiFulfillment(intent: Intent, ctx: ApiContext): FulfillmentCodeHookSettings {
  const f = intent.fulfillment;
  const enabled = f?.enabled ?? false;
  const out: FulfillmentCodeHookSettings = { enabled };
  if (enabled) out.active = true;
  if (f?.success || f?.failure || f?.timeout) {
    out.postFulfillmentStatusSpecification = {
      ...(f.success ? { successResponse: apiResponse(f.success, ctx) } : {}),
      ...(f.failure ? { failureResponse: apiResponse(f.failure, ctx) } : {}),
      ...(f.timeout ? { timeoutResponse: apiResponse(f.timeout, ctx) } : {}),
    };
  }
  const u = f?.updates;
  if (u) {
    out.fulfillmentUpdatesSpecification = {
      active: true,
      ...(u.start
        ? { startResponse: { delayInSeconds: u.start.delaySeconds, messageGroups: apiMessageGroups(u.start.response.groups, ctx), allowInterrupt: u.start.response.allowInterrupt ?? true } }
        : {}),
      ...(u.update
        ? {
            updateResponse: {
              frequencyInSeconds: u.update.frequencySeconds,
              messageGroups: apiMessageGroups(u.update.response.groups, ctx),
              allowInterrupt: u.update.response.allowInterrupt ?? true,
            },
          }
        : {}),
      ...(u.timeoutSeconds !== undefined ? { timeoutInSeconds: u.timeoutSeconds } : {}),
    };
  }
  return out;
}

/** The intent members UpdateIntent takes (no ids): the whole definition. */
export type IntentDefinition = Omit<UpdateIntentCommandInput, 'botId' | 'botVersion' | 'localeId' | 'intentId' | 'slotPriorities'>;

/**
 * The full definition of an intent as API members: utterances, code hooks, confirmation,
 * closing, contexts, QnA configuration.
 */
export function intentDefinition(intent: Intent, ctx: ApiContext): IntentDefinition {
  const def: IntentDefinition = {
    intentName: intent.name,
    dialogCodeHook: { enabled: intent.dialogCodeHook ?? false },
    fulfillmentCodeHook: apiFulfillment(intent, ctx),
  };
  if (intent.description !== undefined) def.description = intent.description;
  const parent = parentIntentSignature(intent);
  if (parent) def.parentIntentSignature = parent;
  if (intent.sampleUtterances.length) def.sampleUtterances = intent.sampleUtterances.map((u) => ({ utterance: u.text }));
  const c = intent.confirmation;
  if (c) {
    def.intentConfirmationSetting = {
      promptSpecification: apiPrompt(c.prompt, ctx),
      active: true,
      ...(c.declination ? { declinationResponse: apiResponse(c.declination, ctx) } : {}),
    };
  }
  if (intent.closing) def.intentClosingSetting = { closingResponse: apiResponse(intent.closing, ctx), active: true };
  if (intent.inputContexts) def.inputContexts = intent.inputContexts.map((name) => ({ name }));
  if (intent.outputContexts) {
    def.outputContexts = intent.outputContexts.map((o) => ({ name: o.name, timeToLiveInSeconds: o.timeToLiveInSeconds, turnsToLive: o.turnsToLive }));
  }
  const qna = apiQnA(intent, ctx.bot, ctx.target);
  if (qna) def.qnAIntentConfiguration = qna;
  return def;
}

/**
 * CreateIntent input: the intent without the settings whose messages may name slots
 * (confirmation, closing, post-fulfillment responses), because its slots do not exist yet;
 * {@link updateIntentInput} sends the whole definition once they do. Not for FallbackIntent,
 * which Lex creates with each locale (id `FALLBCKINT`).
 * @see https://docs.aws.amazon.com/lexv2/latest/APIReference/API_CreateIntent.html
 */
export function createIntentInput(botId: string, localeId: string, intent: Intent, ctx: ApiContext): CreateIntentCommandInput {
  const def = intentDefinition(intent, ctx);
  const input: CreateIntentCommandInput = {
    botId,
    botVersion: DRAFT,
    localeId,
    intentName: def.intentName,
    dialogCodeHook: def.dialogCodeHook,
    fulfillmentCodeHook: { enabled: def.fulfillmentCodeHook?.enabled ?? false, ...(def.fulfillmentCodeHook?.active ? { active: true } : {}) },
  };
  if (def.description !== undefined) input.description = def.description;
  if (def.parentIntentSignature) input.parentIntentSignature = def.parentIntentSignature;
  if (def.sampleUtterances) input.sampleUtterances = def.sampleUtterances;
  if (def.inputContexts) input.inputContexts = def.inputContexts;
  if (def.outputContexts) input.outputContexts = def.outputContexts;
  if (def.qnAIntentConfiguration) input.qnAIntentConfiguration = def.qnAIntentConfiguration;
  return input;
}

/**
 * Slot priorities by slot id: the model's order (priority, then as listed) numbered from 1.
 * @throws Error when a slot has no id in `slotIds`.
 */
export function slotPriorities(intent: Intent, slotIds: ReadonlyMap<string, string>): SlotPriority[] {
  return slotsByPriority(intent).map((s, i) => {
    const slotId = slotIds.get(s.name);
    if (!slotId) throw new Error(`Slot ${s.name} of intent ${intent.name} has no id; create it before updating the intent.`);
    return { priority: i + 1, slotId };
  });
}

/**
 * UpdateIntent input: the whole definition (UpdateIntent replaces the intent) with slot priorities.
 * For FallbackIntent pass `intentId` {@link FALLBACK_INTENT_ID}.
 * @param slotIds - slot name → id of this intent's slots.
 * @see https://docs.aws.amazon.com/lexv2/latest/APIReference/API_UpdateIntent.html
 */
export function updateIntentInput(
  botId: string,
  localeId: string,
  intentId: string,
  intent: Intent,
  ctx: ApiContext,
  slotIds: ReadonlyMap<string, string> = new Map(),
): UpdateIntentCommandInput {
  const input: UpdateIntentCommandInput = { botId, botVersion: DRAFT, localeId, intentId, ...intentDefinition(intent, ctx) };
  if (intent.slots.length) input.slotPriorities = slotPriorities(intent, slotIds);
  return input;
}

export { FALLBACK_INTENT_ID };

// ---------------------------------------------------------------------------------------------
// Slot

/**
 * CreateSlot input (UpdateSlot takes the same members and the `slotId`).
 * @param slotTypeIds - custom slot type name → id in this locale; built-in types (`AMAZON.*`) pass through.
 * @throws Error when a custom slot type has no id in `slotTypeIds`.
 * @see https://docs.aws.amazon.com/lexv2/latest/APIReference/API_CreateSlot.html
 */
export function createSlotInput(
  botId: string,
  localeId: string,
  intentId: string,
  slot: Slot,
  ctx: ApiContext,
  slotTypeIds: ReadonlyMap<string, string>,
): CreateSlotCommandInput {
  const slotTypeId = slot.type.startsWith('AMAZON.') ? slot.type : slotTypeIds.get(slot.type);
  if (!slotTypeId) throw new Error(`Slot ${slot.name} uses slot type ${slot.type}, which has no id in locale ${localeId}; create the slot type first.`);
  const elicitation: SlotValueElicitationSetting = { slotConstraint: slot.required ? 'Required' : 'Optional' };
  if (slot.prompt) elicitation.promptSpecification = apiPrompt(slot.prompt, ctx);
  if (slot.defaultValues?.length) elicitation.defaultValueSpecification = { defaultValueList: slot.defaultValues.map((defaultValue) => ({ defaultValue })) };
  if (slot.sampleUtterances.length) elicitation.sampleUtterances = slot.sampleUtterances.map((u) => ({ utterance: u.text }));
  if (slot.codeHook || slot.elicitationCodeHook || slot.failureNextStep) {
    const capture: SlotCaptureSetting = {};
    if (slot.codeHook) capture.codeHook = { enableCodeHookInvocation: true, active: true, postCodeHookSpecification: {} };
    if (slot.elicitationCodeHook) {
      capture.elicitationCodeHook = { enableCodeHookInvocation: true, ...(slot.elicitationCodeHook.label ? { invocationLabel: slot.elicitationCodeHook.label } : {}) };
    }
    if (slot.failureNextStep) capture.failureNextStep = failureStep(slot.failureNextStep);
    elicitation.slotCaptureSetting = capture;
  }
  const input: CreateSlotCommandInput = {
    botId,
    botVersion: DRAFT,
    localeId,
    intentId,
    slotName: slot.name,
    slotTypeId,
    valueElicitationSetting: elicitation,
  };
  if (slot.description !== undefined) input.description = slot.description;
  if (slot.obfuscate) input.obfuscationSetting = { obfuscationSettingType: 'DefaultObfuscation' };
  if (slot.allowMultipleValues !== undefined) input.multipleValuesSetting = { allowMultipleValues: slot.allowMultipleValues };
  return input;
}

/**
 * The DialogState of a slot's `failureNextStep`.
 * @see https://docs.aws.amazon.com/lexv2/latest/APIReference/API_DialogState.html
 */
export function failureStep(step: NonNullable<Slot['failureNextStep']>): DialogState {
  if (step === 'FallbackIntent') return { dialogAction: { type: 'StartIntent' }, intent: { name: 'FallbackIntent' } };
  return { dialogAction: { type: step } };
}

// ---------------------------------------------------------------------------------------------
// Updates, versions and aliases (bots deploy)

/**
 * UpdateBot input: the bot's settings (UpdateBot replaces them; tags are not part of it).
 * @see https://docs.aws.amazon.com/lexv2/latest/APIReference/API_UpdateBot.html
 */
export function updateBotInput(botId: string, bot: Bot, opts: { roleArn: string; botName?: string }): UpdateBotCommandInput {
  const { botTags: _tags, ...rest } = createBotInput(bot, opts);
  return { botId, ...rest };
}

/**
 * UpdateBotLocale input: the same members as CreateBotLocale.
 * @see https://docs.aws.amazon.com/lexv2/latest/APIReference/API_UpdateBotLocale.html
 */
export function updateBotLocaleInput(botId: string, locale: BotLocale): UpdateBotLocaleCommandInput {
  return createBotLocaleInput(botId, locale);
}

/**
 * UpdateSlotType input: the CreateSlotType members and the id.
 * @see https://docs.aws.amazon.com/lexv2/latest/APIReference/API_UpdateSlotType.html
 */
export function updateSlotTypeInput(botId: string, localeId: string, slotTypeId: string, st: SlotType): UpdateSlotTypeCommandInput {
  return { ...createSlotTypeInput(botId, localeId, st), slotTypeId };
}

/**
 * UpdateSlot input: the CreateSlot members and the id (UpdateSlot replaces the slot).
 * @see https://docs.aws.amazon.com/lexv2/latest/APIReference/API_UpdateSlot.html
 */
export function updateSlotInput(
  botId: string,
  localeId: string,
  intentId: string,
  slotId: string,
  slot: Slot,
  ctx: ApiContext,
  slotTypeIds: ReadonlyMap<string, string>,
): UpdateSlotCommandInput {
  return { ...createSlotInput(botId, localeId, intentId, slot, ctx, slotTypeIds), slotId };
}

/**
 * CreateIntent input with the whole definition, for an intent without slots: nothing in it can
 * name a slot, so one call replaces CreateIntent + UpdateIntent.
 * @throws Error when the intent has slots (use {@link createIntentInput}, the slots, then {@link updateIntentInput}).
 * @see https://docs.aws.amazon.com/lexv2/latest/APIReference/API_CreateIntent.html
 */
export function createIntentFullInput(botId: string, localeId: string, intent: Intent, ctx: ApiContext): CreateIntentCommandInput {
  if (intent.slots.length) throw new Error(`Intent ${intent.name} has slots: create it without the slot-dependent settings first.`);
  return { botId, botVersion: DRAFT, localeId, ...intentDefinition(intent, ctx) };
}

/** The prefix of the content hash deploy writes into a version's description. */
export const CONTENT_HASH_PREFIX = 'bots:sha256:';

/**
 * CreateBotVersion input: every listed locale from DRAFT, with the definitions' content hash in the
 * description so that a later deploy can tell whether a version already holds them.
 * @see https://docs.aws.amazon.com/lexv2/latest/APIReference/API_CreateBotVersion.html
 */
export function createBotVersionInput(botId: string, localeIds: readonly string[], contentHash: string): CreateBotVersionCommandInput {
  return {
    botId,
    description: `${CONTENT_HASH_PREFIX}${contentHash}`,
    botVersionLocaleSpecification: Object.fromEntries(localeIds.map((l) => [l, { sourceBotVersion: DRAFT }])),
  };
}

/** The content hash in a version description written by {@link createBotVersionInput}, if any. */
export function contentHashOf(description: string | undefined): string | undefined {
  const m = description ? /bots:sha256:([0-9a-f]{64})/.exec(description) : null;
  return m?.[1];
}

/** The Lambda code-hook interface version Lex V2 supports. */
export const CODE_HOOK_INTERFACE_VERSION = '1.0';

/**
 * `botAliasLocaleSettings`: every locale enabled, with the code-hook Lambda when there is one
 * (Lex calls one Lambda per alias and locale; intents only switch their hooks on or off).
 * @see https://docs.aws.amazon.com/lexv2/latest/APIReference/API_BotAliasLocaleSettings.html
 */
export function aliasLocaleSettings(localeIds: readonly string[], lambdaArn: string | undefined): Record<string, BotAliasLocaleSettings> {
  return Object.fromEntries(
    localeIds.map((l): [string, BotAliasLocaleSettings] => [
      l,
      lambdaArn ? { enabled: true, codeHookSpecification: { lambdaCodeHook: { lambdaARN: lambdaArn, codeHookInterfaceVersion: CODE_HOOK_INTERFACE_VERSION } } } : { enabled: true },
    ]),
  );
}

/**
 * `conversationLogSettings` with text logs to a CloudWatch Logs group (audio logs need an S3
 * bucket, which targets do not name).
 * @param logGroupArn - `arn:aws:logs:<region>:<account>:log-group:<name>`.
 * @see https://docs.aws.amazon.com/lexv2/latest/APIReference/API_ConversationLogSettings.html
 */
export function conversationLogSettings(logGroupArn: string, logPrefix: string): ConversationLogSettings {
  return { textLogSettings: [{ enabled: true, destination: { cloudWatch: { cloudWatchLogGroupArn: logGroupArn, logPrefix } } }] };
}

/**
 * `sentimentAnalysisSettings`.
 * @see https://docs.aws.amazon.com/lexv2/latest/APIReference/API_SentimentAnalysisSettings.html
 */
export function sentimentAnalysisSettings(detectSentiment: boolean): SentimentAnalysisSettings {
  return { detectSentiment };
}
