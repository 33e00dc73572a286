export interface LabelScore {
  readonly label: string;
  readonly precision: number;
  readonly recall: number;
  readonly f1: number;
  /** How many gold examples carry this label. */
  readonly support: number;
}

export interface ClassificationReport {
  readonly labels: readonly string[];
  readonly accuracy: number;
  /** Unweighted mean of per-label F1 over `labels`: small categories count as much as big ones. */
  readonly macroF1: number;
  readonly perLabel: readonly LabelScore[];
  /** confusion[gold][predicted], rows and columns in the order of `labels`. */
  readonly confusion: readonly (readonly number[])[];
  readonly total: number;
}

/**
 * Scores predictions against gold labels. Labels are `labels` followed by any other label met in
 * `gold` or `predicted`, so nothing is silently dropped from the confusion matrix.
 */
export function evaluateClassification(
  gold: readonly string[],
  predicted: readonly string[],
  labels: readonly string[] = [],
): ClassificationReport {
  if (gold.length !== predicted.length) {
    throw new RangeError(`gold has ${gold.length} labels, predicted has ${predicted.length}`);
  }
  const all = [...labels];
  for (const label of [...gold, ...predicted]) if (!all.includes(label)) all.push(label);
  const index = new Map(all.map((label, i) => [label, i]));
  const confusion = all.map(() => new Array<number>(all.length).fill(0));
  let correct = 0;
  for (let i = 0; i < gold.length; i++) {
    const g = index.get(gold[i]!)!;
    const p = index.get(predicted[i]!)!;
    confusion[g]![p]!++;
    if (g === p) correct++;
  }
  const perLabel = all.map((label, k): LabelScore => {
    const tp = confusion[k]![k]!;
    const support = confusion[k]!.reduce((a, b) => a + b, 0);
    const predictedCount = confusion.reduce((a, row) => a + row[k]!, 0);
    const precision = predictedCount > 0 ? tp / predictedCount : 0;
    const recall = support > 0 ? tp / support : 0;
    const f1 = precision + recall > 0 ? (2 * precision * recall) / (precision + recall) : 0;
    return { label, precision, recall, f1, support };
  });
  return {
    labels: all,
    accuracy: gold.length > 0 ? correct / gold.length : 0,
    macroF1: perLabel.length > 0 ? perLabel.reduce((a, s) => a + s.f1, 0) / perLabel.length : 0,
    perLabel,
    confusion,
    total: gold.length,
  };
}
