/**
 * What the device concluded about one visitor message. Computed in the
 * inference worker, stored with the message in IndexedDB, and the only view
 * of a message that later steps (answers, escalation, handoff) read.
 */
export interface Understanding {
  intent: IntentGuess;
  /** -1 (very negative) .. 1 (very positive). */
  sentiment: number;
  frustration: Frustration;
  entities: Entity[];
  /** BCP 47 primary language subtag guessed from the text, e.g. "en", "ar". */
  language: string;
  /** The text with PII replaced by typed placeholders such as `[EMAIL]`. The only form that may leave the device. */
  redacted: string;
  /** Kinds of PII found (and removed from `redacted`). */
  pii: PiiKind[];
  /** Which path produced the intent: a shipped model kernel, ONNX Runtime, or rules only. */
  backend: UnderstandingBackend;
  /** Set when a model failed and rule-based signals stood in; a short reason a person can read. */
  degraded?: string;
}

export type UnderstandingBackend = 'kernel' | 'onnx-wasm' | 'onnx-webgpu' | 'rules';

export interface IntentGuess {
  label: string;
  /** Calibrated probability of `label`. */
  confidence: number;
  /** True when confidence is under the model's calibrated threshold: the device does not know. */
  rejected: boolean;
  alternatives: { label: string; confidence: number }[];
}

export interface Frustration {
  /** 0 (calm) .. 1 (furious). */
  score: number;
  signals: FrustrationSignal[];
}

export type FrustrationSignalKind =
  | 'negative-phrase'
  | 'punctuation-run'
  | 'all-caps'
  | 'emoji'
  | 'legal-threat'
  | 'cancellation-threat'
  | 'passive-aggressive'
  | 'human-request';

export interface FrustrationSignal {
  kind: FrustrationSignalKind;
  /** The text that fired the signal, as the visitor wrote it. */
  match: string;
  weight: number;
  /** How many messages of this conversation, this one included, fired this kind with this match ("sue" twice). */
  conversationCount?: number;
}

export type EntityKind = 'order_number' | 'email' | 'phone' | 'amount' | 'date';

export interface Entity {
  kind: EntityKind;
  text: string;
  /** Normalised value: E.164 phone, ISO date, lower-cased email, `{amount} {currency}`. */
  value: string;
  start: number;
  end: number;
}

export type PiiKind = 'email' | 'phone' | 'card' | 'iban' | 'national_id';
