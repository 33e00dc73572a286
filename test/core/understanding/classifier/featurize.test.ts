import { describe, expect, it } from 'vitest';
import type { FeatureConfig } from '../../../../core/understanding/classifier/feature-config.js';
import { featurize } from '../../../../core/understanding/classifier/featurize.js';

const CONFIG: FeatureConfig = { hashBits: 16, minN: 1, maxN: 3, titleWeight: 2, sublinearTf: false };

const norm = (values: Float32Array) => Math.sqrt(values.reduce((a, v) => a + v * v, 0));
const asMap = (v: { indices: Int32Array; values: Float32Array }) =>
  new Map(Array.from(v.indices, (i, n) => [i, v.values[n]!]));

describe('featurize', () => {
  it('counts every character 1- to 3-gram once per occurrence', () => {
    // 路灯坏: 路 灯 坏 路灯 灯坏 路灯坏 → six distinct n-grams, each seen once
    const v = featurize({ body: '路灯坏' }, CONFIG);
    expect(v.indices.length).toBe(6);
    for (const x of v.values) expect(x).toBeCloseTo(1 / Math.sqrt(6), 6);
  });

  it('is L2-normalised, so a longer message is not a louder one', () => {
    const short = featurize({ body: '路灯坏了' }, CONFIG);
    const long = featurize({ body: '路灯坏了路灯坏了路灯坏了' }, CONFIG);
    expect(norm(short.values)).toBeCloseTo(1, 6);
    expect(norm(long.values)).toBeCloseTo(1, 6);
  });

  it('is the same for text that only differs in width, case, digits and spacing', () => {
    const a = featurize({ body: 'ＡＢ小区３号楼  路灯坏了' }, CONFIG);
    const b = featurize({ body: 'ab小区7号楼 路灯坏了' }, CONFIG);
    expect(asMap(a)).toEqual(asMap(b));
  });

  it('counts title n-grams titleWeight times', () => {
    const v = asMap(featurize({ title: '路', body: '灯' }, CONFIG));
    const [titleWeight, bodyWeight] = [...v.values()].sort((x, y) => y - x);
    expect(v.size).toBe(2);
    expect(titleWeight! / bodyWeight!).toBeCloseTo(2, 6);
  });

  it('applies sublinear TF when configured', () => {
    const v = asMap(featurize({ body: '灯灯灯灯' }, { ...CONFIG, maxN: 1, sublinearTf: true }));
    expect(v.size).toBe(1);
    const plain = asMap(featurize({ body: '灯灯灯灯路' }, { ...CONFIG, maxN: 1, sublinearTf: false }));
    const sub = asMap(featurize({ body: '灯灯灯灯路' }, { ...CONFIG, maxN: 1, sublinearTf: true }));
    const ratio = (m: Map<number, number>) => Math.max(...m.values()) / Math.min(...m.values());
    expect(ratio(plain)).toBeCloseTo(4, 5);
    expect(ratio(sub)).toBeCloseTo(1 + Math.log(4), 5);
  });

  it('drops buckets whose IDF is 0 and weighs the rest by IDF', () => {
    const base = featurize({ body: '路灯' }, { ...CONFIG, maxN: 1 });
    const [lamp, road] = [base.indices[0]!, base.indices[1]!];
    const idf = new Float32Array(2 ** CONFIG.hashBits);
    idf[lamp] = 3;
    const v = featurize({ body: '路灯' }, { ...CONFIG, maxN: 1 }, idf);
    expect(Array.from(v.indices)).toEqual([lamp]);
    expect(v.indices).not.toContain(road);
    expect(v.values[0]).toBeCloseTo(1, 6);
  });

  it('gives an empty vector for text with nothing left after normalisation', () => {
    expect(featurize({ body: '   ***  ' }, CONFIG).indices.length).toBe(0);
  });
});
