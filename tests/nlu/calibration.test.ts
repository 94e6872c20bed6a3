/**
 * Confidence calibration (issue #18, from #17): the emulator's confidence does not saturate, the
 * calibration map is fitted by maximum likelihood, and the reliability diagram's ECE is right.
 */
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { loadProject } from '../../scripts/definitions/load.js';
import { calibrated, fitCalibration, reliability, type CalibrationSample } from '../../scripts/nlu/calibration.js';
import { trainClassifier } from '../../scripts/nlu/classifier.js';
import { seededRandom } from '../../scripts/nlu/random.js';
import type { NluTrainingData } from '../../scripts/nlu/types.js';
import { trainingDataOf } from '../../scripts/tuning/context.js';

describe('reliability', () => {
  it('bins answers by confidence and weighs each bin gap by its share (ECE)', () => {
    // Prepare: 0.9-1.0 holds 0.95 (right) and 0.95 (wrong): accuracy 0.5, gap 0.45; 0.2-0.3 holds 0.2 (wrong): gap 0.2.
    const answers = [
      { confidence: 0.95, correct: true },
      { confidence: 0.95, correct: false },
      { confidence: 0.2, correct: false },
    ];

    // Act
    const r = reliability(answers);

    // Assess
    expect(r.bins[9]).toMatchObject({ count: 2, accuracy: 0.5 });
    expect(r.bins[9]!.meanConfidence).toBeCloseTo(0.95);
    expect(r.bins[2]).toMatchObject({ count: 1, accuracy: 0 });
    expect(r.ece).toBeCloseTo((2 / 3) * 0.45 + (1 / 3) * 0.2);
    expect(r.maxGap).toBeCloseTo(0.45);
    expect(reliability([{ confidence: 1, correct: true }]).bins[9]!.count).toBe(1);
    expect(reliability([]).ece).toBe(0);
  });
});

describe('fitCalibration', () => {
  it('recovers the slope and the ceiling of answers drawn from a known calibration', () => {
    // Prepare: right with probability 0.9 · σ(0.5 · logit(c)), whatever the coverage.
    const random = seededRandom(7);
    const truth = { a: 0.5, b: 0, d: 0, ceiling: 0.9 };
    const samples: CalibrationSample[] = Array.from({ length: 20_000 }, () => {
      const confidence = random();
      const coverage = 0.5 + random() / 2;
      return { confidence, coverage, correct: random() < calibrated(truth, confidence, coverage) };
    });

    // Act
    const fitted = fitCalibration(samples);

    // Assess
    expect(fitted.a).toBeCloseTo(0.5, 1);
    expect(fitted.ceiling).toBeCloseTo(0.9, 1);
    expect(Math.abs(fitted.b)).toBeLessThan(0.3);
    expect(() => fitCalibration([])).toThrow(/no samples/);
  });
});

describe('the shipped bot\'s confidences', () => {
  let data: NluTrainingData;
  beforeAll(async () => {
    const { project } = await loadProject(join(import.meta.dirname, '..', '..'));
    data = trainingDataOf(project.bots.find((b) => b.name === 'SelfService')!.locales.find((l) => l.localeId === 'en_US')!);
  }, 60_000);

  it('do not saturate on a degenerate input, keep the ranking, and stay high for a clear request', () => {
    // Act
    const raw = trainClassifier(data, { calibration: null });
    const calibratedNlu = trainClassifier(data);
    const degenerate = 'balance balance balance pizza';

    // Assess: uncalibrated, the known words point at CheckBalance only and it saturates (0.99 or more).
    expect(raw.rank(degenerate, 1)[0]!.confidence).toBeGreaterThanOrEqual(0.99);
    const top = calibratedNlu.rank(degenerate, 1)[0]!;
    expect(top.intent).toBe('CheckBalance');
    expect(top.confidence).toBeLessThan(0.99);
    expect(top.confidence.toFixed(2)).not.toBe('1.00');
    expect(calibratedNlu.coverage!(degenerate)).toBe(0.5);
    // The same order of intents, scaled by one factor.
    expect(calibratedNlu.rank("what's my balance").map((r) => r.intent)).toEqual(raw.rank("what's my balance").map((r) => r.intent));
    expect(calibratedNlu.rank("what's my balance", 1)[0]!.confidence).toBeGreaterThan(0.9);
    expect(calibratedNlu.rank('pizza', 1)[0]!.confidence).toBeLessThan(0.4);
  });
});
