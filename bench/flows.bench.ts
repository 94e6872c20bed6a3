/**
 * `npm run bench:flows`: the local contact simulator end to end, for BENCHMARKS.md.
 *
 * One simulator (the SelfService bot deployed into the in-process Lex emulator from the definitions,
 * reached through the Lex Runtime V2 SDK over 127.0.0.1; the customer lookup Lambda in-process on
 * dynalite) runs 1,000 simulated contacts of the shipped SelfServiceInbound flow, five scenarios in
 * turn: a VIP asking for an agent (menu, lookup, 1 bot turn, VIP queue and the queue flow), a
 * non-customer on the Spanish line (1 turn in es_US), after hours (no lookup, no bot), the lookup
 * Lambda failing (error branch, 1 turn), a callback to another number (4 bot turns: the number, yes, the code texted to it; a callback contact). The time of a
 * contact is `sim.call()` from the first block to the end, the caller answering at once. The first
 * contact of each scenario is timed apart (cold: the emulator builds a locale's NLU on its first
 * turn), then 10 warm-up contacts per scenario are not counted.
 *
 * Options: `-- --contacts N` (default 1000), `-- --json`.
 */
import { cpus, loadavg, release, totalmem } from 'node:os';
import { join } from 'node:path';
import { openContactSimulator, type CallOptions } from '../scripts/flows/simulator.js';

const args = process.argv.slice(2);
const CONTACTS = Number(args[args.indexOf('--contacts') + 1]) || 1000;
const JSON_OUT = args.includes('--json');
const WARMUP = 10;
const ROOT = join(import.meta.dirname, '..');
const OPEN = new Date('2026-12-01T10:00:00-05:00');
const CLOSED = new Date('2026-12-06T10:00:00-05:00');

// The callback rules allow 2 callbacks per number a day and text a code to a number other than the
// caller's: each callback contact asks for another number (202, 212, ... 555-01xx).
const AREAS = ['202', '212', '213', '305', '312', '415', '617', '646', '702', '718'];
let callbacks = 0;
const callbackCall = (): CallOptions => {
  const n = callbacks++;
  const digits = `${AREAS[n % AREAS.length]}5550${String(100 + (Math.floor(n / AREAS.length) % 100)).padStart(3, '0')}`;
  return { to: '+18005550100', from: '+12025550143', dtmf: ['1'], say: ['can you call me back', digits, 'yes', `{otp:+1${digits}}`], at: OPEN };
};

const scenarios: [string, CallOptions | (() => CallOptions), string][] = [
  ['VIP → agent (en_US, 1 turn)', { to: '+18005550100', from: '+13125550188', dtmf: ['1'], say: ['I want to talk to an agent'], at: OPEN }, 'queue'],
  ['Spanish line → agent (es_US, 1 turn)', { to: '+18005550101', from: '+12025550199', say: ['quiero hablar con un agente'], at: OPEN }, 'queue'],
  ['after hours (no bot)', { to: '+18005550100', from: '+12025550143', dtmf: ['1'], at: CLOSED }, 'disconnected'],
  ['lookup Lambda fails → agent', { to: '+18005550100', from: '+13125550188', dtmf: ['1'], say: ['agent'], at: OPEN, faults: { lambda: { CustomerLookup: 'error' } } }, 'queue'],
  ['callback to another number (4 turns, a code texted)', callbackCall, 'callback'],
];

const pct = (sorted: number[], p: number) => sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
const ms = (x: number) => `${x.toFixed(1)} ms`;

const log = (s: string) => (JSON_OUT ? process.stderr : process.stdout).write(`${s}\n`);
log(`machine: ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Linux ${release()}, node ${process.version}`);
log(`load average at start: ${loadavg().map((x) => x.toFixed(2)).join(' ')}`);

const t0 = performance.now();
const sim = await openContactSimulator({ root: ROOT });
const openMs = performance.now() - t0;
log(`simulator open (deploy to the in-memory emulator, backends): ${ms(openMs)}`);

const times = new Map<string, number[]>(scenarios.map(([n]) => [n, []]));
const cold = new Map<string, number>();
let blocks = 0;
let botTurns = 0;
try {
  const run = async (i: number, counted: boolean) => {
    const [name, call, outcome] = scenarios[i % scenarios.length]!;
    const start = performance.now();
    const path = await sim.call(typeof call === 'function' ? call() : call);
    const dt = performance.now() - start;
    if (path.outcome.kind !== outcome) throw new Error(`${name}: ended ${path.outcome.kind}, expected ${outcome}`);
    if (!cold.has(name)) cold.set(name, dt);
    else if (counted) {
      times.get(name)!.push(dt);
      blocks += path.blocks.length;
      botTurns += path.lexTurns.length;
    }
  };
  for (let i = 0; i < scenarios.length * (WARMUP + 1); i++) await run(i, false);
  for (let i = 0; i < CONTACTS; i++) await run(i, true);
} finally {
  await sim.close();
}

const all = [...times.values()].flat().sort((a, b) => a - b);
const rows = [...times].map(([name, xs]) => {
  xs.sort((a, b) => a - b);
  return { scenario: name, contacts: xs.length, coldMs: cold.get(name)!, p50Ms: pct(xs, 50), p99Ms: pct(xs, 99), maxMs: xs.at(-1)! };
});
if (JSON_OUT) {
  process.stdout.write(`${JSON.stringify({ contacts: all.length, openMs, p50Ms: pct(all, 50), p99Ms: pct(all, 99), blocks, botTurns, scenarios: rows, loadavg: loadavg() }, null, 2)}\n`);
} else {
  log(`\n${all.length} simulated contacts (${blocks} blocks, ${botTurns} bot turns), after ${WARMUP} warm-up contacts per scenario:`);
  log('  scenario                                               cold        p50        p99        max');
  for (const r of rows) log(`  ${r.scenario.padEnd(52)} ${ms(r.coldMs).padStart(10)} ${ms(r.p50Ms).padStart(10)} ${ms(r.p99Ms).padStart(10)} ${ms(r.maxMs).padStart(10)}`);
  log(`  ${'all contacts'.padEnd(52)} ${''.padStart(10)} ${ms(pct(all, 50)).padStart(10)} ${ms(pct(all, 99)).padStart(10)} ${ms(all.at(-1)!).padStart(10)}`);
  log(`load average at end: ${loadavg().map((x) => x.toFixed(2)).join(' ')}`);
}
