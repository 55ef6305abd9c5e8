/** `POST /api/search` body. */
export interface SearchRequest {
  query: string;
  k?: number;
  product?: string;
  locale?: string;
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
}
