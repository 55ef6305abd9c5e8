import type { IntentGuess, Understanding } from '../../../protocol/understanding.js';
import { normaliseText } from '../understanding/normalise.js';
import { readSignals } from '../understanding/signals.js';
import { DEFAULT_MAX_CHARS, type IntentModel } from './intent-model.js';

export interface UnderstandingPipelineOptions {
  /** The visitor's locale (BCP 47): picks slang maps, phone plans, date order. */
  locale?: string;
  /** The site owner's slang/synonym map, merged over the locale's defaults. */
  synonyms?: Record<string, string>;
  /** Characters of a message the intent model reads (default 2000): a 100 KB paste costs no more than a paragraph. */
  maxIntentChars?: number;
}

/** The intent when no model could run: nothing is claimed, so later steps treat it as "don't know". */
export const NO_INTENT: IntentGuess = Object.freeze({ label: 'unknown', confidence: 0, rejected: true, alternatives: [] });

/**
 * One visitor message → one {@link Understanding}: the text is normalised
 * (slang, typos, synonyms) for the intent model, and the rule-based signals
 * (sentiment, frustration, entities, language, PII redaction) are read from
 * what the visitor wrote. The same class runs in Node (CLI, tests,
 * benchmarks) and in the inference worker. Without a model, or when the model
 * throws, the intent is {@link NO_INTENT} with `backend: 'rules'` and
 * `degraded` saying why; it never throws for any input.
 *
 * @example
 * const pipeline = new UnderstandingPipeline(await loadKernelModel(), { locale: 'en-GB' });
 * const u = await pipeline.understand('wheres me parcel?? order 12345', []);
 * u.intent.label; // 'track_order'
 */
export class UnderstandingPipeline {
  private model: IntentModel | null;
  private degraded: string | undefined;

  constructor(
    model: IntentModel | null,
    private readonly options: UnderstandingPipelineOptions = {},
    degraded?: string,
  ) {
    this.model = model;
    this.degraded = model ? degraded : (degraded ?? 'no intent model loaded');
  }

  get backend(): Understanding['backend'] {
    return this.model?.backend ?? 'rules';
  }

  /** Why the pipeline is running below its best, if it is. */
  get degradedReason(): string | undefined {
    return this.degraded;
  }

  /** Swaps the intent model (e.g. to ONNX Runtime once it has loaded in the background). */
  setModel(model: IntentModel | null, degraded?: string): void {
    this.model = model;
    this.degraded = model ? degraded : (degraded ?? 'no intent model loaded');
  }

  /** The text the intent model reads. */
  normalise(text: string): string {
    return normaliseText(text.slice(0, this.options.maxIntentChars ?? DEFAULT_MAX_CHARS), this.options.locale, this.options.synonyms);
  }

  async understand(text: unknown, previous: readonly Understanding[] = []): Promise<Understanding> {
    const input = typeof text === 'string' ? text : '';
    const model = this.model;
    if (!model || model.classifySync) return this.understandNow(input, previous);
    const signals = readSignals(input, previous, { locale: this.options.locale });
    const normalised = this.normalise(input);
    try {
      const intent = await model.classify(normalised);
      return { intent, ...signals, backend: model.backend, ...(this.degraded ? { degraded: this.degraded } : {}) };
    } catch (err) {
      return { intent: NO_INTENT, ...signals, backend: 'rules', degraded: `intent model failed: ${(err as Error).message}` };
    }
  }

  /** Synchronous form for models that have `classifySync` (the kernel) or no model at all. */
  understandNow(text: string, previous: readonly Understanding[] = []): Understanding {
    const input = typeof text === 'string' ? text : '';
    const signals = readSignals(input, previous, { locale: this.options.locale });
    const model = this.model;
    if (!model?.classifySync) {
      return { intent: NO_INTENT, ...signals, backend: 'rules', degraded: this.degraded ?? 'intent model cannot answer synchronously' };
    }
    try {
      const intent = model.classifySync(this.normalise(input));
      return { intent, ...signals, backend: model.backend, ...(this.degraded ? { degraded: this.degraded } : {}) };
    } catch (err) {
      return { intent: NO_INTENT, ...signals, backend: 'rules', degraded: `intent model failed: ${(err as Error).message}` };
    }
  }
}
