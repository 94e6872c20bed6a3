/**
 * The path of a simulated contact as `bots call` prints it: the transcript, the blocks with the
 * branch each left by, the contact attributes set and the outcome, for people or as JSON for CI.
 *
 * What is printed never holds a whole phone number or a passcode: the caller's and the callback
 * number keep their last two digits, and digit runs in what the caller said or keyed (a number, a
 * one-time passcode) are blanked, as in the Lambdas' logs (fulfillment/security/mask.ts).
 * @module
 */
import { maskPhone, redactDigits } from '../../fulfillment/security/mask.js';
import type { Paint } from '../conversation/report.js';
import { plain } from '../conversation/report.js';
import { completed, describeOutcome, type ContactPath, type TranscriptEntry } from './interpreter.js';

export { completed, describeOutcome } from './interpreter.js';

/** One transcript line as shown (`caller [keys]: 1`). */
export function formatTranscriptEntry(e: TranscriptEntry, p: Paint = plain): string {
  if (e.from === 'caller') {
    const what = e.kind === 'dtmf' ? 'caller [keys]' : 'caller';
    return `${p.bold(`${what}:`)} ${e.kind === 'silence' ? p.dim(e.text) : redactDigits(e.text)}`;
  }
  if (e.from === 'bot') return `${p.green('bot:')} ${e.text}`;
  return `${p.dim('flow:')} ${e.kind === 'prompt' ? p.dim(e.text) : e.text}`;
}

const short = (v: string, n = 40) => (v.length > n ? `${v.slice(0, n - 1)}…` : v);

/** The path after the transcript: blocks, attributes set, Lambda calls, outcome. */
export function formatPath(path: ContactPath, p: Paint = plain): string {
  const lines: string[] = [];
  lines.push(p.bold(`Path of contact ${path.contactId} (${path.channel}, ${path.flow}, ${path.blocks.length} blocks):`));
  const w = Math.max(...path.blocks.map((b) => b.id.length), 4);
  const t = Math.max(...path.blocks.map((b) => b.type.length), 4);
  path.blocks.forEach((b, i) => {
    const flow = b.flow === path.flow ? '' : p.dim(`${b.flow} › `);
    lines.push(`  ${String(i + 1).padStart(2)}  ${flow}${b.id.padEnd(w)}  ${p.dim(b.type.padEnd(t))}  ${b.exit ? (b.exit.startsWith('error') ? p.yellow(b.exit) : b.exit) : ''}${b.detail ? p.dim(`  ${short(b.detail, 80)}`) : ''}`);
  });
  if (path.attributesSet.length) {
    lines.push(p.bold('Contact attributes set:'));
    for (const a of path.attributesSet) lines.push(`  ${a.name}=${short(a.value)}  ${p.dim(`(${a.action})`)}`);
  }
  for (const l of path.lambdaCalls) lines.push(`${p.bold('Lambda')} ${l.lambda} in ${l.action}: ${l.error ? p.yellow(l.error) : Object.entries(l.result ?? {}).map(([k, v]) => `${k}=${v}`).join(' ')}`);
  lines.push(`${p.bold('Language:')} ${path.languageCode ?? '-'}${path.voice ? `, voice ${path.voice}` : ''}${path.lexTurns.length ? `; ${path.lexTurns.length} bot turn(s)` : ''}`);
  lines.push(`${p.bold('Outcome:')} ${completed(path) ? p.green(describeOutcome(path.outcome)) : p.red(describeOutcome(path.outcome))}`);
  return lines.join('\n');
}

/** The JSON of `bots call --json`: the path with numbers masked and the bot turns reduced. */
export function pathToJson(path: ContactPath): Record<string, unknown> {
  const outcome = path.outcome.kind === 'callback' ? { ...path.outcome, callbackNumber: maskPhone(path.outcome.callbackNumber) } : path.outcome;
  return {
    contactId: path.contactId,
    channel: path.channel,
    flow: path.flow,
    to: path.to,
    from: maskPhone(path.from),
    outcome,
    completed: completed(path),
    queue: path.queue ?? null,
    callbackNumber: path.callbackNumber ? maskPhone(path.callbackNumber) : null,
    languageCode: path.languageCode ?? null,
    voice: path.voice ?? null,
    blocks: path.blocks,
    attributesSet: path.attributesSet,
    attributes: path.attributes,
    lambdaCalls: path.lambdaCalls,
    lexTurns: path.lexTurns.map((t) => ({
      action: t.action,
      localeId: t.localeId,
      input: redactDigits(t.input),
      intent: t.result.intent?.name ?? null,
      intentState: t.result.intent?.state ?? null,
      dialogAction: t.result.dialogAction?.type ?? null,
      messages: t.result.messages.map((m) => m.text),
      sessionAttributes: t.result.sessionAttributes,
    })),
    transcript: path.transcript.map((e) => (e.from === 'caller' ? { ...e, text: redactDigits(e.text) } : e)),
  };
}
