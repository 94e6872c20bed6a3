/**
 * `bots eval` figures on a tiny example computed by hand, the folds, slot filling, and the reports.
 */
import { XMLValidator } from 'fast-xml-parser';
import { describe, expect, it } from 'vitest';
import { toHtml, toMarkdown } from '../../scripts/conversation/eval-report.js';
import { crossValidate, fillSlots, localeEvaluation, stratifiedFolds, type EvalReport } from '../../scripts/conversation/eval.js';
import { computeMetrics, type Prediction } from '../../scripts/conversation/metrics.js';
import type { NluTrainingData } from '../../scripts/nlu/types.js';

// A: 3 labelled, 2 right, 1 → B. B: 2 labelled, 1 right, 1 → Fallback. Predicted as A: 2 (both A), as B: 2 (1 A, 1 B).
const P: Prediction[] = [
  { text: 'a1', expected: 'A', predicted: 'A', confidence: 0.95 },
  { text: 'a2', expected: 'A', predicted: 'A', confidence: 0.81 },
  { text: 'a3', expected: 'A', predicted: 'B', confidence: 0.55 },
  { text: 'b1', expected: 'B', predicted: 'B', confidence: 0.7 },
  { text: 'b2', expected: 'B', predicted: 'FallbackIntent', confidence: 0.2 },
];

describe('computeMetrics', () => {
  const m = computeMetrics(P);

  it('gives accuracy and per-intent precision, recall and F1', () => {
    expect(m.accuracy).toBeCloseTo(3 / 5);
    const [a, b] = m.perIntent;
    // A: precision 2/2, recall 2/3, F1 = 2·1·(2/3)/(1+2/3) = 0.8
    expect(a).toMatchObject({ intent: 'A', support: 3, predicted: 2, precision: 1 });
    expect(a!.recall).toBeCloseTo(2 / 3);
    expect(a!.f1).toBeCloseTo(0.8);
    // B: precision 1/2, recall 1/2, F1 0.5
    expect(b).toMatchObject({ intent: 'B', support: 2, predicted: 2, precision: 0.5, recall: 0.5, f1: 0.5 });
    expect(m.perIntent).toHaveLength(2); // FallbackIntent is only predicted, never expected
    expect(m.macro.f1).toBeCloseTo((0.8 + 0.5) / 2);
    expect(m.weighted.f1).toBeCloseTo((0.8 * 3 + 0.5 * 2) / 5);
  });

  it('builds the confusion matrix, the confused pairs and the failures', () => {
    expect(m.confusion.labels).toEqual(['A', 'B', 'FallbackIntent']);
    expect(m.confusion.matrix).toEqual([
      [2, 1, 0],
      [0, 1, 1],
      [0, 0, 0],
    ]);
    expect(m.confusedPairs).toEqual([
      { expected: 'A', predicted: 'B', count: 1, examples: ['a3'] },
      { expected: 'B', predicted: 'FallbackIntent', count: 1, examples: ['b2'] },
    ]);
    expect(m.failures.map((f) => f.text)).toEqual(['a3', 'b2']);
  });

  it('bins the top confidence by right and wrong answers', () => {
    const bins = Object.fromEntries(m.histogram.filter((b) => b.correct + b.incorrect > 0).map((b) => [b.from.toFixed(1), [b.correct, b.incorrect]]));
    expect(bins).toEqual({ '0.2': [0, 1], '0.5': [0, 1], '0.7': [1, 0], '0.8': [1, 0], '0.9': [1, 0] });
    expect(computeMetrics([{ text: 'x', expected: 'A', predicted: 'A', confidence: 1 }]).histogram[9]!.correct).toBe(1);
  });
});

describe('folds', () => {
  const labels = [...Array(13).fill('A'), ...Array(7).fill('B'), ...Array(5).fill('C')] as string[];
  it('are the same for the same seed, balanced overall and per label', () => {
    const f = stratifiedFolds(labels, 5, 1);
    expect(stratifiedFolds(labels, 5, 1)).toEqual(f);
    expect(stratifiedFolds(labels, 5, 2)).not.toEqual(f);
    const sizes = [0, 1, 2, 3, 4].map((k) => f.filter((x) => x === k).length);
    expect(sizes).toEqual([5, 5, 5, 5, 5]);
    for (const l of ['A', 'B', 'C']) {
      const per = [0, 1, 2, 3, 4].map((k) => labels.filter((x, i) => x === l && f[i] === k).length);
      expect(Math.max(...per) - Math.min(...per)).toBeLessThanOrEqual(1);
    }
    expect(() => stratifiedFolds(labels, 1, 1)).toThrow(RangeError);
  });
});

const DATA: NluTrainingData = {
  localeId: 'en_US',
  intents: [
    { name: 'Balance', utterances: ['what is my balance', 'balance of my {Account}', 'how much money is in {Account}', 'check my balance', 'my balance please'], slots: [{ name: 'Account', slotTypeName: 'AccountType' }] },
    { name: 'Callback', utterances: ['call me back at {Time}', 'please call me back', 'can you ring me later', 'I want a callback', 'call me later'], slots: [{ name: 'Time', slotTypeName: 'AMAZON.Time' }] },
  ],
  slotTypes: [{ name: 'AccountType', resolution: 'TopResolution', values: [{ value: 'savings', synonyms: ['savings account'] }] }],
};

describe('cross-validation', () => {
  it('fills slots with values of their type, the same way each time', () => {
    expect(fillSlots('balance of my {Account}', DATA.intents[0]!, DATA, 1)).toMatch(/^balance of my savings( account)?$/);
    expect(fillSlots('call me back at {Time}', DATA.intents[1]!, DATA, 1)).toMatch(/^call me back at (3 pm|noon)$/);
    expect(fillSlots('call me back at {Time}', DATA.intents[1]!, DATA, 7)).toBe(fillSlots('call me back at {Time}', DATA.intents[1]!, DATA, 7));
  });

  it('classifies every sample utterance once, trained without its fold', () => {
    const p = crossValidate(DATA, { folds: 5, seed: 1, threshold: 0.4 });
    expect(p).toHaveLength(10);
    expect(p.filter((x) => x.expected === 'Balance')).toHaveLength(5);
    expect(p.every((x) => !x.text.includes('{'))).toBe(true);
    expect(crossValidate(DATA, { folds: 5, seed: 1, threshold: 0.4 })).toEqual(p);
  });
});

describe('reliability', () => {
  it('compares each confidence bin\'s mean with the share whose top intent was right, before the threshold', () => {
    // Act: P's five answers are one per bin; b2 is below the threshold, and its top intent is not known, so wrong.
    const r = computeMetrics(P).reliability;
    const belowThreshold = computeMetrics([{ text: 'x', expected: 'A', predicted: 'FallbackIntent', confidence: 0.3, top: 'A' }]).reliability;

    // Assess: gaps 0.05 (0.95 right), 0.19 (0.81 right), 0.55 (0.55 wrong), 0.3 (0.7 right), 0.2 (0.2 wrong).
    expect(r.total).toBe(5);
    expect(r.ece).toBeCloseTo((0.05 + 0.19 + 0.55 + 0.3 + 0.2) / 5);
    expect(r.bins.filter((b) => b.count).map((b) => [b.from, b.accuracy])).toEqual([[0.2, 0], [0.5, 0], [0.7, 1], [0.8, 1], [0.9, 1]]);
    expect(belowThreshold.bins[3]).toMatchObject({ count: 1, accuracy: 1 });
  });
});

describe('reports', () => {
  const report: EvalReport = { bot: 'Demo', generatedAt: '2026-01-01T00:00:00.000Z', target: 'local NLU', locales: [localeEvaluation('en_US', { kind: 'cross-validation', folds: 5, seed: 1 }, 0.4, [...P, { text: 'a <b> & "c"', expected: 'A', predicted: 'B' }])] };

  it('HTML is one self-contained page with inline SVG charts', () => {
    const html = toHtml(report);
    expect(html).toMatch(/^<!doctype html>/);
    expect(html).not.toMatch(/<script|https?:\/\/(?!www\.w3)/);
    expect((html.match(/<svg /g) ?? []).length).toBe(4);
    expect(html).toContain('aria-label="Reliability diagram"');
    expect(html).toContain('ECE 0.258');
    expect(html).toContain('a &lt;b&gt; &amp; &quot;c&quot;');
    for (const svg of html.match(/<svg[\s\S]*?<\/svg>/g)!) expect(XMLValidator.validate(svg)).toBe(true);
  });

  it('Markdown has the summary table, per-intent figures, pairs and failures', () => {
    const md = toMarkdown(report);
    expect(md).toContain('| en_US | 50.0 % | 0.53 |');
    expect(md).toContain('| A | 1.00 | 0.50 | 0.67 | 4 |');
    expect(md).toContain('| A | B | 2 | "a3", "a <b> & "c"" |');
    expect(md).toContain('- "b2": B → FallbackIntent (0.20)');
    expect(md).toContain('ECE 0.258, largest gap 0.55');
    expect(md).toContain('| 0.9-1.0 | 1 | 0.95 | 100.0 % |');
  });
});
