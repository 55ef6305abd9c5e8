import type { SearchResult } from '../../../protocol/knowledge.js';
import type { KnowledgeQuery } from '../../../relay/src/knowledge/knowledge-searcher.js';

/** Where passages came from; shown to the visitor as the answer's badge (relay, or on device). */
export type KnowledgeOrigin = 'relay' | 'snapshot';

export interface KnowledgeHits {
  origin: KnowledgeOrigin;
  /** Best first. */
  results: SearchResult[];
}

/**
 * Retrieval behind one small interface: the relay's full index over HTTP, the
 * cached snapshot searched on the device, or a policy that races them. Every
 * implementation runs the same shared test suite.
 */
export interface KnowledgeSource {
  readonly name: string;
  /** Rejects with `KnowledgeUnavailableError` when this source cannot answer now; an empty list means "nothing matched". */
  search(request: KnowledgeQuery, signal?: AbortSignal): Promise<KnowledgeHits>;
}

/** The source could not be asked (offline, timed out, erroring, no snapshot yet); another may still answer. */
export class KnowledgeUnavailableError extends Error {
  constructor(
    readonly source: string,
    message: string,
    options?: { cause?: unknown },
  ) {
    super(`${source}: ${message}`, options);
    this.name = 'KnowledgeUnavailableError';
  }
}
