/** One chat message for a generative model. */
export interface ChatTurn {
  role: 'system' | 'user' | 'assistant';
  content: string;
}

export interface GenerationRequest {
  messages: ChatTurn[];
  /** When set, the output must be JSON following this schema (constrained decoding where the backend has it). */
  jsonSchema?: Record<string, unknown>;
  maxTokens?: number;
  signal?: AbortSignal;
}

/** Download or load progress, 0..1, with a line a visitor can read. */
export interface LoadProgress {
  progress: number;
  text: string;
}

export type ModelState = 'unloaded' | 'loading' | 'ready' | 'failed';

/**
 * A tier-2 answer model: web-llm in its own worker, Chrome's built-in
 * `LanguageModel`, or anything else that streams text. Loading may download
 * hundreds of MB, so callers load only after the visitor agreed.
 */
export interface GenerativeModel {
  /** Identifies the model, e.g. a web-llm model id or `chrome-built-in`. */
  readonly id: string;
  readonly state: ModelState;
  /** Downloads (if needed) and loads the model. Resolves when it can generate. */
  load(onProgress?: (p: LoadProgress) => void, signal?: AbortSignal): Promise<void>;
  /** Streams the reply as text deltas, token by token. */
  stream(request: GenerationRequest): AsyncIterable<string>;
  unload(): Promise<void>;
  /** Unloads and deletes what the model downloaded to this device, where the widget manages it (web-llm's cache). */
  remove?(): Promise<void>;
}
