/**
 * Confidence calibration of the intent classifier: a confidence of 0.8 should be right about 80 %
 * of the time. The classifier's open-set softmax ({@link openSetConfidences}) saturates: an input
 * whose known words all point at one intent ("balance balance balance pizza": "pizza" is not in
 * the vocabulary, so the input looks like "balance") scores 1.00 however little of it the model
 * understood.
 *
 * The calibration is Platt scaling with one more input and a ceiling, fitted on held-out data
 * (utterances the classifier was not trained on, in scope and out of scope; `npm run bench:nlu`): the
 * probability that the top intent is right is `ceiling · σ(a · logit(c) + b · (coverage − 1) + d)`,
 * where `c` is the raw top confidence and `coverage` the share of the input's distinct words that
 * the classifier knows (after spelling correction). Fitted by maximum likelihood with a little L2.
 * The classifier scales every intent's confidence by the same factor, so the ranking is kept.
 *
 * Reliability: {@link reliability} bins answers by confidence and compares each bin's mean
 * confidence with its accuracy; ECE is the count-weighted mean gap.
 * @see https://docs.aws.amazon.com/lexv2/latest/dg/using-intent-confidence-scores.html
 * @module
 */

/** Parameters of the calibration map (see the module comment). */
export interface Calibration {
  /** Slope on the logit of the raw top confidence. */
  a: number;
  /** Slope on coverage − 1 (0 when every word is known). */
  b: number;
  /** Intercept. */
  d: number;
  /**
   * Upper asymptote in (0, 1]: the accuracy of the most confident held-out answers. What keeps a
   * calibrated confidence from saturating at 1.00: even the surest answers were sometimes wrong.
   */
  ceiling: number;
}

/** One held-out answer: raw top confidence, coverage of its input, and whether the top intent was right. */
export interface CalibrationSample {
  confidence: number;
  coverage: number;
  correct: boolean;
}

/** Raw confidences are clamped to [EPS, 1 − EPS] before the logit, so that 0 and 1 stay finite. */
const EPS = 1e-6;

function logit(p: number): number {
  const q = Math.min(1 - EPS, Math.max(EPS, p));
  return Math.log(q / (1 - q));
}

function sigmoid(x: number): number {
  return x >= 0 ? 1 / (1 + Math.exp(-x)) : Math.exp(x) / (1 + Math.exp(x));
}

/**
 * The calibrated probability that the top intent is right.
 * @param confidence raw top confidence in [0, 1] · @param coverage share of known words in [0, 1]
 */
export function calibrated(cal: Calibration, confidence: number, coverage: number): number {
  return cal.ceiling * sigmoid(cal.a * logit(confidence) + cal.b * (coverage - 1) + cal.d);
}

/** Mean log-loss (+ ½ l2 ‖(a, b)‖²) of `cal` on the samples' features. */
function loss(cal: Calibration, xs: readonly (readonly [number, number])[], ys: readonly number[], l2: number): number {
  let sum = 0;
  for (let i = 0; i < xs.length; i++) {
    const p = Math.min(1 - 1e-12, Math.max(1e-12, cal.ceiling * sigmoid(cal.a * xs[i]![0] + cal.b * xs[i]![1] + cal.d)));
    sum -= ys[i] ? Math.log(p) : Math.log(1 - p);
  }
  return sum / xs.length + 0.5 * l2 * (cal.a * cal.a + cal.b * cal.b);
}

/**
 * Fits {@link Calibration} to held-out answers by maximum likelihood: `ceiling · σ(a · logit(c) +
 * b · (coverage − 1) + d)` with a little L2 on (a, b). Gradient descent with backtracking on
 * (a, b, d, logit(ceiling)), from a = 1, b = d = 0 and ceilings of 0.8, 0.95 and 0.995 (the best
 * fit is kept); at most 1,000 steps each.
 * @throws Error when `samples` is empty.
 */
export function fitCalibration(samples: readonly CalibrationSample[], l2 = 1e-3): Calibration {
  if (!samples.length) throw new Error('fitCalibration: no samples');
  const xs = samples.map((s) => [logit(s.confidence), s.coverage - 1] as const);
  const ys = samples.map((s) => (s.correct ? 1 : 0));
  const cal = (v: number[]): Calibration => ({ a: v[0]!, b: v[1]!, d: v[2]!, ceiling: sigmoid(v[3]!) });
  // A ceiling near 1 has a vanishing gradient (σ'(μ) ≈ 0), so start from several and keep the best.
  let best: { w: number[]; loss: number } | undefined;
  for (const start of [0.8, 0.95, 0.995]) {
    const fit = descend([1, 0, 0, logit(start)], xs, ys, l2, cal);
    if (!best || fit.loss < best.loss) best = fit;
  }
  return cal(best!.w);
}

/** Gradient descent with backtracking from `w` (see {@link fitCalibration}). */
function descend(w: number[], xs: readonly (readonly [number, number])[], ys: readonly number[], l2: number, cal: (v: number[]) => Calibration): { w: number[]; loss: number } {
  const n = xs.length;
  let current = loss(cal(w), xs, ys, l2);
  let rate = 1;
  for (let step = 0; step < 1000; step++) {
    const m = sigmoid(w[3]!);
    const g = [l2 * w[0]!, l2 * w[1]!, 0, 0];
    for (let i = 0; i < n; i++) {
      const s = sigmoid(w[0]! * xs[i]![0] + w[1]! * xs[i]![1] + w[2]!);
      const p = Math.min(1 - 1e-12, m * s);
      // d(−log-lik)/dz and d/dμ (μ = logit(ceiling)) for p = σ(μ)·σ(z).
      const dz = ys[i] ? -(1 - s) : (m * s * (1 - s)) / (1 - p);
      const dm = ys[i] ? -(1 - m) : (s * m * (1 - m)) / (1 - p);
      g[0]! += (dz * xs[i]![0]) / n;
      g[1]! += (dz * xs[i]![1]) / n;
      g[2]! += dz / n;
      g[3]! += dm / n;
    }
    const norm = Math.hypot(...g);
    if (norm < 1e-7) break;
    // Backtracking: halve the step until the loss goes down.
    let next = w;
    let value = current;
    for (let tries = 0; tries < 30; tries++) {
      next = w.map((v, j) => v - rate * g[j]!);
      value = loss(cal(next), xs, ys, l2);
      if (value < current) break;
      rate /= 2;
    }
    if (!(value < current)) break;
    w = next;
    current = value;
    rate *= 1.5;
  }
  return { w, loss: current };
}

/** One bin of a reliability diagram. */
export interface ReliabilityBin {
  /** Confidence range [from, to) (the last bin includes 1). */
  from: number;
  to: number;
  count: number;
  /** Mean top confidence of the answers in the bin; NaN when empty. */
  meanConfidence: number;
  /** Share of them that were right; NaN when empty. */
  accuracy: number;
}

/** A reliability diagram and its expected calibration error. */
export interface Reliability {
  bins: ReliabilityBin[];
  /** Expected calibration error: Σ count/total × |accuracy − meanConfidence|, in [0, 1]. */
  ece: number;
  /** The largest gap of a non-empty bin. */
  maxGap: number;
  total: number;
}

/**
 * Reliability diagram of answers (top confidence, right or wrong) in `bins` equal-width bins.
 * @example reliability([{ confidence: 0.9, correct: true }]).ece // 0.1
 */
export function reliability(answers: readonly { confidence: number; correct: boolean }[], bins = 10): Reliability {
  const sum = Array.from({ length: bins }, () => ({ n: 0, conf: 0, right: 0 }));
  for (const a of answers) {
    const c = Math.min(1, Math.max(0, a.confidence));
    const b = sum[Math.min(bins - 1, Math.floor(c * bins))]!;
    b.n++;
    b.conf += c;
    if (a.correct) b.right++;
  }
  const total = answers.length;
  let ece = 0;
  let maxGap = 0;
  const out = sum.map((b, i): ReliabilityBin => {
    const meanConfidence = b.n ? b.conf / b.n : Number.NaN;
    const accuracy = b.n ? b.right / b.n : Number.NaN;
    if (b.n) {
      const gap = Math.abs(accuracy - meanConfidence);
      ece += (b.n / total) * gap;
      maxGap = Math.max(maxGap, gap);
    }
    return { from: i / bins, to: (i + 1) / bins, count: b.n, meanConfidence, accuracy };
  });
  return { bins: out, ece: total ? ece : 0, maxGap, total };
}
