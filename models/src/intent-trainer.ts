import { classify, featureWidth, sentenceFeatures, type EmbeddingBagWeights } from '../../widget/src/inference/embedding-bag.js';
import { IntentTokenizer } from '../../widget/src/inference/intent-tokenizer.js';
import { addLexicalLogits } from '../../widget/src/inference/lexical-head.js';
import type { LabeledText } from './csv.js';
import { distributionalVectors } from './distributional-vectors.js';
import { subwordFeatures } from './subword-features.js';
import { CONTINUATION, SPECIAL_TOKENS, tokenizerConfigJson, tokenizerJson } from './tokenizer-spec.js';
import type { MemberJob, TrainedMember } from './member-pool.js';
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
  /**
   * Width of the distributional part of every token row (0: none): PPMI +
   * SVD vectors of the training text and `corpus`, fixed during training.
   */
  distributionalDim: number;
  /** Length the distributional rows are scaled to before training. */
  distributionalScale: number;
  /**
   * Hashed n-gram rows of the lexical head (0: no head). The head keeps a
   * weight per label for every token and phrase, beside the bag's shared
   * dimensions; it costs `(vocabulary + buckets) x labels` bytes.
   */
  lexicalBuckets: number;
  lexicalEpochs: number;
  lexicalLearningRate: number;
  /** Word dropout of the lexical head: without it the head leans on a few telling phrases and misses the rest of the message. */
  lexicalTokenDropout: number;
  /** Scale of the max-pooled columns' gradient (0: the bag only averages; see `TrainOptions.maxPoolRate`). */
  maxPoolRate: number;
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
  distributionalDim: 64,
  distributionalScale: 4,
  lexicalBuckets: 50000,
  lexicalEpochs: 10,
  lexicalLearningRate: 0.6,
  lexicalTokenDropout: 0.2,
  maxPoolRate: 0.1,
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

/** A model whose vocabulary, tokenizer and features are built and whose members are ready to train. */
export interface PreparedIntentModel extends Omit<TrainedIntentModel, 'weights'> {
  jobs: MemberJob[];
  frozenDim: number;
}

/** Everything before the members learn: labels, vocabulary, tokenizer, subword features, distributional rows, one job per member. */
export function prepareIntentModel(rows: readonly LabeledText[], options: IntentTrainingOptions, name = 'member'): PreparedIntentModel {
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
  log(`${name}s: vocabulary ${vocabulary.tokens.length} tokens, ${labels.length} labels, ${examples.length} examples`);
  let frozenRows: Float32Array | undefined;
  if (options.distributionalDim > 0) {
    const texts = [...new Set([...rows.map((r) => r.text), ...options.corpus])];
    frozenRows = distributionalVectors(
      texts.map((t) => tokenizer.encode(t)),
      vocabulary.tokens.length,
      { dim: options.distributionalDim, window: 4, seed: options.seed },
    ).map((v) => v * options.distributionalScale);
    log(`${name}s: distributional vectors, ${options.distributionalDim} dims from ${texts.length} texts`);
  }
  const count = Math.max(1, options.ensemble);
  const jobs: MemberJob[] = Array.from({ length: count }, (_, m) => ({
    kind: 'bag' as const,
    name: count > 1 ? `${name} ${m + 1}` : name,
    examples,
    classes: labels.length,
    features,
    options: {
      dim: options.dim,
      epochs: options.epochs,
      learningRate: options.learningRate,
      bigramBuckets: options.bigramBuckets,
      bigramPrime: 1_000_003,
      seed: options.seed + 1000 * m,
      pieceDropout: options.pieceDropout,
      tokenDropout: options.tokenDropout,
      pieceSplits,
      ...(frozenRows ? { frozenRows, frozenDim: options.distributionalDim } : {}),
      optimizer: options.optimizer,
      ...(options.maxPoolRate > 0 && { maxPoolRate: options.maxPoolRate }),
    },
  }));
  if (options.lexicalBuckets > 0) {
    jobs.push({
      kind: 'lexical',
      name: `${name}s' lexical head`,
      examples,
      classes: labels.length,
      features: subwordFeatures(vocabulary.tokens, vocabulary.prefixPieces, options.ngramBuckets, { kind: 'count' }),
      options: {
        buckets: options.lexicalBuckets,
        epochs: options.lexicalEpochs,
        learningRate: options.lexicalLearningRate,
        tokenDropout: options.lexicalTokenDropout,
        seed: options.seed,
      },
    });
  }
  return { labels, vocabulary, tokenizer, tokenizerJson: tokJson, tokenizerConfig: tokConfig, options, jobs, frozenDim: frozenRows ? options.distributionalDim : 0 };
}

/** The prepared model with its trained bag members merged into one bag, and the lexical head beside it (its bias added to the bag's). */
export function assembleIntentModel(prepared: PreparedIntentModel, members: readonly TrainedMember[]): TrainedIntentModel {
  const { jobs: _jobs, frozenDim, ...model } = prepared;
  const bags = members.flatMap((m) => (m.kind === 'bag' ? [m.weights] : []));
  const weights = bags.length === 1 ? bags[0]! : mergeEnsemble(bags, frozenDim);
  const lexical = members.find((m) => m.kind === 'lexical');
  if (!lexical) return { ...model, weights };
  return { ...model, weights: { ...weights, bias: weights.bias.map((b, c) => b + lexical.bias[c]!), lexical: lexical.head } };
}

/**
 * One embedding bag whose logits are the mean of the members' logits. Each
 * member's rows end with the same `frozenDim` fixed columns; they are kept
 * once, and the members' classifier columns reading them are averaged.
 * Members that max-pool their learned columns keep doing so: those columns
 * lead the merged rows, so their maxima are the members' side by side.
 */
export function mergeEnsemble(members: readonly EmbeddingBagWeights[], frozenDim = 0): EmbeddingBagWeights {
  const first = members[0]!;
  const k = members.length;
  const pd = first.dim;
  const d = pd - frozenDim;
  const dim = d * k + frozenDim;
  /** Rows of `pick(member)` laid out as [member 1 learned, ..., member k learned, frozen]. */
  const rowsSideBySide = (pick: (w: EmbeddingBagWeights) => Float32Array) => {
    const rows = pick(first).length / pd;
    const out = new Float32Array(rows * dim);
    members.forEach((w, m) => {
      const src = pick(w);
      for (let r = 0; r < rows; r++) for (let j = 0; j < d; j++) out[r * dim + m * d + j] = src[r * pd + j]!;
    });
    const src = pick(first);
    for (let r = 0; r < rows; r++) for (let j = 0; j < frozenDim; j++) out[r * dim + k * d + j] = src[r * pd + d + j]!;
    return out;
  };
  const bias = new Float32Array(first.bias.length);
  for (const w of members) for (let c = 0; c < bias.length; c++) bias[c]! += w.bias[c]! / k;
  const mp = first.maxPooled ?? 0;
  const merged = {
    ...first,
    dim,
    ...(mp > 0 && { maxPooled: mp * k }),
    embeddings: rowsSideBySide((w) => w.embeddings),
    bigramEmbeddings: rowsSideBySide((w) => w.bigramEmbeddings),
    bias,
  };
  // Logits are linear in the pooled vector: each member's columns scaled by 1/k, the shared frozen columns summed.
  const classes = bias.length;
  const width = dim + mp * k;
  const memberWidth = pd + mp;
  const weight = new Float32Array(classes * width);
  members.forEach((w, m) => {
    for (let c = 0; c < classes; c++) {
      const from = c * memberWidth;
      const to = c * width;
      for (let j = 0; j < d; j++) weight[to + m * d + j] = w.weight[from + j]! / k;
      for (let j = 0; j < frozenDim; j++) weight[to + k * d + j]! += w.weight[from + d + j]! / k;
      for (let j = 0; j < mp; j++) weight[to + dim + m * mp + j] = w.weight[from + pd + j]! / k;
    }
  });
  return { ...merged, weight };
}

/** Raw logits of each text under the trained weights (the same arithmetic as the kernel). */
export function predictLogits(model: Pick<TrainedIntentModel, 'tokenizer' | 'weights' | 'labels'>, texts: readonly string[]): Float32Array[] {
  const pooled = new Float32Array(featureWidth(model.weights));
  return texts.map((t) => {
    const logits = new Float32Array(model.labels.length);
    const ids = model.tokenizer.encode(t);
    sentenceFeatures(ids, model.weights, pooled);
    classify(pooled, model.weights, logits);
    if (model.weights.lexical) addLexicalLogits(ids, model.weights.lexical, logits);
    return logits;
  });
}
