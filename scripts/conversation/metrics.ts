/**
 * Intent-classification metrics for `bots eval` (the figures `rasa test nlu` reports): accuracy,
 * per-intent precision / recall / F1, macro and support-weighted averages, the confusion matrix,
 * the most confused intent pairs with example utterances, a histogram of the top confidence split by
 * right and wrong answers, and the utterances that failed. Pure functions, no I/O.
 * @see https://rasa.com/docs/rasa/testing-your-assistant/#evaluating-an-nlu-model
 * @module
 */

/** One classified utterance. */
export interface Prediction {
  text: string;
  /** The intent it is labelled with. */
  expected: string;
  /** The intent the NLU answered (after the confidence threshold: FallbackIntent below it). */
  predicted: string;
  /** Confidence of the best intent in [0, 1]; undefined when the NLU gives none. */
  confidence?: number;
  /** The best intent before the threshold (the one `confidence` belongs to); default `predicted`. */
  top?: string;
}

/** Figures of one intent. Ratios in [0, 1]; 0 when undefined (no prediction / no support), as scikit-learn. */
export interface IntentMetrics {
  intent: string;
  precision: number;
  recall: number;
  f1: number;
  /** Utterances labelled with the intent. */
  support: number;
  /** Utterances predicted as the intent. */
  predicted: number;
}

/** A pair of intents the NLU mixes up. */
export interface ConfusedPair {
  expected: string;
  predicted: string;
  count: number;
  /** Up to 3 utterances, in input order. */
  examples: string[];
}

/** One bin of the confidence histogram, [from, to) (the last bin includes 1). */
export interface ConfidenceBin {
  from: number;
  to: number;
  correct: number;
  incorrect: number;
}

/** Everything `bots eval` reports for one set of predictions. */
export interface EvalMetrics {
  total: number;
  correct: number;
  accuracy: number;
  macro: { precision: number; recall: number; f1: number };
  weighted: { precision: number; recall: number; f1: number };
  perIntent: IntentMetrics[];
  /** Rows: expected; columns: predicted; both in `labels` order. */
  confusion: { labels: string[]; matrix: number[][] };
  confusedPairs: ConfusedPair[];
  histogram: ConfidenceBin[];
  /**
   * Reliability diagram of the confidences: per bin, the mean top confidence against the share of
   * answers whose top intent was right, and the expected calibration error (`nlu/calibration.ts`).
   */
  reliability: Reliability;
  failures: Prediction[];
}

import { reliability, type Reliability } from '../nlu/calibration.js';

const ratio = (a: number, b: number) => (b === 0 ? 0 : a / b);
const f1 = (p: number, r: number) => (p + r === 0 ? 0 : (2 * p * r) / (p + r));

/**
 * Computes the metrics.
 * @param bins number of equal-width confidence bins (default 10)
 * @example computeMetrics([{ text: 'hi', expected: 'Greet', predicted: 'Greet', confidence: 0.9 }]).accuracy // 1
 */
export function computeMetrics(predictions: readonly Prediction[], bins = 10): EvalMetrics {
  const labels = [...new Set(predictions.flatMap((p) => [p.expected, p.predicted]))].sort();
  const index = new Map(labels.map((l, i) => [l, i]));
  const matrix = labels.map(() => labels.map(() => 0));
  const pairs = new Map<string, ConfusedPair>();
  let correct = 0;
  for (const p of predictions) {
    matrix[index.get(p.expected)!]![index.get(p.predicted)!]!++;
    if (p.expected === p.predicted) {
      correct++;
      continue;
    }
    const key = `${p.expected}\u0000${p.predicted}`;
    let pair = pairs.get(key);
    if (!pair) pairs.set(key, (pair = { expected: p.expected, predicted: p.predicted, count: 0, examples: [] }));
    pair.count++;
    if (pair.examples.length < 3) pair.examples.push(p.text);
  }
  const expectedLabels = new Set(predictions.map((p) => p.expected));
  const perIntent: IntentMetrics[] = labels
    .filter((l) => expectedLabels.has(l))
    .map((l) => {
      const i = index.get(l)!;
      const tp = matrix[i]![i]!;
      const support = matrix[i]!.reduce((a, b) => a + b, 0);
      const predicted = matrix.reduce((a, row) => a + row[i]!, 0);
      const precision = ratio(tp, predicted);
      const recall = ratio(tp, support);
      return { intent: l, precision, recall, f1: f1(precision, recall), support, predicted };
    });
  const n = perIntent.length;
  const total = predictions.length;
  const mean = (k: 'precision' | 'recall' | 'f1') => ratio(perIntent.reduce((a, m) => a + m[k], 0), n);
  const wmean = (k: 'precision' | 'recall' | 'f1') => ratio(perIntent.reduce((a, m) => a + m[k] * m.support, 0), total);

  const histogram: ConfidenceBin[] = Array.from({ length: bins }, (_, b) => ({ from: b / bins, to: (b + 1) / bins, correct: 0, incorrect: 0 }));
  for (const p of predictions) {
    if (p.confidence === undefined) continue;
    const b = Math.min(bins - 1, Math.max(0, Math.floor(p.confidence * bins)));
    if (p.expected === p.predicted) histogram[b]!.correct++;
    else histogram[b]!.incorrect++;
  }
  return {
    total,
    correct,
    accuracy: ratio(correct, total),
    macro: { precision: mean('precision'), recall: mean('recall'), f1: mean('f1') },
    weighted: { precision: wmean('precision'), recall: wmean('recall'), f1: wmean('f1') },
    perIntent,
    confusion: { labels, matrix },
    confusedPairs: [...pairs.values()].sort((a, b) => b.count - a.count || a.expected.localeCompare(b.expected) || a.predicted.localeCompare(b.predicted)),
    histogram,
    reliability: reliability(
      predictions.flatMap((p) => (p.confidence === undefined ? [] : [{ confidence: p.confidence, correct: (p.top ?? p.predicted) === p.expected }])),
      bins,
    ),
    failures: predictions.filter((p) => p.expected !== p.predicted),
  };
}
