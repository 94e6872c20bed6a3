/**
 * `npm run bench:security` (issue #14): what an attacker gets and what leaks, with the shipped
 * defaults. Results go in BENCHMARKS.md, section "Security (issue #14)".
 *
 * (a) Guesses per number per day. Black-box: for k = 1, 2, ... a fresh backend; an attacker opens a
 *     new session every 16 minutes for 24 h (so the 15-minute send window never stops it), has a
 *     code texted to the victim each time and guesses; guesses 1..k-1 are wrong and guess k is the
 *     right code. The largest k for which the right code still verifies is the number of guesses the
 *     attacker really gets. Also with the per-customer budget and daily send cap switched off (the
 *     code before issue #14) as the peer.
 * (b) SMS a victim can be sent per day by an attacker who only asks for codes, a new session every
 *     16 minutes for 24 h.
 * (c) Leaks: runs every shipped conversation test (`tests/conversations/*.yaml`) on the local
 *     emulator with the Lambda logs at INFO, captures all process output, then runs `bots tune` on
 *     the conversation log of that run (test traffic included) and renders JSON, Markdown and HTML;
 *     counts occurrences of every customer's phone number (E.164 and national), account number,
 *     e-mail-like text and every passcode the outbox holds.
 *
 * Flags: `--json`.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { SmsSender } from '../fulfillment/clients/sms.js';
import { loadCustomers } from '../fulfillment/local.js';
import { CATALOGUE } from '../fulfillment/messages/index.js';
import { DEFAULT_OTP_POLICY, Verification, type OtpPolicy } from '../fulfillment/security/verification.js';
import { MemoryCustomerStore, MemoryStateStore } from '../fulfillment/stores/memory.js';
import { runTests } from '../scripts/conversation/test-run.js';
import { renderHtml, renderMarkdown, runTune } from '../scripts/tuning/index.js';

const ROOT = join(import.meta.dirname, '..');
const en = CATALOGUE.en_US;
const VICTIM = { typed: '(312) 555-0188', phone: '+13125550188' };

/** One attacker day against one number; returns whether guess `k` (the right code) verified, and the texts sent. */
async function attackerDay(k: number, policy: OtpPolicy): Promise<{ verified: boolean; texts: number }> {
  let clock = Date.UTC(2026, 11, 1, 0, 0, 0);
  const end = clock + 24 * 3600_000;
  const texts: string[] = [];
  const sms: SmsSender = { send: async (_to, body) => void texts.push(body) };
  const v = new Verification({ state: new MemoryStateStore(), customers: new MemoryCustomerStore(await loadCustomers()), sms, hashKey: Buffer.alloc(32, 7), now: () => clock, policy });
  let guess = 0;
  for (let s = 0; clock < end; s++, clock += 16 * 60_000) {
    const sid = `attacker-${s}`;
    const id = await v.identify(sid, VICTIM.typed, en);
    if (id.outcome !== 'claimed') continue;
    if ((await v.sendCode(sid, id.claim, en)) !== 'sent') continue;
    const code = /\b(\d{6})\b/.exec(texts.at(-1)!)![1]!;
    for (let g = 0; g < policy.maxAttempts; g++) {
      guess++;
      const right = guess === k;
      const r = await v.checkCode(sid, right ? code : String((Number(code) + 1) % 1e6).padStart(6, '0'));
      if (right) return { verified: r.outcome === 'verified', texts: texts.length };
      if (r.outcome === 'locked') break;
    }
  }
  return { verified: false, texts: texts.length };
}

/** Texts a victim gets in a day from an attacker who only asks for codes (every 16 minutes, no guessing). */
async function textsPerDay(policy: OtpPolicy): Promise<number> {
  let clock = Date.UTC(2026, 11, 1, 0, 0, 0);
  const end = clock + 24 * 3600_000;
  let texts = 0;
  const sms: SmsSender = { send: async () => void texts++ };
  const v = new Verification({ state: new MemoryStateStore(), customers: new MemoryCustomerStore(await loadCustomers()), sms, hashKey: Buffer.alloc(32, 7), now: () => clock, policy });
  for (let s = 0; clock < end; s++, clock += 16 * 60_000) {
    const id = await v.identify(`asker-${s}`, VICTIM.typed, en);
    if (id.outcome === 'claimed') await v.sendCode(`asker-${s}`, id.claim, en);
  }
  return texts;
}

async function guessesPerDay(policy: OtpPolicy): Promise<{ guesses: number; texts: number }> {
  let best = 0;
  for (let k = 1; k <= 400; k++) {
    if (!(await attackerDay(k, policy)).verified) break;
    best = k;
  }
  return { guesses: best, texts: await textsPerDay(policy) };
}

async function leaks(): Promise<{ conversations: number; passed: number; logBytes: number; tuneBytes: number; found: Record<string, number> }> {
  const dataDir = mkdtempSync(join(tmpdir(), 'bench-security-'));
  const captured: string[] = [];
  const write = (orig: typeof process.stdout.write) => ((chunk: string | Uint8Array, ...rest: unknown[]) => {
    captured.push(typeof chunk === 'string' ? chunk : Buffer.from(chunk).toString('utf8'));
    return (orig as (...a: unknown[]) => boolean)(typeof chunk === 'string' ? '' : new Uint8Array(), ...rest);
  }) as typeof process.stdout.write;
  const out = process.stdout.write.bind(process.stdout);
  const err = process.stderr.write.bind(process.stderr);
  process.stdout.write = write(out);
  process.stderr.write = write(err);
  let run;
  try {
    run = await runTests({ root: ROOT, target: { local: { dataDir }, fulfillmentLogLevel: 'INFO' } });
  } finally {
    process.stdout.write = out;
    process.stderr.write = err;
  }
  const report = await runTune({ root: ROOT, logs: [join(dataDir, 'conversation-logs.jsonl')], includeToolTraffic: true });
  const tune = [JSON.stringify(report), renderMarkdown(report), renderHtml(report)].join('\n');
  const outbox = readFileSync(join(dataDir, 'sms-outbox.jsonl'), 'utf8');
  const codes = [...outbox.matchAll(/\b(\d{6})\b/g)].map((m) => m[1]!);
  const customers = await loadCustomers();
  const secrets: Record<string, string[]> = {
    'phone (E.164)': customers.map((c) => c.phone),
    'phone (national digits)': customers.map((c) => c.phone.slice(-10)),
    'account number': customers.flatMap((c) => c.accounts.map((a) => a.number)),
    passcode: [...new Set(codes)],
  };
  const logs = captured.join('');
  const found: Record<string, number> = {};
  for (const [kind, values] of Object.entries(secrets)) {
    for (const [where, text] of [['Lambda logs', logs], ['tune output', tune]] as const) {
      const key = `${kind} in ${where}`;
      found[key] = values.reduce((n, v) => n + text.split(v).length - 1, 0);
    }
  }
  found['e-mail in tune output'] = (tune.match(/[^\s@<>"]+@[a-z0-9-]+\.[a-z]{2,}/gi) ?? []).length;
  rmSync(dataDir, { recursive: true, force: true });
  const summary = run.summary;
  const total = (summary?.passed ?? 0) + (summary?.failed ?? 0) + (summary?.skipped ?? 0);
  return { conversations: total, passed: summary?.passed ?? 0, logBytes: logs.length, tuneBytes: tune.length, found };
}

const shipped = await guessesPerDay(DEFAULT_OTP_POLICY);
const before = await guessesPerDay({ ...DEFAULT_OTP_POLICY, maxGuessesPerCustomer: Number.MAX_SAFE_INTEGER, maxSendsPerDay: Number.MAX_SAFE_INTEGER });
const leak = await leaks();
const result = { guessesPerNumberPerDay: shipped.guesses, smsPerVictimPerDay: shipped.texts, before: { guessesPerNumberPerDay: before.guesses, smsPerVictimPerDay: before.texts }, leaks: leak };
if (process.argv.includes('--json')) console.log(JSON.stringify(result, null, 2));
else {
  console.log(`(a) guesses per number per day: ${shipped.guesses} (without the per-customer budget and daily cap: ${before.guesses})`);
  console.log(`(b) SMS per victim per day: ${shipped.texts} (before: ${before.texts})`);
  console.log(`(c) ${leak.passed}/${leak.conversations} shipped conversations passed; ${leak.logBytes} bytes of Lambda logs, ${leak.tuneBytes} bytes of tune output`);
  for (const [k, n] of Object.entries(leak.found)) console.log(`    ${k}: ${n}`);
}
