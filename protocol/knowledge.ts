/** `POST /api/search` body. */
export interface SearchRequest {
  query: string;
  k?: number;
  product?: string;
  locale?: string;
  /** Only articles (citable help content) or only resolved tickets; both when absent. */
  source?: 'article' | 'ticket';
}

export interface SearchResult {
  id: string;
  title: string;
  url: string;
  snippet: string;
  score: number;
  source: 'article' | 'ticket';
}

export interface SearchResponse {
  results: SearchResult[];
  /** Version of the knowledge index that answered; compare with a cached snapshot's `version`. */
  version?: string;
}
