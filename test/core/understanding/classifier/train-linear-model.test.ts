import { describe, expect, it } from 'vitest';
import { crossValidate } from '../../../../core/understanding/classifier/cross-validate.js';
import { createLinearClassifier } from '../../../../core/understanding/classifier/linear-model.js';
import {
  DEFAULT_TRAINING_OPTIONS,
  type TrainingOptions,
  type TrainingProgress,
  trainLinearModel,
} from '../../../../core/understanding/classifier/train-linear-model.js';
import { syntheticMessages } from './synthetic-messages.js';

const OPTIONS: TrainingOptions = {
  ...DEFAULT_TRAINING_OPTIONS,
  features: { ...DEFAULT_TRAINING_OPTIONS.features, hashBits: 14 },
  minDf: 1,
  epochs: 6,
};

describe('trainLinearModel', () => {
  const train = syntheticMessages(150, 0, 10);
  const progress: TrainingProgress[] = [];
  const model = trainLinearModel(train, OPTIONS, (p) => progress.push(p));
  const classifier = createLinearClassifier(model);

  it('takes its labels from the data', () => {
    expect(classifier.labels).toEqual(['医疗', '教育', '道路']);
  });

  it('classifies messages it has not seen', () => {
    const test = syntheticMessages(60, 1000);
    const correct = test.filter((m) => classifier.classify(m).category === m.category).length;
    expect(correct / test.length).toBeGreaterThanOrEqual(0.95);
  });

  it('reports as confidence the softmax probability of the chosen label', () => {
    const result = classifier.classify({ body: '医院排队，医生态度，药价太贵' });
    expect(result.category).toBe('医疗');
    const top = Math.max(...result.scores);
    const exp = result.scores.map((s) => Math.exp((s - top) * model.temperature));
    const best = Math.max(...exp) / exp.reduce((a, b) => a + b, 0);
    expect(result.confidence).toBeCloseTo(best, 10);
    expect(result.confidence).toBeGreaterThan(1 / 3);
    expect(result.confidence).toBeLessThanOrEqual(1);
  });

  it('is less confident about a message that mixes two topics', () => {
    const clear = classifier.classify({ body: '医院排队，医生态度' });
    const mixed = classifier.classify({ body: '医院排队，学校收费' });
    expect(mixed.confidence).toBeLessThan(clear.confidence);
  });

  it('reports progress through featurisation, every epoch and calibration', () => {
    expect(progress.filter((p) => p.stage === 'epoch').map((p) => p.stage === 'epoch' && p.epoch)).toEqual([
      1, 2, 3, 4, 5, 6,
    ]);
    expect(progress.some((p) => p.stage === 'featurize' && p.done === p.total)).toBe(true);
    expect(progress.filter((p) => p.stage === 'calibrate')).toHaveLength(OPTIONS.calibrationFolds);
  });

  it('gives the same model for the same data and seed', () => {
    const again = trainLinearModel(train, OPTIONS);
    expect(again.weights).toEqual(model.weights);
    expect(again.temperature).toBe(model.temperature);
  });

  it('refuses data with a single category', () => {
    expect(() =>
      trainLinearModel(
        train.map((m) => ({ ...m, category: '道路' })),
        OPTIONS,
      ),
    ).toThrow(RangeError);
  });
});

describe('crossValidate', () => {
  it('predicts every example with a model that did not see it', () => {
    const data = syntheticMessages(90);
    const folds: number[] = [];
    const cv = crossValidate(data, OPTIONS, 3, (f) => folds.push(f));
    expect(folds).toEqual([1, 2, 3]);
    expect(cv.predictions).toHaveLength(90);
    expect(cv.report.total).toBe(90);
    expect(cv.report.macroF1).toBeGreaterThan(0.9);
  });
});
