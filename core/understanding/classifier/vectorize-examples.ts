import type { ClassifierInput, FeatureConfig } from './feature-config.js';
import { NgramCounter, termWeight } from './featurize.js';

/** Raw bucket counts of one message. */
export interface BucketCounts {
  readonly buckets: Int32Array;
  readonly counts: Float32Array;
}

/** Training vectors over a compact feature space: `bucketOf[i]` is the hash bucket of feature i. */
export interface CompactVectors {
  readonly bucketOf: Int32Array;
  /** IDF per compact feature. */
  readonly idf: Float32Array;
  readonly indices: readonly Int32Array[];
  readonly values: readonly Float32Array[];
}

export function countBuckets(
  inputs: readonly ClassifierInput[],
  config: FeatureConfig,
  onEach?: (done: number) => void,
): BucketCounts[] {
  const counter = new NgramCounter(config);
  return inputs.map((input, n) => {
    counter.add(input);
    const buckets = new Int32Array(counter.length);
    const counts = new Float32Array(counter.length);
    for (let i = 0; i < counter.length; i++) {
      buckets[i] = counter.bucket(i);
      counts[i] = counter.counts[buckets[i]!]!;
    }
    counter.reset();
    onEach?.(n + 1);
    return { buckets, counts };
  });
}

/** Smoothed IDF as in common TF-IDF practice: ln((N + 1) / (df + 1)) + 1. */
export function idfFromDf(df: number, documents: number): number {
  return Math.log((documents + 1) / (df + 1)) + 1;
}

/**
 * Keeps the buckets seen in at least `minDf` training messages and renumbers them densely, most
 * frequent first: the optimiser then works on a small, cache-friendly weight table.
 */
export function compactVectors(
  counted: readonly BucketCounts[],
  config: FeatureConfig,
  minDf: number,
): CompactVectors {
  const dims = 2 ** config.hashBits;
  const df = new Int32Array(dims);
  for (const doc of counted) for (const b of doc.buckets) df[b]!++;
  const kept: number[] = [];
  for (let b = 0; b < dims; b++) if (df[b]! >= minDf && df[b]! > 0) kept.push(b);
  kept.sort((a, b) => df[b]! - df[a]! || a - b);
  const featureOf = new Int32Array(dims).fill(-1);
  kept.forEach((bucket, feature) => {
    featureOf[bucket] = feature;
  });
  const idf = Float32Array.from(kept, (b) => idfFromDf(df[b]!, counted.length));
  const indices: Int32Array[] = [];
  const values: Float32Array[] = [];
  for (const doc of counted) {
    const ix: number[] = [];
    const vs: number[] = [];
    let norm = 0;
    for (let i = 0; i < doc.buckets.length; i++) {
      const feature = featureOf[doc.buckets[i]!]!;
      if (feature < 0) continue;
      const v = termWeight(doc.counts[i]!, config.sublinearTf) * idf[feature]!;
      ix.push(feature);
      vs.push(v);
      norm += v * v;
    }
    const scale = norm > 0 ? 1 / Math.sqrt(norm) : 0;
    indices.push(Int32Array.from(ix));
    values.push(Float32Array.from(vs, (v) => v * scale));
  }
  return { bucketOf: Int32Array.from(kept), idf, indices, values };
}
