/**
 * Runs conversation tests against a {@link LexTarget}: each conversation in its own session, turn
 * by turn, checking each turn's expectations; the first failing turn ends the conversation (later
 * turns depend on the state it left).
 * @module
 */
import { randomUUID } from 'node:crypto';
import type { Position } from '../definitions/diagnostics.js';
import { LexSession, type TurnResult } from './session.js';
import { TEST_SESSION_PREFIX } from './session-ids.js';
import type { LexTarget } from './target.js';
import { PLACEHOLDER, toRegExp, type ConversationTest, type Expectation, type MessageExpectation } from './test-file.js';

/** One expectation that did not hold. */
export interface Mismatch {
  /** What was checked: `intent`, `slots.AccountType`, `dialogAction.type`, `message contains`, ... */
  field: string;
  expected: unknown;
  actual: unknown;
}

/** The outcome of one turn. */
export interface TurnOutcome {
  /** 0-based index in the conversation's turns. */
  index: number;
  at: Position;
  kind: 'user' | 'attributes';
  /** The text sent (placeholders resolved). */
  input?: string;
  passed: boolean;
  mismatches: Mismatch[];
  result?: TurnResult;
  /** A request that failed (SDK error) or a placeholder without a value. */
  error?: string;
}

/** The outcome of one conversation. */
export interface ConversationOutcome {
  test: ConversationTest;
  status: 'passed' | 'failed' | 'skipped';
  sessionId?: string;
  turns: TurnOutcome[];
  /** Why it was skipped. */
  skipReason?: string;
  durationMs: number;
}

/** Totals of a run. */
export interface RunSummary {
  target: { kind: 'local' | 'aws'; region: string; alias: string };
  conversations: ConversationOutcome[];
  passed: number;
  failed: number;
  skipped: number;
  turns: number;
  durationMs: number;
}

const list = (v: string | string[] | undefined): string[] => (v === undefined ? [] : Array.isArray(v) ? v : [v]);
const lower = (s: string) => s.toLocaleLowerCase();

/** Checks message expectations against the joined heard text of a turn's messages. */
function checkMessage(exp: MessageExpectation, result: TurnResult, out: Mismatch[]): void {
  const text = result.messages.map((m) => m.text).join(' ');
  const spec = typeof exp === 'string' ? { contains: exp } : exp;
  if (spec.equals !== undefined) {
    // Whitespace collapsed (SSML breaks become spaces); case and punctuation count.
    const norm = (t: string) => t.replace(/\s+/g, ' ').trim();
    const heard = result.messages.map((m) => norm(m.text));
    const want = list(spec.equals).map(norm);
    const same = Array.isArray(spec.equals) ? heard.length === want.length && heard.every((h, i) => h === want[i]) : heard.join(' ') === want[0];
    if (!same) out.push({ field: 'message equals', expected: Array.isArray(spec.equals) ? want : want[0], actual: Array.isArray(spec.equals) ? heard : heard.join(' ') });
  }
  for (const c of list(spec.contains)) if (!lower(text).includes(lower(c))) out.push({ field: 'message contains', expected: c, actual: text });
  for (const c of list(spec.notContains)) if (lower(text).includes(lower(c))) out.push({ field: 'message does not contain', expected: c, actual: text });
  if (spec.regex !== undefined && !toRegExp(spec.regex).test(text)) out.push({ field: 'message matches', expected: spec.regex, actual: text });
  if (spec.count !== undefined && result.messages.length !== spec.count) out.push({ field: 'message count', expected: spec.count, actual: result.messages.length });
}

/**
 * The expectations of one turn that `result` does not meet (empty: the turn passed). Pure.
 * Intent, state and dialog action compare exactly; slot values and session attributes exactly
 * (null: no value / absent); message text case-insensitively (contains) or by regex.
 */
export function checkTurn(exp: Expectation, result: TurnResult): Mismatch[] {
  const out: Mismatch[] = [];
  if (exp.intent !== undefined && result.intent?.name !== exp.intent) out.push({ field: 'intent', expected: exp.intent, actual: result.intent?.name ?? null });
  if (exp.intentState !== undefined && result.intent?.state !== exp.intentState) out.push({ field: 'intentState', expected: exp.intentState, actual: result.intent?.state ?? null });
  if (exp.confirmationState !== undefined && result.intent?.confirmationState !== exp.confirmationState) {
    out.push({ field: 'confirmationState', expected: exp.confirmationState, actual: result.intent?.confirmationState ?? null });
  }
  if (exp.interpretation !== undefined) {
    const want = typeof exp.interpretation === 'string' ? { intent: exp.interpretation } : exp.interpretation;
    const top = result.interpretations[0];
    if (top?.intent !== want.intent) out.push({ field: 'interpretation', expected: want.intent, actual: top ? `${top.intent}${top.confidence !== undefined ? ` (${top.confidence})` : ''}` : null });
    else if (want.minConfidence !== undefined && (top.confidence ?? 0) < want.minConfidence) {
      out.push({ field: `interpretation confidence of ${want.intent}`, expected: `>= ${want.minConfidence}`, actual: top.confidence ?? null });
    }
  }
  for (const [slot, want] of Object.entries(exp.slots ?? {})) {
    const got = result.intent?.slots[slot] ?? null;
    if (got !== want) out.push({ field: `slots.${slot}`, expected: want, actual: got });
  }
  if (exp.dialogAction !== undefined) {
    const want = typeof exp.dialogAction === 'string' ? { type: exp.dialogAction } : exp.dialogAction;
    if (result.dialogAction?.type !== want.type) out.push({ field: 'dialogAction.type', expected: want.type, actual: result.dialogAction?.type ?? null });
    if ('slotToElicit' in want && want.slotToElicit !== undefined && result.dialogAction?.slotToElicit !== want.slotToElicit) {
      out.push({ field: 'dialogAction.slotToElicit', expected: want.slotToElicit, actual: result.dialogAction?.slotToElicit ?? null });
    }
  }
  if (exp.message !== undefined) checkMessage(exp.message, result, out);
  if (exp.contentType !== undefined) {
    // Every message, and at least one: a turn that says nothing has no content type to check.
    const types = result.messages.map((m) => m.contentType);
    if (!types.length || types.some((t) => t !== exp.contentType)) out.push({ field: 'contentType', expected: exp.contentType, actual: types.length ? types.join(', ') : null });
  }
  for (const [key, want] of Object.entries(exp.sessionAttributes ?? {})) {
    const got = result.sessionAttributes[key] ?? null;
    if (got !== want) out.push({ field: `sessionAttributes.${key}`, expected: want, actual: got });
  }
  return out;
}

/** A 6-digit code that is certainly not `code`. */
export const wrongCode = (code: string) => String((Number(code) + 1) % 1_000_000).padStart(6, '0');

/** Why `test` cannot run on `target`, or undefined when it can. */
export function skipReason(test: ConversationTest, target: Pick<LexTarget, 'kind' | 'lastCodeTo' | 'connectLookup'>): string | undefined {
  if (!test.targets.includes(target.kind)) return `runs only on the ${test.targets.join(', ')} target`;
  if (test.contact && !target.connectLookup) return 'needs the simulated Connect lookup of the in-process local target';
  if (test.turns.some((t) => t.kind === 'user' && /\{(otp|wrongOtp)/.test(t.user)) && !target.lastCodeTo) return 'reads passcodes from the local SMS outbox (local target only)';
  return undefined;
}

/** Options of {@link runConversation}. */
export interface RunOptions {
  /** Session id prefix (default `bots-test`). */
  sessionPrefix?: string;
}

/**
 * Runs one conversation on `target` (its `localeId` is replaced by the conversation's locale).
 * Never throws: request errors become a failed turn.
 */
export async function runConversation(target: LexTarget, test: ConversationTest, opts: RunOptions = {}): Promise<ConversationOutcome> {
  const started = Date.now();
  const skip = skipReason(test, target);
  if (skip) return { test, status: 'skipped', turns: [], skipReason: skip, durationMs: 0 };
  const sessionId = `${opts.sessionPrefix ?? TEST_SESSION_PREFIX}-${randomUUID().slice(0, 8)}`;
  const session = new LexSession({ ...target, localeId: test.locale }, { sessionId, sessionAttributes: test.sessionAttributes, voice: test.voice });
  const turns: TurnOutcome[] = [];
  const fail = (t: TurnOutcome) => {
    turns.push(t);
    return { test, status: 'failed' as const, sessionId, turns, durationMs: Date.now() - started };
  };
  if (test.contact && target.connectLookup) {
    // As the contact flow does: the lookup with the contact id, then the contact id as a session attribute.
    try {
      await target.connectLookup(sessionId, test.contact.phoneNumber);
    } catch (err) {
      return fail({ index: -1, at: test.at, kind: 'attributes', passed: false, mismatches: [], error: `Connect lookup failed: ${messageOf(err)}` });
    }
    session.setAttributes({ contactId: sessionId });
  }
  for (const [index, turn] of test.turns.entries()) {
    if (turn.kind === 'attributes') {
      session.setAttributes(turn.attributes);
      turns.push({ index, at: turn.at, kind: 'attributes', passed: true, mismatches: [] });
      continue;
    }
    let input: string;
    try {
      input = resolvePlaceholders(turn.user, { sessionId, phone: test.phone, lastCodeTo: target.lastCodeTo });
    } catch (err) {
      return fail({ index, at: turn.at, kind: 'user', input: turn.user, passed: false, mismatches: [], error: messageOf(err) });
    }
    let result: TurnResult;
    try {
      result = turn.input === 'dtmf' ? await session.pressKeys(input) : await session.say(input);
    } catch (err) {
      return fail({ index, at: turn.at, kind: 'user', input, passed: false, mismatches: [], error: `${(err as Error)?.name ?? 'Error'}: ${messageOf(err)}` });
    }
    const mismatches = checkTurn(turn.expect, result);
    const outcome: TurnOutcome = { index, at: turn.at, kind: 'user', input, passed: mismatches.length === 0, mismatches, result };
    if (!outcome.passed) return fail(outcome);
    turns.push(outcome);
  }
  return { test, status: 'passed', sessionId, turns, durationMs: Date.now() - started };
}

/**
 * Replaces `{otp}` / `{otp:+1...}` (the last code texted to the number), `{wrongOtp}` (a code that
 * is not it) and `{sessionId}`.
 * @throws Error when no code was texted to the number
 */
export function resolvePlaceholders(text: string, ctx: { sessionId: string; phone?: string; lastCodeTo?: (phone: string) => string | undefined }): string {
  return text.replace(PLACEHOLDER, (_whole, kind: string, explicit: string | undefined) => {
    if (kind === 'sessionId') return ctx.sessionId;
    const phone = explicit ?? ctx.phone;
    if (!phone) throw new Error(`{${kind}} needs the caller's number (phone: in the conversation).`);
    if (!ctx.lastCodeTo) throw new Error(`{${kind}} needs the local SMS outbox (local target only).`);
    const code = ctx.lastCodeTo(phone);
    if (!code) throw new Error(`No passcode was texted to ${phone} yet, so {${kind}} has no value: an earlier turn should have sent one.`);
    return kind === 'otp' ? code : wrongCode(code);
  });
}

/** Runs conversations one after the other (sessions are independent, but the local code hooks share rate limits by phone number). */
export async function runConversations(
  tests: readonly ConversationTest[],
  targetFor: (test: ConversationTest) => Promise<LexTarget>,
  opts: RunOptions & { onResult?: (o: ConversationOutcome) => void } = {},
): Promise<ConversationOutcome[]> {
  const out: ConversationOutcome[] = [];
  for (const test of tests) {
    const o = await runConversation(await targetFor(test), test, opts);
    opts.onResult?.(o);
    out.push(o);
  }
  return out;
}

/** Totals of `outcomes` on `target`. */
export function summarize(outcomes: ConversationOutcome[], target: RunSummary['target'], durationMs: number): RunSummary {
  return {
    target,
    conversations: outcomes,
    passed: outcomes.filter((o) => o.status === 'passed').length,
    failed: outcomes.filter((o) => o.status === 'failed').length,
    skipped: outcomes.filter((o) => o.status === 'skipped').length,
    turns: outcomes.reduce((n, o) => n + o.turns.filter((t) => t.kind === 'user').length, 0),
    durationMs,
  };
}

function messageOf(err: unknown): string {
  return err instanceof Error ? err.message : String(err);
}
