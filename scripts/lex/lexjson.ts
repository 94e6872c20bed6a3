/**
 * The model as LexJson: the JSON of each export file (Bot.json, BotLocale.json, Intent.json,
 * Slot.json, SlotType.json, CustomVocabulary.json) before any `lex:` passthrough is merged.
 *
 * Shapes follow real console exports (see tests/fixtures/lex-exports/): every optional key is
 * present and `null`, names differ from the API (`messageGroupsList`, `isActive`, `slotTypeName`,
 * `ORIGINAL_VALUE`, ...). Where the console writes defaults the model does not describe (the
 * conversation-flow steps of an intent, prompt attempts of a slot), the console's defaults are
 * generated so that a bot written by hand exports like one built in the console, and an imported
 * console bot needs `lex:` only for what was changed from those defaults.
 *
 * @see https://docs.aws.amazon.com/lexv2/latest/dg/import-export-format.html
 * @module
 */
import { createHash } from 'node:crypto';
import { FALLBACK_INTENT } from '../definitions/load.js';
import {
  LOCALE_NAMES,
  type Bot,
  type BotLocale,
  type Intent,
  type Message,
  type MessageGroup,
  type Prompt,
  type Response,
  type Slot,
  type SlotType,
} from '../definitions/model.js';
import type { JsonObject } from './json.js';
import { ssmlToPlainText } from '../ssml/plain-text.js';
import { promptSsml } from './prompt-ssml.js';

/** `Manifest.json` of a bot export, as every real console export writes it (not as the docs spell it). */
export const MANIFEST = { metaData: { schemaVersion: '1', fileFormat: 'LexJson', resourceType: 'BOT' } } as const;

/** The identifier Lex gives every locale's FallbackIntent. */
export const FALLBACK_INTENT_ID = 'FALLBCKINT';

/** Lex's default for `maxRetries` of a prompt. */
export const DEFAULT_MAX_RETRIES = 2;

/** What the builders need besides the node they convert. */
export interface LexJsonContext {
  bot: Bot;
  locale: BotLocale;
  /** Text of `ssml/<locale>/<id>.ssml`, or undefined when there is no such file. */
  ssml(id: string): string | undefined;
}

const ALPHABET = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';

/**
 * A 10-character upper-case alphanumeric identifier derived from `parts` (bot, locale, names).
 * Real exports carry identifiers; Lex ignores them on import, so stable hashes keep exports diffable.
 */
export function lexIdentifier(...parts: string[]): string {
  const digest = createHash('sha256').update(parts.join('\u0000')).digest();
  let id = '';
  for (let i = 0; i < 10; i++) id += ALPHABET[digest[i]! % ALPHABET.length];
  return id;
}

// ---------------------------------------------------------------------------------------------
// Bot and locale

/** `<Bot>/Bot.json`. */
export function botJson(bot: Bot): JsonObject {
  return {
    name: bot.name,
    version: 'DRAFT',
    description: bot.description ?? null,
    identifier: lexIdentifier('bot', bot.name),
    errorLogSettings: null,
    dataPrivacy: { childDirected: bot.childDirected },
    idleSessionTTLInSeconds: bot.idleSessionTTLInSeconds,
  };
}

/** `<Bot>/BotLocales/<locale>/BotLocale.json`. */
export function botLocaleJson(locale: BotLocale): JsonObject {
  return {
    name: locale.displayName ?? LOCALE_NAMES[locale.localeId] ?? locale.localeId,
    identifier: locale.localeId,
    version: null,
    description: locale.description ?? null,
    voiceSettings: locale.voice ? { voiceId: locale.voice.id, engine: locale.voice.engine } : null,
    nluConfidenceThreshold: locale.nluConfidenceThreshold,
  };
}

/** `<Bot>/BotLocales/<locale>/CustomVocabulary/CustomVocabulary.json`, or undefined when the locale has none. */
export function customVocabularyJson(locale: BotLocale): JsonObject | undefined {
  if (!locale.customVocabulary?.length) return undefined;
  return {
    customVocabularyItems: locale.customVocabulary.map((v) => ({ phrase: v.phrase, weight: v.weight ?? null, displayAs: v.displayAs ?? null })),
  };
}

// ---------------------------------------------------------------------------------------------
// Messages

/**
 * One message: one of the four kinds is non-null, except SSML, which carries its plain-text form
 * for chat beside it (the authored `text`, else the SSML without markup), as `apiMessage` does.
 */
export function messageJson(m: Message, ctx: LexJsonContext): JsonObject {
  const out: JsonObject = { ssmlMessage: null, customPayload: null, plainTextMessage: null, imageResponseCard: null };
  switch (m.kind) {
    case 'text':
      out.plainTextMessage = { value: m.text };
      break;
    case 'ssml': {
      const text = ctx.ssml(m.id);
      if (text === undefined) {
        throw new Error(`SSML prompt "${m.id}" (${m.at.file}) has no file ssml/${ctx.locale.localeId}/${m.id}.ssml.`);
      }
      // Files end with a newline; the prompt is the element, not the file.
      out.ssmlMessage = { value: promptSsml(text) };
      const plain = m.text ?? ssmlToPlainText(promptSsml(text));
      if (plain) out.plainTextMessage = { value: plain };
      break;
    }
    case 'ssmlInline': {
      out.ssmlMessage = { value: m.ssml };
      const plain = m.text ?? ssmlToPlainText(m.ssml);
      if (plain) out.plainTextMessage = { value: plain };
      break;
    }
    case 'customPayload':
      out.customPayload = { value: m.value };
      break;
    case 'card':
      out.imageResponseCard = {
        title: m.card.title,
        subtitle: m.card.subtitle ?? null,
        imageUrl: m.card.imageUrl ?? null,
        buttons: m.card.buttons ? m.card.buttons.map((b) => ({ text: b.text, value: b.value })) : null,
      };
      break;
  }
  return out;
}

/** `messageGroupsList`. */
export function messageGroupsJson(groups: readonly MessageGroup[], ctx: LexJsonContext): JsonObject[] {
  return groups.map((g) => ({
    message: messageJson(g.message, ctx),
    variations: g.variations.length ? g.variations.map((v) => messageJson(v, ctx)) : null,
  }));
}

/** A ResponseSpecification (closing, declination, post-fulfillment). Lex lets callers barge in by default. */
export function responseJson(r: Response, ctx: LexJsonContext): JsonObject {
  return { messageGroupsList: messageGroupsJson(r.groups, ctx), allowInterrupt: r.allowInterrupt ?? true };
}

/** A PromptSpecification with the console's default prompt attempts (Initial, Retry1..maxRetries). */
export function promptJson(p: Prompt, ctx: LexJsonContext): JsonObject {
  const maxRetries = p.maxRetries ?? DEFAULT_MAX_RETRIES;
  const allowInterrupt = p.allowInterrupt ?? true;
  return {
    messageGroupsList: messageGroupsJson(p.groups, ctx),
    maxRetries,
    allowInterrupt,
    messageSelectionStrategy: p.messageSelectionStrategy ?? 'Random',
    promptAttemptsSpecification: promptAttempts(p, maxRetries, allowInterrupt) as unknown as JsonObject,
  };
}

/** A prompt attempt's input settings with every member set (PromptAttemptSpecification without `allowInterrupt`). */
export interface PromptAttemptInput {
  allowedInputTypes: { allowAudioInput: boolean; allowDTMFInput: boolean };
  audioAndDTMFInputSpecification: {
    startTimeoutMs: number;
    audioSpecification: { maxLengthMs: number; endTimeoutMs: number };
    dtmfSpecification: { maxLength: number; endTimeoutMs: number; deletionCharacter: string; endCharacter: string };
  };
  textInputSpecification: { startTimeoutMs: number };
}

/**
 * The console's per-attempt input settings, identical in every real export: speech and DTMF
 * allowed, start timeout 4000 ms, audio 15000/640 ms, DTMF 513 keys, 5000 ms, `*` deletes, `#` ends,
 * text start timeout 30000 ms.
 * @see https://docs.aws.amazon.com/lexv2/latest/APIReference/API_PromptAttemptSpecification.html
 */
export const DEFAULT_PROMPT_ATTEMPT_INPUT: Readonly<PromptAttemptInput> = Object.freeze({
  allowedInputTypes: { allowAudioInput: true, allowDTMFInput: true },
  audioAndDTMFInputSpecification: {
    startTimeoutMs: 4000,
    audioSpecification: { maxLengthMs: 15000, endTimeoutMs: 640 },
    dtmfSpecification: { maxLength: 513, endTimeoutMs: 5000, deletionCharacter: '*', endCharacter: '#' },
  },
  textInputSpecification: { startTimeoutMs: 30000 },
});

/** The input settings of every attempt of `p`: what the prompt says, the console's defaults for the rest. */
export function promptAttemptInput(p: Prompt): PromptAttemptInput {
  const d = DEFAULT_PROMPT_ATTEMPT_INPUT;
  const t = p.allowedInputTypes ?? {};
  const a = p.audioAndDtmfInputSpecification ?? {};
  return {
    allowedInputTypes: { allowAudioInput: t.allowAudioInput ?? true, allowDTMFInput: t.allowDTMFInput ?? true },
    audioAndDTMFInputSpecification: {
      startTimeoutMs: a.startTimeoutMs ?? d.audioAndDTMFInputSpecification.startTimeoutMs,
      audioSpecification: { ...d.audioAndDTMFInputSpecification.audioSpecification, ...stripUndefined(a.audioSpecification) },
      dtmfSpecification: { ...d.audioAndDTMFInputSpecification.dtmfSpecification, ...stripUndefined(a.dtmfSpecification) },
    },
    textInputSpecification: { ...d.textInputSpecification },
  };
}

/** Whether the prompt sets any voice or DTMF input setting (else Lex applies its defaults on its own). */
export function hasPromptInputSettings(p: Prompt): boolean {
  return p.allowedInputTypes !== undefined || p.audioAndDtmfInputSpecification !== undefined;
}

function stripUndefined<T extends object>(o: T | undefined): Partial<T> {
  return Object.fromEntries(Object.entries(o ?? {}).filter(([, v]) => v !== undefined)) as Partial<T>;
}

/** `promptAttemptsSpecification`: Initial and Retry1..maxRetries, each with the prompt's input settings. */
export function promptAttempts(p: Prompt, maxRetries: number, allowInterrupt: boolean): Record<string, PromptAttemptInput & { allowInterrupt: boolean }> {
  const attempt = () => ({ allowInterrupt, ...structuredClone(promptAttemptInput(p)) });
  const out: Record<string, PromptAttemptInput & { allowInterrupt: boolean }> = { Initial: attempt() };
  for (let i = 1; i <= maxRetries; i++) out[`Retry${i}`] = attempt();
  return out;
}

// ---------------------------------------------------------------------------------------------
// Conversation flow (the console's defaults)

/** A DialogState `nextStep` in the shape most real exports use. */
function step(type: string, opts: { slotToElicit?: string; intentName?: string } = {}): JsonObject {
  return {
    sessionAttributes: null,
    intent: { name: opts.intentName ?? null, slots: null },
    dialogAction: { type, slotToElicit: opts.slotToElicit ?? null, suppressNextMessage: null, intentsInScope: null },
  };
}

/** Slots in elicitation order: by priority, then as listed. */
export function slotsByPriority(intent: Intent): Slot[] {
  return intent.slots.map((s, i) => ({ s, i })).sort((a, b) => a.s.priority - b.s.priority || a.i - b.i).map((x) => x.s);
}

/**
 * The step after the initial response or after a slot: elicit the next required slot by priority,
 * else confirm (when the intent has a confirmation prompt), else fulfil. Optional slots are not
 * chained: Lex elicits them only when asked to.
 */
function nextStep(intent: Intent, after?: Slot): JsonObject {
  const ordered = slotsByPriority(intent);
  const from = after ? ordered.indexOf(after) + 1 : 0;
  const next = ordered.slice(from).find((s) => s.required);
  if (next) return step('ElicitSlot', { slotToElicit: next.name });
  return step(intent.confirmation ? 'ConfirmIntent' : 'FulfillIntent');
}

function codeHookSpec(success: JsonObject): JsonObject {
  return {
    isActive: true,
    enableCodeHookInvocation: true,
    invocationLabel: null,
    postCodeHookSpecification: {
      failureResponse: null,
      failureNextStep: step('EndConversation'),
      failureConditional: null,
      successResponse: null,
      successNextStep: success,
      successConditional: null,
      timeoutResponse: null,
      timeoutNextStep: step('EndConversation'),
      timeoutConditional: null,
    },
  };
}

// ---------------------------------------------------------------------------------------------
// Intent

/** Whether the intent gets the console's conversation-flow defaults (custom intents and FallbackIntent). */
function hasConversationFlow(intent: Intent): boolean {
  const parent = parentSignature(intent);
  return parent === null || parent === 'AMAZON.FallbackIntent';
}

function parentSignature(intent: Intent): string | null {
  return intent.builtIn ?? (intent.name === FALLBACK_INTENT ? 'AMAZON.FallbackIntent' : null);
}

/** `qnAIntentConfiguration`: the intent's own knowledge base, else the first target's. */
function qnAJson(intent: Intent, bot: Bot): JsonObject | null {
  if (!intent.qnA && intent.builtIn !== 'AMAZON.QnAIntent') return null;
  const kb = bot.targets.find((t) => t.knowledgeBase)?.knowledgeBase;
  const knowledgeBase = intent.qnA?.knowledgeBase ?? kb?.id;
  const modelArn = intent.qnA?.modelArn ?? kb?.modelArn;
  if (knowledgeBase === undefined && modelArn === undefined) return null;
  return {
    dataSourceConfiguration: {
      opensearchConfiguration: null,
      kendraConfiguration: null,
      bedrockKnowledgeStoreConfiguration: { bedrockKnowledgeBaseArn: knowledgeBase ?? null, exactResponse: intent.qnA?.exactResponse ?? null, exactResponseFields: null },
    },
    bedrockModelConfiguration: { modelArn: modelArn ?? null, guardrail: null, traceStatus: null, customPrompt: null },
  };
}

function fulfillmentJson(intent: Intent, ctx: LexJsonContext): JsonObject {
  const f = intent.fulfillment;
  const enabled = f?.enabled ?? false;
  const resp = (r: Response | undefined) => (r ? responseJson(r, ctx) : null);
  const hasResponses = Boolean(f?.success || f?.failure || f?.timeout);
  const u = f?.updates;
  return {
    // Real exports omit isActive when fulfillment is disabled and set it when enabled.
    isActive: enabled ? true : null,
    postFulfillmentStatusSpecification:
      hasConversationFlow(intent) || hasResponses
        ? {
            failureResponse: resp(f?.failure),
            failureNextStep: step('EndConversation'),
            successResponse: resp(f?.success),
            successNextStep: step('EndConversation'),
            timeoutResponse: resp(f?.timeout),
            timeoutNextStep: step('EndConversation'),
          }
        : null,
    // Named as in CloudFormation's AWS::Lex::Bot (`active`, `messageGroups`): no real export shows this block.
    fulfillmentUpdatesSpecification: u
      ? {
          active: true,
          startResponse: u.start
            ? { delayInSeconds: u.start.delaySeconds, messageGroups: messageGroupsJson(u.start.response.groups, ctx), allowInterrupt: u.start.response.allowInterrupt ?? true }
            : null,
          updateResponse: u.update
            ? {
                frequencyInSeconds: u.update.frequencySeconds,
                messageGroups: messageGroupsJson(u.update.response.groups, ctx),
                allowInterrupt: u.update.response.allowInterrupt ?? true,
              }
            : null,
          timeoutInSeconds: u.timeoutSeconds ?? null,
        }
      : null,
    enabled,
  };
}

/** `Intents/<Intent>/Intent.json`. */
export function intentJson(intent: Intent, ctx: LexJsonContext): JsonObject {
  const { bot, locale } = ctx;
  const flow = hasConversationFlow(intent);
  const c = intent.confirmation;
  const priorities = slotsByPriority(intent).map((s) => ({ priority: s.priority, slotName: s.name }));
  return {
    name: intent.name,
    identifier: intent.name === FALLBACK_INTENT ? FALLBACK_INTENT_ID : lexIdentifier('intent', bot.name, locale.localeId, intent.name),
    description: intent.description ?? null,
    parentIntentSignature: parentSignature(intent),
    sampleUtterances: intent.sampleUtterances.length ? intent.sampleUtterances.map((u) => ({ utterance: u.text })) : null,
    intentConfirmationSetting: c
      ? {
          promptSpecification: promptJson(c.prompt, ctx),
          declinationResponse: c.declination ? responseJson(c.declination, ctx) : null,
          isActive: true,
          confirmationResponse: null,
          confirmationNextStep: null,
          confirmationConditional: null,
          declinationNextStep: null,
          declinationConditional: null,
          failureResponse: null,
          failureNextStep: null,
          failureConditional: null,
          codeHook: null,
          elicitationCodeHook: null,
        }
      : null,
    intentClosingSetting: intent.closing ? { closingResponse: responseJson(intent.closing, ctx), isActive: true, nextStep: null, conditional: null } : null,
    initialResponseSetting: flow
      ? { conditional: null, codeHook: codeHookSpec(nextStep(intent)), nextStep: step('InvokeDialogCodeHook'), initialResponse: null }
      : null,
    inputContexts: intent.inputContexts ? intent.inputContexts.map((name) => ({ name })) : null,
    outputContexts: intent.outputContexts
      ? intent.outputContexts.map((o) => ({ name: o.name, timeToLiveInSeconds: o.timeToLiveInSeconds, turnsToLive: o.turnsToLive }))
      : null,
    kendraConfiguration: null,
    qnAIntentConfiguration: qnAJson(intent, bot),
    bedrockAgentIntentConfiguration: null,
    qInConnectIntentConfiguration: null,
    dialogCodeHook: { enabled: intent.dialogCodeHook ?? false },
    fulfillmentCodeHook: fulfillmentJson(intent, ctx),
    slotPriorities: priorities,
  };
}

// ---------------------------------------------------------------------------------------------
// Slot and slot type

/** `Intents/<Intent>/Slots/<Slot>/Slot.json`. */
export function slotJson(slot: Slot, intent: Intent, ctx: LexJsonContext): JsonObject {
  const after = nextStep(intent, slot);
  return {
    name: slot.name,
    identifier: lexIdentifier('slot', ctx.bot.name, ctx.locale.localeId, intent.name, slot.name),
    description: slot.description ?? null,
    slotTypeName: slot.type,
    obfuscationSetting: slot.obfuscate ? { obfuscationSettingType: 'DefaultObfuscation' } : null,
    valueElicitationSetting: {
      slotCaptureSetting: {
        captureResponse: null,
        captureNextStep: slot.codeHook ? step('InvokeDialogCodeHook') : after,
        captureConditional: null,
        failureResponse: null,
        failureNextStep: !slot.failureNextStep || slot.failureNextStep === 'FallbackIntent' ? step('StartIntent', { intentName: FALLBACK_INTENT }) : step(slot.failureNextStep),
        failureConditional: null,
        codeHook: slot.codeHook ? codeHookSpec(after) : null,
        // The console's default is on (it only runs when the intent's dialog code hook is enabled).
        elicitationCodeHook: { enableCodeHookInvocation: true, invocationLabel: slot.elicitationCodeHook?.label ?? null },
      },
      slotConstraint: slot.required ? 'Required' : 'Optional',
      promptSpecification: slot.prompt ? promptJson(slot.prompt, ctx) : null,
      defaultValueSpecification: slot.defaultValues?.length ? { defaultValueList: slot.defaultValues.map((defaultValue) => ({ defaultValue })) } : null,
      sampleUtterances: slot.sampleUtterances.length ? slot.sampleUtterances.map((u) => ({ utterance: u.text })) : null,
      waitAndContinueSpecification: null,
    },
    multipleValuesSetting: slot.allowMultipleValues === undefined ? null : { allowMultipleValues: slot.allowMultipleValues },
  };
}

/** Export spelling of the model's resolution strategies. */
export const RESOLUTION_STRATEGIES = { OriginalValue: 'ORIGINAL_VALUE', TopResolution: 'TOP_RESOLUTION', Concatenation: 'CONCATENATION' } as const;

/** `SlotTypes/<SlotType>/SlotType.json`. */
export function slotTypeJson(st: SlotType, ctx: LexJsonContext): JsonObject {
  return {
    name: st.name,
    identifier: lexIdentifier('slotType', ctx.bot.name, ctx.locale.localeId, st.name),
    description: st.description ?? null,
    slotTypeValues: st.values.length
      ? st.values.map((v) => ({ sampleValue: { value: v.value }, synonyms: v.synonyms.length ? v.synonyms.map((value) => ({ value })) : null }))
      : null,
    parentSlotTypeSignature: st.parent ?? null,
    valueSelectionSetting: {
      resolutionStrategy: RESOLUTION_STRATEGIES[st.resolution],
      advancedRecognitionSetting: null,
      regexFilter: st.regex === undefined ? null : { pattern: st.regex },
    },
  };
}
