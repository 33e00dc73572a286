import { createRandom, shuffleInPlace } from './random.js';

export interface HingeSgdOptions {
  /** L2 regularisation strength. */
  readonly lambda: number;
  readonly epochs: number;
  /** Loss weight per label (index), e.g. to let small categories count in macro-F1. */
  readonly labelWeights: readonly number[];
  readonly seed: number;
}

export interface HingeSgdProblem {
  readonly features: number;
  readonly labelCount: number;
  readonly indices: readonly Int32Array[];
  readonly values: readonly Float32Array[];
  readonly labels: Int32Array;
}

export interface LinearWeights {
  /** features × labelCount, feature-major. */
  readonly weights: Float32Array;
  readonly bias: Float32Array;
}

/** The bias moves slower than the weights: its feature is always 1, unlike the L2-normalised text. */
const BIAS_RATE = 0.1;

/**
 * Multiclass hinge loss (Crammer–Singer) with L2 regularisation, by SGD with the Pegasos step size
 * 1/(λ(t + t0)). The regulariser shrinks every weight at each step; it is kept as one scalar
 * (w = scale · v) so a step costs only the message's non-zero features. Weights are averaged over
 * the second half of the epochs, which steadies the result against the order of the messages.
 */
export function trainHingeSgd(
  problem: HingeSgdProblem,
  options: HingeSgdOptions,
  onEpoch?: (epoch: number, trainingErrors: number) => void,
): LinearWeights {
  const k = problem.labelCount;
  const n = problem.labels.length;
  const v = new Float32Array(problem.features * k);
  const bias = new Float64Array(k);
  const sum = new Float32Array(problem.features * k);
  const biasSum = new Float64Array(k);
  const scores = new Float64Array(k);
  const order = Int32Array.from({ length: n }, (_, i) => i);
  const random = createRandom(options.seed);
  const { lambda } = options;
  const t0 = 2 / lambda;
  let scale = 1;
  let t = 0;
  let snapshots = 0;
  for (let epoch = 0; epoch < options.epochs; epoch++) {
    shuffleInPlace(order, random);
    let errors = 0;
    for (const m of order) {
      const ix = problem.indices[m]!;
      const xs = problem.values[m]!;
      const y = problem.labels[m]!;
      const eta = 1 / (lambda * (t + t0));
      scores.fill(0);
      for (let i = 0; i < ix.length; i++) {
        const offset = ix[i]! * k;
        const x = xs[i]!;
        for (let j = 0; j < k; j++) scores[j]! += x * v[offset + j]!;
      }
      let rival = y === 0 ? 1 : 0;
      for (let j = 0; j < k; j++) {
        scores[j] = scores[j]! * scale + bias[j]!;
        if (j !== y && scores[j]! > scores[rival]!) rival = j;
      }
      if (scores[rival]! >= scores[y]!) errors++;
      scale *= 1 - eta * lambda;
      if (scale < 1e-9) {
        for (let i = 0; i < v.length; i++) v[i]! *= scale;
        scale = 1;
      }
      if (1 - (scores[y]! - scores[rival]!) > 0) {
        const rate = eta * (options.labelWeights[y] ?? 1);
        const step = rate / scale;
        for (let i = 0; i < ix.length; i++) {
          const offset = ix[i]! * k;
          const d = xs[i]! * step;
          v[offset + y]! += d;
          v[offset + rival]! -= d;
        }
        bias[y]! += rate * BIAS_RATE;
        bias[rival]! -= rate * BIAS_RATE;
      }
      t++;
    }
    if (epoch >= Math.floor(options.epochs / 2)) {
      for (let i = 0; i < v.length; i++) sum[i]! += v[i]! * scale;
      for (let j = 0; j < k; j++) biasSum[j]! += bias[j]!;
      snapshots++;
    }
    onEpoch?.(epoch + 1, errors);
  }
  for (let i = 0; i < sum.length; i++) sum[i]! /= snapshots;
  return { weights: sum, bias: Float32Array.from(biasSum, (b) => b / snapshots) };
}
