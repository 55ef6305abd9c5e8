import type { IntentGuess } from '../../../protocol/understanding.js';
import { classify, featureWidth, poolTokens, sentenceFeatures, softmax, type EmbeddingBagWeights } from './embedding-bag.js';
import {
  DEFAULT_MAX_CHARS,
  intentGuess,
  profileThreshold,
  type IntentModel,
  type IntentModelConfig,
  type ModelFiles,
} from './intent-model.js';
import { IntentTokenizer } from './intent-tokenizer.js';
import { addLexicalLogits, type LexicalHead } from './lexical-head.js';
import { OnnxFormatError, readOnnxInitializers, tensorValues } from './onnx-initializers.js';

/** Names of the initializers the exporter writes and the kernel reads. */
export const WEIGHT_NAMES = {
  embeddings: 'token_embeddings_q',
  embeddingScale: 'token_embeddings_scale',
  bigrams: 'bigram_embeddings_q',
  bigramScale: 'bigram_embeddings_scale',
  weight: 'classifier_weight',
  bias: 'classifier_bias',
  lexicalTokens: 'lexical_token_rows_q',
  lexicalTokenScale: 'lexical_token_rows_scale',
  lexicalTokenMass: 'lexical_token_mass',
  lexicalNgrams: 'lexical_ngram_rows_q',
  lexicalNgramScale: 'lexical_ngram_rows_scale',
} as const;

const FORMATS = new Set(['embedding-bag-v1', 'embedding-bag-v2', 'embedding-bag-v3']);

/** Whether `config.json` describes one of our embedding-bag models, which the kernel runs without ONNX Runtime. */
export function kernelCanRun(config: IntentModelConfig): boolean {
  return FORMATS.has(config.support_widget?.format ?? '');
}

/** Reads the embedding-bag weights out of the exported ONNX file. */
export function weightsFromOnnx(onnx: Uint8Array, config: IntentModelConfig): EmbeddingBagWeights {
  const sw = config.support_widget;
  if (!sw || !kernelCanRun(config)) {
    throw new OnnxFormatError('config.json has no support_widget.format "embedding-bag-v1", "-v2" or "-v3": not a model the kernel can run');
  }
  const tensors = readOnnxInitializers(onnx);
  const get = (name: string) => {
    const t = tensors.get(name);
    if (!t) throw new OnnxFormatError(`ONNX file has no initializer "${name}"`);
    return t;
  };
  const embeddings = tensorValues(get(WEIGHT_NAMES.embeddings), tensorValues(get(WEIGHT_NAMES.embeddingScale)));
  const bigramEmbeddings =
    sw.bigram_buckets > 0
      ? tensorValues(get(WEIGHT_NAMES.bigrams), tensorValues(get(WEIGHT_NAMES.bigramScale)))
      : new Float32Array(0);
  // The graph multiplies features [1 x width] by weight [width x classes]; the kernel wants it row-per-class.
  const wt = get(WEIGHT_NAMES.weight);
  const [width, classes] = wt.dims as [number, number];
  const transposed = tensorValues(wt);
  const weight = new Float32Array(width * classes);
  for (let k = 0; k < width; k++) for (let c = 0; c < classes; c++) weight[c * width + k] = transposed[k * classes + c]!;
  const dim = sw.dim;
  const maxPooled = sw.max_pooled ?? 0;
  if (width !== dim + maxPooled || embeddings.length !== sw.vocab_size * dim) {
    throw new OnnxFormatError(
      `ONNX weights (${embeddings.length / dim} rows, classifier ${width} wide) do not match config.json (${sw.vocab_size} x ${dim}, ${maxPooled} max-pooled)`,
    );
  }
  const weights: EmbeddingBagWeights = {
    dim,
    maxPooled,
    embeddings,
    bigramEmbeddings,
    bigramBuckets: sw.bigram_buckets,
    bigramPrime: sw.bigram_prime,
    weight,
    bias: tensorValues(get(WEIGHT_NAMES.bias)),
  };
  if (!sw.lexical_buckets) return weights;
  const lexical: LexicalHead = {
    classes,
    tokenRows: tensorValues(get(WEIGHT_NAMES.lexicalTokens), tensorValues(get(WEIGHT_NAMES.lexicalTokenScale))),
    tokenMass: tensorValues(get(WEIGHT_NAMES.lexicalTokenMass)),
    ngramRows: tensorValues(get(WEIGHT_NAMES.lexicalNgrams), tensorValues(get(WEIGHT_NAMES.lexicalNgramScale))),
    buckets: sw.lexical_buckets ?? 0,
  };
  if (lexical.tokenRows.length !== sw.vocab_size * classes || lexical.ngramRows.length !== lexical.buckets * classes) {
    throw new OnnxFormatError(`ONNX lexical head does not match config.json (${sw.vocab_size} tokens, ${lexical.buckets} buckets, ${classes} labels)`);
  }
  return { ...weights, lexical };
}

/**
 * The intent model run by a few dozen lines of TypeScript over the same
 * weights and tokenizer as the ONNX graph: no ONNX Runtime, ready as soon as
 * its files are parsed, about 20 µs a message.
 *
 * @example
 * const model = KernelIntentModel.fromFiles(await fetchModelFiles('/models/support-intent/'));
 * model.classifySync('wheres me parcel??'); // { label: 'track_order', confidence: 0.93, ... }
 * model.embed('where is my order'); // Float32Array, unit length
 */
export class KernelIntentModel implements IntentModel {
  readonly backend = 'kernel' as const;
  readonly labels: readonly string[];
  readonly config: IntentModelConfig;
  readonly tokenizer: IntentTokenizer;
  readonly weights: EmbeddingBagWeights;
  private threshold: number;
  private readonly pooled: Float32Array;
  private readonly logits: Float32Array;
  /** The lexical head's n-gram buckets, grown to the longest message seen rather than allocated per message. */
  private ngrams = new Int32Array(0);

  constructor(config: IntentModelConfig, tokenizer: IntentTokenizer, weights: EmbeddingBagWeights, profile?: string) {
    this.config = config;
    this.tokenizer = tokenizer;
    this.weights = weights;
    this.labels = Object.keys(config.id2label)
      .map(Number)
      .sort((a, b) => a - b)
      .map((i) => config.id2label[String(i)]!);
    if (this.labels.length * featureWidth(weights) !== weights.weight.length) {
      throw new OnnxFormatError(`config.json has ${this.labels.length} labels but the classifier has ${weights.weight.length / featureWidth(weights)}`);
    }
    if (tokenizer.vocabSize !== weights.embeddings.length / weights.dim) {
      throw new OnnxFormatError(`tokenizer has ${tokenizer.vocabSize} tokens but the model has ${weights.embeddings.length / weights.dim} rows`);
    }
    this.threshold = profileThreshold(config, profile);
    this.pooled = new Float32Array(featureWidth(weights));
    this.logits = new Float32Array(this.labels.length);
  }

  static fromFiles(files: ModelFiles, profile?: string): KernelIntentModel {
    const tokenizer = new IntentTokenizer({ tokenizer: files.tokenizer, tokenizerConfig: files.tokenizerConfig });
    return new KernelIntentModel(files.config, tokenizer, weightsFromOnnx(files.onnx, files.config), profile);
  }

  /** Switches the rejection profile (e.g. `high-risk`); unknown names keep the model's default threshold. */
  useProfile(profile: string | undefined): void {
    this.threshold = profileThreshold(this.config, profile);
  }

  get activeThreshold(): number {
    return this.threshold;
  }

  private ids(text: string): Int32Array {
    return this.tokenizer.encode(text.slice(0, this.config.support_widget?.max_chars ?? DEFAULT_MAX_CHARS));
  }

  /** Calibrated probability of every label, in `labels` order. */
  probabilities(text: string): Float32Array {
    const ids = this.ids(text);
    sentenceFeatures(ids, this.weights, this.pooled);
    classify(this.pooled, this.weights, this.logits);
    if (this.weights.lexical) {
      if (this.ngrams.length < 3 * ids.length) this.ngrams = new Int32Array(3 * ids.length);
      addLexicalLogits(ids, this.weights.lexical, this.logits, this.ngrams);
    }
    return softmax(Float32Array.from(this.logits));
  }

  classifySync(text: string): IntentGuess {
    return intentGuess(this.probabilities(text), this.labels, this.threshold, this.config.support_widget?.oos_label ?? null);
  }

  classify(text: string): Promise<IntentGuess> {
    return Promise.resolve(this.classifySync(text));
  }

  /**
   * Sentence vector of `text`: the model's pooled token and token-pair rows,
   * scaled to unit length (all zeros for text with no tokens). Dot products
   * of two embeddings are cosine similarities; used for knowledge retrieval.
   */
  embed(text: string): Float32Array {
    const out = new Float32Array(this.weights.dim);
    poolTokens(this.ids(text), this.weights, out);
    let norm = 0;
    for (const v of out) norm += v * v;
    if (norm > 0) {
      const inv = 1 / Math.sqrt(norm);
      for (let k = 0; k < out.length; k++) out[k]! *= inv;
    }
    return out;
  }

  get dimensions(): number {
    return this.weights.dim;
  }
}
