/**
 * `npm run bench:first-turn`: how long the first RecognizeText turn of each locale of the shipped
 * SelfService bot takes in a fresh process (issue 20: 14-16 s for fr_CA), for BENCHMARKS.md,
 * section "First turn per locale".
 *
 * Each locale runs in its own child process, so that no recognizers-text model, trained classifier
 * or module is warm: the child starts the local emulator in-process with the fulfillment Lambdas,
 * deploys the bot (`bots deploy`: the build trains the locale's NLU), then times the locale's first
 * turn, from the RecognizeText call to its answer. The deploy is timed separately.
 *
 * Options: --json prints the figures as JSON; --runs N (default 1) repeats each locale.
 */
import { execFileSync } from 'node:child_process';
import { cpus, loadavg, release, totalmem } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { RecognizeTextCommand } from '@aws-sdk/client-lex-runtime-v2';

const ROOT = join(import.meta.dirname, '..');
/** The first thing a caller says in each locale: a balance request (it starts verification). */
const FIRST: Record<string, string> = { en_US: "what's my balance", es_US: 'cuál es mi saldo', fr_CA: 'quel est mon solde' };

const { values: args } = parseArgs({ options: { json: { type: 'boolean', default: false }, runs: { type: 'string', default: '1' }, child: { type: 'string' } } });

if (args.child) {
  // In the child: one locale, cold.
  const localeId = args.child;
  const t0 = performance.now();
  const { openLexTarget } = await import('../scripts/conversation/target.js');
  const target = await openLexTarget({ root: ROOT, bot: 'SelfService', localeId, local: { dataDir: null } });
  const deployMs = performance.now() - t0;
  const t1 = performance.now();
  const r = await target.runtime.send(new RecognizeTextCommand({ botId: target.botId, botAliasId: target.botAliasId, localeId, sessionId: 'bench-first-turn', text: FIRST[localeId]! }));
  const firstTurnMs = performance.now() - t1;
  // The answer to that turn's question: the first number of the session (AMAZON.Number, phone number).
  const t2 = performance.now();
  await target.runtime.send(new RecognizeTextCommand({ botId: target.botId, botAliasId: target.botAliasId, localeId, sessionId: 'bench-first-turn', text: '202-555-0143' }));
  const secondTurnMs = performance.now() - t2;
  await target.close();
  process.stdout.write(`${JSON.stringify({ localeId, deployMs, firstTurnMs, secondTurnMs, intent: r.sessionState?.intent?.name })}\n`);
  process.exit(0);
}

const runs = Math.max(1, Number(args.runs) || 1);
const log = (s = '') => {
  if (!args.json) console.log(s);
};
log(`machine: ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Linux ${release()}, node ${process.version}`);
log(`date: ${new Date().toISOString().slice(0, 10)}, load average at start: ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
log('\nlocale  first turn  second turn  deploy (build)  intent');
const results: { localeId: string; deployMs: number; firstTurnMs: number; secondTurnMs: number; intent?: string }[] = [];
for (let i = 0; i < runs; i++) {
  for (const localeId of Object.keys(FIRST)) {
    const out = execFileSync(process.execPath, [join(ROOT, 'scripts', 'bin', 'run-ts.mjs'), join(ROOT, 'bench', 'first-turn.bench.ts'), '--child', localeId], { cwd: ROOT, encoding: 'utf8', env: { ...process.env, AWS_SDK_JS_NODE_VERSION_SUPPORT_WARNING_DISABLED: 'true' } });
    const r = JSON.parse(out.trim().split('\n').pop()!) as (typeof results)[number];
    results.push(r);
    log(`${r.localeId}   ${(r.firstTurnMs / 1000).toFixed(2).padStart(6)} s  ${(r.secondTurnMs / 1000).toFixed(2).padStart(8)} s  ${(r.deployMs / 1000).toFixed(1).padStart(10)} s      ${r.intent ?? '-'}`);
  }
}
log(`load average at end: ${loadavg().map((l) => l.toFixed(2)).join(' ')}`);
if (args.json) console.log(JSON.stringify({ runs, results }, null, 2));
