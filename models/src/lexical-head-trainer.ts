import { ngramBuckets, type LexicalHead } from '../../widget/src/inference/lexical-head.js';
import { seededRandom, shuffleInPlace } from './random.js';
import type { SubwordFeatures } from './subword-features.js';
import type { TrainingExample } from './trainer.js';

/** The bias sees every example, so a small fixed step suffices (per-row Adagrad is for the sparse rows). */
const BIAS_STEP = 0.05;

export interface LexicalTrainOptions {
  /** Hashed n-gram rows (pairs, pairs one apart, triples share them). */
  buckets: number;
  epochs: number;
  learningRate: number;
  seed: number;
  /** Chance that a token (and the n-grams it starts) is left out of an example for one pass. */
  tokenDropout?: number;
}

/**
 * Softmax regression over each token's subword features and the message's
 * hashed n-grams, scaled by 1/sqrt(feature count), with per-row Adagrad
 * (rare phrases learn as fast as common words). Token rows come back
 * collapsed (a token's row is the weighted sum of its feature rows), ready
 * for {@link addLexicalLogits}; the bias is returned apart, to be added to the
 * embedding bag's.
 */
export function trainLexicalHead(
  examples: readonly TrainingExample[],
  classes: number,
  features: SubwordFeatures,
  options: LexicalTrainOptions,
): { head: LexicalHead; bias: Float32Array } {
  const c = classes;
  const nb = options.buckets;
  const featureRows = features.rows;
  const table = new Float32Array((featureRows + nb) * c);
  const acc = new Float32Array(featureRows + nb);
  const bias = new Float32Array(c);
  const random = seededRandom(options.seed);
  const order = examples.map((_, i) => i);
  let longest = 1;
  for (const ex of examples) longest = Math.max(longest, ex.ids.length);
  const grams = new Int32Array(3 * longest);
  const kept = new Int32Array(longest);
  const drop = options.tokenDropout ?? 0;
  const logits = new Float32Array(c);
  const { start, ids: fIds, weights: fWeights } = features;
  const vocab = start.length - 1;
  // A token weighs as much as its features together, as in a tf vector where a word brings its character n-grams.
  const mass = new Float32Array(vocab);
  for (let i = 0; i < vocab; i++) for (let f = start[i]!; f < start[i + 1]!; f++) mass[i]! += fWeights[f]! * fWeights[f]!;
  /** One sparse Adagrad step on `row` whose input this example was `x`, gradient `g` (with Σg² = `gSq`). */
  const update = (row: number, x: number, gSq: number) => {
    acc[row]! += gSq * x * x;
    const step = (options.learningRate * x) / Math.sqrt(acc[row]! + 1e-8);
    const base = row * c;
    for (let k = 0; k < c; k++) table[base + k]! -= step * logits[k]!;
  };
  for (let epoch = 0; epoch < options.epochs; epoch++) {
    shuffleInPlace(order, random);
    for (const idx of order) {
      const { ids: all, label } = examples[idx]!;
      let n = 0;
      for (const id of all) if (!(drop > 0 && all.length > 1 && random() < drop)) kept[n++] = id;
      const ids = kept;
      const m = ngramBuckets(ids, n, nb, grams);
      let total = m;
      for (let t = 0; t < n; t++) total += mass[ids[t]!]!;
      if (total === 0) continue;
      const scale = 1 / Math.sqrt(total);
      logits.set(bias);
      for (let t = 0; t < n; t++) {
        for (let f = start[ids[t]!]!; f < start[ids[t]! + 1]!; f++) {
          const x = scale * fWeights[f]!;
          const base = fIds[f]! * c;
          for (let k = 0; k < c; k++) logits[k]! += x * table[base + k]!;
        }
      }
      for (let t = 0; t < m; t++) {
        const base = (featureRows + grams[t]!) * c;
        for (let k = 0; k < c; k++) logits[k]! += scale * table[base + k]!;
      }
      let max = -Infinity;
      for (let k = 0; k < c; k++) if (logits[k]! > max) max = logits[k]!;
      let sum = 0;
      for (let k = 0; k < c; k++) sum += logits[k] = Math.exp(logits[k]! - max);
      // From here on `logits` holds the gradient of the loss with respect to the logits.
      let gSq = 0;
      for (let k = 0; k < c; k++) {
        logits[k] = logits[k]! / sum - (k === label ? 1 : 0);
        gSq += logits[k]! * logits[k]!;
      }
      for (let t = 0; t < n; t++) {
        for (let f = start[ids[t]!]!; f < start[ids[t]! + 1]!; f++) update(fIds[f]!, scale * fWeights[f]!, gSq);
      }
      for (let t = 0; t < m; t++) update(featureRows + grams[t]!, scale, gSq);
      for (let k = 0; k < c; k++) bias[k]! -= BIAS_STEP * logits[k]!;
    }
  }
  const tokenRows = new Float32Array(vocab * c);
  for (let i = 0; i < vocab; i++) {
    for (let f = start[i]!; f < start[i + 1]!; f++) {
      const w = fWeights[f]!;
      const base = fIds[f]! * c;
      for (let k = 0; k < c; k++) tokenRows[i * c + k]! += w * table[base + k]!;
    }
  }
  return { head: { classes: c, tokenRows, tokenMass: mass, ngramRows: table.slice(featureRows * c), buckets: nb }, bias };
}
