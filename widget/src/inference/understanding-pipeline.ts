import type { IntentGuess, Understanding } from '../../../protocol/understanding.js';
import { normaliseText } from '../understanding/normalise.js';
import {
  loadPhoneAndDateFinders,
  needsPhoneAndDateFinders,
  SHAPE_ONLY_FINDERS,
  type PhoneAndDateFinders,
} from '../understanding/phone-and-date-finders.js';
import { readSignalsWith, warmUpSignalsWith, type Signals } from '../understanding/signal-reader.js';
import { DEFAULT_MAX_CHARS, type IntentModel } from './intent-model.js';

export interface UnderstandingPipelineOptions {
  /** The visitor's locale (BCP 47): picks slang maps, phone plans, date order. */
  locale?: string;
  /** The site owner's slang/synonym map, merged over the locale's defaults. */
  synonyms?: Record<string, string>;
  /** Characters of a message the intent model reads (default 2000): a 100 KB paste costs no more than a paragraph. */
  maxIntentChars?: number;
  /**
   * Phone and date finders (libphonenumber-js, chrono-node). By default
   * their own chunk is loaded (see `loadFinders`), and a message waits for it
   * only when it has digits or date words: an Understanding does not pay for
   * two big libraries it does not need.
   */
  finders?: PhoneAndDateFinders;
  /**
   * When the default finders start loading: `now` (default) as the pipeline
   * is made, in the background (`loadFinders()` resolves once they are in
   * use); `on-demand` at the first message that needs them or at
   * `loadFinders()`, so that on a single thread (the worker) they do not
   * delay a first message that has no use for them.
   */
  loadFinders?: 'now' | 'on-demand';
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
 * await pipeline.loadFinders(); // then understandNow() is complete too
 */
export class UnderstandingPipeline {
  private model: IntentModel | null;
  private degraded: string | undefined;
  private finders: PhoneAndDateFinders | undefined;
  private findersLoading: Promise<void> | undefined;
  private findersFailure: string | undefined;

  constructor(
    model: IntentModel | null,
    private readonly options: UnderstandingPipelineOptions = {},
    degraded?: string,
  ) {
    this.model = model;
    this.degraded = model ? degraded : (degraded ?? 'no intent model loaded');
    this.finders = options.finders;
    if ((options.loadFinders ?? 'now') === 'now') void this.loadFinders();
  }

  /**
   * Loads the default phone and date finders once; resolves when they are in
   * use, or failed to load (then phones are hidden by shape, `degraded` says
   * so, and the next message that needs them tries again).
   */
  async loadFinders(): Promise<void> {
    if (this.finders) return;
    this.findersLoading ??= loadPhoneAndDateFinders().then(
      (finders) => {
        this.finders = finders;
      },
      (err: Error) => {
        this.findersLoading = undefined;
        this.findersFailure = err.message;
      },
    );
    await this.findersLoading;
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

  /**
   * Compiles the rules' patterns (phones and dates too, once their finders
   * are loaded) ahead of the visitor's next message: V8 compiles a pattern
   * on first use (tens of ms across all the rules: `signals.first_use` in
   * bench/results.json). Call it when idle.
   */
  warmUp(): void {
    warmUpSignalsWith(this.finders ?? SHAPE_ONLY_FINDERS, this.options.locale);
  }

  /** The text the intent model reads. */
  normalise(text: string): string {
    return normaliseText(text.slice(0, this.options.maxIntentChars ?? DEFAULT_MAX_CHARS), this.options.locale, this.options.synonyms);
  }

  async understand(text: unknown, previous: readonly Understanding[] = []): Promise<Understanding> {
    const input = typeof text === 'string' ? text : '';
    if (!this.finders && needsPhoneAndDateFinders(input)) await this.loadFinders();
    const model = this.model;
    if (!model || model.classifySync) return this.understandNow(input, previous);
    const { signals, degraded } = this.signals(input, previous);
    const normalised = this.normalise(input);
    try {
      const intent = await model.classify(normalised);
      return { intent, ...signals, backend: model.backend, ...degradedField(this.degraded, degraded) };
    } catch (err) {
      return { intent: NO_INTENT, ...signals, backend: 'rules', degraded: joinReasons(`intent model failed: ${(err as Error).message}`, degraded) };
    }
  }

  /**
   * Synchronous form for models that have `classifySync` (the kernel) or no
   * model at all. It reads with the finders loaded so far: until
   * `loadFinders()` has resolved, whatever `loadFinders` says, a message with
   * digits or date words gets phones hidden by shape, no phone or date
   * entities, and `degraded` saying so. Await `loadFinders()` first for a
   * complete reading; `understand()` waits for them itself.
   */
  understandNow(text: string, previous: readonly Understanding[] = []): Understanding {
    const input = typeof text === 'string' ? text : '';
    const { signals, degraded } = this.signals(input, previous);
    const model = this.model;
    if (!model?.classifySync) {
      return { intent: NO_INTENT, ...signals, backend: 'rules', degraded: joinReasons(this.degraded ?? 'intent model cannot answer synchronously', degraded) };
    }
    try {
      const intent = model.classifySync(this.normalise(input));
      return { intent, ...signals, backend: model.backend, ...degradedField(this.degraded, degraded) };
    } catch (err) {
      return { intent: NO_INTENT, ...signals, backend: 'rules', degraded: joinReasons(`intent model failed: ${(err as Error).message}`, degraded) };
    }
  }

  /**
   * The rule signals with the library finders when loaded. Before that (or
   * if their chunk failed), a message that needs them gets phones hidden by
   * shape and no phone or date entities, and says so in `degraded`.
   */
  private signals(input: string, previous: readonly Understanding[]): { signals: Signals; degraded?: string } {
    const options = { locale: this.options.locale };
    if (this.finders) return { signals: readSignalsWith(this.finders, input, previous, options) };
    const signals = readSignalsWith(SHAPE_ONLY_FINDERS, input, previous, options);
    if (!needsPhoneAndDateFinders(input)) return { signals };
    const why = this.findersFailure ? `failed to load (${this.findersFailure})` : 'not loaded';
    return { signals, degraded: `phone and date finders ${why}: phones hidden by shape, dates and phones not read as entities` };
  }
}

/** Every reason a result is below its best, in one `degraded` string. */
function joinReasons(first: string, ...more: (string | undefined)[]): string {
  return [first, ...more].filter(Boolean).join('; ');
}

/** `{ degraded }` with every reason given, or nothing when there is none. */
function degradedField(...reasons: (string | undefined)[]): { degraded?: string } {
  const [first, ...more] = reasons.filter((r): r is string => !!r);
  return first ? { degraded: joinReasons(first, ...more) } : {};
}
