/**
 * Multinomial logistic regression (softmax regression) on sparse vectors, trained by SGD with
 * L2 regularisation. Weights are stored feature-major (`W[feature * classes + class]`) so that
 * scoring one sparse vector touches one contiguous row of class weights per feature.
 * @module
 */
import type { SparseVector } from './features.js';
import { seededRandom, shuffled } from './random.js';

/** Training settings. */
export interface SoftmaxOptions {
  /** Passes over the data (at least; see `minSteps`). */
  epochs: number;
  /** Small data sets get more passes, up to `maxEpochs`, until this many SGD steps are taken. */
  minSteps: number;
  maxEpochs: number;
  /** L2 regularisation per example (λ in ½λ‖W‖² + mean log-loss). */
  lambda: number;
  /** Initial learning rate; decays as η₀ / (1 + η₀ λ t). */
  eta0: number;
  /** The returned weights are the mean of the iterates at the end of each epoch from this fraction of the run on. */
  averageFrom: number;
  /** Seed of the example order. */
  seed: number;
}

export const DEFAULT_SOFTMAX: SoftmaxOptions = { epochs: 12, minSteps: 15_000, maxEpochs: 60, lambda: 1e-5, eta0: 2, averageFrom: 0.4, seed: 1 };

/** A trained linear model: `scores = W·x + b`. */
export interface LinearModel {
  classes: number;
  /** Feature-major weights, length features × classes. */
  weights: Float32Array;
  bias: Float32Array;
}

/** Classes scoring this far below an example's best (probability ratio e^-7 ≈ 1e-3) leave its softmax until the next full pass. */
const CANDIDATE_MARGIN = 7;
/** At most this many classes (besides the true one) stay candidates of an example. */
const MAX_CANDIDATES = 8;
/** The first passes, and every this many epochs one more, score all classes to refresh the candidates. */
const FULL_PASSES_FIRST = 2;
const FULL_PASS_EVERY = 5;

/**
 * Trains softmax regression: minimises mean weighted cross-entropy + ½λ‖W‖² by SGD over a seeded
 * shuffle each epoch, and returns the average of the late epochs' iterates (tail averaging cuts
 * the noise of a non-vanishing step). Two shortcuts keep a step at O(nnz(x) × few classes):
 * - the L2 shrink is applied lazily through one global scale factor (Bottou's trick);
 * - after a full pass, an example only scores its candidate classes (the true one and the best
 *   {@link MAX_CANDIDATES} within {@link CANDIDATE_MARGIN} of its best); the others have a
 *   probability and a gradient of about 0. Every {@link FULL_PASS_EVERY} epochs a full pass
 *   refreshes the candidates. On BANKING77 this cuts training time by half for the same accuracy.
 * @param xs training vectors (unit length) · @param ys class index of each vector
 * @param sampleWeights optional weight of each example's loss (default 1)
 */
export function trainSoftmax(
  xs: readonly SparseVector[],
  ys: Int32Array,
  features: number,
  classes: number,
  options: SoftmaxOptions,
  sampleWeights?: Float32Array,
): LinearModel {
  const W = new Float32Array(features * classes);
  const b = new Float32Array(classes);
  const z = new Float64Array(classes);
  const candidates: Int32Array[] = xs.map(() => new Int32Array(0));
  const all = Int32Array.from({ length: classes }, (_, c) => c);
  const random = seededRandom(options.seed);
  const order = xs.map((_, i) => i);
  const { lambda, eta0 } = options;
  const epochs = Math.max(options.epochs, Math.min(options.maxEpochs, Math.ceil(options.minSteps / Math.max(1, xs.length))));
  const averageFrom = Math.min(epochs - 1, Math.floor(epochs * options.averageFrom));
  const sumW = new Float64Array(W.length);
  const sumB = new Float64Array(classes);
  let averaged = 0;
  let scale = 1;
  let t = 0;
  for (let epoch = 0; epoch < epochs; epoch++) {
    const full = epoch < FULL_PASSES_FIRST || epoch % FULL_PASS_EVERY === 0;
    for (const i of shuffled(order, random)) {
      const x = xs[i]!;
      const y = ys[i]!;
      const weight = sampleWeights?.[i] ?? 1;
      const eta = eta0 / (1 + eta0 * lambda * t++);
      const cs = full ? all : candidates[i]!;
      const m = cs.length;
      const { ids, values } = x;
      // Scores of the candidate classes, in z[0..m).
      for (let a = 0; a < m; a++) z[a] = b[cs[a]!]!;
      for (let k = 0; k < ids.length; k++) {
        const row = ids[k]! * classes;
        const v = values[k]! * scale;
        for (let a = 0; a < m; a++) z[a]! += v * W[row + cs[a]!]!;
      }
      if (full) candidates[i] = pickCandidates(z, classes, y);
      // Softmax, then the gradient of the loss w.r.t. the scores (p − onehot) in place.
      let max = -Infinity;
      for (let a = 0; a < m; a++) if (z[a]! > max) max = z[a]!;
      let sum = 0;
      for (let a = 0; a < m; a++) sum += z[a] = Math.exp(z[a]! - max);
      for (let a = 0; a < m; a++) z[a] = (z[a]! / sum - (cs[a] === y ? 1 : 0)) * weight;
      scale *= 1 - eta * lambda;
      const step = eta / scale;
      for (let k = 0; k < ids.length; k++) {
        const row = ids[k]! * classes;
        const g = step * values[k]!;
        for (let a = 0; a < m; a++) W[row + cs[a]!]! -= g * z[a]!;
      }
      for (let a = 0; a < m; a++) b[cs[a]!]! -= eta * z[a]!;
      if (scale < 1e-3) {
        for (let j = 0; j < W.length; j++) W[j]! *= scale;
        scale = 1;
      }
    }
    if (epoch >= averageFrom) {
      for (let j = 0; j < W.length; j++) sumW[j]! += W[j]! * scale;
      for (let c = 0; c < classes; c++) sumB[c]! += b[c]!;
      averaged++;
    }
  }
  for (let j = 0; j < W.length; j++) W[j] = sumW[j]! / averaged;
  for (let c = 0; c < classes; c++) b[c] = sumB[c]! / averaged;
  return { classes, weights: W, bias: b };
}

/** The true class and the best {@link MAX_CANDIDATES} classes within {@link CANDIDATE_MARGIN} of the best score. */
function pickCandidates(z: Float64Array, classes: number, y: number): Int32Array {
  let max = -Infinity;
  for (let c = 0; c < classes; c++) if (z[c]! > max) max = z[c]!;
  const near: number[] = [];
  for (let c = 0; c < classes; c++) if (c !== y && z[c]! >= max - CANDIDATE_MARGIN) near.push(c);
  if (near.length > MAX_CANDIDATES) near.sort((a, b) => z[b]! - z[a]! || a - b).length = MAX_CANDIDATES;
  near.push(y);
  return Int32Array.from(near);
}

/** Writes `W·x + b` into `out`. */
export function scores(model: LinearModel, x: SparseVector, out: Float64Array): Float64Array {
  const { weights: W, bias: b, classes } = model;
  out.fill(0);
  const { ids, values } = x;
  for (let k = 0; k < ids.length; k++) {
    const row = ids[k]! * classes;
    const v = values[k]!;
    for (let c = 0; c < classes; c++) out[c]! += v * W[row + c]!;
  }
  for (let c = 0; c < classes; c++) out[c]! += b[c]!;
  return out;
}

/** Numerically stable softmax of `z / temperature`, in place. */
export function softmaxInPlace(z: Float64Array, temperature = 1): Float64Array {
  let max = -Infinity;
  for (let c = 0; c < z.length; c++) if (z[c]! > max) max = z[c]!;
  let sum = 0;
  for (let c = 0; c < z.length; c++) {
    const e = Math.exp((z[c]! - max) / temperature);
    z[c] = e;
    sum += e;
  }
  for (let c = 0; c < z.length; c++) z[c]! /= sum;
  return z;
}
