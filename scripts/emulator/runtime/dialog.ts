/**
 * The dialog manager: one turn of a Lex V2 conversation, as Lex runs it with the default
 * conversation flow — intent recognition, slot filling by priority with retries, confirmation and
 * declination, dialog and fulfillment code hooks, closing responses.
 *
 * @see https://docs.aws.amazon.com/lexv2/latest/dg/building-conversation.html
 * @see https://docs.aws.amazon.com/lexv2/latest/dg/paths-code-hook.html
 * @module
 */
import type { DescribeSlotResponse, MessageGroup, SlotCaptureSetting } from '@aws-sdk/client-lex-models-v2';
import { extractSlotsFromUtterance, resolveSlotValue } from '../../nlu/slots.js';
import { despell, type SlotElicitationStyle } from '../../nlu/spelling-styles.js';
import type { ResolvedSlotValue } from '../../nlu/types.js';
import type { BuiltIntent, BuiltLocale, ResolvedAlias } from '../contracts.js';
import { buildCodeHookEvent, CodeHookError, invokeCodeHook, type CodeHookResponse } from './code-hook.js';
import type { LocaleNlu } from './locale-nlu.js';
import { channelOf, renderMessageGroups, type Channel } from './messages.js';
import type { RtDialogAction, RtInterpretation, RtIntent, RtMessage, RtSessionState, RtSlot, RtTurnResult } from './types.js';

/** The name of the intent Lex falls back to. */
export const FALLBACK = 'FallbackIntent';

/** Per-session state the emulator keeps between turns. */
export interface Session {
  sessionId: string;
  state: RtSessionState;
  /** Failed attempts at the current elicitation (slot or confirmation). */
  retries: number;
  lastMessages: RtMessage[];
  lastInterpretations: RtInterpretation[];
  requestAttributes?: Record<string, string>;
  /** ms since the epoch. */
  lastActivity: number;
  /** Build the session started on (TestBotAlias sessions end when DRAFT is rebuilt). */
  buildId: string;
  /** When each active context's time to live runs out, ms since the epoch (by context name). */
  contextExpiry?: Record<string, number>;
}

/** Everything one turn needs. */
export interface TurnContext {
  locale: BuiltLocale;
  alias: ResolvedAlias;
  nlu: LocaleNlu;
  session: Session;
  text: string;
  inputMode: 'Text' | 'Speech' | 'DTMF';
  requestAttributes?: Record<string, string>;
  /** The channel configured prompts answer on (default: from the input mode and request attributes). */
  channel?: Channel;
  /** The alias's code-hook Lambda for this locale, when one is configured. */
  codeHook?: (event: unknown) => Promise<unknown>;
  /** ms since the epoch. */
  now: number;
  codeHookTimeoutMs?: number;
}

/** A turn's outcome: the response plus what analytics and conversation logs record. */
export interface TurnOutcome extends RtTurnResult {
  /** False when the input was not understood (fell to FallbackIntent or failed an elicitation). */
  understood: boolean;
  /** The slot the input answered or failed to answer, if any. */
  slotName?: string;
  /** True when a code hook chose another intent than the NLU did. */
  developerOverride: boolean;
}

/**
 * Runs one turn. Mutates `ctx.session`.
 * @throws CodeHookError when a code hook fails (the caller answers DependencyFailedException).
 */
export async function runTurn(ctx: TurnContext): Promise<TurnOutcome> {
  return new Turn(ctx).run();
}

class Turn {
  private readonly messages: RtMessage[] = [];
  private interpretations: RtInterpretation[] = [];
  private understood = true;
  private slotName: string | undefined;
  private developerOverride = false;
  private dialogHookDone = false;
  /** Contexts this turn activated: their turns to live start counting on the next turn. */
  private readonly activatedThisTurn = new Set<string>();

  constructor(private readonly ctx: TurnContext) {}

  private get channel(): Channel {
    return this.ctx.channel ?? channelOf(this.ctx.inputMode, this.ctx.requestAttributes);
  }

  private get state(): RtSessionState {
    return this.ctx.session.state;
  }

  async run(): Promise<TurnOutcome> {
    const { session } = this.ctx;
    this.expireContexts();
    const action = this.state.dialogAction?.type;
    const intent = this.state.intent;
    if (action === 'ElicitSlot' && intent && this.state.dialogAction?.slotToElicit && this.intentDef(intent.name)) {
      await this.answerSlot(intent, this.state.dialogAction.slotToElicit);
    } else if (action === 'ConfirmIntent' && intent && this.intentDef(intent.name)) {
      await this.answerConfirmation(intent);
    } else {
      await this.recognizeIntent();
    }
    this.countContextTurn();
    session.lastMessages = this.messages;
    session.lastInterpretations = this.interpretations;
    session.lastActivity = this.ctx.now;
    return {
      messages: this.messages,
      sessionState: structuredClone(this.state),
      interpretations: this.interpretations,
      requestAttributes: this.ctx.requestAttributes,
      sessionId: session.sessionId,
      understood: this.understood,
      slotName: this.slotName,
      developerOverride: this.developerOverride,
    };
  }

  // ---------------------------------------------------------------------------------------------
  // Definitions

  private intentDef(name: string): BuiltIntent | undefined {
    return this.ctx.locale.intents.find((i) => i.intentName === name);
  }

  /** Slots of an intent in elicitation order (slot priorities, then the rest). */
  private slotsInOrder(def: BuiltIntent): DescribeSlotResponse[] {
    const priority = new Map((def.slotPriorities ?? []).map((p) => [p.slotId, p.priority ?? 0]));
    return [...def.slots].sort((a, b) => (priority.get(a.slotId) ?? 1e9) - (priority.get(b.slotId) ?? 1e9));
  }

  private slotDef(def: BuiltIntent, name: string): DescribeSlotResponse | undefined {
    return def.slots.find((s) => s.slotName === name);
  }

  private slotTypeName(slot: DescribeSlotResponse): string {
    const id = slot.slotTypeId ?? 'AMAZON.FreeFormInput';
    return this.ctx.nlu.slotTypeNameById.get(id) ?? id;
  }

  private resolve(text: string, slotTypeName: string): ResolvedSlotValue | undefined {
    return resolveSlotValue(text, slotTypeName, { localeId: this.ctx.locale.localeId, slotTypes: this.ctx.nlu.slotTypes, now: new Date(this.ctx.now) });
  }

  /**
   * A multi-valued slot's answer ("checking and savings", "pepperoni, olives or ham"): each part
   * resolved on its own, as a `List` slot whose `values` are the parts that resolved; undefined
   * when none did. The list's own `value` holds the whole answer.
   * @see https://docs.aws.amazon.com/lexv2/latest/dg/multi-valued-slots.html
   * @see https://docs.aws.amazon.com/lexv2/latest/APIReference/API_runtime_Slot.html
   */
  private resolveList(text: string, slotTypeName: string): RtSlot | undefined {
    const parts = text.split(/\s*(?:,|;|&|\band\b|\bor\b|\bplus\b)\s*/i).map((p) => p.trim()).filter(Boolean);
    const values: RtSlot[] = [];
    for (const part of parts) {
      const v = this.resolve(part, slotTypeName);
      if (v && !values.some((x) => x.value?.interpretedValue === v.interpretedValue)) values.push(toSlot(v));
    }
    if (!values.length) return undefined;
    return { shape: 'List', value: { originalValue: text, interpretedValue: text, resolvedValues: [] }, values };
  }

  // ---------------------------------------------------------------------------------------------
  // Inputs

  private async recognizeIntent(): Promise<void> {
    const { nlu, locale, text } = this.ctx;
    // Only intents whose input contexts are all active can be recognized, so rank them all first.
    const live = new Set((this.state.activeContexts ?? []).map((c) => c.name));
    const eligible = (name: string): boolean => (this.intentDef(name)?.inputContexts ?? []).every((c) => c.name !== undefined && live.has(c.name));
    const ranked = text.trim() ? nlu.classifier.rank(text, locale.intents.length).filter((r) => eligible(r.intent)).slice(0, 5) : [];
    const top = ranked[0];
    const chosen = top && top.confidence >= locale.nluIntentConfidenceThreshold && this.intentDef(top.intent) ? top.intent : FALLBACK;
    const slots = this.emptySlots(chosen);
    if (chosen !== FALLBACK) {
      const nluIntent = nlu.intents.get(chosen);
      if (nluIntent) {
        const found = extractSlotsFromUtterance(text, nluIntent, { localeId: locale.localeId, slotTypes: nlu.slotTypes, now: new Date(this.ctx.now) });
        for (const [name, v] of Object.entries(found)) if (name in slots) slots[name] = toSlot(v);
      }
    } else {
      this.understood = false;
    }
    const intent: RtIntent = { name: chosen, slots, state: 'InProgress', confirmationState: 'None' };
    this.state.intent = intent;
    this.ctx.session.retries = 0;
    // Lex lists FallbackIntent without a score, then the ranked intents.
    const others = ranked
      .filter((r) => r.intent !== chosen && this.intentDef(r.intent))
      .slice(0, 4)
      .map((r) => ({ intent: { name: r.intent, slots: this.emptySlots(r.intent), state: 'InProgress' as const, confirmationState: 'None' as const }, nluConfidence: { score: round2(r.confidence) }, interpretationSource: 'Lex' as const }));
    const first: RtInterpretation = { intent: structuredClone(intent), interpretationSource: 'Lex' };
    if (chosen !== FALLBACK && top) first.nluConfidence = { score: round2(top.confidence) };
    const fallback: RtInterpretation[] = chosen === FALLBACK ? [] : [{ intent: { name: FALLBACK, slots: {} }, interpretationSource: 'Lex' }];
    this.interpretations = [first, ...others, ...fallback].slice(0, 5);
    await this.continueIntent();
  }

  private async answerSlot(intent: RtIntent, slotName: string): Promise<void> {
    const def = this.intentDef(intent.name)!;
    const slot = this.slotDef(def, slotName);
    this.slotName = slotName;
    // A spelling style set for this elicitation (by a code hook or the client) reads the answer as a spelling.
    const style = (this.state.dialogAction?.slotElicitationStyle ?? 'Default') as SlotElicitationStyle;
    const said = style === 'Default' ? this.ctx.text : (despell(this.ctx.text, style, this.ctx.locale.localeId) ?? this.ctx.text);
    const multiple = slot?.multipleValuesSetting?.allowMultipleValues === true;
    const list = slot && multiple ? this.resolveList(said, this.slotTypeName(slot)) : undefined;
    const value = slot && !multiple ? this.resolve(said, this.slotTypeName(slot)) : undefined;
    if (value || list) {
      intent.slots = { ...intent.slots, [slotName]: list ?? toSlot(value!) };
      this.ctx.session.retries = 0;
    } else {
      this.understood = false;
      const capture = slot?.valueElicitationSetting?.slotCaptureSetting;
      const maxRetries = slot?.valueElicitationSetting?.promptSpecification?.maxRetries ?? 2;
      this.interpretations = [{ intent: structuredClone(intent), interpretationSource: 'Lex' }];
      if (this.ctx.session.retries < maxRetries) {
        this.ctx.session.retries++;
        // The elicitation code hook runs between retries, in place of the retry prompt.
        const hook = capture?.elicitationCodeHook;
        if (hook?.enableCodeHookInvocation && def.dialogCodeHook?.enabled && this.ctx.codeHook) {
          this.dialogHookDone = true;
          const proposed = { dialogAction: { type: 'ElicitSlot' as const, slotToElicit: slotName }, intent: structuredClone(intent), prompt: { attempt: `Retry${this.ctx.session.retries}` } };
          const response = await this.callHook('DialogCodeHook', proposed, hook.invocationLabel);
          const done = await this.applyHookResponse(response, 'DialogCodeHook');
          if (!done) await this.elicitSlot(def, slotName);
          // Re-eliciting the same slot keeps counting retries; any other step starts afresh.
          const next = this.state.dialogAction;
          if (next?.type !== 'ElicitSlot' || next.slotToElicit !== slotName || this.state.intent?.name !== intent.name) this.ctx.session.retries = 0;
          return;
        }
        await this.elicitSlot(def, slotName);
        return;
      }
      await this.slotFailed(def, intent, capture);
      return;
    }
    this.interpretations = [{ intent: structuredClone(intent), interpretationSource: 'Lex' }];
    await this.continueIntent();
  }

  private async answerConfirmation(intent: RtIntent): Promise<void> {
    const def = this.intentDef(intent.name)!;
    const answer = this.resolve(this.ctx.text, 'AMAZON.Confirmation')?.interpretedValue;
    this.interpretations = [{ intent: structuredClone(intent), interpretationSource: 'Lex' }];
    if (answer === 'Yes') {
      intent.confirmationState = 'Confirmed';
      this.ctx.session.retries = 0;
      await this.continueIntent();
    } else if (answer === 'No') {
      intent.confirmationState = 'Denied';
      this.ctx.session.retries = 0;
      await this.continueIntent();
    } else {
      this.understood = false;
      const maxRetries = def.intentConfirmationSetting?.promptSpecification?.maxRetries ?? 2;
      if (this.ctx.session.retries < maxRetries) {
        this.ctx.session.retries++;
        this.confirm(def, intent);
      } else {
        await this.startFallback();
      }
    }
  }

  // ---------------------------------------------------------------------------------------------
  // Next steps

  /** Runs the dialog code hook (once per turn), then the default next step. */
  private async continueIntent(): Promise<void> {
    const intent = this.state.intent!;
    const def = this.intentDef(intent.name);
    if (!def) return this.close('Failed');
    if (def.dialogCodeHook?.enabled && this.ctx.codeHook && !this.dialogHookDone) {
      this.dialogHookDone = true;
      const proposed = this.proposeNextStep(def, intent);
      const response = await this.callHook('DialogCodeHook', proposed);
      if (await this.applyHookResponse(response, 'DialogCodeHook')) return;
    }
    await this.defaultNextStep(def, this.state.intent!);
  }

  /** What Lex would do next without a code hook (for `proposedNextState`). */
  private proposeNextStep(def: BuiltIntent, intent: RtIntent): { dialogAction: RtDialogAction; intent: RtIntent; prompt?: { attempt: string } } | undefined {
    const missing = this.firstMissingSlot(def, intent);
    if (missing) return { dialogAction: { type: 'ElicitSlot', slotToElicit: missing }, intent: structuredClone(intent), prompt: { attempt: 'Initial' } };
    if (this.hasConfirmation(def) && (intent.confirmationState ?? 'None') === 'None') {
      return { dialogAction: { type: 'ConfirmIntent' }, intent: structuredClone(intent), prompt: { attempt: 'Initial' } };
    }
    return undefined;
  }

  private firstMissingSlot(def: BuiltIntent, intent: RtIntent): string | undefined {
    for (const slot of this.slotsInOrder(def)) {
      const name = slot.slotName ?? '';
      if (slot.valueElicitationSetting?.slotConstraint === 'Required' && !intent.slots?.[name]?.value) return name;
    }
    return undefined;
  }

  private hasConfirmation(def: BuiltIntent): boolean {
    const c = def.intentConfirmationSetting;
    return Boolean(c && c.active !== false && c.promptSpecification?.messageGroups?.length);
  }

  private async defaultNextStep(def: BuiltIntent, intent: RtIntent): Promise<void> {
    if (intent.name === FALLBACK) return this.fulfill(def, intent);
    const missing = this.firstMissingSlot(def, intent);
    if (missing) return this.elicitSlot(def, missing);
    const confirmation = intent.confirmationState ?? 'None';
    if (this.hasConfirmation(def) && confirmation === 'None') return this.confirm(def, intent);
    if (confirmation === 'Denied') {
      this.messages.push(...renderMessageGroups(def.intentConfirmationSetting?.declinationResponse?.messageGroups, intent, this.channel));
      return this.close('Failed');
    }
    return this.fulfill(def, intent);
  }

  private async elicitSlot(def: BuiltIntent, slotName: string): Promise<void> {
    const slot = this.slotDef(def, slotName);
    // Re-prompting the same slot keeps its spelling style.
    const prev = this.state.dialogAction;
    const style = prev?.type === 'ElicitSlot' && prev.slotToElicit === slotName ? prev.slotElicitationStyle : undefined;
    this.state.dialogAction = { type: 'ElicitSlot', slotToElicit: slotName, ...(style ? { slotElicitationStyle: style } : {}) };
    this.state.intent!.state = 'InProgress';
    this.messages.push(...renderMessageGroups(slot?.valueElicitationSetting?.promptSpecification?.messageGroups, this.state.intent, this.channel));
  }

  private confirm(def: BuiltIntent, intent: RtIntent): void {
    this.state.dialogAction = { type: 'ConfirmIntent' };
    intent.state = 'InProgress';
    this.messages.push(...renderMessageGroups(def.intentConfirmationSetting?.promptSpecification?.messageGroups, intent, this.channel));
  }

  private async fulfill(def: BuiltIntent, intent: RtIntent): Promise<void> {
    const hook = def.fulfillmentCodeHook;
    if (hook?.enabled && this.ctx.codeHook) {
      intent.state = 'FulfillmentInProgress';
      const response = await this.callHook('FulfillmentCodeHook');
      const post = hook.postFulfillmentStatusSpecification;
      const type = response.sessionState.dialogAction.type;
      if (type === 'Close' || type === 'Delegate') {
        this.mergeHookState(response);
        const state = type === 'Close' ? (response.sessionState.intent?.state ?? 'Fulfilled') : 'Fulfilled';
        const configured: MessageGroup[] | undefined = state === 'Failed' ? post?.failureResponse?.messageGroups : post?.successResponse?.messageGroups;
        // A Close with messages is the Lambda's last word: Lex says them and ends the intent, without
        // the configured success/failure response or the closing response (its messages replace the
        // bot's). Without messages, and on Delegate, Lex goes on with the configured responses.
        // https://docs.aws.amazon.com/lexv2/latest/dg/lambda-response-format.html
        if (type === 'Close' && response.messages?.length) {
          this.messages.push(...response.messages);
          return this.close(state === 'ReadyForFulfillment' || state === 'InProgress' ? 'Fulfilled' : state);
        }
        if (response.messages?.length) this.messages.push(...response.messages);
        else this.messages.push(...renderMessageGroups(configured, this.state.intent, this.channel));
        if (state !== 'Failed') this.messages.push(...this.closingMessages(def));
        return this.close(state === 'ReadyForFulfillment' || state === 'InProgress' ? 'Fulfilled' : state);
      }
      await this.applyHookResponse(response, 'FulfillmentCodeHook');
      return;
    }
    // Without a fulfillment code hook Lex marks the intent ReadyForFulfillment and plays the closing response.
    this.messages.push(...this.closingMessages(def));
    return this.close('ReadyForFulfillment');
  }

  private closingMessages(def: BuiltIntent): RtMessage[] {
    const c = def.intentClosingSetting;
    return c && c.active !== false ? renderMessageGroups(c.closingResponse?.messageGroups, this.state.intent, this.channel) : [];
  }

  private close(state: NonNullable<RtIntent['state']>): void {
    this.state.dialogAction = { type: 'Close' };
    if (this.state.intent) this.state.intent.state = state;
    // Closing ReadyForFulfillment (no fulfillment code hook) ends the bot's part as well.
    if ((state === 'Fulfilled' || state === 'ReadyForFulfillment') && this.state.intent) this.activateOutputContexts(this.state.intent);
  }

  // ---------------------------------------------------------------------------------------------
  // Contexts

  /**
   * A fulfilled intent activates its output contexts, carrying its slot values as context
   * attributes; each stays active for its turns or its seconds, whichever ends first.
   * @see https://docs.aws.amazon.com/lexv2/latest/dg/context-mgmt-active-context.html
   * @see https://docs.aws.amazon.com/lexv2/latest/APIReference/API_OutputContext.html
   */
  private activateOutputContexts(intent: RtIntent): void {
    const outputs = this.intentDef(intent.name)?.outputContexts ?? [];
    if (!outputs.length) return;
    const attributes: Record<string, string> = {};
    for (const [name, slot] of Object.entries(intent.slots ?? {})) {
      const value = slot?.value?.interpretedValue;
      if (value !== undefined) attributes[name] = value;
    }
    const names = new Set(outputs.map((o) => o.name));
    const kept = (this.state.activeContexts ?? []).filter((c) => !names.has(c.name));
    const expiry = (this.ctx.session.contextExpiry ??= {});
    for (const o of outputs) {
      expiry[o.name!] = this.ctx.now + (o.timeToLiveInSeconds ?? 86_400) * 1000;
      this.activatedThisTurn.add(o.name!);
    }
    this.state.activeContexts = [
      ...kept,
      ...outputs.map((o) => ({ name: o.name!, timeToLive: { timeToLiveInSeconds: o.timeToLiveInSeconds ?? 86_400, turnsToLive: o.turnsToLive ?? 20 }, contextAttributes: { ...attributes } })),
    ];
  }

  /** Drops contexts whose turns or seconds ran out; a context the client sent starts its clock now. */
  private expireContexts(): void {
    const contexts = this.state.activeContexts;
    if (!contexts) return;
    const expiry = (this.ctx.session.contextExpiry ??= {});
    for (const c of contexts) expiry[c.name] ??= this.ctx.now + (c.timeToLive?.timeToLiveInSeconds ?? 86_400) * 1000;
    this.state.activeContexts = contexts.filter((c) => (c.timeToLive?.turnsToLive ?? 1) > 0 && expiry[c.name]! > this.ctx.now);
    for (const name of Object.keys(expiry)) if (!this.state.activeContexts.some((c) => c.name === name)) delete expiry[name];
  }

  /** A turn has used one of each context's turns, except for contexts this turn activated. */
  private countContextTurn(): void {
    const contexts = this.state.activeContexts;
    if (!contexts) return;
    this.state.activeContexts = contexts
      .map((c) => (this.activatedThisTurn.has(c.name) ? c : { ...c, timeToLive: { ...c.timeToLive, turnsToLive: (c.timeToLive?.turnsToLive ?? 1) - 1 } }))
      .filter((c) => c.timeToLive.turnsToLive > 0);
  }

  /**
   * Retries used up without a value: the slot's failure response, then its `failureNextStep`
   * (default, as the console sets it: start FallbackIntent).
   * @see https://docs.aws.amazon.com/lexv2/latest/APIReference/API_SlotCaptureSetting.html
   * @see https://docs.aws.amazon.com/lexv2/latest/APIReference/API_DialogState.html
   */
  private async slotFailed(def: BuiltIntent, intent: RtIntent, capture: SlotCaptureSetting | undefined): Promise<void> {
    this.ctx.session.retries = 0;
    this.messages.push(...renderMessageGroups(capture?.failureResponse?.messageGroups, intent));
    const next = capture?.failureNextStep?.dialogAction;
    switch (next?.type) {
      case undefined:
      case 'StartIntent':
        return this.startFallback(capture?.failureNextStep?.intent?.name || FALLBACK);
      case 'InvokeDialogCodeHook': {
        if (!def.dialogCodeHook?.enabled || !this.ctx.codeHook) return this.startFallback();
        this.dialogHookDone = true;
        const response = await this.callHook('DialogCodeHook', this.proposeNextStep(def, intent));
        if (!(await this.applyHookResponse(response, 'DialogCodeHook'))) await this.defaultNextStep(def, this.state.intent!);
        return;
      }
      case 'ElicitSlot':
        if (next.slotToElicit && this.slotDef(def, next.slotToElicit)) return this.elicitSlot(def, next.slotToElicit);
        return this.startFallback();
      case 'ElicitIntent':
        this.state.dialogAction = { type: 'ElicitIntent' };
        delete this.state.intent;
        return;
      case 'ConfirmIntent':
        return this.confirm(def, intent);
      case 'FulfillIntent':
        return this.fulfill(def, intent);
      case 'CloseIntent':
      case 'EndConversation':
        return this.close('Failed');
      default:
        // EvaluateConditional and anything newer: not modelled, Lex's default instead.
        return this.startFallback();
    }
  }

  private async startFallback(name = FALLBACK): Promise<void> {
    if (name !== FALLBACK && !this.intentDef(name)) name = FALLBACK;
    this.ctx.session.retries = 0;
    this.state.intent = name === FALLBACK ? { name: FALLBACK, slots: {}, state: 'InProgress', confirmationState: 'None' } : this.emptySlotsIntent(name);
    const def = this.intentDef(name);
    if (!def) return this.close('Failed');
    this.dialogHookDone = false;
    await this.continueIntent();
  }

  // ---------------------------------------------------------------------------------------------
  // Code hooks

  private async callHook(source: 'DialogCodeHook' | 'FulfillmentCodeHook', proposed?: ReturnType<Turn['proposeNextStep']>, invocationLabel?: string): Promise<CodeHookResponse> {
    const { locale, alias, session } = this.ctx;
    const event = buildCodeHookEvent({
      invocationSource: source,
      ...(invocationLabel ? { invocationLabel } : {}),
      inputMode: this.ctx.inputMode,
      sessionId: session.sessionId,
      inputTranscript: this.ctx.text,
      bot: { id: locale.botId, name: locale.botName, localeId: locale.localeId, version: locale.botVersion, aliasId: alias.botAliasId, aliasName: alias.botAliasName },
      interpretations: this.interpretations.length ? this.interpretations : [{ intent: this.state.intent! }],
      proposedNextState: proposed,
      requestAttributes: this.ctx.requestAttributes,
      sessionState: this.state,
    });
    return invokeCodeHook(this.ctx.codeHook!, event, this.ctx.codeHookTimeoutMs);
  }

  private mergeHookState(response: CodeHookResponse): void {
    const s = response.sessionState;
    if (s.sessionAttributes) this.state.sessionAttributes = s.sessionAttributes;
    if (s.activeContexts) this.state.activeContexts = s.activeContexts;
    if (s.intent) {
      if (s.intent.name !== this.state.intent?.name) {
        if (!this.intentDef(s.intent.name)) throw new CodeHookError(`Invalid Lambda Response: intent ${s.intent.name} does not exist in the locale`);
        this.developerOverride = true;
      }
      this.state.intent = { ...this.emptySlotsIntent(s.intent.name), ...s.intent, slots: { ...this.emptySlots(s.intent.name), ...(s.intent.slots ?? {}) } };
    }
  }

  /**
   * Honours a code-hook response. Returns true when the turn is complete; false for Delegate,
   * where the caller continues with the default next step.
   */
  private async applyHookResponse(response: CodeHookResponse, source: 'DialogCodeHook' | 'FulfillmentCodeHook'): Promise<boolean> {
    this.mergeHookState(response);
    const action = response.sessionState.dialogAction;
    const intent = this.state.intent;
    const def = intent ? this.intentDef(intent.name) : undefined;
    const hookMessages = response.messages ?? [];
    switch (action.type) {
      case 'Delegate':
        if (source === 'DialogCodeHook') return false;
        this.close('Fulfilled');
        return true;
      case 'Close':
        this.messages.push(...hookMessages);
        this.close(intent?.state && intent.state !== 'InProgress' ? intent.state : 'Fulfilled');
        return true;
      case 'ElicitSlot': {
        const slotName = action.slotToElicit!;
        if (!def || !this.slotDef(def, slotName)) throw new CodeHookError(`Invalid Lambda Response: slot ${slotName} does not exist in intent ${intent?.name}`);
        this.state.dialogAction = { type: 'ElicitSlot', slotToElicit: slotName, ...(action.slotElicitationStyle ? { slotElicitationStyle: action.slotElicitationStyle } : {}) };
        intent!.state = 'InProgress';
        if (hookMessages.length) this.messages.push(...hookMessages);
        else await this.elicitSlot(def, slotName);
        return true;
      }
      case 'ConfirmIntent':
        this.state.dialogAction = { type: 'ConfirmIntent' };
        intent!.state = 'InProgress';
        intent!.confirmationState = 'None';
        this.messages.push(...hookMessages);
        return true;
      case 'ElicitIntent':
        this.state.dialogAction = { type: 'ElicitIntent' };
        delete this.state.intent;
        this.messages.push(...hookMessages);
        return true;
      default:
        throw new CodeHookError(`Invalid Lambda Response: dialog action ${action.type}`);
    }
  }

  private emptySlots(intentName: string): Record<string, RtSlot | null> {
    const def = this.intentDef(intentName);
    return Object.fromEntries((def?.slots ?? []).map((s) => [s.slotName ?? '', null]));
  }

  private emptySlotsIntent(name: string): RtIntent {
    return { name, slots: this.emptySlots(name), state: 'InProgress', confirmationState: 'None' };
  }
}

function toSlot(v: ResolvedSlotValue): RtSlot {
  return { value: { originalValue: v.originalValue, interpretedValue: v.interpretedValue, resolvedValues: v.resolvedValues }, shape: 'Scalar' };
}

function round2(n: number): number {
  return Math.round(n * 100) / 100;
}
