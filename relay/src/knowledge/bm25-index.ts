import type { AsPlainObject } from 'minisearch';
import SearchableMap from 'minisearch/SearchableMap';

/** MiniSearch's own defaults, which the demo ranking was tuned with. */
const BM25 = { k: 1.2, b: 0.7, d: 0.5 };
const FUZZY_WEIGHT = 0.45;
const PREFIX_WEIGHT = 0.375;
const MAX_FUZZY = 6;

/** BM25's inverse document frequency of a term on `n` of `documentCount` documents, as MiniSearch computes it. */
export function bm25Idf(n: number, documentCount: number): number {
  return Math.log(1 + (documentCount - n + 0.5) / (n + 0.5));
}

/** One query term as searched. */
export interface Bm25Term {
  /** The index term (already processed: lower case, stemmed). */
  term: string;
  /** Also match index terms within this share of the term's length in edits (MiniSearch's `fuzzy`). */
  fuzzy: number | false;
  /** Also match index terms that start with it. */
  prefix: boolean;
  /** How much the term tells (BM25 inverse document frequency); a hit's `coverage` adds up those of the terms it holds. */
  idf: number;
}

export interface Bm25Hit {
  /** Position of the document in the caller's document list. */
  document: number;
  /** MiniSearch's score: the summed BM25 of the matched terms times how many of the query's terms matched. */
  score: number;
  /** Sum of the `idf` of the query terms the document holds. */
  coverage: number;
}

/** A term's documents (short ids) and its BM25 over all fields with their boosts, computed once. */
interface Postings {
  documents: Int32Array;
  scores: Float64Array;
}

/** MiniSearch's serialised postings of one term: field id → short document id → term frequency. */
type FieldFrequencies = Record<string, Record<string, number>>;

/**
 * MiniSearch's BM25 ranking, evaluated over its serialised index
 * (`toJSON()`) without a MiniSearch instance: the same scores and order as
 * `MiniSearch.search` with an OR query (exact terms, fuzzy and prefix
 * expansions with MiniSearch's weights, its field boosts and its
 * matched-terms factor). The index never changes,
 * so each term's score per document is computed once, on first use, and a
 * search is a sum over typed arrays into reused buffers, keeping only the best
 * `limit` hits instead of building, filtering and sorting a result object per
 * matching document. MiniSearch still tokenises and builds the index, and its
 * radix tree finds fuzzy and prefix expansions.
 */
export class Bm25Index {
  readonly documentCount: number;
  readonly #vocabulary: SearchableMap<FieldFrequencies>;
  /** Filled on first use and never evicted: at most one entry per index term, so at worst 12 bytes per posting of the index. */
  readonly #postings = new Map<string, Postings>();
  /** Field boost by field id (0 for a field not searched). */
  readonly #fieldBoost: number[];
  readonly #fieldLength: AsPlainObject['fieldLength'];
  readonly #averageFieldLength: number[];
  /** Short id → the caller's document position (-1 for none). */
  readonly #position: Int32Array;
  // Per-search buffers, indexed by short id, reused: `#seen` and `#lastTerm` hold the stamp of the search and
  // of the query term that last touched each document, so nothing needs clearing between searches.
  readonly #score: Float64Array;
  readonly #coverage: Float64Array;
  readonly #matched: Uint16Array;
  readonly #seen: Uint32Array;
  readonly #lastTerm: Uint32Array;
  readonly #touched: Int32Array;
  #stamp = 0;

  /**
   * @param index MiniSearch's `toJSON()` of the index (serialisation version 2).
   * @param boosts Boost per field name; fields not named get 1, as in MiniSearch.
   * @param positionOf The caller's position of a document id.
   */
  constructor(index: AsPlainObject, boosts: Record<string, number>, positionOf: (id: string) => number | undefined) {
    if (index.serializationVersion !== 2) throw new Error(`unsupported MiniSearch index version ${index.serializationVersion}`);
    this.documentCount = index.documentCount;
    this.#vocabulary = SearchableMap.from<FieldFrequencies>(index.index as [string, FieldFrequencies][]);
    this.#fieldBoost = [];
    for (const [field, id] of Object.entries(index.fieldIds)) this.#fieldBoost[id] = boosts[field] ?? 1;
    this.#fieldLength = index.fieldLength;
    this.#averageFieldLength = index.averageFieldLength;
    const size = index.nextId;
    this.#position = new Int32Array(size).fill(-1);
    for (const [shortId, id] of Object.entries(index.documentIds)) this.#position[Number(shortId)] = positionOf(String(id)) ?? -1;
    this.#score = new Float64Array(size);
    this.#coverage = new Float64Array(size);
    this.#matched = new Uint16Array(size);
    this.#seen = new Uint32Array(size);
    this.#lastTerm = new Uint32Array(size);
    this.#touched = new Int32Array(size);
  }

  /** How many documents hold `term` in any field. */
  documentFrequency(term: string): number {
    return this.#postingsOf(term)?.documents.length ?? 0;
  }

  /**
   * The best `limit` documents holding any of `terms` that `accepts` lets
   * through, best first (ties in the order documents were first matched,
   * as MiniSearch's result map and stable sort leave them).
   */
  search(terms: readonly Bm25Term[], limit: number, accepts?: (document: number) => boolean): Bm25Hit[] {
    if (this.#stamp > 0xffff_fff0 - terms.length) this.#restartStamps();
    const search = ++this.#stamp;
    const score = this.#score;
    const coverage = this.#coverage;
    const matched = this.#matched;
    const seen = this.#seen;
    const lastTerm = this.#lastTerm;
    const touched = this.#touched;
    let touchedCount = 0;
    for (const term of terms) {
      const stamp = ++this.#stamp;
      for (const [postings, weight] of this.#expansions(term)) {
        const { documents, scores } = postings;
        for (let i = 0; i < documents.length; i++) {
          const doc = documents[i]!;
          if (seen[doc] !== search) {
            seen[doc] = search;
            score[doc] = 0;
            coverage[doc] = 0;
            matched[doc] = 0;
            touched[touchedCount++] = doc;
          }
          score[doc] = score[doc]! + weight * scores[i]!;
          if (lastTerm[doc] !== stamp) {
            lastTerm[doc] = stamp;
            matched[doc] = matched[doc]! + 1;
            coverage[doc] = coverage[doc]! + term.idf;
          }
        }
      }
    }

    // The best `limit`, kept sorted; a document that ties the last one kept was matched later and stays out.
    const best: Bm25Hit[] = [];
    for (let i = 0; i < touchedCount; i++) {
      const doc = touched[i]!;
      const final = score[doc]! * matched[doc]!;
      if (best.length === limit && final <= best[limit - 1]!.score) continue;
      const document = this.#position[doc]!;
      if (document < 0 || (accepts && !accepts(document))) continue;
      let at = best.length;
      while (at > 0 && best[at - 1]!.score < final) at--;
      best.splice(at, 0, { document, score: final, coverage: coverage[doc]! });
      if (best.length > limit) best.pop();
    }
    return best;
  }

  /** The postings `term` is matched with and the weight of each: itself, then prefix, then fuzzy expansions (as MiniSearch). */
  *#expansions(term: Bm25Term): Generator<[Postings, number]> {
    const exact = this.#postingsOf(term.term);
    if (exact) yield [exact, 1];
    const length = term.term.length;
    const maxDistance = term.fuzzy ? Math.min(MAX_FUZZY, Math.round(length * term.fuzzy)) : 0;
    const fuzzy = maxDistance > 0 ? this.#vocabulary.fuzzyGet(term.term, maxDistance) : undefined;
    if (term.prefix) {
      for (const [derived] of this.#vocabulary.atPrefix(term.term)) {
        const distance = derived.length - length;
        if (distance === 0) continue;
        fuzzy?.delete(derived);
        yield [this.#postingsOf(derived)!, (PREFIX_WEIGHT * derived.length) / (derived.length + 0.3 * distance)];
      }
    }
    if (fuzzy) {
      for (const [derived, [, distance]] of fuzzy) {
        if (distance === 0) continue;
        yield [this.#postingsOf(derived)!, (FUZZY_WEIGHT * derived.length) / (derived.length + distance)];
      }
    }
  }

  #postingsOf(term: string): Postings | undefined {
    const cached = this.#postings.get(term);
    if (cached) return cached;
    const fields = this.#vocabulary.get(term);
    if (!fields) return undefined;
    // Field by field in field order, as MiniSearch adds them up; documents in first-seen order.
    const sums = new Map<number, number>();
    for (const [fieldId, frequencies] of Object.entries(fields)) {
      const boost = this.#fieldBoost[Number(fieldId)];
      if (!boost) continue;
      const ids = Object.keys(frequencies);
      const idf = bm25Idf(ids.length, this.documentCount);
      const average = this.#averageFieldLength[Number(fieldId)]!;
      for (const id of ids) {
        const tf = frequencies[id]!;
        const length = this.#fieldLength[id]![Number(fieldId)]!;
        const bm25 = idf * (BM25.d + (tf * (BM25.k + 1)) / (tf + BM25.k * (1 - BM25.b + (BM25.b * length) / average)));
        const doc = Number(id);
        sums.set(doc, (sums.get(doc) ?? 0) + boost * bm25);
      }
    }
    const postings = { documents: Int32Array.from(sums.keys()), scores: Float64Array.from(sums.values()) };
    this.#postings.set(term, postings);
    return postings;
  }

  #restartStamps(): void {
    this.#seen.fill(0);
    this.#lastTerm.fill(0);
    this.#stamp = 0;
  }
}
