/**
 * `bots chat` as a library: a line-by-line conversation with a bot alias over RecognizeText,
 * interactive on a terminal or driven by piped input (one user turn per line, exit at the end).
 *
 * - Session attributes are set at the start as a Connect flow would (`--attr key=value`); the
 *   caller's number (`--caller`, or `--attr phoneNumber=...`) runs the Connect customer-lookup Lambda
 *   first on the local target and passes `contactId`, exactly like the shipped contact flow.
 * - Voice mode sends the Connect platform request attribute, so code hooks answer in SSML, and shows
 *   every SSML prompt as a caller hears it.
 * - On the local target every text message the SMS outbox receives is shown, so the passcode flow can
 *   be walked through by hand.
 *
 * @see https://docs.aws.amazon.com/lexv2/latest/APIReference/API_runtime_RecognizeText.html
 * @see https://docs.aws.amazon.com/connect/latest/adminguide/how-to-use-session-attributes.html
 * @module
 */
import { createInterface } from 'node:readline';
import type { Paint } from './report.js';
import { plain } from './report.js';
import { LexSession, type TurnResult } from './session.js';
import type { LexTarget } from './target.js';

/** Session attribute names treated as the caller's number (what a flow would pass from `$.CustomerEndpoint.Address`). */
export const CALLER_ATTRIBUTES = ['phoneNumber', 'callerNumber', 'customerNumber'];

/** Options of {@link runChat}. */
export interface ChatOptions {
  target: LexTarget;
  input: NodeJS.ReadableStream;
  output: NodeJS.WritableStream;
  /** Show a prompt and a banner (a terminal). */
  interactive: boolean;
  /** Per turn: interpretations with confidence, slots, dialog action, session attributes. */
  debug?: boolean;
  /** Voice contact through Connect (SSML answers, shown as heard; raw SSML with debug). */
  voice?: boolean;
  /** Session attributes to start with. */
  attributes?: Record<string, string>;
  /** The caller's number (E.164): runs the Connect lookup before the first turn (local target). */
  caller?: string;
  sessionId?: string;
  paint?: Paint;
}

/** What a chat did. */
export interface ChatResult {
  /** The last session. */
  sessionId: string;
  /** User turns over all sessions. */
  turns: number;
  errors: number;
  /** Every session of the chat (`/new` starts one), in order, with its user turns. */
  sessions: { sessionId: string; turns: number }[];
}

const HELP = [
  'Type what the caller says (digits for DTMF). Commands:',
  '  /attr key=value   set a session attribute for the next turn (/attr key= removes it)',
  '  /attrs            show the session attributes',
  '  /debug            toggle the per-turn details',
  '  /new              start a new session',
  '  /help             this text',
  '  /quit             leave (or Ctrl-D)',
].join('\n');

/** Parses `key=value` pairs. @throws Error for a pair without `=` or with an empty key */
export function parseAttributes(pairs: readonly string[]): Record<string, string> {
  const out: Record<string, string> = {};
  for (const p of pairs) {
    const i = p.indexOf('=');
    if (i <= 0) throw new Error(`"${p}" is not key=value.`);
    out[p.slice(0, i).trim()] = p.slice(i + 1);
  }
  return out;
}

/** The per-turn details of `--debug`. */
export function formatDebug(r: TurnResult, p: Paint = plain, voice = false): string {
  const lines: string[] = [];
  const top = r.interpretations.slice(0, 3).map((i) => `${i.intent}${i.confidence !== undefined ? ` ${i.confidence.toFixed(2)}` : ''}`);
  lines.push(`interpretations: ${top.join(', ') || '(none)'}`);
  if (r.intent) {
    const slots = Object.entries(r.intent.slots).map(([k, v]) => `${k}=${v ?? '∅'}`);
    lines.push(`intent: ${r.intent.name} (${r.intent.state ?? '-'}${r.intent.confirmationState && r.intent.confirmationState !== 'None' ? `, ${r.intent.confirmationState}` : ''})${slots.length ? `  slots: ${slots.join(' ')}` : ''}`);
  }
  if (r.dialogAction) lines.push(`dialog action: ${r.dialogAction.type}${r.dialogAction.slotToElicit ? ` ${r.dialogAction.slotToElicit}` : ''}`);
  const attrs = Object.entries(r.sessionAttributes).map(([k, v]) => `${k}=${v}`);
  lines.push(`session attributes: ${attrs.join(' ') || '(none)'}`);
  if (voice) for (const m of r.messages) if (m.contentType === 'SSML') lines.push(`ssml: ${m.content}`);
  return lines.map((l) => p.dim(`  · ${l}`)).join('\n');
}

/**
 * Runs a chat until the input ends or `/quit`. Request errors are printed and the chat goes on.
 * @example
 * await runChat({ target, input: process.stdin, output: process.stdout, interactive: process.stdin.isTTY });
 */
export async function runChat(opts: ChatOptions): Promise<ChatResult> {
  const p = opts.paint ?? plain;
  const out = (s: string) => opts.output.write(`${s}\n`);
  const { target } = opts;
  let debug = opts.debug ?? false;
  const attrs = { ...(opts.attributes ?? {}) };
  const callerKey = Object.keys(attrs).find((k) => CALLER_ATTRIBUTES.includes(k));
  const caller = opts.caller ?? (callerKey ? attrs[callerKey] : undefined);
  let session!: LexSession;
  let seenSms = target.outbox?.().length ?? 0;
  let turns = 0;
  let errors = 0;
  const sessions: ChatResult['sessions'] = [];

  const start = async (sessionId?: string) => {
    session = new LexSession(target, { ...(sessionId ? { sessionId } : {}), sessionAttributes: attrs, voice: opts.voice ?? false });
    sessions.push({ sessionId: session.sessionId, turns: 0 });
    if (caller) {
      if (target.connectLookup) {
        // As the contact flow does: the lookup Lambda with the contact id, then contactId as a session attribute.
        const found = await target.connectLookup(session.sessionId, caller);
        session.setAttributes({ contactId: session.sessionId });
        out(p.dim(`[connect] lookup of ${caller}: ${found.found === 'true' ? `on file (${found.preferredLocale}${found.vip === 'true' ? ', VIP' : ''})` : 'not on file or typed'}; contactId=${session.sessionId}`));
      } else {
        out(p.dim(`[connect] no Connect lookup on this target: ${caller} is passed only as a session attribute, which the code hook never trusts as identity.`));
      }
    }
  };
  await start(opts.sessionId);

  if (opts.interactive) {
    const where = target.kind === 'local' ? 'local emulator' : `${target.region}`;
    out(p.bold(`Chatting with ${target.definition?.name ?? 'bot'} (${target.localeId}, alias ${target.botAliasName}, ${where}${opts.voice ? ', voice' : ''}). /help for commands, Ctrl-D to leave.`));
    out(p.dim(`session ${session.sessionId}`));
  }

  const rl = createInterface({ input: opts.input, ...(opts.interactive ? { output: opts.output, terminal: true } : { terminal: false }) });
  // Ctrl-C leaves like Ctrl-D (readline would otherwise only pause the input).
  rl.on('SIGINT', () => rl.close());
  const prompt = () => {
    if (opts.interactive) {
      rl.setPrompt(p.bold('you> '));
      rl.prompt();
    }
  };
  prompt();
  try {
    for await (const raw of rl) {
      const line = raw.trim();
      if (!line) {
        prompt();
        continue;
      }
      if (line.startsWith('/')) {
        const [cmd, ...rest] = line.split(/\s+/);
        if (cmd === '/quit' || cmd === '/exit') break;
        else if (cmd === '/help') out(HELP);
        else if (cmd === '/debug') out(p.dim(`debug ${(debug = !debug) ? 'on' : 'off'}`));
        else if (cmd === '/attrs') out(Object.entries(session.attributes).map(([k, v]) => `${k}=${v}`).join('\n') || '(no session attributes)');
        else if (cmd === '/new') {
          await start();
          out(p.dim(`new session ${session.sessionId}`));
        } else if (cmd === '/attr') {
          try {
            const set = parseAttributes(rest);
            session.setAttributes(Object.fromEntries(Object.entries(set).map(([k, v]) => [k, v === '' ? null : v])));
            out(p.dim(`session attributes for the next turn: ${Object.entries(session.attributes).map(([k, v]) => `${k}=${v}`).join(' ') || '(none)'}`));
          } catch (err) {
            out(p.red((err as Error).message));
          }
        } else out(p.red(`Unknown command ${cmd}; /help lists them.`));
        prompt();
        continue;
      }
      if (!opts.interactive) out(`${p.bold('you:')} ${line}`);
      try {
        const r = await session.say(line);
        turns++;
        sessions[sessions.length - 1]!.turns++;
        const said = r.messages.map((m) => m.text).filter(Boolean);
        if (said.length) for (const s of said) out(`${p.green('bot:')} ${s}`);
        else out(`${p.green('bot:')} ${p.dim('(no message)')}`);
        if (debug) out(formatDebug(r, p, opts.voice));
        const next = r.sessionAttributes.nextAction;
        if (next) out(p.yellow(`[flow] nextAction=${next}${r.sessionAttributes.transferReason ? ` transferReason=${r.sessionAttributes.transferReason}` : ''}`));
      } catch (err) {
        errors++;
        out(p.red(`error: ${(err as Error)?.name ?? 'Error'}: ${(err as Error)?.message ?? String(err)}`));
      }
      const sms = target.outbox?.() ?? [];
      for (const m of sms.slice(seenSms)) out(p.yellow(`[sms to ${m.to}] ${m.body}`));
      seenSms = sms.length;
      prompt();
    }
  } finally {
    rl.close();
  }
  if (opts.interactive) {
    // Ctrl-D leaves the cursor after the prompt: the summary starts on a line of its own.
    out('');
    for (const s of sessions) out(p.dim(`session ${s.sessionId}: ${s.turns} turn${s.turns === 1 ? '' : 's'}`));
  }
  return { sessionId: session.sessionId, turns, errors, sessions };
}
