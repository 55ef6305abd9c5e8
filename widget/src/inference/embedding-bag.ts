/**
 * The arithmetic of the shipped intent models, shared by the TypeScript
 * kernel, the trainer and the exporter so all three compute the same thing
 * the ONNX graph does: mean of the token rows and hashed token-bigram rows,
 * beside it the maximum of the token rows' leading columns where the model
 * has them, then one linear layer to logits (temperature already folded in),
 * plus the votes of the lexical head where the model has one.
 */
import type { LexicalHead } from './lexical-head.js';

export interface EmbeddingBagWeights {
  /** Width of every embedding row. */
  dim: number;
  /** Row per tokenizer id: `vocabSize x dim`. */
  embeddings: Float32Array;
  /** Rows for hashed adjacent-token pairs: `bigramBuckets x dim` (empty when bigrams are off). */
  bigramEmbeddings: Float32Array;
  bigramBuckets: number;
  /** Multiplier of the pair hash `(a * prime + b) mod buckets`; small enough that the product stays exact in int64 and doubles. */
  bigramPrime: number;
  /**
   * Leading columns that are also max-pooled (0 or absent: none). The mean
   * blurs the one word that tells "pending" from "declined" in a long
   * message; the maximum keeps it. Those maxima follow the mean, so the
   * classifier reads `dim + maxPooled` values.
   */
  maxPooled?: number;
  /** `classes x (dim + maxPooled)`, row-major. */
  weight: Float32Array;
  bias: Float32Array;
  /** Added to the logits (its bias already in `bias`); absent in models trained without one. */
  lexical?: LexicalHead;
}

/** Bucket of the token pair (a, b); the ONNX graph computes the same with int64 Mul/Add/Mod. */
export function bigramBucket(a: number, b: number, prime: number, buckets: number): number {
  return (a * prime + b) % buckets;
}

/** Writes the pooled sentence vector of `ids` into `out[0 .. dim)`. Returns the number of rows pooled. */
export function poolTokens(ids: ArrayLike<number>, w: EmbeddingBagWeights, out: Float32Array): number {
  const d = w.dim;
  out.fill(0, 0, d);
  const n = ids.length;
  for (let t = 0; t < n; t++) {
    const base = ids[t]! * d;
    for (let k = 0; k < d; k++) out[k]! += w.embeddings[base + k]!;
  }
  let rows = n;
  if (w.bigramBuckets > 0) {
    for (let t = 0; t + 1 < n; t++) {
      const base = bigramBucket(ids[t]!, ids[t + 1]!, w.bigramPrime, w.bigramBuckets) * d;
      for (let k = 0; k < d; k++) out[k]! += w.bigramEmbeddings[base + k]!;
      rows++;
    }
  }
  const inv = 1 / Math.max(1, rows);
  for (let k = 0; k < d; k++) out[k]! *= inv;
  return rows;
}

/** Length of the vector the classifier reads: the mean, then the maxima. */
export function featureWidth(w: EmbeddingBagWeights): number {
  return w.dim + (w.maxPooled ?? 0);
}

/**
 * Writes the classifier's input for `ids` into `out` (length {@link featureWidth}):
 * the pooled mean, then per max-pooled column the largest value any token's
 * row has there, never below 0 (so no tokens, or padding, give 0).
 */
export function sentenceFeatures(ids: ArrayLike<number>, w: EmbeddingBagWeights, out: Float32Array): void {
  poolTokens(ids, w, out);
  const d = w.dim;
  const m = w.maxPooled ?? 0;
  for (let k = 0; k < m; k++) out[d + k] = 0;
  for (let t = 0; t < ids.length; t++) {
    const base = ids[t]! * d;
    for (let k = 0; k < m; k++) {
      const v = w.embeddings[base + k]!;
      if (v > out[d + k]!) out[d + k] = v;
    }
  }
}

/** `logits = weight · features + bias`, `features` from {@link sentenceFeatures}. */
export function classify(pooled: Float32Array, w: EmbeddingBagWeights, logits: Float32Array): void {
  const d = featureWidth(w);
  for (let c = 0; c < logits.length; c++) {
    let s = w.bias[c]!;
    const base = c * d;
    for (let k = 0; k < d; k++) s += w.weight[base + k]! * pooled[k]!;
    logits[c] = s;
  }
}

/** In-place numerically stable softmax. */
export function softmax(values: Float32Array): Float32Array {
  let max = -Infinity;
  for (const v of values) if (v > max) max = v;
  let sum = 0;
  for (let i = 0; i < values.length; i++) {
    const e = Math.exp(values[i]! - max);
    values[i] = e;
    sum += e;
  }
  for (let i = 0; i < values.length; i++) values[i]! /= sum;
  return values;
}
