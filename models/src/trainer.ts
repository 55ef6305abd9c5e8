import { bigramBucket, type EmbeddingBagWeights } from '../../widget/src/inference/embedding-bag.js';
import { seededRandom, shuffleInPlace } from './random.js';
import type { SubwordFeatures } from './subword-features.js';

export interface TrainingExample {
  ids: Int32Array;
  label: number;
}

export interface TrainOptions {
  dim: number;
  epochs: number;
  learningRate: number;
  bigramBuckets: number;
  bigramPrime: number;
  seed: number;
  /**
   * Chance that a whole-word token is replaced by its WordPiece pieces during
   * training, so the pieces an unseen word falls back to carry meaning too.
   */
  pieceDropout: number;
  /** Chance that a token is left out of an example for one pass (word dropout): templated data stops being memorised whole. */
  tokenDropout?: number;
  /** Alternative piece ids per vocabulary id (null where a token has no split). */
  pieceSplits?: (Int32Array | null)[];
  /**
   * Fixed rows per vocabulary entry (`vocabSize x frozenDim`, e.g. distributional
   * vectors) pooled beside the learned ones and never updated: the classifier
   * learns to read them, so a word seen only in unlabelled text still means something.
   */
  frozenRows?: Float32Array;
  frozenDim?: number;
  /**
   * `adagrad` (row-wise: one accumulator per row) lets rare n-gram and pair
   * rows learn as fast as frequent words; `sgd` is fastText's plain recipe.
   */
  optimizer?: 'sgd' | 'adagrad';
  /**
   * Max-pools the learned columns beside the mean (absent: mean only), with
   * their gradient scaled by this. A column's maximum sends its whole
   * gradient to one token's row, so at the full rate it drowns what the mean
   * taught that row; a tenth of it helped Banking77 most.
   */
  maxPoolRate?: number;
  onEpoch?: (epoch: number, loss: number) => void;
}

/**
 * Trains the embedding bag with plain SGD and a linearly decaying learning
 * rate (fastText's recipe): the gradient of each token's mean-of-subwords
 * row is spread over its feature rows. Returns weights with every vocabulary
 * row already collapsed, ready for {@link poolTokens}.
 */
export function trainEmbeddingBag(
  examples: readonly TrainingExample[],
  classes: number,
  features: SubwordFeatures,
  options: TrainOptions,
): EmbeddingBagWeights {
  const { dim: d, bigramBuckets: nb, bigramPrime } = options;
  const random = seededRandom(options.seed);
  const vocabSize = features.start.length - 1;
  const table = new Float32Array(features.rows * d);
  for (let i = 0; i < vocabSize * d; i++) table[i] = (random() * 2 - 1) / d;
  const bigrams = new Float32Array(nb * d);
  for (let i = 0; i < bigrams.length; i++) bigrams[i] = (random() * 2 - 1) / d;
  const fd = options.frozenRows ? (options.frozenDim ?? 0) : 0;
  const frozen = options.frozenRows ?? new Float32Array(0);
  /** Width of the pooled mean: learned part, then the frozen part. */
  const pd = d + fd;
  const mp = options.maxPoolRate === undefined ? 0 : d;
  /** Width of what the classifier reads: the mean, then the maxima of the learned columns. */
  const fw = pd + mp;
  const weight = new Float32Array(classes * fw);
  const bias = new Float32Array(classes);

  const adagrad = options.optimizer === 'adagrad';
  const tableAcc = new Float32Array(adagrad ? features.rows : 0);
  const bigramAcc = new Float32Array(adagrad ? nb : 0);
  const weightAcc = new Float32Array(adagrad ? classes : 0);
  const biasAcc = new Float32Array(adagrad ? classes : 0);
  /** Step size for a row whose gradient this step is `scale * v` with mean(v²) = `meanSq`. */
  const rowStep = (acc: Float32Array, row: number, lr: number, scale: number, meanSq: number) => {
    if (!adagrad) return lr * scale;
    acc[row]! += scale * scale * meanSq;
    return (lr * scale) / (Math.sqrt(acc[row]!) + 1e-8);
  };
  const h = new Float32Array(fw);
  const gh = new Float32Array(d);
  /** Gradient of each maximum, and the position of the token it came from (-1: none beat 0). */
  const ghMax = new Float32Array(mp);
  const argMax = new Int32Array(mp);
  const tokenRow = new Float32Array(mp);
  const probs = new Float32Array(classes);
  const order = examples.map((_, i) => i);
  const total = options.epochs * examples.length;
  let step = 0;
  // Hot loops read plain locals, and the example's token ids go into one reused buffer.
  const fStart = features.start;
  const fIds = features.ids;
  const fWeights = features.weights;
  const pieceSplits = options.pieceSplits;
  const drop = options.tokenDropout ?? 0;
  let longest = 1;
  for (const ex of examples) longest = Math.max(longest, ex.ids.length);
  let widest = 1;
  for (const split of pieceSplits ?? []) if (split) widest = Math.max(widest, split.length);
  const ids = new Int32Array(longest * widest);
  for (let epoch = 0; epoch < options.epochs; epoch++) {
    shuffleInPlace(order, random);
    let loss = 0;
    for (const idx of order) {
      const ex = examples[idx]!;
      const lr = options.learningRate * (1 - step++ / total);
      let n = 0;
      for (const id of ex.ids) {
        if (drop > 0 && ex.ids.length > 1 && random() < drop) continue;
        const split = pieceSplits?.[id];
        if (split && random() < options.pieceDropout) for (const p of split) ids[n++] = p;
        else ids[n++] = id;
      }
      if (n === 0) continue;
      const rows = n + (nb > 0 ? n - 1 : 0);
      const inv = 1 / rows;
      h.fill(0);
      argMax.fill(-1);
      // One pass over each token's features gives its share of the mean and, with maxima, its whole row.
      for (let t = 0; t < n; t++) {
        const id = ids[t]!;
        const e = fStart[id + 1]!;
        tokenRow.fill(0);
        for (let f = fStart[id]!; f < e; f++) {
          const w = inv * fWeights[f]!;
          const base = fIds[f]! * d;
          for (let k = 0; k < d; k++) h[k]! += w * table[base + k]!;
          if (mp > 0) {
            const rowWeight = fWeights[f]!;
            for (let k = 0; k < mp; k++) tokenRow[k]! += rowWeight * table[base + k]!;
          }
        }
        const fbase = id * fd;
        for (let k = 0; k < fd; k++) h[d + k]! += inv * frozen[fbase + k]!;
        for (let k = 0; k < mp; k++) {
          if (tokenRow[k]! > h[pd + k]!) {
            h[pd + k] = tokenRow[k]!;
            argMax[k] = t;
          }
        }
      }
      if (nb > 0) {
        for (let t = 0; t + 1 < n; t++) {
          const base = bigramBucket(ids[t]!, ids[t + 1]!, bigramPrime, nb) * d;
          for (let k = 0; k < d; k++) h[k]! += inv * bigrams[base + k]!;
        }
      }
      let max = -Infinity;
      for (let c = 0; c < classes; c++) {
        let s = bias[c]!;
        const base = c * fw;
        for (let k = 0; k < fw; k++) s += weight[base + k]! * h[k]!;
        probs[c] = s;
        if (s > max) max = s;
      }
      let sum = 0;
      for (let c = 0; c < classes; c++) {
        probs[c] = Math.exp(probs[c]! - max);
        sum += probs[c]!;
      }
      gh.fill(0);
      ghMax.fill(0);
      let hSq = 0;
      for (let k = 0; k < fw; k++) hSq += h[k]! * h[k]!;
      hSq /= fw;
      for (let c = 0; c < classes; c++) {
        const p = probs[c]! / sum;
        const g = p - (c === ex.label ? 1 : 0);
        if (c === ex.label) loss -= Math.log(Math.max(p, 1e-12));
        if (Math.abs(g) < 1e-7) continue;
        const base = c * fw;
        const step = rowStep(weightAcc, c, lr, g, hSq);
        for (let k = 0; k < d; k++) {
          gh[k]! += g * weight[base + k]!;
          weight[base + k]! -= step * h[k]!;
        }
        for (let k = 0; k < mp; k++) ghMax[k]! += g * weight[base + pd + k]!;
        for (let k = d; k < fw; k++) weight[base + k]! -= step * h[k]!;
        bias[c]! -= rowStep(biasAcc, c, lr, g, 1);
      }
      let ghSq = 0;
      for (let k = 0; k < d; k++) ghSq += gh[k]! * gh[k]!;
      ghSq /= d;
      for (let t = 0; t < n; t++) {
        const id = ids[t]!;
        const e = fStart[id + 1]!;
        for (let f = fStart[id]!; f < e; f++) {
          const row = fIds[f]!;
          const w = rowStep(tableAcc, row, lr, inv * fWeights[f]!, ghSq);
          const base = row * d;
          for (let k = 0; k < d; k++) table[base + k]! -= w * gh[k]!;
        }
      }
      // Each maximum's gradient goes to the features of the token it came from, at the rows' current Adagrad rate.
      for (let k = 0; k < mp; k++) {
        if (argMax[k]! < 0) continue;
        const id = ids[argMax[k]!]!;
        for (let f = fStart[id]!; f < fStart[id + 1]!; f++) {
          const row = fIds[f]!;
          const rate = adagrad ? lr / (Math.sqrt(tableAcc[row]!) + 1e-8) : lr;
          table[row * d + k]! -= options.maxPoolRate! * rate * fWeights[f]! * ghMax[k]!;
        }
      }
      if (nb > 0) {
        for (let t = 0; t + 1 < n; t++) {
          const bucket = bigramBucket(ids[t]!, ids[t + 1]!, bigramPrime, nb);
          const w = rowStep(bigramAcc, bucket, lr, inv, ghSq);
          const base = bucket * d;
          for (let k = 0; k < d; k++) bigrams[base + k]! -= w * gh[k]!;
        }
      }
    }
    options.onEpoch?.(epoch, loss / examples.length);
  }

  const embeddings = new Float32Array(vocabSize * pd);
  for (let i = 0; i < vocabSize; i++) {
    const s = features.start[i]!;
    const e = features.start[i + 1]!;
    for (let f = s; f < e; f++) {
      const base = features.ids[f]! * d;
      const w = features.weights[f]!;
      for (let k = 0; k < d; k++) embeddings[i * pd + k]! += w * table[base + k]!;
    }
    for (let k = 0; k < fd; k++) embeddings[i * pd + d + k] = frozen[i * fd + k]!;
  }
  let bigramEmbeddings = bigrams;
  if (fd > 0) {
    bigramEmbeddings = new Float32Array(nb * pd);
    for (let b = 0; b < nb; b++) bigramEmbeddings.set(bigrams.subarray(b * d, (b + 1) * d), b * pd);
  }
  return { dim: pd, ...(mp > 0 && { maxPooled: mp }), embeddings, bigramEmbeddings, bigramBuckets: nb, bigramPrime, weight, bias };
}
