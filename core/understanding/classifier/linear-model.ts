import type { ClassifierInput, FeatureConfig } from './feature-config.js';
import { NgramCounter, termWeight } from './featurize.js';

/** Where a model came from, kept in the model file for the docs and the `eval` report. */
export interface ModelProvenance {
  readonly trainedAt: string;
  readonly examples: number;
  readonly source?: string;
  readonly algorithm: string;
  readonly hyperParameters: Readonly<Record<string, number | string | boolean>>;
}

/**
 * A linear classifier over hashed n-gram features. `weights` is feature-major (the scores of one
 * bucket for every label are adjacent), so one bucket costs one cache line at prediction time.
 */
export interface LinearModel {
  readonly labels: readonly string[];
  readonly features: FeatureConfig;
  /** IDF per bucket; 0 marks a bucket too rare in training to be trusted, which is skipped. */
  readonly idf: Float32Array;
  /** 2^hashBits × labels.length. */
  readonly weights: Float32Array;
  readonly bias: Float32Array;
  /** Scores are multiplied by this before the softmax that gives `confidence`. */
  readonly temperature: number;
  readonly provenance?: ModelProvenance;
}

export interface Classification {
  readonly category: string;
  /** Softmax probability of `category`, calibrated on held-out folds during training. */
  readonly confidence: number;
  /** Raw linear score per label, in the order of `labels`. */
  readonly scores: readonly number[];
}

export interface LinearClassifier {
  readonly labels: readonly string[];
  classify(input: ClassifierInput): Classification;
}

/**
 * The model as the hot path reads it. Buckets are looked up at random, so everything one bucket
 * needs sits in one row of `labelCount + 1` bytes: the weights as int8 (one scale per label, as in
 * the model file), then the bucket's IDF as a one-byte code (0 = unused) into `idfValues`.
 */
export interface CompiledModel {
  readonly labelCount: number;
  readonly sublinearTf: boolean;
  readonly rows: Int8Array;
  /** The same bytes as `rows`, read unsigned (for the IDF code). */
  readonly rowBytes: Uint8Array;
  readonly weightScales: Float64Array;
  readonly idfValues: Float64Array;
  readonly bias: Float64Array;
}

export function compileModel(model: LinearModel): CompiledModel {
  const k = model.labels.length;
  const stride = k + 1;
  const dims = model.idf.length;
  const weightScales = new Float64Array(k);
  let idfMin = Infinity;
  let idfMax = -Infinity;
  for (let b = 0; b < dims; b++) {
    const idf = model.idf[b]!;
    if (idf === 0) continue;
    idfMin = Math.min(idfMin, idf);
    idfMax = Math.max(idfMax, idf);
    for (let j = 0; j < k; j++)
      weightScales[j] = Math.max(weightScales[j]!, Math.abs(model.weights[b * k + j]!));
  }
  for (let j = 0; j < k; j++) weightScales[j] = weightScales[j]! / 127 || 1;
  const step = idfMax > idfMin ? (idfMax - idfMin) / 254 : 1;
  const idfValues = Float64Array.from({ length: 256 }, (_, c) => (c === 0 ? 0 : idfMin + (c - 1) * step));
  const rowBytes = new Uint8Array(dims * stride);
  const rows = new Int8Array(rowBytes.buffer);
  for (let b = 0; b < dims; b++) {
    if (model.idf[b] === 0) continue;
    for (let j = 0; j < k; j++)
      rows[b * stride + j] = Math.round(model.weights[b * k + j]! / weightScales[j]!);
    rowBytes[b * stride + k] = 1 + Math.round((model.idf[b]! - idfMin) / step);
  }
  return {
    labelCount: k,
    sublinearTf: model.features.sublinearTf,
    rows,
    rowBytes,
    weightScales,
    idfValues,
    bias: Float64Array.from(model.bias),
  };
}

/** Raw scores of one message. `counter` is reused between calls so the hot path allocates nothing. */
export function scoreInto(
  model: CompiledModel,
  counter: NgramCounter,
  input: ClassifierInput,
  out: Float64Array,
): void {
  const k = model.labelCount;
  const stride = k + 1;
  const { rows, rowBytes, idfValues } = model;
  const sublinear = model.sublinearTf;
  counter.add(input);
  out.fill(0);
  let norm = 0;
  for (let i = 0; i < counter.length; i++) {
    const bucket = counter.bucket(i);
    const offset = bucket * stride;
    const code = rowBytes[offset + k]!;
    if (code === 0) continue;
    const v = termWeight(counter.counts[bucket]!, sublinear) * idfValues[code]!;
    norm += v * v;
    for (let j = 0; j < k; j++) out[j]! += v * rows[offset + j]!;
  }
  counter.reset();
  const scale = norm > 0 ? 1 / Math.sqrt(norm) : 0;
  for (let j = 0; j < k; j++) out[j] = out[j]! * scale * model.weightScales[j]! + model.bias[j]!;
}

/** Softmax of `scores × temperature` into `out`; returns the index of the best label. */
export function softmaxInto(scores: ArrayLike<number>, temperature: number, out: Float64Array): number {
  let best = 0;
  for (let j = 1; j < scores.length; j++) if (scores[j]! > scores[best]!) best = j;
  const top = scores[best]! * temperature;
  let sum = 0;
  for (let j = 0; j < scores.length; j++) {
    out[j] = Math.exp(scores[j]! * temperature - top);
    sum += out[j]!;
  }
  for (let j = 0; j < scores.length; j++) out[j] = out[j]! / sum;
  return best;
}

export function createLinearClassifier(model: LinearModel): LinearClassifier {
  const k = model.labels.length;
  const expected = 2 ** model.features.hashBits;
  if (k < 2) throw new RangeError('a classifier needs at least two labels');
  if (model.idf.length !== expected || model.weights.length !== expected * k || model.bias.length !== k) {
    throw new RangeError('model arrays do not match its feature configuration and labels');
  }
  const compiled = compileModel(model);
  const counter = new NgramCounter(model.features);
  const scores = new Float64Array(k);
  const probabilities = new Float64Array(k);
  return {
    labels: model.labels,
    classify(input) {
      scoreInto(compiled, counter, input, scores);
      const best = softmaxInto(scores, model.temperature, probabilities);
      return { category: model.labels[best]!, confidence: probabilities[best]!, scores: Array.from(scores) };
    },
  };
}
