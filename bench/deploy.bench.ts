/**
 * `npm run bench:deploy`: `bots deploy` figures for BENCHMARKS.md.
 *
 * A generated bot of 3 locales × 50 intents (16 sample utterances each, closings from SSML files)
 * deployed into the in-process emulator with 50 ms of latency on every call (fault injection), so
 * that call counts and round trips dominate as they do against Lex:
 * 1. cold deploy (the bot does not exist): wall time, calls;
 * 2. no-op redeploy (nothing changed): wall time, calls (reads only), also with reads one at a time;
 * 3. one intent changed: wall time, calls.
 * Peer: the naive create-from-scratch sequence of tests/helpers/create-bot.ts (every call in turn,
 * no plan) on the same bot and latency.
 *
 * Medians of RUNS runs, each on a fresh emulator.
 */
import { cpus, release, totalmem } from 'node:os';
import { LexModelsV2Client } from '@aws-sdk/client-lex-models-v2';
import { loadProject } from '../scripts/definitions/load.js';
import { deploy, type DeployOptions, type DeployResult } from '../scripts/deploy/index.js';
import { startEmulator } from '../scripts/emulator/server.js';
import { createBotFromDefinitions } from '../tests/helpers/create-bot.js';
import { changeUtterances, generatedProject } from '../tests/deploy/helpers.js';

const RUNS = Number(process.env.RUNS ?? 3);
const LATENCY_MS = 50;
const LOCALES = ['en_US', 'es_US', 'fr_CA'];

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[xs.length >> 1]!;
const fmt = (ms: number) => `${(ms / 1000).toFixed(2)} s`;

console.log(`machine: ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Linux ${release()}, node ${process.version}`);
console.log(`date: ${new Date().toISOString().slice(0, 10)}`);
console.log(`bot: ${LOCALES.length} locales × 50 intents; emulator latency ${LATENCY_MS} ms per call; medians of ${RUNS} runs\n`);

interface Sample {
  ms: number;
  result: DeployResult;
}

async function timed(opts: DeployOptions): Promise<Sample> {
  const t = performance.now();
  const result = await deploy(opts);
  const ms = performance.now() - t;
  if (!result.ok) throw new Error(`deploy failed: ${JSON.stringify(result.targets.map((x) => x.bots.map((b) => b.error)))}`);
  return { ms, result };
}

const samples: Record<string, Sample[]> = { cold: [], noop: [], noopSerialReads: [], change: [] };
const naive: number[] = [];
let naiveCalls = 0;

for (let run = 0; run < RUNS; run++) {
  const root = await generatedProject(50, LOCALES);
  const emulator = await startEmulator({ dataDir: null });
  emulator.faults.latency('*', LATENCY_MS);
  const base: DeployOptions = { root, local: { endpoint: emulator.endpoint } };
  try {
    samples.cold!.push(await timed(base));
    samples.noop!.push(await timed(base));
    samples.noopSerialReads!.push(await timed({ ...base, readConcurrency: 1 }));
    changeUtterances(root, 'en_US', 'Intent017', 'one more way to say intent seventeen');
    samples.change!.push(await timed(base));
  } finally {
    await emulator.close();
  }

  // Peer: the naive sequence, same bot, same latency, fresh emulator.
  const peer = await startEmulator({ dataDir: null });
  peer.faults.latency('*', LATENCY_MS);
  const client = new LexModelsV2Client({ endpoint: peer.endpoint, region: 'us-east-1', credentials: { accessKeyId: 'x', secretAccessKey: 'x' } });
  let calls = 0;
  client.middlewareStack.add((next) => async (args) => (calls++, next(args)), { step: 'initialize' });
  const { project } = await loadProject(root);
  const t = performance.now();
  await createBotFromDefinitions(client, project, 'BenchBot', { roleArn: 'arn:aws:iam::000000000000:role/bench', waiter: { minDelay: 0.05, maxDelay: 1, maxWaitTime: 300 } });
  naive.push(performance.now() - t);
  naiveCalls = calls;
  client.destroy();
  await peer.close();
}

function row(label: string, list: Sample[]): void {
  const ms = median(list.map((s) => s.ms));
  const c = list[0]!.result.calls;
  console.log(`${label.padEnd(38)} ${fmt(ms).padStart(8)}   ${String(c.total).padStart(4)} calls (${c.reads} reads, ${c.writes} writes)   min ${fmt(Math.min(...list.map((s) => s.ms)))}`);
}

row('cold deploy (bot does not exist)', samples.cold!);
row('no-op redeploy', samples.noop!);
row('no-op redeploy, reads one at a time', samples.noopSerialReads!);
row('one intent changed', samples.change!);
console.log(`${'peer: naive create (create-bot.ts)'.padEnd(38)} ${fmt(median(naive)).padStart(8)}   ${String(naiveCalls).padStart(4)} calls (create only: no plan, no version, no alias)`);

const change = samples.change![0]!.result.targets[0]!.bots[0]!;
console.log(`\none-intent change writes: ${change.calls.writeLog.join(', ')}`);
const cold = samples.cold![0]!.result.targets[0]!.bots[0]!;
console.log(`cold deploy writes by operation: ${Object.entries(cold.calls.byOperation).filter(([op]) => !/^(Describe|List)/.test(op)).map(([op, n]) => `${op} ${n}`).join(', ')}`);
