import { KnowledgeSearcher, type KnowledgeQuery, type KnowledgeSearcherOptions } from '../../../relay/src/knowledge/knowledge-searcher.js';
import type { KnowledgeSnapshot } from '../../../relay/src/knowledge/knowledge-snapshot.js';
import { indexTerms } from '../../../relay/src/knowledge/text-analysis.js';
import { KnowledgeUnavailableError, type KnowledgeHits, type KnowledgeSource } from './knowledge-source.js';
import type { SnapshotStore } from './snapshot-store.js';

/**
 * Turns a search query into a vector elsewhere (the understanding worker, which
 * already holds the model), naming the model so only matching snapshot vectors are used.
 */
export interface QueryEmbedder {
  embed(text: string): Promise<{ model: string; vector: Float32Array }>;
}

/** How long a search waits for its query's vector; a busy or stuck worker leaves the query ranked by words alone. */
const EMBED_BUDGET_MS = 250;

function withinBudget<T>(work: Promise<T>): Promise<T | undefined> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const late = new Promise<undefined>((resolve) => (timer = setTimeout(() => resolve(undefined), EMBED_BUDGET_MS)));
  return Promise.race([work.catch(() => undefined), late]).finally(() => clearTimeout(timer));
}

/**
 * The cached knowledge snapshot searched on the device with the relay's own
 * pure `KnowledgeSearcher`, so offline answers rank exactly as online ones.
 *
 * @example
 * const snapshot = new SnapshotKnowledgeSource(new SnapshotStore());
 * const { results } = await snapshot.search({ query: 'cancel my order', k: 3 });
 * const text = await snapshot.documentText(results[0].id); // full article text to extract from
 */
export class SnapshotKnowledgeSource implements KnowledgeSource {
  readonly name = 'snapshot';
  private searcher?: KnowledgeSearcher;
  private weights?: { version: string; weight: (term: string) => number };
  #queryEmbedder: QueryEmbedder | undefined;
  /** The query embedder's model, once it answered; the searcher is built for it. */
  #model: string | undefined;
  #builtFor: string | undefined;

  constructor(
    private readonly store: Pick<SnapshotStore, 'load'>,
    private readonly options: KnowledgeSearcherOptions = {},
  ) {}

  /** Ranks by meaning too, with query vectors from `embedder`; a query it cannot embed (in EMBED_BUDGET_MS) is ranked by words alone. */
  setEmbedder(embedder: QueryEmbedder): void {
    this.#queryEmbedder = embedder;
  }

  /** The searcher over the current snapshot, rebuilt only when the snapshot's version or the query embedder's model changes. */
  private async current(): Promise<KnowledgeSearcher | null> {
    const snapshot = await this.store.load();
    return snapshot && this.#searcherFor(snapshot);
  }

  #searcherFor(snapshot: KnowledgeSnapshot): KnowledgeSearcher {
    const model = this.#model;
    if (!this.searcher || this.searcher.version !== snapshot.version || this.#builtFor !== model) {
      this.#builtFor = model;
      this.searcher = KnowledgeSearcher.fromSnapshot(snapshot, model ? { ...this.options, embedder: undefined, vectorModel: model } : this.options);
    }
    return this.searcher;
  }

  async search(request: KnowledgeQuery, signal?: AbortSignal): Promise<KnowledgeHits> {
    signal?.throwIfAborted();
    const unreadable = (err: unknown) => new KnowledgeUnavailableError(this.name, 'the cached snapshot could not be read', { cause: err });
    const snapshot = await this.store.load().catch((err: unknown) => Promise.reject(unreadable(err)));
    if (!snapshot) throw new KnowledgeUnavailableError(this.name, 'no snapshot cached yet');
    // The worker is asked only when there are document vectors to rank by: no snapshot, or one without vectors, costs no wait.
    const embedded = snapshot.vectors && this.#queryEmbedder ? await withinBudget(this.#queryEmbedder.embed(request.query)) : undefined;
    if (embedded) this.#model = embedded.model;
    let searcher: KnowledgeSearcher;
    try {
      searcher = this.#searcherFor(snapshot);
    } catch (err) {
      throw unreadable(err);
    }
    signal?.throwIfAborted();
    return { origin: 'snapshot', results: searcher.search(request, embedded?.vector) };
  }

  /**
   * How telling a term is across the cached help centre (inverse document
   * frequency); a term no article uses weighs most. Uniform when no snapshot is cached.
   */
  async termWeight(): Promise<(term: string) => number> {
    const snapshot = await this.store.load().catch(() => null);
    if (!snapshot) return () => 1;
    if (this.weights?.version !== snapshot.version) {
      const df = new Map<string, number>();
      for (const d of snapshot.documents) for (const t of indexTerms(`${d.title} ${d.text}`)) df.set(t, (df.get(t) ?? 0) + 1);
      const n = snapshot.documents.length;
      this.weights = { version: snapshot.version, weight: (t) => Math.log(1 + n / ((df.get(t) ?? 0) + 0.5)) };
    }
    return this.weights.weight;
  }

  /** Full text of a cached document, to extract answers from instead of a short snippet. */
  async documentText(id: string): Promise<string | undefined> {
    try {
      return (await this.current())?.document(id)?.text;
    } catch {
      return undefined;
    }
  }
}
