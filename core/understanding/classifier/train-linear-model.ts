import { calibrateTemperature } from './calibrate-temperature.js';
import type { ClassifierInput, FeatureConfig } from './feature-config.js';
import { DEFAULT_FEATURE_CONFIG } from './feature-config.js';
import { type HingeSgdProblem, trainHingeSgd } from './hinge-sgd.js';
import type { LinearModel } from './linear-model.js';
import { stratifiedFolds } from './stratified-folds.js';
import { type BucketCounts, compactVectors, countBuckets } from './vectorize-examples.js';

export interface TrainingExample extends ClassifierInput {
  readonly category: string;
}

export type LabelWeighting = 'none' | 'sqrt-balanced' | 'balanced';

export interface TrainingOptions {
  readonly features: FeatureConfig;
  /** Buckets seen in fewer training messages are dropped (IDF 0). */
  readonly minDf: number;
  readonly lambda: number;
  readonly epochs: number;
  /** Independent SGD runs (different shuffles) whose weights are averaged: steadier, costs time. */
  readonly runs: number;
  readonly labelWeighting: LabelWeighting;
  /** Folds used to fit the confidence temperature on held-out scores; 0 or 1 keeps T = 1. */
  readonly calibrationFolds: number;
  readonly seed: number;
}

/** Chosen by 5-fold cross-validation on the training split (see docs/classifier.md). */
export const DEFAULT_TRAINING_OPTIONS: TrainingOptions = {
  features: DEFAULT_FEATURE_CONFIG,
  minDf: 2,
  lambda: 1e-5,
  epochs: 10,
  runs: 1,
  labelWeighting: 'sqrt-balanced',
  calibrationFolds: 3,
  seed: 20_200,
};

export type TrainingProgress =
  | { readonly stage: 'featurize'; readonly done: number; readonly total: number }
  | { readonly stage: 'calibrate'; readonly fold: number; readonly folds: number }
  | {
      readonly stage: 'epoch';
      readonly epoch: number;
      readonly epochs: number;
      /** Share of training messages the model got wrong during this epoch, before each update. */
      readonly trainingErrorRate: number;
    };

export function labelsOf(examples: readonly TrainingExample[]): string[] {
  return [...new Set(examples.map((e) => e.category))].sort();
}

function labelWeights(gold: Int32Array, labelCount: number, weighting: LabelWeighting): number[] {
  const counts = new Array<number>(labelCount).fill(0);
  for (const y of gold) counts[y]!++;
  return counts.map((c) => {
    if (weighting === 'none' || c === 0) return 1;
    const balanced = gold.length / (labelCount * c);
    return weighting === 'balanced' ? balanced : Math.sqrt(balanced);
  });
}

/** Fits weights on counted messages; returns them over hash buckets. */
function fitWeights(
  counted: readonly BucketCounts[],
  gold: Int32Array,
  labelCount: number,
  options: TrainingOptions,
  onEpoch?: (epoch: number, errors: number) => void,
): Omit<LinearModel, 'labels' | 'features' | 'temperature'> {
  const compact = compactVectors(counted, options.features, options.minDf);
  const problem: HingeSgdProblem = {
    features: compact.bucketOf.length,
    labelCount,
    indices: compact.indices,
    values: compact.values,
    labels: gold,
  };
  const runs = Math.max(1, options.runs);
  const fitted = {
    weights: new Float32Array(problem.features * labelCount),
    bias: new Float32Array(labelCount),
  };
  for (let r = 0; r < runs; r++) {
    const run = trainHingeSgd(
      problem,
      {
        lambda: options.lambda,
        epochs: options.epochs,
        labelWeights: labelWeights(gold, labelCount, options.labelWeighting),
        seed: options.seed + r,
      },
      onEpoch && ((epoch, errors) => onEpoch(r * options.epochs + epoch, errors)),
    );
    for (let i = 0; i < run.weights.length; i++) fitted.weights[i]! += run.weights[i]! / runs;
    for (let j = 0; j < labelCount; j++) fitted.bias[j]! += run.bias[j]! / runs;
  }
  const dims = 2 ** options.features.hashBits;
  const idf = new Float32Array(dims);
  const weights = new Float32Array(dims * labelCount);
  compact.bucketOf.forEach((bucket, feature) => {
    idf[bucket] = compact.idf[feature]!;
    weights.set(
      fitted.weights.subarray(feature * labelCount, (feature + 1) * labelCount),
      bucket * labelCount,
    );
  });
  return { idf, weights, bias: fitted.bias };
}

/** Scores of counted messages under fitted weights (the same arithmetic as the classifier). */
export function scoreCounted(
  model: Pick<LinearModel, 'idf' | 'weights' | 'bias' | 'features'>,
  doc: BucketCounts,
  labelCount: number,
): Float64Array {
  const out = new Float64Array(labelCount);
  let norm = 0;
  for (let i = 0; i < doc.buckets.length; i++) {
    const bucket = doc.buckets[i]!;
    const idf = model.idf[bucket]!;
    if (idf === 0) continue;
    const c = doc.counts[i]!;
    const v = (model.features.sublinearTf && c > 1 ? 1 + Math.log(c) : c) * idf;
    norm += v * v;
    for (let j = 0; j < labelCount; j++) out[j]! += v * model.weights[bucket * labelCount + j]!;
  }
  const scale = norm > 0 ? 1 / Math.sqrt(norm) : 0;
  for (let j = 0; j < labelCount; j++) out[j] = out[j]! * scale + model.bias[j]!;
  return out;
}

/**
 * Trains a linear classifier on labelled messages. Pure and deterministic for a given seed; the
 * label set is whatever categories the examples carry.
 */
export function trainLinearModel(
  examples: readonly TrainingExample[],
  options: TrainingOptions = DEFAULT_TRAINING_OPTIONS,
  onProgress?: (progress: TrainingProgress) => void,
): LinearModel {
  const labels = labelsOf(examples);
  if (labels.length < 2) throw new RangeError('training needs at least two categories');
  const index = new Map(labels.map((l, i) => [l, i]));
  const gold = Int32Array.from(examples, (e) => index.get(e.category)!);
  const every = Math.max(1, Math.ceil(examples.length / 4));
  const counted = countBuckets(examples, options.features, (done) => {
    if (done % every === 0 || done === examples.length) {
      onProgress?.({ stage: 'featurize', done, total: examples.length });
    }
  });
  const fitted = fitWeights(counted, gold, labels.length, options, (epoch, errors) =>
    onProgress?.({
      stage: 'epoch',
      epoch,
      epochs: options.epochs * Math.max(1, options.runs),
      trainingErrorRate: errors / examples.length,
    }),
  );
  const temperature = fitTemperature(counted, gold, labels.length, options, onProgress);
  return { labels, features: options.features, ...fitted, temperature };
}

function fitTemperature(
  counted: readonly BucketCounts[],
  gold: Int32Array,
  labelCount: number,
  options: TrainingOptions,
  onProgress?: (progress: TrainingProgress) => void,
): number {
  const folds = options.calibrationFolds;
  if (folds < 2 || counted.length < folds * labelCount) return 1;
  const scores: Float64Array[] = [];
  const heldGold: number[] = [];
  stratifiedFolds(gold, folds, options.seed).forEach((test, f) => {
    onProgress?.({ stage: 'calibrate', fold: f + 1, folds });
    const held = new Set(test);
    const trainIdx = [...gold.keys()].filter((i) => !held.has(i));
    const part = fitWeights(
      trainIdx.map((i) => counted[i]!),
      Int32Array.from(trainIdx, (i) => gold[i]!),
      labelCount,
      options,
    );
    for (const i of test) {
      scores.push(scoreCounted({ ...part, features: options.features }, counted[i]!, labelCount));
      heldGold.push(gold[i]!);
    }
  });
  return calibrateTemperature(scores, Int32Array.from(heldGold));
}
