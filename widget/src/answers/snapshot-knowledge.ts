import { KnowledgeSearcher, type KnowledgeQuery, type KnowledgeSearcherOptions } from '../../../relay/src/knowledge/knowledge-searcher.js';
import type { TextEmbedder } from '../../../relay/src/knowledge/document-vectors.js';
import { indexTerms } from '../../../relay/src/knowledge/text-analysis.js';
import { KnowledgeUnavailableError, type KnowledgeHits, type KnowledgeSource } from './knowledge-source.js';
import type { SnapshotStore } from './snapshot-store.js';

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

  constructor(
    private readonly store: Pick<SnapshotStore, 'load'>,
    private options: KnowledgeSearcherOptions = {},
  ) {}

  /** Adds the query embedder once it has loaded; searches are lexical until then and never wait for it. */
  setEmbedder(embedder: TextEmbedder): void {
    this.options = { ...this.options, embedder };
    this.searcher = undefined;
  }

  /** The searcher over the current snapshot, rebuilt only when the snapshot's version changes. */
  private async current(): Promise<KnowledgeSearcher | null> {
    const snapshot = await this.store.load();
    if (!snapshot) return null;
    if (!this.searcher || this.searcher.version !== snapshot.version) this.searcher = KnowledgeSearcher.fromSnapshot(snapshot, this.options);
    return this.searcher;
  }

  async search(request: KnowledgeQuery, signal?: AbortSignal): Promise<KnowledgeHits> {
    signal?.throwIfAborted();
    let searcher: KnowledgeSearcher | null;
    try {
      searcher = await this.current();
    } catch (err) {
      throw new KnowledgeUnavailableError(this.name, 'the cached snapshot could not be read', { cause: err });
    }
    if (!searcher) throw new KnowledgeUnavailableError(this.name, 'no snapshot cached yet');
    signal?.throwIfAborted();
    return { origin: 'snapshot', results: searcher.search(request) };
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
