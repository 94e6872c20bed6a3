/**
 * `bots eval` as a library: NLU evaluation of a bot locale, like `rasa test nlu`.
 *
 * - Cross-validation (default): the locale's sample utterances in k stratified folds (seeded, so the
 *   same folds every run); each fold is classified by the local NLU (`nlu/classifier.ts`, the
 *   emulator's) trained on the other folds. `{Slot}` references in a held-out utterance are filled
 *   with a value of the slot type, as a caller would say it.
 * - Held-out CSV (`text,intent`): classified by the local NLU trained on every sample utterance, or
 *   by a deployed alias (local emulator or AWS) through `RecognizeText`.
 *
 * Below the locale's confidence threshold the answer is FallbackIntent, as Lex does.
 * @see https://docs.aws.amazon.com/lexv2/latest/dg/build-test.html
 * @see https://rasa.com/docs/rasa/testing-your-assistant/#comparing-nlu-pipelines
 * @module
 */
import { randomUUID } from 'node:crypto';
import { RecognizeTextCommand } from '@aws-sdk/client-lex-runtime-v2';
import type { BotLocale } from '../definitions/model.js';
import { trainClassifier } from '../nlu/classifier.js';
import type { LabelledUtterance } from '../nlu/dataset.js';
import { languageOf } from '../nlu/normalize.js';
import { hashString, seededRandom, shuffled } from '../nlu/random.js';
import type { IntentClassifier, NluTrainingData } from '../nlu/types.js';
import { computeMetrics, type EvalMetrics, type Prediction } from './metrics.js';
import { EVAL_SESSION_PREFIX } from './session-ids.js';
import type { LexTarget } from './target.js';

/** The intent Lex answers when no intent clears the threshold. */
export const FALLBACK_INTENT = 'FallbackIntent';

/** The local NLU's training data for a locale of the definitions: every intent with sample utterances except the fallback. */
export function trainingDataOf(locale: BotLocale): NluTrainingData {
  return {
    localeId: locale.localeId,
    intents: locale.intents
      .filter((i) => i.builtIn !== 'AMAZON.FallbackIntent' && i.sampleUtterances.length > 0)
      .map((i) => ({ name: i.name, utterances: i.sampleUtterances.map((u) => u.text), slots: i.slots.map((s) => ({ name: s.name, slotTypeName: s.type })) })),
    slotTypes: locale.slotTypes.map((t) => ({
      name: t.name,
      resolution: t.resolution,
      values: t.values.map((v) => ({ value: v.value, synonyms: v.synonyms })),
      ...(t.regex ? { regex: t.regex } : {}),
    })),
  };
}

/** How a caller says a value of a built-in slot type, per language (for filling held-out utterances). */
const BUILT_IN_VALUES: Record<string, Record<string, string[]>> = {
  'AMAZON.Number': { en: ['482913', '12'], es: ['482913', '12'], fr: ['482913', '12'] },
  'AMAZON.PhoneNumber': { en: ['202 555 0143'], es: ['305 555 0172'], fr: ['514 555 0123'] },
  'AMAZON.Time': { en: ['3 pm', 'noon'], es: ['las 3 de la tarde', 'mediodía'], fr: ['15 h', 'midi'] },
  'AMAZON.Date': { en: ['tomorrow', 'monday'], es: ['mañana', 'el lunes'], fr: ['demain', 'lundi'] },
};

/**
 * Fills `{Slot}` references of a sample utterance with a value of the slot's type, chosen by a
 * seeded generator (same utterance and seed, same text). Unknown slots become "something".
 */
export function fillSlots(text: string, intent: NluTrainingData['intents'][number], data: NluTrainingData, seed: number): string {
  const random = seededRandom(hashString(text) ^ seed);
  const lang = languageOf(data.localeId);
  return text.replace(/\{([A-Za-z0-9_]+)\}/g, (_w, slot: string) => {
    const type = intent.slots.find((s) => s.name === slot)?.slotTypeName;
    const custom = data.slotTypes.find((t) => t.name === type);
    const options = custom ? custom.values.flatMap((v) => [v.value, ...v.synonyms]) : (BUILT_IN_VALUES[type ?? '']?.[lang] ?? BUILT_IN_VALUES[type ?? '']?.en ?? ['something']);
    return options[Math.floor(random() * options.length)] ?? 'something';
  });
}

/**
 * Stratified k-fold assignment: for each label, its items in a seeded random order dealt round-robin
 * over the folds, continuing where the previous label stopped so fold sizes differ by at most one.
 * Returns the fold (0..k-1) of each item, in input order.
 * @throws RangeError when k < 2
 */
export function stratifiedFolds(labels: readonly string[], k: number, seed: number): number[] {
  if (!Number.isInteger(k) || k < 2) throw new RangeError(`folds must be a whole number of at least 2, not ${k}`);
  const byLabel = new Map<string, number[]>();
  labels.forEach((l, i) => {
    let list = byLabel.get(l);
    if (!list) byLabel.set(l, (list = []));
    list.push(i);
  });
  const fold = new Array<number>(labels.length).fill(0);
  let next = 0;
  for (const label of [...byLabel.keys()].sort()) {
    for (const i of shuffled(byLabel.get(label)!, seededRandom(seed ^ hashString(label)))) {
      fold[i] = next;
      next = (next + 1) % k;
    }
  }
  return fold;
}

/** The answer of a classifier for one text, with Lex's threshold applied. */
function classify(classifier: IntentClassifier, text: string, threshold: number): { predicted: string; confidence: number; top?: string } {
  const top = classifier.rank(text, 1)[0];
  if (!top) return { predicted: FALLBACK_INTENT, confidence: 0 };
  return { predicted: top.confidence >= threshold ? top.intent : FALLBACK_INTENT, confidence: top.confidence, top: top.intent };
}

/** Options of {@link crossValidate}. */
export interface CrossValidationOptions {
  folds: number;
  seed: number;
  /** Lex's nluIntentConfidenceThreshold in [0, 1]. */
  threshold: number;
  /** Called after each fold (progress). */
  onFold?: (done: number, of: number) => void;
}

/** K-fold cross-validation of the local NLU over the locale's sample utterances. */
export function crossValidate(data: NluTrainingData, opts: CrossValidationOptions): Prediction[] {
  const items = data.intents.flatMap((intent) => intent.utterances.map((text) => ({ intent, text })));
  const fold = stratifiedFolds(
    items.map((i) => i.intent.name),
    opts.folds,
    opts.seed,
  );
  const out: (Prediction | undefined)[] = new Array(items.length);
  for (let f = 0; f < opts.folds; f++) {
    const keep = new Map<string, string[]>();
    items.forEach((item, i) => {
      if (fold[i] === f) return;
      let list = keep.get(item.intent.name);
      if (!list) keep.set(item.intent.name, (list = []));
      list.push(item.text);
    });
    const train: NluTrainingData = { ...data, intents: data.intents.filter((i) => keep.has(i.name)).map((i) => ({ ...i, utterances: keep.get(i.name)! })) };
    const classifier = trainClassifier(train);
    items.forEach((item, i) => {
      if (fold[i] !== f) return;
      const text = fillSlots(item.text, item.intent, data, opts.seed);
      out[i] = { text, expected: item.intent.name, ...classify(classifier, text, opts.threshold) };
    });
    opts.onFold?.(f + 1, opts.folds);
  }
  return out.filter((p): p is Prediction => p !== undefined);
}

/** Classifies labelled utterances with the local NLU trained on all of `data`. */
export function evaluateLocal(data: NluTrainingData, rows: readonly LabelledUtterance[], threshold: number): Prediction[] {
  const classifier = trainClassifier(data);
  return rows.map((r) => ({ text: r.text, expected: r.label, ...classify(classifier, r.text, threshold) }));
}

/**
 * Classifies labelled utterances with a deployed alias: one `RecognizeText` per utterance, each in
 * a new session, reading the top interpretation (Lex has applied its threshold). Code hooks run as
 * for any input. `concurrency` requests at a time (default 4; Lex's RecognizeText quota is per account
 * and region, see https://docs.aws.amazon.com/lexv2/latest/dg/quotas.html).
 */
export async function evaluateTarget(target: LexTarget, rows: readonly LabelledUtterance[], opts: { concurrency?: number; onProgress?: (done: number, of: number) => void } = {}): Promise<Prediction[]> {
  const out = new Array<Prediction>(rows.length);
  let next = 0;
  let done = 0;
  const worker = async () => {
    while (next < rows.length) {
      const i = next++;
      const row = rows[i]!;
      const r = await target.runtime.send(
        new RecognizeTextCommand({ botId: target.botId, botAliasId: target.botAliasId, localeId: target.localeId, sessionId: `${EVAL_SESSION_PREFIX}-${randomUUID()}`, text: row.text }),
      );
      const top = r.interpretations?.[0];
      out[i] = {
        text: row.text,
        expected: row.label,
        predicted: top?.intent?.name ?? r.sessionState?.intent?.name ?? FALLBACK_INTENT,
        ...(top?.nluConfidence?.score !== undefined ? { confidence: top.nluConfidence.score } : {}),
      };
      opts.onProgress?.(++done, rows.length);
    }
  };
  await Promise.all(Array.from({ length: Math.max(1, opts.concurrency ?? 4) }, worker));
  return out;
}

/** The evaluation of one locale. */
export interface LocaleEvaluation {
  localeId: string;
  method: { kind: 'cross-validation'; folds: number; seed: number } | { kind: 'test-file'; file: string; against: 'local-nlu' | 'alias' };
  threshold: number;
  intents: number;
  /** Sample utterances (cross-validation) or rows (test file). */
  utterances: number;
  metrics: EvalMetrics;
}

/** A whole `bots eval` report. */
export interface EvalReport {
  bot: string;
  generatedAt: string;
  target: string;
  locales: LocaleEvaluation[];
}

/** Wraps predictions into a locale evaluation. */
export function localeEvaluation(localeId: string, method: LocaleEvaluation['method'], threshold: number, predictions: Prediction[]): LocaleEvaluation {
  return {
    localeId,
    method,
    threshold,
    intents: new Set(predictions.map((p) => p.expected)).size,
    utterances: predictions.length,
    metrics: computeMetrics(predictions),
  };
}

/** Options of {@link evaluateBot}. */
export interface EvaluateBotOptions {
  /** The loaded bot definition. */
  locales: BotLocale[];
  bot: string;
  /** Cross-validation folds (default 5). */
  folds?: number;
  /** Fold seed (default 1). */
  seed?: number;
  /** Held-out rows instead of cross-validation, and where they came from. */
  testSet?: { file: string; rows: LabelledUtterance[] };
  /** Classify the held-out rows with this alias instead of the local NLU. */
  target?: LexTarget;
  /** Describes the target in the report (default: "local NLU"). */
  targetLabel?: string;
  onProgress?: (localeId: string, done: number, of: number) => void;
  /** Clock for the report's timestamp (tests). */
  now?: () => Date;
}

/**
 * Evaluates every given locale of a bot: cross-validation over its sample utterances, or the
 * held-out rows against the local NLU or an alias.
 * @throws RangeError for folds < 2
 * @example
 * const { project } = await loadProject('.');
 * const bot = project.bots[0]!;
 * const report = await evaluateBot({ bot: bot.name, locales: bot.locales, folds: 5 });
 * console.log(report.locales.map((l) => `${l.localeId} ${l.metrics.accuracy}`));
 */
export async function evaluateBot(opts: EvaluateBotOptions): Promise<EvalReport> {
  const locales: LocaleEvaluation[] = [];
  const folds = opts.folds ?? 5;
  const seed = opts.seed ?? 1;
  for (const locale of opts.locales) {
    const data = trainingDataOf(locale);
    const threshold = locale.nluConfidenceThreshold;
    const progress = (done: number, of: number) => opts.onProgress?.(locale.localeId, done, of);
    if (!opts.testSet) {
      const predictions = crossValidate(data, { folds, seed, threshold, onFold: progress });
      locales.push(localeEvaluation(locale.localeId, { kind: 'cross-validation', folds, seed }, threshold, predictions));
    } else if (opts.target) {
      const predictions = await evaluateTarget({ ...opts.target, localeId: locale.localeId }, opts.testSet.rows, { onProgress: progress });
      locales.push(localeEvaluation(locale.localeId, { kind: 'test-file', file: opts.testSet.file, against: 'alias' }, threshold, predictions));
    } else {
      const predictions = evaluateLocal(data, opts.testSet.rows, threshold);
      locales.push(localeEvaluation(locale.localeId, { kind: 'test-file', file: opts.testSet.file, against: 'local-nlu' }, threshold, predictions));
    }
  }
  return { bot: opts.bot, generatedAt: (opts.now?.() ?? new Date()).toISOString(), target: opts.targetLabel ?? 'local NLU (scripts/nlu/classifier.ts)', locales };
}
