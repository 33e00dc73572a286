import { createRandom, shuffleInPlace } from './random.js';

/**
 * Splits example indices into `folds` held-out sets, each label spread evenly over them, so a small
 * category is present in every fold.
 */
export function stratifiedFolds(gold: Int32Array, folds: number, seed: number): number[][] {
  const byLabel = new Map<number, number[]>();
  gold.forEach((y, i) => {
    const list = byLabel.get(y) ?? [];
    list.push(i);
    byLabel.set(y, list);
  });
  const random = createRandom(seed);
  const out = Array.from({ length: folds }, () => [] as number[]);
  let next = 0;
  for (const y of [...byLabel.keys()].sort((a, b) => a - b)) {
    const members = Int32Array.from(byLabel.get(y)!);
    shuffleInPlace(members, random);
    for (const i of members) {
      out[next % folds]!.push(i);
      next++;
    }
  }
  return out.map((fold) => fold.sort((a, b) => a - b));
}
