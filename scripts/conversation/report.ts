/**
 * Reporters of conversation test runs: readable text with an expected/actual diff per failed
 * turn, JUnit XML for CI, and JSON.
 * @module
 */
import type { ConversationOutcome, Mismatch, RunSummary, TurnOutcome } from './runner.js';

/** Colour functions (picocolors' shape); identity functions for plain text. */
export interface Paint {
  red(s: string): string;
  green(s: string): string;
  yellow(s: string): string;
  dim(s: string): string;
  bold(s: string): string;
}

/** No colour. */
export const plain: Paint = { red: (s) => s, green: (s) => s, yellow: (s) => s, dim: (s) => s, bold: (s) => s };

const show = (v: unknown): string => (v === null || v === undefined ? '(none)' : typeof v === 'string' ? JSON.stringify(v) : String(v));

/** Where a turn is: `file:line:col`. */
const where = (t: TurnOutcome) => `${t.at.file}:${t.at.line}:${t.at.column}`;

/** The diff lines of one mismatch. */
export function formatMismatch(m: Mismatch, p: Paint = plain): string[] {
  return [`${m.field}`, `  ${p.green(`- expected: ${show(m.expected)}`)}`, `  ${p.red(`+ actual:   ${show(m.actual)}`)}`];
}

/** What the bot did on a turn, in one line (for failure context). */
function turnSummary(t: TurnOutcome): string {
  const r = t.result;
  if (!r) return '';
  const top = r.interpretations[0];
  const slots = Object.entries(r.intent?.slots ?? {})
    .filter(([, v]) => v !== null)
    .map(([k, v]) => `${k}=${v}`)
    .join(' ');
  return [
    `intent ${r.intent?.name ?? '-'}${r.intent?.state ? ` (${r.intent.state})` : ''}`,
    top ? `top ${top.intent}${top.confidence !== undefined ? ` ${top.confidence.toFixed(2)}` : ''}` : '',
    r.dialogAction ? `${r.dialogAction.type}${r.dialogAction.slotToElicit ? ` ${r.dialogAction.slotToElicit}` : ''}` : '',
    slots,
  ]
    .filter(Boolean)
    .join(' · ');
}

/** The text report of one failed conversation: the failing turn, its position, the diff and the bot's answer. */
export function formatFailure(o: ConversationOutcome, p: Paint = plain): string {
  const t = o.turns[o.turns.length - 1];
  const lines = [`${p.red('✖')} ${o.test.id}`];
  if (!t) return lines.join('\n');
  const turnNo = t.kind === 'path' ? (t.index >= 0 ? "the contact's path" : 'placing the call') : t.index >= 0 ? `turn ${t.index + 1}` : 'before the first turn';
  lines.push(`    ${turnNo} at ${where(t)}${t.input !== undefined ? `: user ${JSON.stringify(t.input)}` : ''}`);
  if (t.error) lines.push(`      ${p.red(t.error)}`);
  for (const m of t.mismatches) for (const l of formatMismatch(m, p)) lines.push(`      ${l}`);
  if (t.result) {
    lines.push(`      ${p.dim(`bot: ${t.result.messages.map((m) => m.text).join(' ') || '(no message)'}`)}`);
    lines.push(`      ${p.dim(turnSummary(t))}`);
  }
  if (o.path) lines.push(`      ${p.dim(`path: ${o.path.blocks.map((b) => b.id).join(' > ')}`)}`);
  if (o.sessionId) lines.push(`      ${p.dim(`${o.path ? 'contact' : 'session'} ${o.sessionId}`)}`);
  return lines.join('\n');
}

/** One line per conversation as it finishes. */
export function formatProgressLine(o: ConversationOutcome, p: Paint = plain): string {
  if (o.status === 'passed') return `${p.green('✔')} ${o.test.id} ${p.dim(`(${o.turns.filter((t) => t.kind === 'user').length} turns, ${o.durationMs} ms)`)}`;
  if (o.status === 'skipped') return `${p.yellow('-')} ${o.test.id} ${p.dim(`skipped: ${o.skipReason}`)}`;
  return `${p.red('✖')} ${o.test.id}`;
}

/** The whole text report: failures with diffs, then the totals. */
export function formatSummary(s: RunSummary, p: Paint = plain): string {
  const out: string[] = [];
  const failed = s.conversations.filter((o) => o.status === 'failed');
  if (failed.length) {
    out.push('', p.bold('Failures:'), '');
    for (const o of failed) out.push(formatFailure(o, p), '');
  }
  const counts = [p.green(`${s.passed} passed`), s.failed ? p.red(`${s.failed} failed`) : '', s.skipped ? p.yellow(`${s.skipped} skipped`) : ''].filter(Boolean).join(', ');
  out.push(`${counts} (${s.conversations.length} conversations, ${s.turns} turns) on ${s.target.kind === 'local' ? 'the local emulator' : `${s.target.region} alias ${s.target.alias}`} in ${(s.durationMs / 1000).toFixed(1)} s`);
  return out.join('\n');
}

/** Characters XML 1.0 forbids, removed from the report. @see https://www.w3.org/TR/xml/#charsets */
// eslint-disable-next-line no-control-regex
const INVALID_XML = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/g;

/** Escapes text for XML content and attribute values. */
export function escapeXml(s: string): string {
  return s.replace(INVALID_XML, '').replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;').replace(/'/g, '&apos;');
}

/**
 * JUnit XML (the Ant/Surefire dialect CI systems read): one `<testsuite>` per test file, one
 * `<testcase>` per conversation (`classname` the file, `name` the conversation), `<failure>` with
 * the text diff, `<skipped>` with the reason. Times in seconds.
 * @see https://github.com/testmoapp/junitxml
 */
export function toJUnitXml(s: RunSummary): string {
  const byFile = new Map<string, ConversationOutcome[]>();
  for (const o of s.conversations) {
    let list = byFile.get(o.test.file);
    if (!list) byFile.set(o.test.file, (list = []));
    list.push(o);
  }
  const secs = (ms: number) => (ms / 1000).toFixed(3);
  const lines = ['<?xml version="1.0" encoding="UTF-8"?>'];
  lines.push(`<testsuites name="bots test" tests="${s.conversations.length}" failures="${s.failed}" skipped="${s.skipped}" errors="0" time="${secs(s.durationMs)}">`);
  for (const [file, list] of byFile) {
    const failures = list.filter((o) => o.status === 'failed').length;
    const skipped = list.filter((o) => o.status === 'skipped').length;
    const time = list.reduce((n, o) => n + o.durationMs, 0);
    lines.push(`  <testsuite name="${escapeXml(file)}" tests="${list.length}" failures="${failures}" skipped="${skipped}" errors="0" time="${secs(time)}">`);
    for (const o of list) {
      const head = `    <testcase classname="${escapeXml(file)}" name="${escapeXml(o.test.name)}" file="${escapeXml(file)}" line="${o.test.at.line}" time="${secs(o.durationMs)}"`;
      if (o.status === 'passed') {
        lines.push(`${head}/>`);
      } else if (o.status === 'skipped') {
        lines.push(`${head}>`, `      <skipped message="${escapeXml(o.skipReason ?? '')}"/>`, '    </testcase>');
      } else {
        const t = o.turns[o.turns.length - 1];
        const message = t?.error ?? t?.mismatches.map((m) => `${m.field}: expected ${show(m.expected)}, got ${show(m.actual)}`).join('; ') ?? 'failed';
        lines.push(`${head}>`, `      <failure message="${escapeXml(message)}" type="ConversationMismatch">${escapeXml(formatFailure(o))}</failure>`, '    </testcase>');
      }
    }
    lines.push('  </testsuite>');
  }
  lines.push('</testsuites>', '');
  return lines.join('\n');
}

/** The JSON report (`bots test --json`): totals and, per conversation, the failing turn's mismatches. */
export function toJsonReport(s: RunSummary): unknown {
  return {
    ok: s.failed === 0,
    target: s.target,
    passed: s.passed,
    failed: s.failed,
    skipped: s.skipped,
    turns: s.turns,
    durationMs: s.durationMs,
    conversations: s.conversations.map((o) => {
      const last = o.turns[o.turns.length - 1];
      return {
        id: o.test.id,
        file: o.test.file,
        name: o.test.name,
        bot: o.test.bot,
        locale: o.test.locale,
        status: o.status,
        ...(o.skipReason ? { skipReason: o.skipReason } : {}),
        ...(o.sessionId ? { sessionId: o.sessionId } : {}),
        durationMs: o.durationMs,
        ...(o.status === 'failed' && last
          ? { failure: { turn: last.index + 1, file: last.at.file, line: last.at.line, column: last.at.column, input: last.input, error: last.error, mismatches: last.mismatches, actual: last.result } }
          : {}),
      };
    }),
  };
}
