import MiniSearch, { type AsPlainObject, type Options } from 'minisearch';
import { Bm25Index } from './bm25-index.js';
import type { SearchRequest, SearchResult } from '../../../protocol/knowledge.js';
import type { KnowledgeDocument } from './knowledge-document.js';
import type { KnowledgeIndexArtifact, KnowledgeSnapshot } from './knowledge-snapshot.js';
import { cosine, decodeVectors, type TextEmbedder } from './document-vectors.js';
import { indexTerm, tokenize } from './text-analysis.js';
import { planQuery } from './query-plan.js';
import { bestSnippet } from './snippet.js';

/** One query: the protocol's request plus an optional source filter. */
export interface KnowledgeQuery extends SearchRequest {
  source?: 'article' | 'ticket';
}

export interface KnowledgeSearcherOptions {
  /** Embeds queries for the vector half; must be the model the snapshot's vectors came from. */
  embedder?: TextEmbedder;
  /**
   * Without an embedder: the model whose snapshot vectors to use, each
   * search bringing its query's vector (embedded elsewhere, e.g. in the
   * widget's understanding worker, which holds the model).
   */
  vectorModel?: string;
  /** Weight of the lexical score in the fused score (the vector score gets the rest). Default 0.7, tuned on the demo query set. */
  lexicalWeight?: number;
}

export const DEFAULT_K = 5;
export const MAX_K = 50;
/** Products that apply everywhere and so pass any product filter. */
const ALL_PRODUCTS = new Set(['', 'general', 'all']);
/** Lexical candidates considered before fusion. */
const CANDIDATES = 60;
const SOURCES = ['article', 'ticket'] as const;
type Source = (typeof SOURCES)[number];

/** How much a match in each field counts. */
const LEXICAL_BOOSTS = { title: 3, text: 1, askedAs: 1.5 };

/** MiniSearch settings of the index (built and serialised by MiniSearch); `Bm25Index` ranks as `search` with them would. */
export const LEXICAL_OPTIONS: Options<KnowledgeDocument> = {
  idField: 'id',
  fields: ['title', 'text', 'askedAs'],
  storeFields: [],
  tokenize,
  processTerm: indexTerm,
  searchOptions: { boost: LEXICAL_BOOSTS },
};

/**
 * Hybrid search over a knowledge snapshot: BM25 candidates (MiniSearch's
 * index and ranking, evaluated by `Bm25Index`), re-ranked by a weighted sum
 * with the cosine similarity of document vectors when an embedder is given. Pure and
 * dependency-light (MiniSearch and a stemmer): the relay runs it on the full
 * index, and the widget runs the same code on its cached snapshot offline.
 *
 * Each result's `score` is in [0, 1] and comparable across queries, so a
 * caller can set a confidence threshold on it: the lexical part is the BM25
 * score relative to the best hit, times the share of the query's terms the
 * document contains; the vector part is the cosine similarity.
 *
 * @example
 * import { KnowledgeSearcher } from '../../relay/src/knowledge/knowledge-searcher.js';
 * const snapshot = await (await fetch(`${relayUrl}/api/knowledge/snapshot`)).json();
 * const kb = KnowledgeSearcher.fromSnapshot(snapshot);
 * const [top] = kb.search({ query: 'where is my refund', k: 3, locale: 'en' });
 * // top → { id: 'refund-timing', title: 'When will I get my refund?', url: '/help/refund-timing',
 * //         snippet: '…When your return reaches our returns centre we check it and issue the refund…',
 * //         score: 1, source: 'article' }
 * const fullText = kb.document(top.id)?.text;
 */
export class KnowledgeSearcher {
  readonly version: string;
  readonly #documents: KnowledgeDocument[];
  readonly #byId: Map<string, number>;
  /** Lower-cased product and primary language per document, so filters compare strings only. */
  readonly #facets: { product: string; language: string }[];
  /** One BM25 index per source: the widget and the agent console search articles only, and skip every ticket posting. */
  readonly #partitions: Map<Source, Bm25Index>;
  readonly #vectors: { matrix: Int8Array; dimensions: number; embedder: TextEmbedder | undefined } | undefined;
  readonly #lexicalWeight: number;

  private constructor(snapshot: KnowledgeIndexArtifact, options: KnowledgeSearcherOptions) {
    this.version = snapshot.version;
    this.#documents = snapshot.documents;
    this.#byId = new Map(snapshot.documents.map((d, i) => [d.id, i]));
    this.#facets = snapshot.documents.map((d) => ({ product: d.product.toLowerCase(), language: primaryLanguage(d.locale) }));
    this.#partitions = new Map();
    for (const source of SOURCES) {
      const serialised =
        (snapshot.lexicalBySource?.[source] as AsPlainObject | undefined) ??
        lexicalIndex(snapshot.documents.filter((d) => d.source === source)).toJSON();
      if (serialised.documentCount === 0) continue;
      this.#partitions.set(source, new Bm25Index(serialised, LEXICAL_BOOSTS, (id) => this.#byId.get(id)));
    }
    const { embedder } = options;
    const model = embedder?.model ?? options.vectorModel;
    if (model !== undefined && snapshot.vectors && snapshot.vectors.model === model) {
      this.#vectors = { matrix: decodeVectors(snapshot.vectors), dimensions: snapshot.vectors.dimensions, embedder };
    }
    this.#lexicalWeight = this.#vectors ? (options.lexicalWeight ?? 0.7) : 1;
  }

  /** Loads a snapshot (or the relay's full index artifact). Vectors are used only when `options.embedder` (or `vectorModel`) matches their model. */
  static fromSnapshot(snapshot: KnowledgeSnapshot | KnowledgeIndexArtifact, options: KnowledgeSearcherOptions = {}): KnowledgeSearcher {
    return new KnowledgeSearcher(snapshot, options);
  }

  /** Number of documents searched. */
  get size(): number {
    return this.#documents.length;
  }

  /** Whether queries are also matched by meaning (vectors), not only by words. */
  get hybrid(): boolean {
    return this.#vectors !== undefined;
  }

  /** The full document behind a result, e.g. for an extractive answer. */
  document(id: string): KnowledgeDocument | undefined {
    const i = this.#byId.get(id);
    return i === undefined ? undefined : this.#documents[i];
  }

  /** The product and locale filter for `query`, or `undefined` when it filters nothing (sources are partitions). */
  #filter(query: KnowledgeQuery): ((i: number) => boolean) | undefined {
    const product = query.product?.toLowerCase();
    const language = query.locale ? primaryLanguage(query.locale) : undefined;
    if (!product && !language) return undefined;
    return (i) => {
      const facets = this.#facets[i]!;
      return (
        (!product || facets.product === product || ALL_PRODUCTS.has(facets.product)) &&
        (!language || facets.language === language)
      );
    };
  }

  /**
   * Best `k` documents for `query.query` that pass the product, locale and
   * source filters, best first. `queryVector` (from the vectors' model) takes
   * the embedder's place; with neither, the query is ranked by words alone.
   */
  search(query: KnowledgeQuery, queryVector?: Float32Array): SearchResult[] {
    const k = Math.min(Math.max(1, Math.floor(query.k ?? DEFAULT_K)), MAX_K);
    const partitions = query.source
      ? [this.#partitions.get(query.source)].filter((p) => p !== undefined)
      : [...this.#partitions.values()];
    if (partitions.length === 0) return [];
    const documentCount = partitions.reduce((n, p) => n + p.documentCount, 0);
    const plan = planQuery(query.query, (term) => partitions.reduce((n, p) => n + p.documentFrequency(term), 0), documentCount);
    if (plan.terms.length === 0) return [];
    const totalIdf = plan.terms.reduce((sum, t) => sum + t.idf, 0);
    const accepts = this.#filter(query);
    const scores = new Map<number, number>();

    const hits = partitions.flatMap((p) => p.search(plan.terms, CANDIDATES, accepts));
    if (partitions.length > 1) hits.sort((a, b) => b.score - a.score);
    const top = hits[0]?.score ?? 0;
    for (const hit of hits.slice(0, CANDIDATES)) {
      // Share of the query's information the document holds: rare words count more than common ones.
      scores.set(hit.document, this.#lexicalWeight * (hit.score / top) * Math.min(1, hit.coverage / totalIdf));
    }

    const vector = this.#vectors && (queryVector ?? this.#vectors.embedder?.embed(query.query));
    if (this.#vectors && vector && scores.size > 0) {
      // Vectors re-rank the lexical candidates; they never admit a document on their own, since the
      // shipped model embeds intent, and unrelated text can share an intent.
      const { matrix, dimensions } = this.#vectors;
      const w = 1 - this.#lexicalWeight;
      for (const [i, lexical] of scores) scores.set(i, lexical + w * Math.max(0, cosine(matrix, dimensions, i, vector)));
    }

    const terms = new Set(plan.terms.map((t) => t.term));
    return [...scores]
      .sort((a, b) => b[1] - a[1] || a[0] - b[0])
      .slice(0, k)
      .map(([i, score]) => {
        const doc = this.#documents[i]!;
        return {
          id: doc.id,
          title: doc.title,
          url: doc.url,
          snippet: bestSnippet(doc.text, terms),
          score: Math.round(score * 1e4) / 1e4,
          source: doc.source,
        };
      });
  }
}

/** A fresh MiniSearch index over `documents` of one source (the build serialises it; a snapshot without one rebuilds it). */
export function lexicalIndex(documents: readonly KnowledgeDocument[]): MiniSearch<KnowledgeDocument> {
  const index = new MiniSearch<KnowledgeDocument>(LEXICAL_OPTIONS);
  index.addAll(documents);
  return index;
}

function primaryLanguage(locale: string): string {
  return locale.toLowerCase().split(/[-_]/)[0]!;
}

/** The serialised BM25 index of each source, for the index artifact. */
export function lexicalPartitions(documents: readonly KnowledgeDocument[]): Partial<Record<Source, AsPlainObject>> {
  const out: Partial<Record<Source, AsPlainObject>> = {};
  for (const source of SOURCES) {
    const docs = documents.filter((d) => d.source === source);
    if (docs.length > 0) out[source] = lexicalIndex(docs).toJSON();
  }
  return out;
}
