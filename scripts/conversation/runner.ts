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
import { describeOutcome, type ContactPath } from '../flows/interpreter.js';
import { openContactSimulator, type ContactSimulator } from '../flows/simulator.js';
import { resolvePlaceholders } from './placeholders.js';
import { toRegExp, type ConversationTest, type Expectation, type FlowCall, type MessageExpectation, type PathExpectation, type UserTurn } from './test-file.js';

export { resolvePlaceholders, wrongCode } from './placeholders.js';

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
  /** `path`: the end of a flow conversation, checked against its `path:` expectations. */
  kind: 'user' | 'attributes' | 'path';
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
  /** A flow conversation: the path the contact took. */
  path?: ContactPath;
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

/** Why `test` cannot run on `target`, or undefined when it can. */
export function skipReason(test: ConversationTest, target: Pick<LexTarget, 'kind' | 'lastCodeTo' | 'connectLookup' | 'connectLambda'>): string | undefined {
  if (!test.targets.includes(target.kind)) return `runs only on the ${test.targets.join(', ')} target`;
  if (test.flowCall && !target.connectLambda) return 'starts from a contact flow, which runs on the in-process local target only';
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
  if (test.flowCall) return runFlowConversation(target, test, test.flowCall, opts, started);
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

const simulators = new WeakMap<LexTarget, Promise<ContactSimulator>>();

/** The contact simulator over `target`'s bot (one per target, closed with nothing: the target owns the emulator). */
function simulatorFor(target: LexTarget, bot: string): Promise<ContactSimulator> {
  let sim = simulators.get(target);
  if (!sim) {
    sim = openContactSimulator({ root: target.root, targets: new Map([[bot, target]]) });
    simulators.set(target, sim);
    sim.catch(() => simulators.delete(target));
  }
  return sim;
}

/**
 * A conversation that starts from a contact flow: the simulator places the call (`to`, `from`,
 * `dtmf`, `at`, `channel`, `faults`), the user turns are what the caller says to the bot in order,
 * each checked against its Lex turn, then the path against `path:`.
 */
async function runFlowConversation(target: LexTarget, test: ConversationTest, call: FlowCall, opts: RunOptions, started: number): Promise<ConversationOutcome> {
  const contactId = `${opts.sessionPrefix ?? TEST_SESSION_PREFIX}-${randomUUID()}`;
  const turns: TurnOutcome[] = [];
  const done = (status: 'passed' | 'failed', path?: ContactPath) => ({ test, status, sessionId: contactId, turns, ...(path ? { path } : {}), durationMs: Date.now() - started });
  const userTurns = test.turns.filter((t): t is UserTurn => t.kind === 'user');
  const inputs: string[] = [];
  let placeholderError: { index: number; message: string } | undefined;
  const keys = [...call.dtmf];
  let path: ContactPath;
  try {
    const sim = await simulatorFor(target, test.bot);
    path = await sim.call({
      flow: call.flow,
      to: call.to ?? sim.instance.phoneNumbers.find((p) => p.flow === call.flow)?.number ?? '',
      from: call.from,
      channel: call.channel,
      ...(call.at ? { at: new Date(call.at) } : {}),
      ...(call.faults ? { faults: call.faults } : {}),
      contactId,
      caller: {
        async respond(req) {
          if (req.kind === 'dtmf') return keys.length ? keys.shift()! : null;
          const turn = userTurns[inputs.length];
          if (!turn || placeholderError) return undefined;
          try {
            const input = resolvePlaceholders(turn.user, { sessionId: contactId, phone: call.from, ...(target.lastCodeTo ? { lastCodeTo: target.lastCodeTo } : {}) });
            inputs.push(input);
            return input;
          } catch (err) {
            placeholderError = { index: inputs.length, message: messageOf(err) };
            return undefined;
          }
        },
      },
    });
  } catch (err) {
    turns.push({ index: -1, at: test.at, kind: 'path', passed: false, mismatches: [], error: `The contact could not run: ${messageOf(err)}` });
    return done('failed');
  }
  for (const [i, turn] of userTurns.entries()) {
    const index = test.turns.indexOf(turn);
    if (placeholderError?.index === i) {
      turns.push({ index, at: turn.at, kind: 'user', input: turn.user, passed: false, mismatches: [], error: placeholderError.message });
      return done('failed', path);
    }
    const lex = path.lexTurns[i];
    if (!lex) {
      const error = `The caller never said this: the contact ended first (${describeOutcome(path.outcome)}; blocks ${path.blocks.map((b) => b.id).join(' > ')}).`;
      turns.push({ index, at: turn.at, kind: 'user', input: inputs[i] ?? turn.user, passed: false, mismatches: [], error });
      return done('failed', path);
    }
    const mismatches = checkTurn(turn.expect, lex.result);
    if (lex.localeId !== test.locale) mismatches.unshift({ field: 'locale', expected: test.locale, actual: lex.localeId });
    turns.push({ index, at: turn.at, kind: 'user', input: lex.input, passed: !mismatches.length, mismatches, result: lex.result });
    if (mismatches.length) return done('failed', path);
  }
  const mismatches = checkPath(call.path, path);
  if (path.lexTurns.length > userTurns.length) mismatches.push({ field: 'bot turns', expected: userTurns.length, actual: path.lexTurns.length });
  turns.push({ index: test.turns.length, at: call.pathAt, kind: 'path', passed: !mismatches.length, mismatches });
  return done(mismatches.length ? 'failed' : 'passed', path);
}

/** The `path:` expectations that `path` does not meet (empty: it meets them all). Pure. */
export function checkPath(exp: PathExpectation, path: ContactPath): Mismatch[] {
  const out: Mismatch[] = [];
  const visited = path.blocks.map((b) => b.id);
  if (exp.outcome !== undefined && path.outcome.kind !== exp.outcome) out.push({ field: 'path.outcome', expected: exp.outcome, actual: describeOutcome(path.outcome) });
  if (exp.queue !== undefined) {
    const queue = path.outcome.kind === 'queue' || path.outcome.kind === 'callback' ? path.outcome.queue : null;
    if (queue !== exp.queue) out.push({ field: 'path.queue', expected: exp.queue, actual: queue });
  }
  if (exp.blocks) {
    // In order, others allowed between.
    let from = 0;
    for (const id of exp.blocks) {
      const at = visited.indexOf(id, from);
      if (at < 0) {
        out.push({ field: 'path.blocks', expected: exp.blocks.join(' > '), actual: visited.join(' > ') });
        break;
      }
      from = at + 1;
    }
  }
  for (const id of exp.notBlocks ?? []) if (visited.includes(id)) out.push({ field: 'path.notBlocks', expected: `not ${id}`, actual: visited.join(' > ') });
  for (const [key, want] of Object.entries(exp.attributes ?? {})) {
    const got = path.attributes[key] ?? null;
    if (got !== want) out.push({ field: `path.attributes.${key}`, expected: want, actual: got });
  }
  if (exp.language !== undefined && path.languageCode !== exp.language) out.push({ field: 'path.language', expected: exp.language, actual: path.languageCode ?? null });
  const said = path.transcript.filter((e) => e.from !== 'caller').map((e) => e.text).join(' ');
  for (const c of list(exp.said?.contains)) if (!lower(said).includes(lower(c))) out.push({ field: 'path.said contains', expected: c, actual: said });
  for (const c of list(exp.said?.notContains)) if (lower(said).includes(lower(c))) out.push({ field: 'path.said does not contain', expected: c, actual: said });
  return out;
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
