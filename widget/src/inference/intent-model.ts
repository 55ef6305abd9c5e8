import type { IntentGuess, UnderstandingBackend } from '../../../protocol/understanding.js';

/** What a model directory's `config.json` holds: the transformers.js fields plus ours under `support_widget`. */
export interface IntentModelConfig {
  id2label: Record<string, string>;
  label2id?: Record<string, number>;
  model_type?: string;
  support_widget?: SupportWidgetModelConfig;
}

/** Our fields in `config.json`: how the kernel reads the weights and how confidences are judged. */
export interface SupportWidgetModelConfig {
  /**
   * `v2` adds the lexical head (`lexical-head.ts`); `v3` adds max-pooled
   * columns (`max_pooled`), its lexical head optional. A kernel that knew
   * only an older format must refuse a newer one rather than drop a part.
   */
  format: 'embedding-bag-v1' | 'embedding-bag-v2' | 'embedding-bag-v3';
  dim: number;
  /** Leading columns of the token rows also max-pooled (`v3`; see `EmbeddingBagWeights.maxPooled`). */
  max_pooled?: number;
  vocab_size: number;
  bigram_buckets: number;
  bigram_prime: number;
  /** Hashed n-gram rows of the lexical head (`v2`; `v3` when it has one). */
  lexical_buckets?: number;
  /** Text beyond this many characters is not read (keeps a 100 KB paste fast). */
  max_chars: number;
  /** Label the model predicts for out-of-scope text, when it was trained with one. */
  oos_label: string | null;
  /** Softmax temperature fitted on held-out data; already folded into the exported logits. */
  temperature: number;
  /** Confidence under which the model says it does not know (the `default` profile). */
  threshold: number;
  profiles: Record<string, RejectionProfile>;
}

export interface RejectionProfile {
  threshold: number;
  description: string;
}

/** A model that turns text into an intent guess. The kernel, ONNX Runtime (WASM/WebGPU) and any hosted transformers.js classifier implement it. */
export interface IntentModel {
  readonly backend: UnderstandingBackend;
  readonly labels: readonly string[];
  /** Intent of already-normalised text, with calibrated confidence and the rejection decision. */
  classify(text: string): Promise<IntentGuess>;
  /** Present on models that answer without waiting (the kernel): lets the pipeline stay synchronous. */
  classifySync?(text: string): IntentGuess;
  dispose?(): Promise<void> | void;
}

/** The files of a model in the transformers.js layout. */
export interface ModelFiles {
  config: IntentModelConfig;
  tokenizer: object;
  tokenizerConfig: { model_max_length?: number } & Record<string, unknown>;
  onnx: Uint8Array;
}

export const DEFAULT_MAX_CHARS = 2000;

/** Threshold of the named rejection profile, falling back to the model's default threshold. */
export function profileThreshold(config: IntentModelConfig, profile: string | undefined): number {
  const sw = config.support_widget;
  if (!sw) return 0.5;
  return (profile && sw.profiles[profile]?.threshold) || sw.threshold;
}

/** Builds the guess from label probabilities (sorted top first), applying the threshold and the out-of-scope label. */
export function intentGuess(
  probabilities: ArrayLike<number>,
  labels: readonly string[],
  threshold: number,
  oosLabel: string | null,
  alternatives = 3,
): IntentGuess {
  const order = Array.from({ length: labels.length }, (_, i) => i).sort((a, b) => probabilities[b]! - probabilities[a]!);
  const top = order[0] ?? 0;
  const label = labels[top] ?? 'unknown';
  const confidence = probabilities[top] ?? 0;
  return {
    label,
    confidence,
    rejected: confidence < threshold || label === oosLabel,
    alternatives: order.slice(1, 1 + alternatives).map((i) => ({ label: labels[i]!, confidence: probabilities[i]! })),
  };
}
