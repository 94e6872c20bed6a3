/**
 * `npm run bench:fulfillment`: the fulfillment Lambdas' figures for BENCHMARKS.md.
 *
 * 1. Bundle sizes: builds both Lambdas (dist/lambdas) and reports bundle and zip sizes (budget: each
 *    zip < 1 MB).
 * 2. Cold import: a fresh Node.js process imports each built bundle (the AWS SDK clients it imports
 *    load from node_modules, as they would from the Lambda runtime), median of 7 processes; and the
 *    bundle's own evaluation with the SDK already loaded.
 * 3. Warm handler latency with the embedded stores (dynalite over 127.0.0.1, the outbox file,
 *    MiniSearch): p50/p99 per scenario over 2,000 turns after 200 warm-up turns, logging at INFO
 *    into a discarded stdout (JSON serialisation is part of the cost). Budget: warm p99 < 20 ms.
 *    "code check" times only the turn that checks the code (its two set-up turns are not counted).
 */
import { spawnSync } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { cpus, tmpdir, totalmem, release } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { buildLambdas } from '../fulfillment/build.js';
import { createLocalHandlers } from '../fulfillment/local.js';

const WARMUP = 200;
const RUNS = 2000;
const COLD_RUNS = 7;

const kib = (n: number) => `${(n / 1024).toFixed(1)} KiB`;
const pct = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1]!;

console.log(`machine: ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Linux ${release()}, node ${process.version}`);
console.log(`date: ${new Date().toISOString().slice(0, 10)}`);

// 1. Bundle sizes
const builds = await buildLambdas();
console.log('\nbundles (esbuild, ESM, node22, minified, @aws-sdk/* external; zip by fflate level 9):');
for (const b of builds) console.log(`  ${b.name.padEnd(8)} bundle ${kib(b.bundleBytes).padStart(10)}   zip ${kib(b.zipBytes).padStart(9)}   ${b.zipBytes < 1024 * 1024 ? 'within' : 'OVER'} the 1 MB budget`);

// 2. Cold import
console.log(`\ncold import (fresh process, median of ${COLD_RUNS}):`);
const env = { ...process.env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' };
for (const b of builds) {
  const url = pathToFileURL(b.bundle).href;
  const sdk = b.externals.filter((e) => e.startsWith('@aws-sdk/'));
  const full: number[] = [];
  const own: number[] = [];
  for (let i = 0; i < COLD_RUNS; i++) {
    const a = spawnSync(process.execPath, ['--input-type=module', '-e', `const t=performance.now();await import(${JSON.stringify(url)});process.stdout.write(String(performance.now()-t))`], { env, encoding: 'utf8' });
    full.push(Number(a.stdout));
    const pre = sdk.map((s) => `await import(${JSON.stringify(s)});`).join('');
    const c = spawnSync(process.execPath, ['--input-type=module', '-e', `${pre}const t=performance.now();await import(${JSON.stringify(url)});process.stdout.write(String(performance.now()-t))`], { env, encoding: 'utf8', cwd: join(import.meta.dirname, '..') });
    own.push(Number(c.stdout));
  }
  console.log(`  ${b.name.padEnd(8)} import with SDK clients ${median(full).toFixed(0).padStart(4)} ms   bundle alone (SDK preloaded) ${median(own).toFixed(0).padStart(3)} ms`);
}

// 3. Warm latency
const dataDir = await mkdtemp(join(tmpdir(), 'bench-fulfillment-'));
// A clock the passcode scenarios move 6 minutes per turn, so each number stays within its real limit
// of 3 texts per 15 minutes (default policy, no overrides).
let clock = Date.now();
const h = await createLocalHandlers({ dataDir, smsConsole: 'off', logLevel: 'INFO', now: () => clock });
const realWrite = process.stdout.write.bind(process.stdout);
const times = new Map<string, number[]>();
try {
  const event = (sessionId: string, intent: string, transcript: string, slots: Record<string, string> = {}, source = 'DialogCodeHook') => ({
    messageVersion: '1.0',
    invocationSource: source,
    inputMode: 'Text',
    sessionId,
    inputTranscript: transcript,
    bot: { id: 'B', name: 'SelfService', localeId: 'en_US', version: 'DRAFT', aliasId: 'TSTALIASID', aliasName: 'TestBotAlias' },
    requestAttributes: { 'x-amz-lex:channels:platform': 'Connect Chat' },
    sessionState: {
      sessionAttributes: {},
      intent: { name: intent, state: 'InProgress', confirmationState: 'Confirmed', slots: Object.fromEntries(Object.entries(slots).map(([k, v]) => [k, { shape: 'Scalar', value: { originalValue: v, interpretedValue: v, resolvedValues: [v] } }])) },
    },
  });

  // A verified session for the balance scenario.
  await h.lex(event('bench-verified', 'VerifyIdentity', '202 555 0143', { Passcode: '2025550143' }));
  await h.lex(event('bench-verified', 'VerifyIdentity', h.outbox.lastCodeTo('+12025550143')!));

  let n = 0;
  const scenarios: [string, () => Promise<unknown>][] = [
    ['balance (verified caller)', () => h.lex(event('bench-verified', 'CheckBalance', 'savings balance', { AccountType: 'savings' }))],
    ['question (knowledge base)', () => h.lex(event('bench-kb', 'AskQuestion', 'What are your fees for wire transfers', {}, 'FulfillmentCodeHook'))],
    ['hours', () => h.lex(event('bench-hours', 'BusinessHours', 'hours', {}, 'FulfillmentCodeHook'))],
    ['callback → code to the number', () => {
      // Half a day later each time: the number's callback and SMS limits (per 24 h) never bind.
      clock += 12.5 * 3600_000;
      return h.lex(event(`bench-cb-${n++}`, 'RequestCallback', 'call me', { CallbackNumber: '3125550188', CallbackTime: '14:30' }, 'FulfillmentCodeHook'));
    }],
    ['identifier → code sent', () => {
      clock += 6 * 60_000;
      return h.lex(event(`bench-otp-${n++}`, 'VerifyIdentity', '(305) 555-0172', { Passcode: '3055550172' }));
    }],
    ['code check → verified + balance', async () => {
      clock += 6 * 60_000;
      const sid = `bench-check-${n++}`;
      await h.lex(event(sid, 'CheckBalance', 'balance', { AccountType: 'checking' }));
      await h.lex(event(sid, 'VerifyIdentity', '4001004001', { Passcode: '4001004001' }));
      const code = h.outbox.lastCodeTo('+15145550123')!;
      const t0 = performance.now();
      await h.lex({ ...event(sid, 'VerifyIdentity', code, { Passcode: code }), sessionState: { sessionAttributes: { pendingIntent: 'CheckBalance', pendingAccountType: 'checking' }, intent: { name: 'VerifyIdentity', state: 'InProgress', slots: {} } } });
      return performance.now() - t0;
    }],
    ['connect lookup', () => h.connect({ Details: { ContactData: { ContactId: `bench-contact-${n++}`, CustomerEndpoint: { Address: '+13125550188', Type: 'TELEPHONE_NUMBER' } }, Parameters: {} } })],
  ];

  process.stdout.write = (() => true) as typeof process.stdout.write; // discard the JSON logs
  for (const [name, run] of scenarios) {
    const xs: number[] = [];
    for (let i = 0; i < WARMUP + RUNS; i++) {
      const t0 = performance.now();
      const r = await run();
      const dt = typeof r === 'number' ? r : performance.now() - t0;
      if (i >= WARMUP) xs.push(dt);
    }
    times.set(name, xs.sort((a, b) => a - b));
  }
} finally {
  process.stdout.write = realWrite;
  await h.close();
  await rm(dataDir, { recursive: true, force: true });
}

console.log(`\nwarm handler latency, embedded stores (${RUNS} turns per scenario after ${WARMUP} warm-up):`);
console.log('  scenario                          p50       p99       max');
const all: number[] = [];
for (const [name, xs] of times) {
  all.push(...xs);
  console.log(`  ${name.padEnd(32)} ${pct(xs, 50).toFixed(2).padStart(6)} ms ${pct(xs, 99).toFixed(2).padStart(6)} ms ${xs.at(-1)!.toFixed(2).padStart(6)} ms`);
}
all.sort((a, b) => a - b);
const p99 = pct(all, 99);
console.log(`  ${'all turns'.padEnd(32)} ${pct(all, 50).toFixed(2).padStart(6)} ms ${p99.toFixed(2).padStart(6)} ms ${all.at(-1)!.toFixed(2).padStart(6)} ms`);
console.log(`budget: warm p99 < 20 ms → ${p99 < 20 ? 'within' : 'OVER'} budget`);
