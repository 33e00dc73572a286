import { createLinearClassifier } from './linear-model.js';
import { type ClassificationReport, evaluateClassification } from './metrics.js';
import { stratifiedFolds } from './stratified-folds.js';
import {
  labelsOf,
  type TrainingExample,
  type TrainingOptions,
  trainLinearModel,
} from './train-linear-model.js';

export interface CrossValidation {
  readonly report: ClassificationReport;
  /** Out-of-fold prediction for each example, in input order. */
  readonly predictions: readonly string[];
}

/**
 * Stratified k-fold cross-validation: every example is predicted by a model that never saw it, IDF
 * included. This is how hyper-parameters are chosen without touching the dev split.
 */
export function crossValidate(
  examples: readonly TrainingExample[],
  options: TrainingOptions,
  folds: number,
  onFold?: (fold: number, folds: number) => void,
): CrossValidation {
  const labels = labelsOf(examples);
  const index = new Map(labels.map((l, i) => [l, i]));
  const gold = Int32Array.from(examples, (e) => index.get(e.category)!);
  const predictions = new Array<string>(examples.length);
  const noCalibration = { ...options, calibrationFolds: 0 };
  stratifiedFolds(gold, folds, options.seed).forEach((test, f) => {
    onFold?.(f + 1, folds);
    const held = new Set(test);
    const model = trainLinearModel(
      examples.filter((_, i) => !held.has(i)),
      noCalibration,
    );
    const classifier = createLinearClassifier(model);
    for (const i of test) predictions[i] = classifier.classify(examples[i]!).category;
  });
  return {
    report: evaluateClassification(
      examples.map((e) => e.category),
      predictions,
      labels,
    ),
    predictions,
  };
}
