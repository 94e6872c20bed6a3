/**
 * Scoring an intent classifier on labelled utterances: top-1 / top-3 accuracy, accuracy once
 * the confidence threshold sends low-confidence answers to FallbackIntent, and out-of-scope recall.
 * Pure functions over {@link IntentClassifier}; the benchmark (`bench/nlu.bench.ts`) drives them.
 * @module
 */
import type { LabelledUtterance } from './dataset.js';
import type { IntentClassifier, NluTrainingData } from './types.js';

/** The label that marks an out-of-scope utterance in evaluation data (CLINC150's convention). */
export const OUT_OF_SCOPE_LABEL = 'oos';

/** How the classifier answered one test utterance. */
export interface ScoredUtterance {
  label: string;
  /** Best intent and its confidence in [0, 1]. */
  predicted: string;
  confidence: number;
  /** Whether the label is among the three best intents. */
  inTop3: boolean;
  /** The utterance is labelled {@link OUT_OF_SCOPE_LABEL}. */
  outOfScope: boolean;
}

/** Aggregate figures at one confidence threshold. Ratios are in [0, 1]; NaN when there is nothing to count. */
export interface EvaluationSummary {
  threshold: number;
  inScope: number;
  outOfScope: number;
  /** In-scope utterances whose best intent is right (threshold ignored). */
  top1: number;
  top3: number;
  /** In-scope utterances whose best intent is right *and* clears the threshold (else Lex answers FallbackIntent). */
  acceptedTop1: number;
  /** Out-of-scope utterances whose best confidence is below the threshold (Lex answers FallbackIntent). */
  outOfScopeRecall: number;
}

/** Training data for one locale from utterances grouped by intent (no slots). */
export function toTrainingData(groups: ReadonlyMap<string, readonly string[]>, localeId = 'en_US'): NluTrainingData {
  return { localeId, slotTypes: [], intents: [...groups].map(([name, utterances]) => ({ name, utterances: [...utterances], slots: [] })) };
}

/**
 * Ranks every test utterance (optionally rewritten by `transform`, e.g. a typo injector that
 * gets the utterance's index) and records the answer.
 */
export function scoreUtterances(classifier: IntentClassifier, test: readonly LabelledUtterance[], transform?: (text: string, index: number) => string): ScoredUtterance[] {
  return test.map((t, i) => {
    const ranked = classifier.rank(transform ? transform(t.text, i) : t.text, 3);
    return {
      label: t.label,
      predicted: ranked[0]?.intent ?? '',
      confidence: ranked[0]?.confidence ?? 0,
      inTop3: ranked.some((r) => r.intent === t.label),
      outOfScope: t.label === OUT_OF_SCOPE_LABEL,
    };
  });
}

/** Summarises scored utterances at a confidence `threshold` (Lex's nluIntentConfidenceThreshold). */
export function summarize(scored: readonly ScoredUtterance[], threshold: number): EvaluationSummary {
  let inScope = 0;
  let outOfScope = 0;
  let top1 = 0;
  let top3 = 0;
  let accepted = 0;
  let rejected = 0;
  for (const s of scored) {
    if (s.outOfScope) {
      outOfScope++;
      if (s.confidence < threshold) rejected++;
      continue;
    }
    inScope++;
    if (s.predicted === s.label) {
      top1++;
      if (s.confidence >= threshold) accepted++;
    }
    if (s.inTop3) top3++;
  }
  return {
    threshold,
    inScope,
    outOfScope,
    top1: top1 / inScope,
    top3: top3 / inScope,
    acceptedTop1: accepted / inScope,
    outOfScopeRecall: rejected / outOfScope,
  };
}
