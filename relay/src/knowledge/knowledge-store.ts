import type { KnowledgeIndexArtifact, KnowledgeSnapshot } from './knowledge-snapshot.js';
import { isKnowledgeSnapshot } from './knowledge-snapshot.js';
import { KnowledgeSearcher } from './knowledge-searcher.js';
import { snapshotOf } from './build-index.js';
import { embedderFrom } from './query-encoder.js';

/** What `GET /api/health` says about the knowledge index. */
export type KnowledgeStatus =
  | { state: 'loading' | 'idle'; source: string }
  | { state: 'failed'; source: string; error: string }
  | {
      state: 'ready';
      source: string;
      version: string;
      builtAt: string;
      documents: number;
      /** The model whose vectors are fused with BM25; absent when the index is lexical only. */
      model?: string;
    };

/** Loaded index, ready to search and to serve as a snapshot. */
export interface LoadedKnowledge {
  searcher: KnowledgeSearcher;
  /** The serialised snapshot, all languages or one (`en`), made once per language and kept. */
  snapshot(language?: string): { etag: string; json: string };
}

const RETRY_AFTER_FAILURE_MS = 5_000;

/**
 * The relay's knowledge index, loaded once per isolate on first use (so a
 * cold start pays for it once, and health stays fast). A failed load is
 * reported, and retried on a later request rather than on every one.
 */
export class KnowledgeStore {
  readonly #load: () => Promise<KnowledgeIndexArtifact>;
  readonly #source: string;
  #pending: Promise<LoadedKnowledge> | undefined;
  #status: KnowledgeStatus;
  #failedAt = 0;

  constructor(options: { source: string; load: () => Promise<KnowledgeIndexArtifact> }) {
    this.#load = options.load;
    this.#source = options.source;
    this.#status = { state: 'idle', source: options.source };
  }

  status(): KnowledgeStatus {
    return this.#status;
  }

  /** The loaded index; rejects with the load error (retried after a short pause). */
  get(): Promise<LoadedKnowledge> {
    if (this.#pending && this.#status.state === 'failed' && Date.now() - this.#failedAt > RETRY_AFTER_FAILURE_MS) {
      this.#pending = undefined;
    }
    this.#pending ??= this.#start();
    return this.#pending;
  }

  async #start(): Promise<LoadedKnowledge> {
    this.#status = { state: 'loading', source: this.#source };
    try {
      const index = await this.#load();
      const embedder = index.encoder ? embedderFrom(index.encoder) : undefined;
      const searcher = KnowledgeSearcher.fromSnapshot(index, embedder ? { embedder } : {});
      const snapshots = new Map<string, { etag: string; json: string }>();
      const snapshot = (language?: string) => {
        const key = language?.toLowerCase().split(/[-_]/)[0] ?? '';
        let cached = snapshots.get(key);
        if (!cached) {
          const body: KnowledgeSnapshot = snapshotOf(index, key ? { language: key } : {});
          cached = { etag: `"${body.version}${key ? `-${key}` : ''}"`, json: JSON.stringify(body) };
          snapshots.set(key, cached);
        }
        return cached;
      };
      this.#status = {
        state: 'ready',
        source: this.#source,
        version: index.version,
        builtAt: index.builtAt,
        documents: index.documents.length,
        ...(searcher.hybrid && index.vectors ? { model: index.vectors.model } : {}),
      };
      return { searcher, snapshot };
    } catch (err) {
      this.#failedAt = Date.now();
      this.#status = { state: 'failed', source: this.#source, error: err instanceof Error ? err.message : String(err) };
      throw err;
    }
  }
}

/** Fetches an index built by `npm run kb:build` from `url` (a bucket, a CDN, the site itself). */
export function indexFromUrl(url: string, timeoutMs = 10_000): () => Promise<KnowledgeIndexArtifact> {
  return async () => {
    const res = await fetch(url, { signal: AbortSignal.timeout(timeoutMs) });
    if (!res.ok) throw new Error(`knowledge index at KNOWLEDGE_INDEX_URL answered HTTP ${res.status}`);
    const body: unknown = await res.json().catch(() => undefined);
    if (!isKnowledgeSnapshot(body)) throw new Error('KNOWLEDGE_INDEX_URL did not return a support-knowledge/1 index');
    return body;
  };
}
