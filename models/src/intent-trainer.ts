import { classify, poolTokens, type EmbeddingBagWeights } from '../../widget/src/inference/embedding-bag.js';
import { IntentTokenizer } from '../../widget/src/inference/intent-tokenizer.js';
import type { LabeledText } from './csv.js';
import { subwordFeatures } from './subword-features.js';
import { CONTINUATION, SPECIAL_TOKENS, tokenizerConfigJson, tokenizerJson } from './tokenizer-spec.js';
import { trainEmbeddingBag } from './trainer.js';
import { buildVocabulary, type Vocabulary } from './vocabulary.js';

export interface IntentTrainingOptions {
  /** Unlabeled text that widens the vocabulary (other datasets, help articles). */
  corpus: readonly string[];
  vocabSize: number;
  dim: number;
  epochs: number;
  learningRate: number;
  bigramBuckets: number;
  ngramBuckets: number;
  pieceDropout: number;
  tokenDropout: number;
  maxTokens: number;
  seed: number;
  optimizer: 'sgd' | 'adagrad';
  /**
   * Members of a seed ensemble (default 1). Members share the vocabulary and
   * pair hashing, so their average is again one embedding bag: rows side by
   * side, classifiers side by side and divided by the count.
   */
  ensemble: number;
  log?: (line: string) => void;
}

export const DEFAULT_TRAINING: IntentTrainingOptions = {
  corpus: [],
  vocabSize: 20000,
  dim: 64,
  epochs: 20,
  learningRate: 0.2,
  bigramBuckets: 20000,
  ngramBuckets: 200000,
  pieceDropout: 0.1,
  tokenDropout: 0.2,
  maxTokens: 128,
  seed: 7,
  optimizer: 'adagrad',
  ensemble: 3,
};

/** A trained model before export: labels, vocabulary, tokenizer and logit weights (temperature not yet folded in). */
export interface TrainedIntentModel {
  labels: string[];
  vocabulary: Vocabulary;
  tokenizer: IntentTokenizer;
  tokenizerJson: object;
  tokenizerConfig: { model_max_length: number } & Record<string, unknown>;
  weights: EmbeddingBagWeights;
  options: IntentTrainingOptions;
}

/** Greedy WordPiece of `word` that may not use `word` itself: what the tokenizer would give were it not in the vocabulary. */
function piecesWithout(word: string, index: Map<string, number>): Int32Array | null {
  const cps = [...word];
  const out: number[] = [];
  let start = 0;
  while (start < cps.length) {
    let end = cps.length;
    let found = -1;
    while (end > start) {
      if (!(start === 0 && end === cps.length)) {
        const piece = (start > 0 ? CONTINUATION : '') + cps.slice(start, end).join('');
        const id = index.get(piece);
        if (id !== undefined) {
          found = id;
          break;
        }
      }
      end--;
    }
    if (found < 0) return null;
    out.push(found);
    start = end;
  }
  return Int32Array.from(out);
}

export function fitIntentModel(rows: readonly LabeledText[], options: IntentTrainingOptions): TrainedIntentModel {
  const log = options.log ?? (() => {});
  const labels = [...new Set(rows.map((r) => r.label))].sort();
  const labelIndex = new Map(labels.map((l, i) => [l, i]));
  const vocabulary = buildVocabulary(rows.map((r) => r.text), options.corpus, options.vocabSize);
  const tokJson = tokenizerJson(vocabulary.tokens);
  const tokConfig = tokenizerConfigJson(options.maxTokens);
  const tokenizer = new IntentTokenizer({ tokenizer: tokJson, tokenizerConfig: tokConfig });
  const index = new Map(vocabulary.tokens.map((t, i) => [t, i]));
  const specials = new Set<string>(SPECIAL_TOKENS);
  const pieceSplits = vocabulary.tokens.map((t) =>
    specials.has(t) || t.startsWith(CONTINUATION) || [...t].length < 4 ? null : piecesWithout(t, index),
  );
  const features = subwordFeatures(vocabulary.tokens, vocabulary.prefixPieces, options.ngramBuckets);
  const examples = rows.flatMap((r) => {
    const ex = { ids: tokenizer.encode(r.text), label: labelIndex.get(r.label)! };
    return Array.from({ length: Math.max(1, Math.round(r.weight ?? 1)) }, () => ex);
  });
  log(`vocabulary ${vocabulary.tokens.length} tokens, ${labels.length} labels, ${examples.length} examples`);
  const members = Array.from({ length: Math.max(1, options.ensemble) }, (_, m) =>
    trainEmbeddingBag(examples, labels.length, features, {
      dim: options.dim,
      epochs: options.epochs,
      learningRate: options.learningRate,
      bigramBuckets: options.bigramBuckets,
      bigramPrime: 1_000_003,
      seed: options.seed + 1000 * m,
      pieceDropout: options.pieceDropout,
      tokenDropout: options.tokenDropout,
      pieceSplits,
      optimizer: options.optimizer,
      onEpoch: (e, loss) => log(`${options.ensemble > 1 ? `member ${m + 1}: ` : ''}epoch ${e + 1}/${options.epochs} loss ${loss.toFixed(4)}`),
    }),
  );
  const weights = members.length === 1 ? members[0]! : mergeEnsemble(members);
  return { labels, vocabulary, tokenizer, tokenizerJson: tokJson, tokenizerConfig: tokConfig, weights, options };
}

/** One embedding bag whose logits are the mean of the members' logits. */
export function mergeEnsemble(members: readonly EmbeddingBagWeights[]): EmbeddingBagWeights {
  const first = members[0]!;
  const k = members.length;
  const d = first.dim;
  const dim = d * k;
  const sideBySide = (pick: (w: EmbeddingBagWeights) => Float32Array, scale = 1) => {
    const rows = pick(first).length / d;
    const out = new Float32Array(rows * dim);
    members.forEach((w, m) => {
      const src = pick(w);
      for (let r = 0; r < rows; r++) for (let j = 0; j < d; j++) out[r * dim + m * d + j] = src[r * d + j]! * scale;
    });
    return out;
  };
  const bias = new Float32Array(first.bias.length);
  for (const w of members) for (let c = 0; c < bias.length; c++) bias[c]! += w.bias[c]! / k;
  return {
    ...first,
    dim,
    embeddings: sideBySide((w) => w.embeddings),
    bigramEmbeddings: sideBySide((w) => w.bigramEmbeddings),
    weight: sideBySide((w) => w.weight, 1 / k),
    bias,
  };
}

/** Raw logits of each text under the trained weights (the same arithmetic as the kernel). */
export function predictLogits(model: Pick<TrainedIntentModel, 'tokenizer' | 'weights' | 'labels'>, texts: readonly string[]): Float32Array[] {
  const pooled = new Float32Array(model.weights.dim);
  return texts.map((t) => {
    const logits = new Float32Array(model.labels.length);
    poolTokens(model.tokenizer.encode(t), model.weights, pooled);
    classify(pooled, model.weights, logits);
    return logits;
  });
}
