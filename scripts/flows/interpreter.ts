/**
 * The contact-flow interpreter: runs one contact through the flows of `flows/` the way Amazon
 * Connect runs a contact flow, block by block, and returns the path it took (blocks visited with
 * the branch each left by, contact attributes set, the queue reached, the callback, the hang-up)
 * with the transcript of what was said.
 *
 * Everything outside the flow is injected, so the same interpreter runs on the embedded local
 * defaults (`flows/simulator.ts`) and in tests with faults:
 * - the caller ({@link Caller}): DTMF for "Get customer input", words for the Lex bot;
 * - the clock, for "Check hours of operation" against `flows/instance.yaml`;
 * - the Lambdas `instance.yaml` names, by function (`connect`: the customer lookup);
 * - the Lex V2 bots, as Lex Runtime V2 clients ({@link BotBinding}): the bot block is a
 *   RecognizeText conversation in the contact's language, with the block's `LexSessionAttributes`
 *   as session attributes and the contact id as Lex session id, as Connect does;
 * - faults: a Lambda that fails, times out or answers with something that is not a string map, and
 *   queues at capacity.
 *
 * Modelled actions: MessageParticipant, GetParticipantInput (DTMF), ConnectParticipantWithLexBot
 * (Lex V2), DisconnectParticipant, InvokeLambdaFunction, CreateCallbackContact,
 * UpdateContactTargetQueue, TransferContactToQueue (then the customer queue flow's first pass),
 * UpdateContactAttributes, UpdateContactCallbackNumber, UpdateContactData (language),
 * UpdateContactTextToSpeechVoice, UpdateContactEventHooks, CheckHoursOfOperation, Compare, Loop,
 * EndFlowExecution, TransferToFlow, UpdateFlowLoggingBehavior. A contact that reaches any other type
 * stops there (outcome `unsupported`).
 *
 * @see https://docs.aws.amazon.com/connect/latest/APIReference/flow-language-actions.html
 * @see https://docs.aws.amazon.com/connect/latest/adminguide/connect-attrib-list.html
 * @module
 */
import { randomUUID } from 'node:crypto';
import { parsePhoneNumberFromString } from 'libphonenumber-js';
import type { LexRuntimeV2Client } from '@aws-sdk/client-lex-runtime-v2';
import { maskPhone } from '../../fulfillment/security/mask.js';
import { LexSession, type TurnResult } from '../conversation/session.js';
import { localeOfLanguage } from './analysis.js';
import type { ContactFlow, FlowAction, FlowInstance, HoursSlice } from './model.js';

/** The Connect channel of a contact. */
export type ContactChannel = 'VOICE' | 'CHAT';

/** What the flow asks the caller for. */
export interface InputRequest {
  /** `dtmf`: "Get customer input" keys; `speech`: the next thing said (or typed) to the Lex bot. */
  kind: 'dtmf' | 'speech';
  flow: string;
  /** The block asking. */
  action: string;
  /** The bot's last turn in this block (speech, after the first turn). */
  lastTurn?: TurnResult;
}

/**
 * The caller answers {@link InputRequest}s: the keys or words, `null` = says nothing (the block
 * times out: `InputTimeLimitExceeded`), `undefined` = hangs up.
 */
export interface Caller {
  respond(request: InputRequest): Promise<string | null | undefined>;
}

/** A Lambda as the flow invokes it: the Connect event in, the function's result out; rejects when the function fails. */
export type FlowLambda = (event: ConnectLambdaEvent) => Promise<unknown>;

/**
 * The event of "Invoke AWS Lambda function".
 * @see https://docs.aws.amazon.com/connect/latest/adminguide/connect-lambda-functions.html
 */
export interface ConnectLambdaEvent {
  Name: 'ContactFlowEvent';
  Details: {
    ContactData: {
      Attributes: Record<string, string>;
      Channel: ContactChannel;
      ContactId: string;
      InitialContactId: string;
      InitiationMethod: 'INBOUND';
      InstanceARN: string;
      LanguageCode?: string;
      CustomerEndpoint: { Address: string; Type: 'TELEPHONE_NUMBER' } | null;
      SystemEndpoint: { Address: string; Type: 'TELEPHONE_NUMBER' } | null;
      Queue: { Name: string } | null;
    };
    Parameters: Record<string, string>;
  };
}

/** A Lex V2 bot alias the bot block talks to. */
export interface BotBinding {
  runtime: LexRuntimeV2Client;
  botId: string;
  botAliasId: string;
  /** The alias's locales: a contact in another language takes the block's error branch. */
  localeIds: readonly string[];
}

/** Faults to inject (tests, `bots call --fault`). */
export interface ContactFaults {
  /** By `instance.yaml` Lambda name: the function fails (`error`), runs past the block's time limit (`timeout`) or returns a non-string-map (`invalid`). */
  lambda?: Record<string, 'error' | 'timeout' | 'invalid'>;
  /** Queue names whose TransferContactToQueue takes `QueueAtCapacity`. */
  queuesAtCapacity?: readonly string[];
  /** By bot name: every RecognizeText fails (the bot block's error branch). */
  bot?: Record<string, 'error'>;
}

/** What {@link runContact} needs. */
export interface ContactOptions {
  /** Every flow of the project (the customer queue flow and TransferToFlow targets are looked up here). */
  flows: readonly ContactFlow[];
  instance: FlowInstance;
  /** The flow the contact starts in; default: the flow `instance.yaml` associates with `to`. */
  flow?: string;
  /** The dialled number (`$.SystemEndpoint.Address`), E.164. */
  to: string;
  /** The caller's number (`$.CustomerEndpoint.Address`), E.164. On chat it is a claim the lookup does not route on. */
  from: string;
  channel?: ContactChannel;
  caller: Caller;
  /** The clock for hours of operation (default: the real time). */
  now?: () => Date;
  /** Lambdas by `instance.yaml` `function` kind. */
  lambdas: Partial<Record<'connect' | 'lex', FlowLambda>>;
  /** The bot alias for `{{bot:Name}}` / `{{bot:Name/alias}}`; undefined when there is none. */
  bot: (name: string, alias?: string) => BotBinding | undefined;
  /** The region whose numbers `{{phoneNumber:X}}` means (`instance.yaml` `regions.<r>`; default the `number`). */
  region?: string;
  faults?: ContactFaults;
  /** Default: a random UUID (Connect's contact ids are UUIDs); also the Lex session id. */
  contactId?: string;
  /** Called for every transcript entry as it happens (interactive `bots call`). */
  onTranscript?: (entry: TranscriptEntry) => void;
  /** Stop after this many blocks (a flow that loops for ever); default 500. */
  maxBlocks?: number;
  /** Lex turns per bot block before the contact is stopped; default 50. */
  maxLexTurns?: number;
}

/** One line of the transcript. */
export interface TranscriptEntry {
  /** `system`: a prompt the flow plays; `bot`: the Lex bot; `caller`: what the caller said or keyed. */
  from: 'system' | 'bot' | 'caller';
  text: string;
  /** `dtmf` for keys pressed, `prompt` for a recorded prompt played by name. */
  kind?: 'dtmf' | 'prompt' | 'silence';
  flow: string;
  action: string;
}

/** A block the contact went through. */
export interface BlockVisit {
  flow: string;
  id: string;
  type: string;
  /** How it left: `next`, the condition (`= TransferToAgent`), or `error: <ErrorType>`; absent for the last block. */
  exit?: string;
  /** What happened there, in a few words (the hours checked, the Lambda's answer, the queue set). */
  detail?: string;
}

/** A contact attribute a block set. */
export interface AttributeChange {
  flow: string;
  action: string;
  name: string;
  value: string;
}

/** One turn of the bot conversation. */
export interface LexTurn {
  action: string;
  localeId: string;
  input: string;
  result: TurnResult;
}

/** How the contact ended. */
export type ContactOutcome =
  | { kind: 'queue'; queue: string; queueFlow?: string }
  | { kind: 'callback'; queue: string; callbackNumber: string; initialDelaySeconds: number }
  | { kind: 'disconnected' }
  | { kind: 'caller-hung-up'; action: string }
  | { kind: 'unsupported'; action: string; type: string }
  | { kind: 'stopped'; reason: string };

/** The path a contact took: what `bots call` prints and conversation tests check. */
export interface ContactPath {
  contactId: string;
  channel: ContactChannel;
  flow: string;
  to: string;
  from: string;
  blocks: BlockVisit[];
  attributesSet: AttributeChange[];
  /** The contact attributes at the end. */
  attributes: Record<string, string>;
  /** `$.LanguageCode` at the end (e.g. `es-US`). */
  languageCode?: string;
  voice?: string;
  /** The working queue at the end. */
  queue?: string;
  callbackNumber?: string;
  outcome: ContactOutcome;
  transcript: TranscriptEntry[];
  lexTurns: LexTurn[];
  /** Lambda invocations: the function's reference name, its answer or the error. */
  lambdaCalls: { action: string; lambda: string; result?: Record<string, string>; error?: string }[];
}

/** A flow, action or instance problem the contact cannot run past (the flow file is wrong, not the contact). */
export class ContactFlowError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ContactFlowError';
  }
}

const DEFAULT_LANGUAGE = 'en-US';
const LOCAL_INSTANCE_ARN = 'arn:aws:connect:us-east-1:000000000000:instance/00000000-0000-0000-0000-000000000000';
const REF = /^\{\{\s*([A-Za-z]+)\s*:\s*([^{}]+?)\s*\}\}$/;
const ANY_REF = /\{\{\s*([A-Za-z]+)\s*:\s*([^{}]+?)\s*\}\}/g;
const JSON_PATH = /\$\.(?:[A-Za-z][A-Za-z0-9_]*)(?:\.(?:[A-Za-z0-9_-]+|\['[^']*'\]))*/g;

/** The flow `instance.yaml` associates with a dialled number (its `number` or any region's). */
export function flowForNumber(instance: FlowInstance, to: string): string | undefined {
  return instance.phoneNumbers.find((p) => p.number === to || Object.values(p.regions).includes(to))?.flow;
}

/**
 * Whether `at` falls in the hours (standard hours only, as Connect's `HoursOfOperationConfig`):
 * the weekday and time of day in the hours' time zone, start inclusive, end exclusive; an end of
 * `00:00` means midnight; a slice whose end is before its start runs past midnight.
 * @see https://docs.aws.amazon.com/connect/latest/APIReference/API_HoursOfOperationConfig.html
 */
export function isWithinHours(hours: { timeZone: string; config: readonly HoursSlice[] }, at: Date): boolean {
  const parts = new Intl.DateTimeFormat('en-US', { timeZone: hours.timeZone, weekday: 'long', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).formatToParts(at);
  const get = (t: string) => parts.find((p) => p.type === t)?.value ?? '';
  const day = get('weekday').toUpperCase();
  const minute = Number(get('hour')) * 60 + Number(get('minute'));
  const days = ['SUNDAY', 'MONDAY', 'TUESDAY', 'WEDNESDAY', 'THURSDAY', 'FRIDAY', 'SATURDAY'];
  const yesterday = days[(days.indexOf(day) + 6) % 7];
  const m = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));
  return hours.config.some((s) => {
    const start = m(s.start);
    const end = s.end === '00:00' ? 24 * 60 : m(s.end);
    if (end > start) return s.day === day && minute >= start && minute < end;
    // Past midnight: the evening part today, the early part belongs to yesterday's slice.
    return (s.day === day && minute >= start) || (s.day === yesterday && minute < end);
  });
}

/** The local time of `at` in a time zone, for the path's detail (`Monday 21:30 America/New_York`). */
function localTime(at: Date, timeZone: string): string {
  return `${new Intl.DateTimeFormat('en-US', { timeZone, weekday: 'long', hour: '2-digit', minute: '2-digit', hourCycle: 'h23' }).format(at).replace(',', '')} ${timeZone}`;
}

/** Mutable state of one contact. */
interface Contact {
  id: string;
  channel: ContactChannel;
  customerEndpoint: string;
  systemEndpoint: string;
  languageCode?: string;
  voice?: string;
  attributes: Record<string, string>;
  external: Record<string, string>;
  lex: { sessionAttributes: Record<string, string>; intentName?: string; slots: Record<string, string | null> };
  storedInput?: string;
  queue?: string;
  callbackNumber?: string;
  eventHooks: Record<string, string>;
  loops: Map<string, number>;
  sessions: Map<string, LexSession>;
}

/**
 * Runs one contact from its flow's StartAction to the end (a disconnect, a queue, a callback, the
 * caller hanging up) and returns the path.
 * @throws ContactFlowError when the start flow does not exist or a transition names a missing block
 *   (`bots validate` reports both); a caller or Lex client that throws outside a block's error
 *   handling is not caught.
 * @example
 * const path = await runContact({ flows, instance, to: '+18005550100', from: '+12025550143', caller, lambdas, bot });
 * path.outcome; // { kind: 'queue', queue: 'VIP', queueFlow: 'SelfServiceQueue' }
 */
export async function runContact(opts: ContactOptions): Promise<ContactPath> {
  const flowName = opts.flow ?? flowForNumber(opts.instance, opts.to);
  if (!flowName) throw new ContactFlowError(`No flow answers ${opts.to}: flows/instance.yaml associates no phone number with it.`);
  const start = opts.flows.find((f) => f.name === flowName);
  if (!start) throw new ContactFlowError(`There is no flow ${flowName} in flows/ (flows: ${opts.flows.map((f) => f.name).join(', ') || 'none'}).`);
  const now = opts.now ?? (() => new Date());
  const channel = opts.channel ?? 'VOICE';
  const contact: Contact = {
    id: opts.contactId ?? randomUUID(),
    channel,
    customerEndpoint: opts.from,
    systemEndpoint: opts.to,
    attributes: {},
    external: {},
    lex: { sessionAttributes: {}, slots: {} },
    eventHooks: {},
    loops: new Map(),
    sessions: new Map(),
  };
  const path: ContactPath = {
    contactId: contact.id,
    channel,
    flow: start.name,
    to: opts.to,
    from: opts.from,
    blocks: [],
    attributesSet: [],
    attributes: contact.attributes,
    outcome: { kind: 'stopped', reason: 'not started' },
    transcript: [],
    lexTurns: [],
    lambdaCalls: [],
  };
  const maxBlocks = opts.maxBlocks ?? 500;
  // Set by CreateCallbackContact: the contact then ends as a callback when the flow disconnects.
  let pendingCallback: Extract<ContactOutcome, { kind: 'callback' }> | undefined;
  const say = (entry: TranscriptEntry) => {
    path.transcript.push(entry);
    opts.onTranscript?.(entry);
  };

  // ---- values -------------------------------------------------------------------------------
  const pathValue = (expr: string): string | undefined => {
    const segs = [...expr.slice(2).matchAll(/([A-Za-z0-9_-]+)|\['([^']*)'\]/g)].map((m) => m[1] ?? m[2]!);
    const [head, ...rest] = segs;
    const key = rest.join('.');
    switch (head) {
      case 'Attributes': return contact.attributes[key];
      case 'External': return contact.external[key];
      case 'ContactId': case 'InitialContactId': return contact.id;
      case 'Channel': return contact.channel;
      case 'LanguageCode': return contact.languageCode ?? DEFAULT_LANGUAGE;
      case 'StoredCustomerInput': return contact.storedInput;
      case 'CustomerEndpoint': return key === 'Address' ? contact.customerEndpoint : key === 'Type' ? 'TELEPHONE_NUMBER' : undefined;
      case 'SystemEndpoint': return key === 'Address' ? contact.systemEndpoint : key === 'Type' ? 'TELEPHONE_NUMBER' : undefined;
      case 'Queue': return key === 'Name' ? contact.queue : undefined;
      case 'Lex': {
        const [what, ...name] = rest;
        if (what === 'SessionAttributes') return contact.lex.sessionAttributes[name.join('.')];
        if (what === 'IntentName') return contact.lex.intentName;
        if (what === 'Slots') return contact.lex.slots[name.join('.')] ?? undefined;
        return undefined;
      }
      default: return undefined;
    }
  };
  const phoneNumberOf = (name: string) => {
    const p = opts.instance.phoneNumbers.find((n) => n.name === name);
    return p ? (opts.region ? p.regions[opts.region] : undefined) ?? p.number : undefined;
  };
  /** A parameter string with its JSONPath references (and `{{phoneNumber:X}}`) replaced; missing values become "". */
  const evaluate = (value: unknown): string => {
    if (value === undefined || value === null) return '';
    const s = String(value);
    if (/^\$\.[A-Za-z]/.test(s) && s.match(JSON_PATH)?.[0] === s) return pathValue(s) ?? '';
    return s.replace(JSON_PATH, (m) => pathValue(m) ?? '').replace(ANY_REF, (m, kind: string, name: string) => (kind === 'phoneNumber' ? (phoneNumberOf(name) ?? m) : m));
  };
  /** The resource a parameter names: `{{kind:Name}}` → Name; an ARN → its last segment. */
  const resource = (value: unknown, kind: string): string | undefined => {
    const s = evaluate(value);
    const m = REF.exec(s);
    if (m) return m[1] === kind ? m[2]! : undefined;
    return s ? s.split('/').pop() : undefined;
  };

  // ---- blocks -------------------------------------------------------------------------------
  type Step = { exit: string; next?: string; detail?: string; end?: ContactOutcome };
  const error = (a: FlowAction, type: string, detail?: string): Step => {
    const branch = a.errors.find((e) => e.errorType === type) ?? a.errors.find((e) => e.errorType === 'NoMatchingError');
    if (!branch) return { exit: `error: ${type}`, ...(detail ? { detail } : {}), end: { kind: 'stopped', reason: `${a.id} (${a.type}) raised ${type} and has no branch for it` } };
    return { exit: `error: ${type}`, next: branch.next, ...(detail ? { detail } : {}) };
  };
  const next = (a: FlowAction, detail?: string): Step => (a.next !== undefined ? { exit: 'next', next: a.next, ...(detail ? { detail } : {}) } : error(a, 'NoMatchingError', detail));
  const compare = (a: FlowAction, value: string, detail?: string): Step => {
    const hit = a.conditions.find((c) => matches(c.operator, value, c.operands.map(evaluate)));
    if (hit) return { exit: `${c2s(hit.operator)} ${hit.operands.join(', ')}`, next: hit.next, ...(detail ? { detail } : {}) };
    return a.errors.some((e) => e.errorType === 'NoMatchingCondition') ? error(a, 'NoMatchingCondition', detail) : next(a, detail);
  };
  const prompt = (a: FlowAction) => {
    const p = a.parameters;
    if (p.Text !== undefined) return { text: evaluate(p.Text) };
    if (p.SSML !== undefined) return { text: evaluate(p.SSML).replace(/<[^>]+>/g, '').replace(/\s+/g, ' ').trim() };
    if (p.PromptId !== undefined) return { text: `(prompt ${resource(p.PromptId, 'prompt') ?? evaluate(p.PromptId)})`, kind: 'prompt' as const };
    return undefined;
  };
  const play = (flow: ContactFlow, a: FlowAction) => {
    const p = prompt(a);
    if (p && p.text) say({ from: 'system', text: p.text, ...(p.kind ? { kind: p.kind } : {}), flow: flow.name, action: a.id });
  };

  const lexBlock = async (flow: ContactFlow, a: FlowAction): Promise<Step> => {
    const v2 = a.parameters.LexV2Bot as { AliasArn?: unknown } | undefined;
    const arn = evaluate(v2?.AliasArn);
    const m = REF.exec(arn);
    const [botName, alias] = m && m[1] === 'bot' ? m[2]!.split('/', 2) : [arn];
    const binding = botName ? opts.bot(botName, alias) : undefined;
    if (!binding) return error(a, 'NoMatchingError', `no bot alias for ${arn || '(none)'}`);
    const localeId = localeOfLanguage(contact.languageCode ?? DEFAULT_LANGUAGE);
    if (!binding.localeIds.includes(localeId)) return error(a, 'NoMatchingError', `bot ${botName} has no locale ${localeId}`);
    play(flow, a);
    const sessionAttributes = Object.fromEntries(Object.entries((a.parameters.LexSessionAttributes ?? {}) as Record<string, unknown>).map(([k, v]) => [k, evaluate(v)]));
    // One Lex session per contact and locale, as Connect does (session id = contact id).
    let session = contact.sessions.get(localeId);
    if (!session) {
      session = new LexSession(
        { runtime: binding.runtime, botId: binding.botId, botAliasId: binding.botAliasId, localeId },
        { sessionId: contact.id, voice: contact.channel === 'VOICE', ...(contact.channel === 'CHAT' ? { requestAttributes: { 'x-amz-lex:channels:platform': 'Connect Chat' } } : {}) },
      );
      contact.sessions.set(localeId, session);
    }
    session.setAttributes(sessionAttributes);
    let lastTurn: TurnResult | undefined;
    for (let turn = 0; turn < (opts.maxLexTurns ?? 50); turn++) {
      const input = await opts.caller.respond({ kind: 'speech', flow: flow.name, action: a.id, ...(lastTurn ? { lastTurn } : {}) });
      if (input === undefined) return { exit: 'caller hung up', end: { kind: 'caller-hung-up', action: a.id }, detail: `${turn} turn(s) with ${botName}` };
      if (input === null) {
        say({ from: 'caller', text: '(silence)', kind: 'silence', flow: flow.name, action: a.id });
        return error(a, 'InputTimeLimitExceeded', `the caller said nothing to ${botName}`);
      }
      say({ from: 'caller', text: input, flow: flow.name, action: a.id });
      if (opts.faults?.bot?.[botName!] === 'error') return error(a, 'NoMatchingError', `RecognizeText failed (injected fault)`);
      let result: TurnResult;
      try {
        result = await session.say(input);
      } catch (err) {
        return error(a, 'NoMatchingError', `RecognizeText failed: ${(err as Error)?.name ?? 'Error'}`);
      }
      path.lexTurns.push({ action: a.id, localeId, input, result });
      for (const msg of result.messages) if (msg.text) say({ from: 'bot', text: msg.text, flow: flow.name, action: a.id });
      contact.lex = { sessionAttributes: { ...result.sessionAttributes }, ...(result.intent ? { intentName: result.intent.name, slots: result.intent.slots } : { slots: {} }) };
      lastTurn = result;
      // The block hands the contact back to the flow when the bot closes the intent.
      if (result.dialogAction?.type === 'Close') {
        const detail = `${botName} ${localeId}: ${result.intent?.name ?? '-'} ${result.intent?.state ?? ''}`.trim();
        return a.conditions.length ? compare(a, contact.lex.intentName ?? '', detail) : next(a, detail);
      }
    }
    return { exit: 'stopped', end: { kind: 'stopped', reason: `more than ${opts.maxLexTurns ?? 50} turns with the bot in ${a.id}` } };
  };

  const lambdaBlock = async (a: FlowAction): Promise<Step> => {
    const name = resource(a.parameters.LambdaFunctionARN, 'lambda') ?? '';
    const def = opts.instance.lambdas.find((l) => l.name === name);
    const fn = def ? opts.lambdas[def.function] : undefined;
    const call: ContactPath['lambdaCalls'][number] = { action: a.id, lambda: name };
    path.lambdaCalls.push(call);
    if (!fn) {
      call.error = 'no such Lambda';
      return error(a, 'NoMatchingError', `no Lambda ${name}`);
    }
    const limitMs = Number(a.parameters.InvocationTimeLimitSeconds ?? 3) * 1000;
    const parameters = Object.fromEntries(Object.entries((a.parameters.LambdaInvocationAttributes ?? {}) as Record<string, unknown>).map(([k, v]) => [k, evaluate(v)]));
    const event: ConnectLambdaEvent = {
      Name: 'ContactFlowEvent',
      Details: {
        ContactData: {
          Attributes: { ...contact.attributes },
          Channel: contact.channel,
          ContactId: contact.id,
          InitialContactId: contact.id,
          InitiationMethod: 'INBOUND',
          InstanceARN: LOCAL_INSTANCE_ARN,
          ...(contact.languageCode ? { LanguageCode: contact.languageCode } : {}),
          CustomerEndpoint: contact.customerEndpoint ? { Address: contact.customerEndpoint, Type: 'TELEPHONE_NUMBER' } : null,
          SystemEndpoint: { Address: contact.systemEndpoint, Type: 'TELEPHONE_NUMBER' },
          Queue: contact.queue ? { Name: contact.queue } : null,
        },
        Parameters: parameters,
      },
    };
    const fault = opts.faults?.lambda?.[name];
    let result: unknown;
    try {
      if (fault === 'error') throw Object.assign(new Error('the function failed (injected fault)'), { name: 'InjectedFault' });
      if (fault === 'timeout') throw Object.assign(new Error(`no answer within ${limitMs / 1000} s (injected fault)`), { name: 'TimeoutError' });
      let timer: NodeJS.Timeout | undefined;
      result = await Promise.race([
        fn(event),
        new Promise<never>((_, reject) => {
          timer = setTimeout(() => reject(Object.assign(new Error(`no answer within ${limitMs / 1000} s`), { name: 'TimeoutError' })), limitMs);
        }),
      ]).finally(() => clearTimeout(timer));
      if (fault === 'invalid') result = { nested: { not: 'a string map' } };
    } catch (err) {
      call.error = `${(err as Error)?.name ?? 'Error'}: ${(err as Error)?.message ?? String(err)}`;
      return error(a, 'NoMatchingError', `${name} failed: ${call.error}`);
    }
    // STRING_MAP (the default): a flat object of strings, else the error branch.
    const validation = (a.parameters.ResponseValidation as { ResponseType?: string } | undefined)?.ResponseType ?? 'STRING_MAP';
    if (validation === 'STRING_MAP' && !isStringMap(result)) {
      call.error = 'the response is not a flat map of strings';
      return error(a, 'NoMatchingError', `${name} answered something that is not a STRING_MAP`);
    }
    contact.external = isStringMap(result) ? { ...result } : {};
    call.result = { ...contact.external };
    return next(a, `${name}: ${Object.entries(contact.external).map(([k, v]) => `${k}=${v}`).join(' ')}`);
  };

  const step = async (flow: ContactFlow, a: FlowAction): Promise<Step> => {
    const p = a.parameters;
    switch (a.type) {
      case 'UpdateContactAttributes': {
        if (p.TargetContact !== undefined && p.TargetContact !== 'Current') return next(a, `TargetContact ${String(p.TargetContact)} (not simulated)`);
        const set = Object.entries((p.Attributes ?? {}) as Record<string, unknown>).map(([k, v]) => [k, evaluate(v)] as const);
        for (const [name, value] of set) {
          contact.attributes[name] = value;
          path.attributesSet.push({ flow: flow.name, action: a.id, name, value });
        }
        return next(a, set.map(([k, v]) => `${k}=${v.length > 24 ? `${v.slice(0, 21)}...` : v}`).join(' '));
      }
      case 'UpdateContactData': {
        if (p.LanguageCode !== undefined) {
          const code = evaluate(p.LanguageCode);
          if (!/^[a-z]{2}-[A-Z]{2}$/.test(code)) return error(a, 'NoMatchingError', `"${code}" is not a language code`);
          contact.languageCode = code;
          return next(a, `language ${code}`);
        }
        return next(a);
      }
      case 'UpdateContactTextToSpeechVoice': {
        contact.voice = evaluate(p.TextToSpeechVoice);
        return contact.voice ? next(a, `voice ${contact.voice}${p.TextToSpeechEngine ? ` (${String(p.TextToSpeechEngine)})` : ''}`) : error(a, 'NoMatchingError', 'no voice');
      }
      case 'UpdateFlowLoggingBehavior':
        return next(a);
      case 'UpdateContactEventHooks': {
        const hooks = Object.entries((p.EventHooks ?? {}) as Record<string, unknown>).map(([k, v]) => [k, resource(v, 'flow')] as const);
        for (const [hook, f] of hooks) {
          if (!f || !opts.flows.some((x) => x.name === f)) return error(a, 'NoMatchingError', `${hook}: no flow ${f ?? ''}`);
          contact.eventHooks[hook] = f;
        }
        return next(a, hooks.map(([k, v]) => `${k}=${v}`).join(' '));
      }
      case 'Compare':
        return compare(a, evaluate(p.ComparisonValue), `${String(p.ComparisonValue)} = "${evaluate(p.ComparisonValue)}"`);
      case 'CheckHoursOfOperation': {
        const name = resource(p.HoursOfOperationId, 'hoursOfOperation');
        const hours = opts.instance.hoursOfOperation.find((h) => h.name === name);
        if (!hours) return error(a, 'NoMatchingError', `no hours of operation ${name ?? ''}`);
        const at = now();
        const open = isWithinHours(hours, at);
        return compare(a, open ? 'True' : 'False', `${name}: ${open ? 'open' : 'closed'} (${localTime(at, hours.timeZone)})`);
      }
      case 'Loop': {
        const count = (contact.loops.get(`${flow.name}/${a.id}`) ?? 0) + 1;
        contact.loops.set(`${flow.name}/${a.id}`, count);
        const more = count <= Number(p.LoopCount ?? 0);
        if (!more) contact.loops.delete(`${flow.name}/${a.id}`);
        return compare(a, more ? 'ContinueLooping' : 'DoneLooping', more ? `iteration ${count}` : 'done');
      }
      case 'MessageParticipant':
        play(flow, a);
        return next(a);
      case 'GetParticipantInput': {
        play(flow, a);
        const input = await opts.caller.respond({ kind: 'dtmf', flow: flow.name, action: a.id });
        if (input === undefined) return { exit: 'caller hung up', end: { kind: 'caller-hung-up', action: a.id } };
        if (input === null || input === '') {
          say({ from: 'caller', text: '(no key pressed)', kind: 'silence', flow: flow.name, action: a.id });
          return error(a, 'InputTimeLimitExceeded', `no input within ${String(p.InputTimeLimitSeconds ?? 5)} s`);
        }
        say({ from: 'caller', text: input, kind: 'dtmf', flow: flow.name, action: a.id });
        if (p.StoreInput === 'True') contact.storedInput = input;
        return a.conditions.length ? compare(a, input, `pressed ${input}`) : next(a, `pressed ${input}`);
      }
      case 'ConnectParticipantWithLexBot':
        return lexBlock(flow, a);
      case 'InvokeLambdaFunction':
        return lambdaBlock(a);
      case 'UpdateContactTargetQueue': {
        const name = resource(p.QueueId, 'queue');
        if (!name || !opts.instance.queues.some((q) => q.name === name)) return error(a, 'NoMatchingError', `no queue ${name ?? ''}`);
        contact.queue = name;
        return next(a, `working queue ${name}`);
      }
      case 'TransferContactToQueue': {
        if (!contact.queue) return error(a, 'NoMatchingError', 'no working queue set');
        if (opts.faults?.queuesAtCapacity?.includes(contact.queue)) return error(a, 'QueueAtCapacity', `${contact.queue} is at capacity`);
        const queueFlow = contact.eventHooks.CustomerQueue;
        return { exit: 'transferred', detail: `to ${contact.queue}`, end: { kind: 'queue', queue: contact.queue, ...(queueFlow ? { queueFlow } : {}) } };
      }
      case 'UpdateContactCallbackNumber': {
        const number = evaluate(p.CallbackNumber);
        const parsed = number ? parsePhoneNumberFromString(number) : undefined;
        if (!parsed?.isValid()) return error(a, 'InvalidCallbackNumber', number ? 'not a valid E.164 number' : 'no number');
        contact.callbackNumber = parsed.number;
        return next(a, `callback number ${maskPhone(parsed.number)}`);
      }
      case 'CreateCallbackContact': {
        const queue = p.QueueId !== undefined ? resource(p.QueueId, 'queue') : contact.queue;
        if (!queue || !opts.instance.queues.some((q) => q.name === queue)) return error(a, 'NoMatchingError', `no queue ${queue ?? ''}`);
        if (!contact.callbackNumber) return error(a, 'NoMatchingError', 'no callback number set');
        const delay = Number(p.InitialCallDelaySeconds ?? 0);
        pendingCallback = { kind: 'callback', queue, callbackNumber: contact.callbackNumber, initialDelaySeconds: delay };
        return next(a, `callback in ${queue} after ${delay} s`);
      }
      case 'DisconnectParticipant':
        return { exit: 'disconnected', end: pendingCallback ?? { kind: 'disconnected' } };
      case 'EndFlowExecution':
        return { exit: 'end of flow', end: pendingCallback ?? { kind: 'disconnected' } };
      case 'TransferToFlow': {
        const target = resource(p.ContactFlowId, 'flow');
        if (!target || !opts.flows.some((f) => f.name === target)) return error(a, 'NoMatchingError', `no flow ${target ?? ''}`);
        return { exit: `to flow ${target}`, next: `${FLOW_JUMP}${target}` };
      }
      default:
        return { exit: 'unsupported', end: { kind: 'unsupported', action: a.id, type: a.type }, detail: `${a.type} is not simulated` };
    }
  };

  /** Runs `flow` from `startId` until it ends; returns the outcome. */
  const run = async (flow: ContactFlow, budget: { left: number }): Promise<ContactOutcome> => {
    let id: string | undefined = flow.startAction;
    while (id !== undefined) {
      if (budget.left-- <= 0) return { kind: 'stopped', reason: `more than ${maxBlocks} blocks: the flow loops` };
      const action = flow.byId.get(id);
      if (!action) throw new ContactFlowError(`${flow.file}: a transition goes to "${id}", which is not a block of ${flow.name} (bots validate reports it).`);
      const visit: BlockVisit = { flow: flow.name, id: action.id, type: action.type };
      path.blocks.push(visit);
      const s = await step(flow, action);
      visit.exit = s.exit;
      if (s.detail) visit.detail = s.detail;
      if (s.end) return s.end;
      if (s.next?.startsWith(FLOW_JUMP)) {
        const target = opts.flows.find((f) => f.name === s.next!.slice(FLOW_JUMP.length))!;
        flow = target;
        id = target.startAction;
        continue;
      }
      id = s.next;
    }
    return { kind: 'stopped', reason: 'the flow ended without a terminal block' };
  };

  const budget = { left: maxBlocks };
  path.outcome = await run(start, budget);
  // Queued: the customer queue flow plays its first pass (until a block comes round again or it ends).
  if (path.outcome.kind === 'queue' && path.outcome.queueFlow) {
    const qf = opts.flows.find((f) => f.name === (path.outcome as { queueFlow: string }).queueFlow)!;
    const seen = new Set<string>();
    let id: string | undefined = qf.startAction;
    while (id !== undefined && !seen.has(id) && budget.left-- > 0) {
      seen.add(id);
      const action = qf.byId.get(id);
      if (!action) break;
      const visit: BlockVisit = { flow: qf.name, id: action.id, type: action.type };
      path.blocks.push(visit);
      if (!['MessageParticipant', 'Loop', 'Compare', 'UpdateContactAttributes', 'EndFlowExecution', 'CheckHoursOfOperation'].includes(action.type)) {
        visit.exit = 'not simulated in the queue';
        break;
      }
      const s = await step(qf, action);
      visit.exit = s.exit;
      if (s.detail) visit.detail = s.detail;
      if (s.end) break;
      id = s.next;
    }
  }
  path.languageCode = contact.languageCode ?? DEFAULT_LANGUAGE;
  if (contact.voice) path.voice = contact.voice;
  if (contact.queue) path.queue = contact.queue;
  if (contact.callbackNumber) path.callbackNumber = contact.callbackNumber;
  return path;
}

const FLOW_JUMP = '\u0000flow:';

function c2s(operator: string): string {
  return operator === 'Equals' ? '=' : operator;
}

/** Connect's condition operators. @see https://docs.aws.amazon.com/connect/latest/APIReference/flow-language-transitions.html */
function matches(operator: string, value: string, operands: string[]): boolean {
  const n = Number(value);
  return operands.some((o) => {
    switch (operator) {
      case 'Equals': return value === o;
      case 'TextContains': return value.includes(o);
      case 'TextStartsWith': return value.startsWith(o);
      case 'TextEndsWith': return value.endsWith(o);
      case 'NumberGreaterThan': return value !== '' && n > Number(o);
      case 'NumberGreaterOrEqualTo': return value !== '' && n >= Number(o);
      case 'NumberLessThan': return value !== '' && n < Number(o);
      case 'NumberLessOrEqualTo': return value !== '' && n <= Number(o);
      default: return false;
    }
  });
}

function isStringMap(v: unknown): v is Record<string, string> {
  return typeof v === 'object' && v !== null && !Array.isArray(v) && Object.values(v).every((x) => typeof x === 'string');
}

/** The outcome in words: "queued in VIP (customer queue flow SelfServiceQueue)". */
export function describeOutcome(o: ContactOutcome): string {
  switch (o.kind) {
    case 'queue': return `queued in ${o.queue}${o.queueFlow ? ` (customer queue flow ${o.queueFlow})` : ''}`;
    case 'callback': return `callback queued in ${o.queue} to ${maskPhone(o.callbackNumber)} after ${o.initialDelaySeconds} s, then disconnected`;
    case 'disconnected': return 'disconnected by the flow';
    case 'caller-hung-up': return `the caller hung up in ${o.action}`;
    case 'unsupported': return `stopped at ${o.action}: ${o.type} is not simulated`;
    case 'stopped': return `stopped: ${o.reason}`;
  }
}

/** Whether the contact ran to an end the flow designed (not stopped by the simulator). */
export function completed(path: Pick<ContactPath, 'outcome'>): boolean {
  return path.outcome.kind !== 'stopped' && path.outcome.kind !== 'unsupported';
}
