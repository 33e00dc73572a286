import { describe, expect, it } from 'vitest';
import { formatReport } from '../../../../core/understanding/classifier/format-report.js';
import { evaluateClassification } from '../../../../core/understanding/classifier/metrics.js';

describe('evaluateClassification', () => {
  // gold:      A A A B B C
  // predicted: A A B B C C
  // A: tp 2, fp 0, fn 1 → P 1,   R 2/3, F1 0.8
  // B: tp 1, fp 1, fn 1 → P 1/2, R 1/2, F1 0.5
  // C: tp 1, fp 1, fn 0 → P 1/2, R 1,   F1 2/3
  const report = evaluateClassification(
    ['A', 'A', 'A', 'B', 'B', 'C'],
    ['A', 'A', 'B', 'B', 'C', 'C'],
    ['A', 'B', 'C'],
  );

  it('computes accuracy and macro-F1 by hand-checked numbers', () => {
    expect(report.accuracy).toBeCloseTo(4 / 6, 10);
    expect(report.macroF1).toBeCloseTo((0.8 + 0.5 + 2 / 3) / 3, 10);
  });

  it('computes per-label precision, recall, F1 and support', () => {
    expect(report.perLabel.map((s) => [s.label, s.precision, s.recall, s.f1, s.support])).toEqual([
      ['A', 1, 2 / 3, 0.8, 3],
      ['B', 0.5, 0.5, 0.5, 2],
      ['C', 0.5, 1, 2 / 3, 1],
    ]);
  });

  it('builds the confusion matrix with gold rows and predicted columns', () => {
    expect(report.confusion).toEqual([
      [2, 1, 0],
      [0, 1, 1],
      [0, 0, 1],
    ]);
  });

  it('keeps a label that is only ever predicted, so its false positives count', () => {
    const r = evaluateClassification(['A', 'A'], ['A', 'Z'], ['A']);
    expect(r.labels).toEqual(['A', 'Z']);
    expect(r.perLabel[1]).toMatchObject({ label: 'Z', f1: 0, support: 0 });
    expect(r.macroF1).toBeCloseTo((2 / 3 + 0) / 2, 10);
  });

  it('refuses lists of different lengths', () => {
    expect(() => evaluateClassification(['A'], [])).toThrow(RangeError);
  });

  it('prints every label and the matrix', () => {
    const text = formatReport(report);
    expect(text).toContain('accuracy 0.6667  macro-F1 0.6556');
    expect(text).toMatch(/#1 A\s+2\s+1\s+0/);
  });
});
