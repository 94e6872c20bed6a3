/**
 * `npm run bench:eval`: `bots eval` on the shipped SelfService bot (issue #7), for BENCHMARKS.md,
 * section "NLU evaluation of the shipped bot".
 *
 * 1. 5-fold stratified cross-validation of the local NLU over each locale's sample utterances, with
 *    the bot's confidence threshold (below it: FallbackIntent), for seeds 1, 2, 3: accuracy, macro F1,
 *    the weakest intent and the most confused pair (seed 1), and the time per locale.
 * 2. Held-out: the user turns of the shipped conversation tests that state the recognised intent
 *    (`interpretation:`; typed, misspelled and speech-transcription inputs the NLU never trained on),
 *    classified by the local NLU trained on every sample utterance.
 * 3. Held-out paraphrases written by another author than the sample utterances'
 *    (bench/data/nlu-paraphrases.ts, and a fresh set written after the changes it led to,
 *    nlu-paraphrases-fresh.ts, and a blind set kept from the NLU's tuners, nlu-paraphrases-blind.ts):
 *    top-1 (best intent) and accuracy with the bot's threshold.
 *
 * Options: --json prints the figures as JSON.
 */
import { readFileSync, readdirSync } from 'node:fs';
import { cpus, release, totalmem } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { crossValidate, evaluateBot, evaluateLocal, trainingDataOf } from '../scripts/conversation/eval.js';
import { computeMetrics } from '../scripts/conversation/metrics.js';
import { parseTestFile } from '../scripts/conversation/test-file.js';
import { loadProject } from '../scripts/definitions/load.js';
import { NLU_PARAPHRASES } from './data/nlu-paraphrases.js';
import { NLU_PARAPHRASES_BLIND } from './data/nlu-paraphrases-blind.js';
import { NLU_PARAPHRASES_FRESH } from './data/nlu-paraphrases-fresh.js';

const ROOT = join(import.meta.dirname, '..');
const SEEDS = [1, 2, 3];
const { values: args } = parseArgs({ options: { json: { type: 'boolean', default: false } } });
const log = (s = '') => {
  if (!args.json) console.log(s);
};
const pct = (v: number) => `${(100 * v).toFixed(1)} %`;

const { project } = await loadProject(ROOT);
const bot = project.bots.find((b) => b.name === 'SelfService')!;
log(`machine: ${cpus().length} × ${cpus()[0]?.model ?? 'cpu'}, ${(totalmem() / 2 ** 30).toFixed(0)} GiB, Linux ${release()}, node ${process.version}`);
log(`date: ${new Date().toISOString().slice(0, 10)}`);

// 1. Cross-validation
const cv: Record<string, { seed: number; accuracy: number; top1: number; macroF1: number; ms: number; utterances: number; weakest?: string; confused?: string }[]> = {};
log('\n5-fold cross-validation (local NLU, threshold from the bot):');
for (const locale of bot.locales) {
  cv[locale.localeId] = [];
  for (const seed of SEEDS) {
    const t0 = performance.now();
    const report = await evaluateBot({ bot: bot.name, locales: [locale], folds: 5, seed });
    const ms = performance.now() - t0;
    const m = report.locales[0]!.metrics;
    const weakest = [...m.perIntent].sort((a, b) => a.f1 - b.f1)[0];
    const pair = m.confusedPairs[0];
    // The same folds without the threshold: how often the best intent is right at all.
    const top1 = computeMetrics(crossValidate(trainingDataOf(locale), { folds: 5, seed, threshold: 0 })).accuracy;
    cv[locale.localeId]!.push({
      seed,
      accuracy: m.accuracy,
      top1,
      macroF1: m.macro.f1,
      ms,
      utterances: m.total,
      ...(weakest ? { weakest: `${weakest.intent} (F1 ${weakest.f1.toFixed(2)})` } : {}),
      ...(pair ? { confused: `${pair.expected} → ${pair.predicted} ×${pair.count}` } : {}),
    });
  }
  const runs = cv[locale.localeId]!;
  const mean = runs.reduce((a, r) => a + r.accuracy, 0) / runs.length;
  log(
    `  ${locale.localeId}: accuracy ${runs.map((r) => pct(r.accuracy)).join(' / ')} (seeds ${SEEDS.join(', ')}; mean ${pct(mean)}), best intent right without the threshold ${runs.map((r) => pct(r.top1)).join(' / ')}, macro F1 ${runs.map((r) => r.macroF1.toFixed(2)).join(' / ')}, ${runs[0]!.utterances} utterances, ${(runs.reduce((a, r) => a + r.ms, 0) / runs.length).toFixed(0)} ms per run; weakest ${runs[0]!.weakest}; most confused ${runs[0]!.confused}`,
  );
}

// 2. Held-out conversation-test utterances
log('\nheld-out: user turns of tests/conversations/*.yaml that state the recognised intent (local NLU trained on all sample utterances):');
const dir = join(ROOT, 'tests', 'conversations');
const tests = readdirSync(dir)
  .filter((f) => f.endsWith('.yaml'))
  .flatMap((f) => parseTestFile(f, readFileSync(join(dir, f), 'utf8')).conversations);
const heldOut: Record<string, { accuracy: number; total: number; failures: string[] }> = {};
for (const locale of bot.locales) {
  const rows = tests
    .filter((t) => t.locale === locale.localeId)
    .flatMap((t) => t.turns.flatMap((turn) => (turn.kind === 'user' && turn.expect.interpretation && !/\{/.test(turn.user) ? [{ text: turn.user, label: typeof turn.expect.interpretation === 'string' ? turn.expect.interpretation : turn.expect.interpretation.intent }] : [])));
  const m = computeMetrics(evaluateLocal(trainingDataOf(locale), rows, locale.nluConfidenceThreshold));
  heldOut[locale.localeId] = { accuracy: m.accuracy, total: m.total, failures: m.failures.map((f) => `"${f.text}": ${f.expected} → ${f.predicted}`) };
  log(`  ${locale.localeId}: ${pct(m.accuracy)} of ${m.total}${m.failures.length ? `; missed: ${heldOut[locale.localeId]!.failures.join('; ')}` : ''}`);
}

// 3. Held-out paraphrases by another author (bench/data/nlu-paraphrases*.ts)
const paraphrases: Record<string, Record<string, { top1: number; accuracy: number; total: number; failures: string[] }>> = {};
for (const [set, rowsOf] of [['first', NLU_PARAPHRASES], ['fresh', NLU_PARAPHRASES_FRESH], ['blind', NLU_PARAPHRASES_BLIND]] as const) {
  log(`\nheld-out paraphrases, ${set} set (bench/data/nlu-paraphrases${set === 'first' ? '' : `-${set}`}.ts, another author; local NLU trained on all sample utterances):`);
  const out: Record<string, { top1: number; accuracy: number; total: number; failures: string[] }> = (paraphrases[set] = {});
  for (const locale of bot.locales) {
    const rows = rowsOf.filter(([l]) => l === locale.localeId).map(([, text, label]) => ({ text, label }));
    const top = computeMetrics(evaluateLocal(trainingDataOf(locale), rows, 0));
    const m = computeMetrics(evaluateLocal(trainingDataOf(locale), rows, locale.nluConfidenceThreshold));
    out[locale.localeId] = { top1: top.accuracy, accuracy: m.accuracy, total: m.total, failures: top.failures.map((f) => `"${f.text}": ${f.expected} → ${f.predicted}`) };
    log(`  ${locale.localeId}: top-1 ${pct(top.accuracy)}, with the threshold ${pct(m.accuracy)} of ${m.total}${top.failures.length ? `; top-1 missed: ${out[locale.localeId]!.failures.join('; ')}` : ''}`);
  }
}

if (args.json) console.log(JSON.stringify({ crossValidation: cv, heldOut, paraphrases }, null, 2));
