import type { SearchResponse, SearchResult } from '../../../protocol/knowledge.js';
import type { KnowledgeQuery } from '../../../relay/src/knowledge/knowledge-searcher.js';
import { KnowledgeUnavailableError, type KnowledgeHits, type KnowledgeSource } from './knowledge-source.js';

export interface RelayKnowledgeOptions {
  /** Give up on the relay after this long; the snapshot answers instead. Default 800 ms. */
  timeoutMs?: number;
  fetch?: typeof fetch;
}

/**
 * The relay's `POST /api/search` over the full knowledge base (articles and
 * resolved tickets). Send only redacted text as the query: it leaves the device.
 *
 * @example
 * const relay = new RelayKnowledgeSource('https://support.example.com');
 * const { results } = await relay.search({ query: understanding.redacted, k: 5 });
 */
export class RelayKnowledgeSource implements KnowledgeSource {
  readonly name = 'relay';
  private readonly endpoint: string;
  private readonly timeoutMs: number;
  private readonly fetch: typeof fetch;

  constructor(relayUrl: string, options: RelayKnowledgeOptions = {}) {
    this.endpoint = new URL('/api/search', relayUrl).href;
    this.timeoutMs = options.timeoutMs ?? 800;
    this.fetch = options.fetch ?? globalThis.fetch.bind(globalThis);
  }

  async search(request: KnowledgeQuery, signal?: AbortSignal): Promise<KnowledgeHits> {
    const timeout = AbortSignal.timeout(this.timeoutMs);
    const combined = signal ? AbortSignal.any([signal, timeout]) : timeout;
    let response: Response;
    try {
      response = await this.fetch(this.endpoint, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify(request),
        signal: combined,
      });
    } catch (err) {
      if (signal?.aborted) throw signal.reason;
      const why = timeout.aborted ? `no answer within ${this.timeoutMs} ms` : 'unreachable';
      throw new KnowledgeUnavailableError(this.name, why, { cause: err });
    }
    if (!response.ok) throw new KnowledgeUnavailableError(this.name, `HTTP ${response.status}`);
    let body: unknown;
    try {
      body = await response.json();
    } catch (err) {
      throw new KnowledgeUnavailableError(this.name, 'answered with invalid JSON', { cause: err });
    }
    return { origin: 'relay', results: parseResults(body) };
  }
}

/** Validates the relay's answer: a relay that answers 200 with garbage is unavailable, not empty. */
function parseResults(body: unknown): SearchResult[] {
  const results = (body as Partial<SearchResponse> | null)?.results;
  if (!Array.isArray(results)) throw new KnowledgeUnavailableError('relay', 'answered without a results list');
  const out: SearchResult[] = [];
  for (const r of results as Partial<SearchResult>[]) {
    if (typeof r?.id !== 'string' || typeof r.title !== 'string' || typeof r.url !== 'string') continue;
    if (typeof r.score !== 'number' || !Number.isFinite(r.score)) continue;
    out.push({
      id: r.id,
      title: r.title,
      url: r.url,
      snippet: typeof r.snippet === 'string' ? r.snippet : '',
      score: r.score,
      source: r.source === 'ticket' ? 'ticket' : 'article',
    });
  }
  return out;
}
