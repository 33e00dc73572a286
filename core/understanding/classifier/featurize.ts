import type { ClassifierInput, FeatureConfig, SparseVector } from './feature-config.js';
import { normalizeInto } from './normalize-text.js';

const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

/** Murmur3's finaliser: FNV alone leaves the low bits (the ones the mask keeps) poorly mixed. */
function mix(h: number): number {
  let x = h ^ (h >>> 16);
  x = Math.imul(x, 0x85ebca6b);
  x ^= x >>> 13;
  x = Math.imul(x, 0xc2b2ae35);
  return x ^ (x >>> 16);
}

/**
 * Accumulates hashed n-gram counts of one message into a dense scratch array and remembers which
 * buckets it touched, so no n-gram string is ever allocated (this loop is the classifier's hot path).
 */
export class NgramCounter {
  /**
   * One byte per bucket, saturating at 255 (sublinear TF makes higher counts nearly equal): the
   * array is read at random, and its size is the speed of the hot path.
   */
  readonly counts: Uint8Array;
  private touched: Int32Array;
  /** The normalised text being counted. */
  private text = new Uint16Array(1024);
  private size = 0;
  private readonly mask: number;

  constructor(readonly config: FeatureConfig) {
    this.counts = new Uint8Array(2 ** config.hashBits);
    this.touched = new Int32Array(4096);
    this.mask = 2 ** config.hashBits - 1;
  }

  get length(): number {
    return this.size;
  }

  /** Bucket index of the i-th touched feature. */
  bucket(i: number): number {
    return this.touched[i]!;
  }

  add(input: ClassifierInput): void {
    if (input.title && this.config.titleWeight > 0) this.addText(input.title, this.config.titleWeight);
    this.addText(input.body, 1);
  }

  /** Empties the scratch array; only the touched buckets are cleared. */
  reset(): void {
    for (let i = 0; i < this.size; i++) this.counts[this.touched[i]!] = 0;
    this.size = 0;
  }

  private addText(raw: string, weight: number): void {
    if (this.text.length < raw.length) this.text = new Uint16Array(raw.length * 2);
    const text = this.text;
    const len = normalizeInto(raw, text);
    const { minN, maxN } = this.config;
    const counts = this.counts;
    for (let i = 0; i < len; i++) {
      let h = FNV_OFFSET;
      const end = Math.min(len, i + maxN);
      for (let j = i; j < end; j++) {
        h = Math.imul(h ^ text[j]!, FNV_PRIME);
        if (j - i + 1 < minN) continue;
        const idx = mix(h) & this.mask;
        const c = counts[idx]!;
        if (c === 0) this.push(idx);
        counts[idx] = Math.min(255, c + weight);
      }
    }
  }

  private push(idx: number): void {
    if (this.size === this.touched.length) {
      const grown = new Int32Array(this.touched.length * 2);
      grown.set(this.touched);
      this.touched = grown;
    }
    this.touched[this.size++] = idx;
  }
}

const SUBLINEAR = Float64Array.from({ length: 256 }, (_, c) => (c > 1 ? 1 + Math.log(c) : c));

/** Term weight before IDF. */
export function termWeight(count: number, sublinear: boolean): number {
  if (!sublinear) return count;
  return count < 256 ? SUBLINEAR[count]! : 1 + Math.log(count);
}

/**
 * A message as the model sees it: hashed character n-grams of title and body, sublinear TF, times
 * IDF (when given; buckets with IDF 0 are dropped), L2-normalised.
 */
export function featurize(input: ClassifierInput, config: FeatureConfig, idf?: Float32Array): SparseVector {
  const counter = new NgramCounter(config);
  counter.add(input);
  return toSparse(counter, idf);
}

/** Reads the counter into a weighted, normalised sparse vector and resets it. */
export function toSparse(counter: NgramCounter, idf?: Float32Array): SparseVector {
  const n = counter.length;
  const indices = new Int32Array(n);
  const values = new Float32Array(n);
  let kept = 0;
  let norm = 0;
  for (let i = 0; i < n; i++) {
    const idx = counter.bucket(i);
    const w = termWeight(counter.counts[idx]!, counter.config.sublinearTf) * (idf ? idf[idx]! : 1);
    if (w === 0) continue;
    indices[kept] = idx;
    values[kept] = w;
    norm += w * w;
    kept++;
  }
  counter.reset();
  const scale = norm > 0 ? 1 / Math.sqrt(norm) : 0;
  for (let i = 0; i < kept; i++) values[i]! *= scale;
  return { indices: indices.subarray(0, kept), values: values.subarray(0, kept) };
}
