import { CONTINUATION, SPECIAL_TOKENS } from './tokenizer-spec.js';

/**
 * fastText-style subword features of each vocabulary entry: its own row plus
 * hashed character 3-5-grams, so a rare or misspelt word ("refnud", "parcle")
 * shares most of its features with the word it resembles. After training, an
 * entry's exported row is the weighted sum of its feature rows.
 */
export interface SubwordFeatures {
  /** Feature ids of entry i are `ids[start[i] .. start[i+1])`. */
  start: Int32Array;
  ids: Int32Array;
  /** Weight of each feature in its entry's row (see {@link SubwordWeighting}). */
  weights: Float32Array;
  /** Rows in the feature table: vocabulary entries, then n-gram buckets. */
  rows: number;
}

function fnv1a(s: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < s.length; i++) {
    h ^= s.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

/**
 * How an entry's features add up: `mean`, the embedding bag's, where the
 * entry's own row weighs `word` and its n-grams share the rest; `count`, the
 * lexical head's, where every feature weighs 1, as in a term-count vector.
 */
export type SubwordWeighting = { kind: 'mean'; word: number } | { kind: 'count' };

export function subwordFeatures(
  tokens: readonly string[],
  prefixPieces: ReadonlySet<string>,
  buckets: number,
  weighting: SubwordWeighting = { kind: 'mean', word: 0.5 },
): SubwordFeatures {
  const specials = new Set<string>(SPECIAL_TOKENS);
  const start = new Int32Array(tokens.length + 1);
  const ids: number[] = [];
  const weights: number[] = [];
  tokens.forEach((tok, i) => {
    start[i] = ids.length;
    ids.push(i);
    weights.push(1);
    if (specials.has(tok) || buckets === 0) return;
    const marked = tok.startsWith(CONTINUATION)
      ? '#' + tok.slice(CONTINUATION.length)
      : '<' + tok + (prefixPieces.has(tok) ? '' : '>');
    const cps = [...marked];
    const grams = new Set<number>();
    for (let n = 3; n <= 5; n++) {
      for (let j = 0; j + n <= cps.length; j++) grams.add(tokens.length + (fnv1a(cps.slice(j, j + n).join('')) % buckets));
    }
    if (grams.size === 0) return;
    if (weighting.kind === 'mean') weights[weights.length - 1] = weighting.word;
    for (const g of grams) {
      ids.push(g);
      weights.push(weighting.kind === 'mean' ? (1 - weighting.word) / grams.size : 1);
    }
  });
  start[tokens.length] = ids.length;
  return { start, ids: Int32Array.from(ids), weights: Float32Array.from(weights), rows: tokens.length + buckets };
}
