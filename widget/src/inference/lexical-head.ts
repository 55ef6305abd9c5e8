/**
 * The lexical head of an intent model: one weight per label for every
 * token and every hashed token n-gram (adjacent pairs, triples, and pairs one
 * token apart), added to the embedding bag's logits. The bag squeezes every
 * word through a few dozen shared dimensions, which is what lets "parcel"
 * stand in for "package"; the head keeps each word and phrase's own vote,
 * which is what tells close intents apart ("exchange rate" against "wrong
 * exchange rate on my card payment"). Its sum is divided by the square root
 * of the number of features, not their count, as a tf-idf vector is
 * L2-normalised: a long message keeps the weight of its telling phrase.
 * Shared by the TypeScript kernel, the trainer and the ONNX exporter.
 */
export interface LexicalHead {
  classes: number;
  /** Row per tokenizer id: `vocabSize x classes`. */
  tokenRows: Float32Array;
  /** What each token counts towards the normaliser (its features' squared weights). */
  tokenMass: Float32Array;
  /** Rows for hashed n-grams: `buckets x classes`. */
  ngramRows: Float32Array;
  buckets: number;
}

/** Multipliers of the n-gram hashes; products of ids below 2^16 stay exact in int64 and doubles. */
export const NGRAM_PRIMES = { pair: 1_000_003, skip: 999_983, tripleFirst: 1_000_037, tripleSecond: 10_007 } as const;

/**
 * Writes the n-gram buckets of `ids` into `out` (room for `3 * ids.length`):
 * pairs `(a*P + b) mod B`, pairs one apart `(a*S + c) mod B`, triples
 * `(a*T1 + b*T2 + c) mod B`. Returns how many were written.
 */
export function ngramBuckets(ids: ArrayLike<number>, n: number, buckets: number, out: Int32Array): number {
  let m = 0;
  for (let t = 0; t + 1 < n; t++) out[m++] = (ids[t]! * NGRAM_PRIMES.pair + ids[t + 1]!) % buckets;
  for (let t = 0; t + 2 < n; t++) out[m++] = (ids[t]! * NGRAM_PRIMES.skip + ids[t + 2]!) % buckets;
  for (let t = 0; t + 2 < n; t++) {
    out[m++] = (ids[t]! * NGRAM_PRIMES.tripleFirst + ids[t + 1]! * NGRAM_PRIMES.tripleSecond + ids[t + 2]!) % buckets;
  }
  return m;
}

/** Adds the head's votes for `ids` to `logits`. */
export function addLexicalLogits(ids: ArrayLike<number>, head: LexicalHead, logits: Float32Array, scratch = new Int32Array(3 * ids.length)): void {
  const c = head.classes;
  const n = ids.length;
  const m = ngramBuckets(ids, n, head.buckets, scratch);
  let total = m;
  for (let t = 0; t < n; t++) total += head.tokenMass[ids[t]!]!;
  if (total === 0) return;
  const scale = 1 / Math.sqrt(total);
  for (let t = 0; t < n; t++) {
    const base = ids[t]! * c;
    for (let k = 0; k < c; k++) logits[k]! += scale * head.tokenRows[base + k]!;
  }
  for (let t = 0; t < m; t++) {
    const base = scratch[t]! * c;
    for (let k = 0; k < c; k++) logits[k]! += scale * head.ngramRows[base + k]!;
  }
}
