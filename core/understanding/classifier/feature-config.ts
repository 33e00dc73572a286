import { z } from 'zod';

/** How a message becomes a vector. Stored in the model file so training and prediction agree. */
export const FeatureConfigSchema = z.object({
  /** The hashing trick folds every n-gram into 2^hashBits buckets. */
  hashBits: z.number().int().min(8).max(24),
  minN: z.number().int().min(1).max(8),
  maxN: z.number().int().min(1).max(8),
  /** Titles are short summaries written by the resident: their n-grams count this many times. */
  titleWeight: z.number().int().min(0).max(16),
  /** tf → 1 + ln(tf), so a word repeated many times does not dominate. */
  sublinearTf: z.boolean(),
});

export type FeatureConfig = z.infer<typeof FeatureConfigSchema>;

export const DEFAULT_FEATURE_CONFIG: FeatureConfig = {
  hashBits: 16,
  minN: 1,
  maxN: 3,
  titleWeight: 2,
  sublinearTf: true,
};

/** A sparse vector: parallel arrays, indices unique, not necessarily sorted. */
export interface SparseVector {
  readonly indices: Int32Array;
  readonly values: Float32Array;
}

/** What the classifier reads of a message. */
export interface ClassifierInput {
  readonly title?: string | null;
  readonly body: string;
}
