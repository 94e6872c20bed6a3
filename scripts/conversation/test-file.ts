/**
 * Conversation test files (`tests/conversations/*.yaml`): the zod schema, and parsing with
 * positions so that every error and every failed turn points at `file:line:col`.
 *
 * A file names a bot and locale (defaults for its conversations) and lists conversations; a
 * conversation is a list of turns, each the user's text (or session attributes to set) with what the
 * bot must answer. The format is documented in docs/conversations.md.
 *
 * @see https://docs.aws.amazon.com/lexv2/latest/APIReference/API_runtime_RecognizeText.html
 * @module
 */
import { readFile } from 'node:fs/promises';
import * as z from 'zod';
import type { Diagnostic, Position } from '../definitions/diagnostics.js';
import { parseYamlSource, type NodePath } from '../definitions/source.js';
import { issuesToDiagnostics } from '../definitions/zod-errors.js';
import { MAX_TEXT_CHARS } from './session.js';

/** Lex V2 dialog action types. @see https://docs.aws.amazon.com/lexv2/latest/APIReference/API_runtime_DialogAction.html */
export const DIALOG_ACTIONS = ['Close', 'ConfirmIntent', 'Delegate', 'ElicitIntent', 'ElicitSlot', 'None'] as const;
/** Lex V2 intent states. @see https://docs.aws.amazon.com/lexv2/latest/APIReference/API_runtime_Intent.html */
export const INTENT_STATES = ['Failed', 'Fulfilled', 'InProgress', 'ReadyForFulfillment', 'Waiting', 'FulfillmentInProgress'] as const;
export const CONFIRMATION_STATES = ['Confirmed', 'Denied', 'None'] as const;

const name = z.string().regex(/^[A-Za-z0-9_.-]+$/, 'a Lex name: letters, digits, _ . -');
const locale = z.string().regex(/^[a-z]{2}_[A-Z]{2}$/, 'a Lex locale id such as en_US');
const e164 = z.string().regex(/^\+[1-9]\d{6,14}$/, 'an E.164 phone number such as +12025550143');
const attrKey = z.string().min(1).max(100);
const oneOrMany = z.union([z.string(), z.array(z.string()).min(1)]);

const messageSchema = z.union([
  z.string(),
  z.strictObject({
    /** The whole reply as heard: a string is every message joined; a list is each message, in order. */
    equals: oneOrMany.optional(),
    contains: oneOrMany.optional(),
    notContains: oneOrMany.optional(),
    regex: z.string().optional(),
    count: z.number().int().min(0).optional(),
  }),
]);

const expectSchema = z.strictObject({
  /** The session's active intent after the turn. */
  intent: name.optional(),
  intentState: z.enum(INTENT_STATES).optional(),
  confirmationState: z.enum(CONFIRMATION_STATES).optional(),
  /** The top interpretation (what the NLU recognised), with an optional minimum confidence. */
  interpretation: z.union([name, z.strictObject({ intent: name, minConfidence: z.number().min(0).max(1).optional() })]).optional(),
  /** Slots of the active intent: the interpreted value, or null for "no value". */
  slots: z.record(name, z.union([z.string(), z.null()])).optional(),
  dialogAction: z.union([z.enum(DIALOG_ACTIONS), z.strictObject({ type: z.enum(DIALOG_ACTIONS), slotToElicit: name.optional() })]).optional(),
  /** What the bot said (all messages of the turn joined, SSML as heard). */
  message: messageSchema.optional(),
  /** The content type of every message of the turn: PlainText for what a chat must show, SSML for voice. */
  contentType: z.enum(['PlainText', 'SSML', 'CustomPayload', 'ImageResponseCard']).optional(),
  /** Session attributes: the value, or null for "absent". */
  sessionAttributes: z.record(attrKey, z.union([z.string(), z.null()])).optional(),
});

const userTurnSchema = z.strictObject({
  user: z.string().min(1).max(MAX_TEXT_CHARS),
  expect: expectSchema.optional(),
});
/** Keys pressed on the phone's keypad: sent as DTMF tones in audio (RecognizeUtterance); voice conversations only. */
const dtmfTurnSchema = z.strictObject({
  dtmf: z
    .string()
    .min(1)
    .max(64)
    .regex(/^(?:[0-9A-D#*]|\{[^}]*\})+$/, 'keypad keys 0-9, A-D, * and #, or a placeholder such as {otp}'),
  expect: expectSchema.optional(),
});
const attributesTurnSchema = z.strictObject({
  attributes: z.record(attrKey, z.union([z.string(), z.null()])),
});

const oneOrManyKeys = z.union([z.string().regex(/^[0-9*#]{1,20}$/, 'phone keys: 0-9, * and #'), z.array(z.string().regex(/^[0-9*#]{1,20}$/, 'phone keys: 0-9, * and #'))]);

/** What the contact's path must show at the end of a flow conversation (`path:`). */
const pathExpectSchema = z.strictObject({
  /** How the contact ended. */
  outcome: z.enum(['queue', 'callback', 'disconnected', 'caller-hung-up']).optional(),
  /** The queue it was transferred to (outcome queue) or the callback queue (outcome callback). */
  queue: z.string().min(1).optional(),
  /** Blocks (action identifiers) the contact went through, in this order; others may come between. */
  blocks: z.array(z.string().min(1)).min(1).optional(),
  /** Blocks it must not go through. */
  notBlocks: z.array(z.string().min(1)).min(1).optional(),
  /** Contact attributes at the end: the value, or null for "never set". */
  attributes: z.record(attrKey, z.union([z.string(), z.null()])).optional(),
  /** The contact's language at the end, e.g. es-US. */
  language: z.string().regex(/^[a-z]{2}-[A-Z]{2}$/, 'a language code such as es-US').optional(),
  /** What the flow and the bot said over the whole contact (case-insensitive). */
  said: z.strictObject({ contains: oneOrMany.optional(), notContains: oneOrMany.optional() }).optional(),
});

const conversationSchema = z.strictObject({
  name: z.string().min(1),
  bot: name.optional(),
  locale: locale.optional(),
  description: z.string().optional(),
  tags: z.array(z.string()).optional(),
  /** Voice through Amazon Connect: code hooks answer in SSML. */
  voice: z.boolean().optional(),
  /** The caller's number on file: `{otp}` reads the last code texted to it (local target). */
  phone: e164.optional(),
  /** The Connect flow's customer lookup before the first turn (local target): the caller's number. */
  contact: z.strictObject({ phoneNumber: e164 }).optional(),
  sessionAttributes: z.record(attrKey, z.string()).optional(),
  /** Runs only on these targets (default both). */
  targets: z.array(z.enum(['local', 'aws'])).min(1).optional(),
  /** Start from this contact flow of flows/ (local target): the user turns are what the caller says to the bot the flow connects. */
  flow: name.optional(),
  /** Flow conversations: the number dialled (default: the first number instance.yaml associates with the flow). */
  to: e164.optional(),
  /** Flow conversations: the caller's number (`$.CustomerEndpoint.Address`). */
  from: e164.optional(),
  /** Flow conversations: keys for each "Get customer input" block in turn (none left: no key pressed). */
  dtmf: oneOrManyKeys.optional(),
  /** Flow conversations: the time of the call, ISO 8601 with an offset (hours of operation). */
  at: z.iso.datetime({ offset: true }).optional(),
  /** Flow conversations: voice (default) or chat. */
  channel: z.enum(['voice', 'chat']).optional(),
  /** Flow conversations: injected faults. */
  faults: z
    .strictObject({
      lambda: z.record(z.string(), z.enum(['error', 'timeout', 'invalid'])).optional(),
      queuesAtCapacity: z.array(z.string()).optional(),
      bot: z.record(z.string(), z.literal('error')).optional(),
    })
    .optional(),
  /** Flow conversations: what the contact's path must show at the end. */
  path: pathExpectSchema.optional(),
  /** At least one, except in a flow conversation (a contact can end before the bot). */
  turns: z.array(z.union([userTurnSchema, dtmfTurnSchema, attributesTurnSchema])).default([]),
});

/** The schema of a conversation test file. */
export const testFileSchema = z.strictObject({
  bot: name.optional(),
  locale: locale.optional(),
  description: z.string().optional(),
  conversations: z.array(conversationSchema).min(1),
});

export type Expectation = z.infer<typeof expectSchema>;
/** The `path:` expectations of a flow conversation. */
export type PathExpectation = z.infer<typeof pathExpectSchema>;

/** A conversation that starts from a contact flow (`flow:`): the call the simulator places. */
export interface FlowCall {
  flow: string;
  to?: string;
  from: string;
  dtmf: string[];
  /** ISO 8601. */
  at?: string;
  channel: 'VOICE' | 'CHAT';
  faults?: { lambda?: Record<string, 'error' | 'timeout' | 'invalid'>; queuesAtCapacity?: string[]; bot?: Record<string, 'error'> };
  path: PathExpectation;
  /** Where `path:` is (or the conversation, without one). */
  pathAt: Position;
}
export type MessageExpectation = z.infer<typeof messageSchema>;

/** A user turn of a parsed test. */
export interface UserTurn {
  kind: 'user';
  /** The text with placeholders (`{otp}`, `{wrongOtp}`, `{otp:+1...}`, `{sessionId}`) unresolved. */
  user: string;
  /** `dtmf`: `user` holds keypad keys, pressed as DTMF tones (RecognizeUtterance audio). */
  input: 'text' | 'dtmf';
  expect: Expectation;
  at: Position;
}

/** A turn that sets session attributes (null removes one). */
export interface AttributesTurn {
  kind: 'attributes';
  attributes: Record<string, string | null>;
  at: Position;
}

export type Turn = UserTurn | AttributesTurn;

/** A parsed conversation with its defaults applied. */
export interface ConversationTest {
  name: string;
  /** File-qualified name, unique in a run: `<file> › <name>`. */
  id: string;
  file: string;
  bot: string;
  locale: string;
  description?: string;
  tags: string[];
  voice: boolean;
  phone?: string;
  contact?: { phoneNumber: string };
  sessionAttributes: Record<string, string>;
  targets: ('local' | 'aws')[];
  turns: Turn[];
  /** Set: the conversation starts from a contact flow. */
  flowCall?: FlowCall;
  at: Position;
}

/** The keys the file format knows (for "did you mean" suggestions). */
const KNOWN_KEYS = [
  ...Object.keys(testFileSchema.shape),
  ...Object.keys(conversationSchema.shape),
  ...Object.keys(expectSchema.shape),
  'user',
  'dtmf',
  'expect',
  'attributes',
  'phoneNumber',
  'contains',
  'notContains',
  'regex',
  'count',
  'type',
  'slotToElicit',
  'minConfidence',
  ...Object.keys(pathExpectSchema.shape),
  'lambda',
  'queuesAtCapacity',
];

/** The placeholders user text may hold. */
export const PLACEHOLDER = /\{(otp|wrongOtp|sessionId)(?::(\+\d{7,15}))?\}/g;

/** A `/pattern/flags` string as a RegExp; any other string as a pattern with the `u` flag. @throws SyntaxError for an invalid pattern */
export function toRegExp(source: string): RegExp {
  const m = /^\/(.*)\/([dimsuv]*)$/s.exec(source);
  return m ? new RegExp(m[1]!, m[2]) : new RegExp(source, 'u');
}

/** Parsed conversations of one file, or the errors that stopped it. */
export interface ParsedTestFile {
  file: string;
  conversations: ConversationTest[];
  diagnostics: Diagnostic[];
}

const diag = (message: string, at: Position, hint: string): Diagnostic => ({ ruleId: 'conversation/schema', severity: 'error', message, hint, ...at });

/**
 * Parses one test file's text. Never throws: YAML and schema errors come back as diagnostics with
 * `file:line:col` (then `conversations` is empty, so nothing runs half-checked).
 * @param file path shown in positions (relative to the project root)
 * @param defaults bot and locale for files that name neither
 */
export function parseTestFile(file: string, text: string, defaults: { bot?: string; locale?: string } = {}): ParsedTestFile {
  const { source, diagnostics } = parseYamlSource(file, text);
  if (diagnostics.some((d) => d.severity === 'error')) return { file, conversations: [], diagnostics: diagnostics.map((d) => ({ ...d, ruleId: 'conversation/yaml' })) };
  let value: unknown;
  try {
    value = source.toJS();
  } catch (err) {
    // The yaml library throws here for an alias without its anchor (`*x`) or too many aliases.
    return { file, conversations: [], diagnostics: [diag(`YAML: ${(err as Error).message}.`, { file, line: 1, column: 1 }, 'Define each anchor (&name) before its alias (*name), or quote the text.')] };
  }
  const parsed = testFileSchema.safeParse(value ?? {});
  if (!parsed.success) {
    const ds = issuesToDiagnostics(parsed.error.issues, source, KNOWN_KEYS).map((d) => ({
      ...d,
      ruleId: d.ruleId.replace('definitions/', 'conversation/'),
      hint: d.ruleId === 'definitions/schema' ? 'See docs/conversations.md for the test file format.' : d.hint,
    }));
    return { file, conversations: [], diagnostics: ds };
  }
  const data = parsed.data;
  const at = (path: NodePath) => source.positionOf(path);
  const out: ConversationTest[] = [];
  const errors: Diagnostic[] = [];
  const names = new Set<string>();
  data.conversations.forEach((c, i) => {
    const path: NodePath = ['conversations', i];
    const bot = c.bot ?? data.bot ?? defaults.bot;
    const localeId = c.locale ?? data.locale ?? defaults.locale;
    if (!bot) errors.push(diag(`Conversation "${c.name}" names no bot.`, at(path), 'Add bot: <BotName> to the file or the conversation.'));
    if (!localeId) errors.push(diag(`Conversation "${c.name}" names no locale.`, at(path), 'Add locale: en_US (for example) to the file or the conversation.'));
    const flowOnly = (['to', 'from', 'dtmf', 'at', 'channel', 'faults', 'path'] as const).filter((k) => c[k] !== undefined);
    if (!c.flow && flowOnly.length) errors.push(diag(`${flowOnly.join(', ')} belong${flowOnly.length === 1 ? 's' : ''} to a conversation that starts from a contact flow.`, at([...path, flowOnly[0]!]), 'Add flow: SelfServiceInbound (the flow in flows/), or remove them.'));
    if (c.flow) {
      if (!c.from) errors.push(diag(`Conversation "${c.name}" starts from flow ${c.flow} but names no caller.`, at([...path, 'flow']), "Add from: +1... (the caller's number)."));
      const clash = (['contact', 'voice', 'sessionAttributes', 'phone'] as const).filter((k) => c[k] !== undefined);
      if (clash.length) errors.push(diag(`${clash.join(', ')} cannot be set in a flow conversation: the flow decides them.`, at([...path, clash[0]!]), 'Use from: for the caller, channel: for voice or chat; the flow sets the contact and session attributes.'));
      const attrTurn = c.turns.findIndex((t) => 'attributes' in t);
      if (attrTurn >= 0) errors.push(diag('A flow conversation cannot set session attributes between turns: the flow sets them.', at([...path, 'turns', attrTurn]), 'Remove the attributes turn.'));
    } else if (!c.turns.length) {
      errors.push(diag(`Conversation "${c.name}" has no turns.`, at([...path, 'turns']), 'Add at least one turn (user: ...).'));
    }
    if (names.has(c.name)) errors.push(diag(`Two conversations are named "${c.name}".`, at([...path, 'name']), 'Give each conversation of a file its own name.'));
    names.add(c.name);
    const turns: Turn[] = c.turns.map((t, j) => {
      const tAt = at([...path, 'turns', j]);
      if ('attributes' in t) return { kind: 'attributes', attributes: t.attributes, at: tAt };
      const key = 'dtmf' in t ? 'dtmf' : 'user';
      const user = 'dtmf' in t ? t.dtmf : t.user;
      if (key === 'dtmf' && c.flow) {
        errors.push(diag('A flow conversation sends its turns to the bot as text: dtmf turns are not simulated there.', at([...path, 'turns', j, 'dtmf']), 'Write the keys as a user turn (user: "1234"), or use dtmf: on the conversation for the flow\'s menus.'));
      } else if (key === 'dtmf' && !c.voice) {
        errors.push(diag('A dtmf turn needs a voice conversation.', at([...path, 'turns', j, 'dtmf']), 'Add voice: true to the conversation (keypad tones only exist on a call).'));
      }
      for (const m of user.matchAll(/\{([^}]*)\}/g)) {
        if (!new RegExp(`^${PLACEHOLDER.source}$`).test(m[0])) {
          errors.push(diag(`Unknown placeholder ${m[0]} in user text.`, at([...path, 'turns', j, key]), 'Use {otp}, {otp:+12025550143}, {wrongOtp} or {sessionId}.'));
        }
      }
      if (/\{(otp|wrongOtp)\}/.test(user) && !c.phone && !c.contact && !c.from) {
        errors.push(diag(`${user.match(/\{\w+\}/)![0]} needs the caller's number.`, at([...path, 'turns', j, key]), 'Add phone: +1... (or contact.phoneNumber) to the conversation, or write {otp:+1...}.'));
      }
      const regex = typeof t.expect?.message === 'object' ? t.expect.message.regex : undefined;
      if (regex !== undefined) {
        try {
          toRegExp(regex);
        } catch (err) {
          errors.push(diag(`Invalid regex ${JSON.stringify(regex)}: ${(err as Error).message}.`, at([...path, 'turns', j, 'expect', 'message', 'regex']), 'Fix the pattern (JavaScript syntax; /pattern/i for flags).'));
        }
      }
      return { kind: 'user', user, input: key === 'dtmf' ? 'dtmf' : 'text', expect: t.expect ?? {}, at: tAt };
    });
    if (bot && localeId) {
      out.push({
        name: c.name,
        id: `${file} › ${c.name}`,
        file,
        bot,
        locale: localeId,
        ...(c.description ? { description: c.description } : {}),
        tags: c.tags ?? [],
        voice: c.voice ?? false,
        ...(c.phone ?? c.contact?.phoneNumber ?? c.from ? { phone: c.phone ?? c.contact?.phoneNumber ?? c.from! } : {}),
        ...(c.contact ? { contact: c.contact } : {}),
        sessionAttributes: c.sessionAttributes ?? {},
        targets: c.targets ?? ['local', 'aws'],
        turns,
        ...(c.flow
          ? {
              flowCall: {
                flow: c.flow,
                ...(c.to ? { to: c.to } : {}),
                from: c.from ?? '',
                dtmf: c.dtmf === undefined ? [] : Array.isArray(c.dtmf) ? c.dtmf : [c.dtmf],
                ...(c.at ? { at: c.at } : {}),
                channel: c.channel === 'chat' ? ('CHAT' as const) : ('VOICE' as const),
                ...(c.faults ? { faults: c.faults } : {}),
                path: c.path ?? {},
                pathAt: at(c.path ? [...path, 'path'] : path),
              },
            }
          : {}),
        at: at(path),
      });
    }
  });
  if (errors.length) return { file, conversations: [], diagnostics: errors };
  return { file, conversations: out, diagnostics: [] };
}

/** Reads and parses a test file; an unreadable file becomes a diagnostic. */
export async function loadTestFile(path: string, shownAs: string, defaults: { bot?: string; locale?: string } = {}): Promise<ParsedTestFile> {
  let text: string;
  try {
    text = await readFile(path, 'utf8');
  } catch (err) {
    const e = err as NodeJS.ErrnoException;
    return { file: shownAs, conversations: [], diagnostics: [diag(`Cannot read the file: ${e.code ?? e.message}.`, { file: shownAs, line: 1, column: 1 }, 'Check the path.')] };
  }
  return parseTestFile(shownAs, text, defaults);
}

/**
 * The JSON Schema of conversation test files (draft 2020-12), for editors (yaml-language-server);
 * generated from {@link testFileSchema} so the two cannot drift.
 * @see https://zod.dev/json-schema
 */
export function testFileJsonSchema(): Record<string, unknown> {
  return { ...z.toJSONSchema(testFileSchema, { io: 'input' }), title: 'Conversation test file (bots test)' } as Record<string, unknown>;
}
