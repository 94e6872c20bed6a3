/**
 * `npm run bench:nlu`: accuracy, typo robustness, out-of-scope rejection and training time of the
 * emulator's intent classifier (issue #3). Results go in BENCHMARKS.md, section "NLU".
 *
 * Default run (needs ../shared/datasets; without it, says so and exits 0):
 * - BANKING77 few-shot: k = 10, 15, 20 training utterances per intent sampled from `train.csv`, three
 *   seeds; the test set is up to 30 other utterances per intent, fixed per seed (the same for every k).
 *   Top-1 / top-3 accuracy on the clean test set and with injected keyboard typos.
 * - CLINC150 out-of-scope: k = 20 per intent of `train`, evaluated on `val` + `oos_val`: in-scope
 *   accuracy and out-of-scope recall at the emulator's default threshold (0.4) and a small sweep.
 * - Training time of a 77-intent locale (BANKING77, k = 20): first (cold) and warm median.
 *
 * - Confidence calibration: the fit of `DEFAULT_CALIBRATION` on held-out BANKING77 utterances, and
 *   the reliability (ECE) of raw and calibrated confidences on the test utterances and CLINC150.
 * `--only timing,banking77,clinc150,calibration` runs some of them.
 *
 * Own data: `npm run bench:nlu -- --train train.csv --test test.csv [--k 20] [--seed 1] [--locale en_US] [--threshold 0.4] [--json]`
 * (CSV columns `text,category`; test rows labelled `oos` are out of scope).
 */
import { existsSync, readFileSync } from 'node:fs';
import { cpus, platform, release, totalmem } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';
import { parseArgs } from 'node:util';
import { fitCalibration, reliability, type Calibration, type CalibrationSample, type Reliability } from '../scripts/nlu/calibration.js';
import { DEFAULT_CALIBRATION, trainClassifier } from '../scripts/nlu/classifier.js';
import type { IntentClassifier } from '../scripts/nlu/types.js';
import { fewShotSplit, groupByLabel, injectTypos, readLabelledCsv, takePerLabel, type LabelledUtterance, type TypoRate } from '../scripts/nlu/dataset.js';
import { OUT_OF_SCOPE_LABEL, scoreUtterances, summarize, toTrainingData, type EvaluationSummary } from '../scripts/nlu/evaluation.js';

const DEFAULT_THRESHOLD = 0.4;
const SWEEP = [0.2, 0.3, 0.4, 0.5, 0.6, 0.7];
const KS = [10, 15, 20];
const SEEDS = [1, 2, 3];
const TEST_PER_INTENT = 30;
const TIMING_RUNS = 7;
const LIGHT_TYPOS: TypoRate = { kind: 'perUtterance', min: 1, max: 2 };
const HEAVY_TYPOS: TypoRate = { kind: 'perChars', every: 10 };
const DATASETS = join(import.meta.dirname, '..', '..', 'shared', 'datasets');

const { values: args } = parseArgs({
  options: {
    train: { type: 'string' },
    test: { type: 'string' },
    k: { type: 'string' },
    seed: { type: 'string', default: '1' },
    locale: { type: 'string', default: 'en_US' },
    threshold: { type: 'string', default: String(DEFAULT_THRESHOLD) },
    json: { type: 'boolean', default: false },
    only: { type: 'string' },
  },
});
const threshold = Number(args.threshold);
const log = (line = '') => {
  if (!args.json) console.log(line);
};
const machine = {
  cpus: cpus().length,
  cpu: cpus()[0]?.model ?? 'unknown',
  memoryGiB: Math.round(totalmem() / 2 ** 30),
  node: process.version,
  os: `${platform()} ${release()}`,
};
const pct = (v: number) => (Number.isFinite(v) ? `${(100 * v).toFixed(1)} %` : 'n/a');

function fail(message: string): never {
  console.error(`bench:nlu: ${message}`);
  process.exit(2);
}

function readBanking(): LabelledUtterance[] {
  return readLabelledCsv(readFileSync(join(DATASETS, 'banking77', 'train.csv'), 'utf8'));
}

/** Milliseconds of `fn`. */
function time(fn: () => void): number {
  const t0 = performance.now();
  fn();
  return performance.now() - t0;
}

function trainingTime() {
  const split = fewShotSplit(readBanking(), 20, TEST_PER_INTENT, 1);
  const data = toTrainingData(takePerLabel(split.trainPool, 20));
  const utterances = data.intents.reduce((n, i) => n + i.utterances.length, 0);
  const cold = time(() => trainClassifier(data));
  const warm = Array.from({ length: TIMING_RUNS }, () => time(() => trainClassifier(data))).sort((a, b) => a - b);
  const classifier = trainClassifier(data);
  const rankMs = time(() => scoreUtterances(classifier, split.test)) / split.test.length;
  const result = {
    intents: data.intents.length,
    utterances,
    coldMs: Math.round(cold),
    warmMedianMs: Math.round(warm[warm.length >> 1]!),
    warmMinMs: Math.round(warm[0]!),
    warmMaxMs: Math.round(warm[warm.length - 1]!),
    rankMsPerUtterance: Number(rankMs.toFixed(3)),
  };
  log(`\ntraining time, ${result.intents} intents × 20 utterances (${utterances}): first ${result.coldMs} ms (includes JIT warm-up), then median ${result.warmMedianMs} ms (min ${result.warmMinMs}, max ${result.warmMaxMs}, ${TIMING_RUNS} runs); rank ${result.rankMsPerUtterance} ms per utterance`);
  log(`budget 2,000 ms → ${Math.max(cold, warm[warm.length >> 1]!) < 2000 ? 'within' : 'OVER'} budget`);
  return result;
}

interface Stat {
  mean: number;
  min: number;
  max: number;
}
function stat(values: number[]): Stat {
  return { mean: values.reduce((a, b) => a + b, 0) / values.length, min: Math.min(...values), max: Math.max(...values) };
}
function fmt(s: Stat): string {
  return `${(100 * s.mean).toFixed(1)} (${(100 * s.min).toFixed(1)}-${(100 * s.max).toFixed(1)})`;
}

function banking77() {
  const rows = readBanking();
  const out: Record<string, { top1: Stat; top3: Stat; typoTop1: Stat; heavyTypoTop1: Stat; acceptedTop1: Stat; trainMs: Stat }> = {};
  log(`\nBANKING77 (${rows.length} rows, ${groupByLabel(rows).size} intents): train on k per intent, test on up to ${TEST_PER_INTENT} other utterances per intent; seeds ${SEEDS.join(', ')}; mean (min-max) %`);
  log('| k | top-1 | top-3 | top-1, 1-2 typos | top-1, 1 typo / 10 letters | top-1 ≥ 0.4 | train ms |');
  log('|---|---|---|---|---|---|---|');
  for (const k of KS) {
    const runs: Record<'top1' | 'top3' | 'typoTop1' | 'heavyTypoTop1' | 'acceptedTop1' | 'trainMs', number[]> = { top1: [], top3: [], typoTop1: [], heavyTypoTop1: [], acceptedTop1: [], trainMs: [] };
    for (const seed of SEEDS) {
      const split = fewShotSplit(rows, Math.max(...KS), TEST_PER_INTENT, seed);
      const data = toTrainingData(takePerLabel(split.trainPool, k));
      let classifier = trainClassifier(data);
      runs.trainMs.push(time(() => (classifier = trainClassifier(data))));
      const clean = summarize(scoreUtterances(classifier, split.test), threshold);
      const light = summarize(scoreUtterances(classifier, split.test, (text, i) => injectTypos(text, seed * 1_000_003 + i, LIGHT_TYPOS)), threshold);
      const heavy = summarize(scoreUtterances(classifier, split.test, (text, i) => injectTypos(text, seed * 1_000_003 + i, HEAVY_TYPOS)), threshold);
      runs.top1.push(clean.top1);
      runs.top3.push(clean.top3);
      runs.acceptedTop1.push(clean.acceptedTop1);
      runs.typoTop1.push(light.top1);
      runs.heavyTypoTop1.push(heavy.top1);
    }
    const r = {
      top1: stat(runs.top1),
      top3: stat(runs.top3),
      typoTop1: stat(runs.typoTop1),
      heavyTypoTop1: stat(runs.heavyTypoTop1),
      acceptedTop1: stat(runs.acceptedTop1),
      trainMs: stat(runs.trainMs),
    };
    out[`k${k}`] = r;
    log(`| ${k} | ${fmt(r.top1)} | ${fmt(r.top3)} | ${fmt(r.typoTop1)} | ${fmt(r.heavyTypoTop1)} | ${fmt(r.acceptedTop1)} | ${r.trainMs.mean.toFixed(0)} |`);
  }
  const k20 = out.k20!;
  log(`targets: top-1 at k=20 ≥ 84 % → ${(100 * k20.top1.mean).toFixed(1)} % (${k20.top1.mean >= 0.84 ? 'met' : 'NOT met'}); typo loss ≤ 3 points → ${(100 * (k20.top1.mean - k20.typoTop1.mean)).toFixed(1)} points (${k20.top1.mean - k20.typoTop1.mean <= 0.03 ? 'met' : 'NOT met'})`);
  return out;
}

function clinc150() {
  const data = JSON.parse(readFileSync(join(DATASETS, 'clinc150', 'train_val.json'), 'utf8')) as Record<'train' | 'val' | 'oos_val', [string, string][]>;
  const trainRows = data.train.map(([text, label]) => ({ text, label }));
  const groups = groupByLabel(trainRows);
  const test: LabelledUtterance[] = [...data.val, ...data.oos_val].map(([text, label]) => ({ text, label }));
  const sweeps: EvaluationSummary[][] = [];
  for (const seed of SEEDS) {
    const train = fewShotSplit(trainRows, 20, 0, seed).trainPool;
    const scored = scoreUtterances(trainClassifier(toTrainingData(train)), test);
    sweeps.push(SWEEP.map((t) => summarize(scored, t)));
  }
  const first = sweeps[0]![0]!;
  log(`\nCLINC150: train on 20 per intent of \`train\` (${groups.size} intents), test on \`val\` (${first.inScope}) + \`oos_val\` (${first.outOfScope}); seeds ${SEEDS.join(', ')}; mean (min-max) %`);
  log(`in-scope top-1 (no threshold): ${fmt(stat(sweeps.map((s) => s[0]!.top1)))}`);
  log('| threshold | in-scope accuracy (right and ≥ threshold) | out-of-scope recall (< threshold) |');
  log('|---|---|---|');
  const rows = SWEEP.map((t, i) => {
    const accepted = stat(sweeps.map((s) => s[i]!.acceptedTop1));
    const recall = stat(sweeps.map((s) => s[i]!.outOfScopeRecall));
    log(`| ${t === DEFAULT_THRESHOLD ? `**${t}**` : t} | ${fmt(accepted)} | ${fmt(recall)} |`);
    return { threshold: t, inScopeAccuracy: accepted, outOfScopeRecall: recall };
  });
  return { intents: groups.size, inScopeTop1: stat(sweeps.map((s) => s[0]!.top1)), sweep: rows };
}

/** Top answer of each utterance: its confidence, the coverage of its words, right or not (out of scope: never right). */
function answers(classifier: IntentClassifier, rows: readonly LabelledUtterance[]): CalibrationSample[] {
  return rows.map((r) => {
    const top = classifier.rank(r.text, 1)[0];
    return { confidence: top?.confidence ?? 0, coverage: classifier.coverage?.(r.text) ?? 1, correct: r.label !== OUT_OF_SCOPE_LABEL && top?.intent === r.label };
  });
}

const DEGENERATE = 'balance balance balance pizza';

/**
 * Confidence calibration: per seed, train on k = 20 of BANKING77, fit the calibration on 30 other
 * held-out utterances per intent (never the test ones), and compare the reliability of the raw and
 * calibrated confidences on the test utterances (30 per intent) and on CLINC150 val + oos_val
 * (out-of-scope answers count as wrong). The fit over all seeds' held-out answers is the shipped
 * {@link DEFAULT_CALIBRATION}.
 */
function calibration() {
  const rows = readBanking();
  const held: CalibrationSample[] = [];
  const perSeed: { seed: number; fitted: Calibration; test: { raw: Reliability; calibrated: Reliability; pooled: Reliability; shipped: Reliability } }[] = [];
  const tests: { seed: number; data: ReturnType<typeof toTrainingData>; test: LabelledUtterance[] }[] = [];
  for (const seed of SEEDS) {
    const split = fewShotSplit(rows, 20, 2 * TEST_PER_INTENT, seed);
    const seen = new Map<string, number>();
    const test: LabelledUtterance[] = [];
    const fit: LabelledUtterance[] = [];
    for (const r of split.test) {
      const n = seen.get(r.label) ?? 0;
      seen.set(r.label, n + 1);
      (n < TEST_PER_INTENT ? test : fit).push(r);
    }
    const data = toTrainingData(takePerLabel(split.trainPool, 20));
    const samples = answers(trainClassifier(data, { calibration: null }), fit);
    held.push(...samples);
    tests.push({ seed, data, test });
    perSeed.push({ seed, fitted: fitCalibration(samples), test: undefined as never });
  }
  const banking = held.length;
  // CLINC150: 20 per intent to train on, the next 20 per intent of `train` and `oos_train` held out.
  const clinc = JSON.parse(readFileSync(join(DATASETS, 'clinc150', 'train_val.json'), 'utf8')) as Record<'train' | 'val' | 'oos_train' | 'oos_val', [string, string][]>;
  const clincSplit = fewShotSplit(clinc.train.map(([text, label]) => ({ text, label })), 20, 20, 1);
  const clincTrain = toTrainingData(clincSplit.trainPool);
  const clincHeld = [...clincSplit.test, ...clinc.oos_train.map(([text]) => ({ text, label: OUT_OF_SCOPE_LABEL }))];
  held.push(...answers(trainClassifier(clincTrain, { calibration: null }), clincHeld));
  const pooled = fitCalibration(held);
  for (const [i, t] of tests.entries()) {
    const raw = answers(trainClassifier(t.data, { calibration: null }), t.test);
    const own = answers(trainClassifier(t.data, { calibration: perSeed[i]!.fitted }), t.test);
    const pool = answers(trainClassifier(t.data, { calibration: pooled }), t.test);
    const shipped = answers(trainClassifier(t.data), t.test);
    perSeed[i]!.test = { raw: reliability(raw), calibrated: reliability(own), pooled: reliability(pool), shipped: reliability(shipped) };
  }
  const data = toTrainingData(takePerLabel(fewShotSplit(rows, 20, 0, 1).trainPool, 20));
  const degenerate = { raw: trainClassifier(data, { calibration: null }).rank(DEGENERATE, 1)[0], pooled: trainClassifier(data, { calibration: pooled }).rank(DEGENERATE, 1)[0], shipped: trainClassifier(data).rank(DEGENERATE, 1)[0] };
  const clincTest = [...clinc.val, ...clinc.oos_val].map(([text, label]) => ({ text, label }));
  const clincAnswers = { raw: answers(trainClassifier(clincTrain, { calibration: null }), clincTest), pooled: answers(trainClassifier(clincTrain, { calibration: pooled }), clincTest), shipped: answers(trainClassifier(clincTrain), clincTest) };
  const clincRel = { raw: reliability(clincAnswers.raw), pooled: reliability(clincAnswers.pooled), shipped: reliability(clincAnswers.shipped) };
  // At the emulator's threshold: in-scope right and accepted, out of scope rejected.
  const atThreshold = (a: CalibrationSample[]) => {
    const inScope = clincTest.flatMap((r, i) => (r.label === OUT_OF_SCOPE_LABEL ? [] : [a[i]!]));
    const oos = clincTest.flatMap((r, i) => (r.label === OUT_OF_SCOPE_LABEL ? [a[i]!] : []));
    return `in-scope ${pct(inScope.filter((x) => x.correct && x.confidence >= DEFAULT_THRESHOLD).length / inScope.length)}, out-of-scope recall ${pct(oos.filter((x) => x.confidence < DEFAULT_THRESHOLD).length / oos.length)}`;
  };
  const f = (c: Calibration) => `a ${c.a.toFixed(3)}, b ${c.b.toFixed(3)}, d ${c.d.toFixed(3)}, ceiling ${c.ceiling.toFixed(3)}`;
  log(`
confidence calibration: fitted on ${held.length} held-out answers (${banking} BANKING77: k = 20, 30 other utterances per intent, seeds ${SEEDS.join(', ')}; ${held.length - banking} CLINC150: k = 20, 20 other utterances per intent of train, and oos_train): ${f(pooled)}; shipped: ${f(DEFAULT_CALIBRATION)}`);
  log('| seed | fitted on its own held-out split | ECE raw | ECE own fit | ECE pooled fit | ECE shipped | max gap raw | max gap shipped |');
  log('|---|---|---|---|---|---|---|---|');
  for (const s of perSeed) log(`| ${s.seed} | ${f(s.fitted)} | ${s.test.raw.ece.toFixed(3)} | ${s.test.calibrated.ece.toFixed(3)} | ${s.test.pooled.ece.toFixed(3)} | ${s.test.shipped.ece.toFixed(3)} | ${s.test.raw.maxGap.toFixed(3)} | ${s.test.shipped.maxGap.toFixed(3)} |`);
  log(`CLINC150 val + oos_val (k = 20, seed 1): ECE raw ${clincRel.raw.ece.toFixed(3)}, pooled fit ${clincRel.pooled.ece.toFixed(3)}, shipped ${clincRel.shipped.ece.toFixed(3)}`);
  log(`CLINC150 at ${DEFAULT_THRESHOLD}: raw ${atThreshold(clincAnswers.raw)}; pooled fit ${atThreshold(clincAnswers.pooled)}; shipped ${atThreshold(clincAnswers.shipped)}`);
  log(`"${DEGENERATE}": raw ${degenerate.raw?.intent} ${degenerate.raw?.confidence.toFixed(3)}, pooled fit ${degenerate.pooled?.confidence.toFixed(3)}, shipped ${degenerate.shipped?.confidence.toFixed(3)}`);
  const diagram = (r: Reliability) => r.bins.filter((b) => b.count).map((b) => `${b.from.toFixed(1)}-${b.to.toFixed(1)}: ${b.count} at ${b.meanConfidence.toFixed(2)} → ${b.accuracy.toFixed(2)}`).join('; ');
  log(`reliability, seed 1 test, raw: ${diagram(perSeed[0]!.test.raw)}`);
  log(`reliability, seed 1 test, shipped: ${diagram(perSeed[0]!.test.shipped)}`);
  return { pooled, shipped: DEFAULT_CALIBRATION, perSeed: perSeed.map((s) => ({ seed: s.seed, fitted: s.fitted, ece: { raw: s.test.raw.ece, own: s.test.calibrated.ece, pooled: s.test.pooled.ece, shipped: s.test.shipped.ece } })), clinc: { raw: clincRel.raw.ece, pooled: clincRel.pooled.ece, shipped: clincRel.shipped.ece }, degenerate };
}

function ownData(trainPath: string, testPath: string) {
  const seed = Number(args.seed);
  const k = args.k === undefined ? Infinity : Number(args.k);
  if (!Number.isFinite(seed) || !(k > 0)) fail('--k must be a positive number and --seed a number');
  const trainRows = readLabelledCsv(readFileSync(trainPath, 'utf8')).filter((r) => r.label !== OUT_OF_SCOPE_LABEL);
  const test = readLabelledCsv(readFileSync(testPath, 'utf8'));
  const data = toTrainingData(fewShotSplit(trainRows, k, 0, seed).trainPool, args.locale);
  let classifier = trainClassifier(data);
  const trainMs = time(() => (classifier = trainClassifier(data)));
  const clean = summarize(scoreUtterances(classifier, test), threshold);
  const typos = summarize(scoreUtterances(classifier, test, (text, i) => injectTypos(text, seed * 1_000_003 + i, LIGHT_TYPOS)), threshold);
  const utterances = data.intents.reduce((n, i) => n + i.utterances.length, 0);
  log(`\ntrained on ${utterances} utterances of ${data.intents.length} intents (${Number.isFinite(k) ? `k = ${k}` : 'all'}, seed ${seed}, ${args.locale}) in ${trainMs.toFixed(0)} ms`);
  log(`tested on ${clean.inScope} in-scope and ${clean.outOfScope} out-of-scope utterances; threshold ${threshold}`);
  log(`top-1 ${pct(clean.top1)}, top-3 ${pct(clean.top3)}, top-1 with 1-2 typos ${pct(typos.top1)}`);
  log(`in-scope accuracy at the threshold ${pct(clean.acceptedTop1)}, out-of-scope recall ${pct(clean.outOfScopeRecall)}`);
  return { train: { intents: data.intents.length, utterances, k: Number.isFinite(k) ? k : null, seed, locale: args.locale, trainMs: Math.round(trainMs) }, clean, typos };
}

function main(): void {
  log(`machine: ${machine.cpus} × ${machine.cpu}, ${machine.memoryGiB} GiB, node ${machine.node}, ${machine.os}`);

  if (args.train || args.test) {
    if (!args.train || !args.test) fail('--train and --test go together');
    const result = ownData(args.train, args.test);
    if (args.json) console.log(JSON.stringify({ machine, ...result }, null, 2));
  } else if (!existsSync(join(DATASETS, 'banking77', 'train.csv')) || !existsSync(join(DATASETS, 'clinc150', 'train_val.json'))) {
    const skipped = `The NLU benchmark needs BANKING77 and CLINC150 in ${DATASETS} (the shared reference folder beside the project); not found, nothing to measure.`;
    const hint = 'Run it on a machine with ../shared, or give your own data: npm run bench:nlu -- --train train.csv --test test.csv';
    if (args.json) console.log(JSON.stringify({ machine, skipped, hint }, null, 2));
    else console.log(`${skipped}\n${hint}`);
  } else {
    const only = args.only?.split(',');
    const run = (name: string) => !only || only.includes(name);
    const timing = run('timing') ? trainingTime() : undefined;
    const banking = run('banking77') ? banking77() : undefined;
    const clinc = run('clinc150') ? clinc150() : undefined;
    const calib = run('calibration') ? calibration() : undefined;
    if (args.json) console.log(JSON.stringify({ machine, timing, banking77: banking, clinc150: clinc, calibration: calib }, null, 2));
  }
}

main();
