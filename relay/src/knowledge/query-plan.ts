import type { AsPlainObject, Query } from 'minisearch';
import { indexTerm, words } from './text-analysis.js';

/** One query term as searched: the visitor's word, its index term and how much it tells. */
export interface PlannedTerm {
  word: string;
  term: string;
  /** BM25 inverse document frequency: rare terms tell more. */
  idf: number;
  /** In the index vocabulary; unknown words (typos, half-typed words) are matched loosely. */
  known: boolean;
}

export interface QueryPlan {
  terms: PlannedTerm[];
  /** MiniSearch query tree: exact matches for known words, fuzzy and prefix matches only for unknown ones. */
  query: Query;
}

/** Terms on more than this share of documents are skipped when the query has a rarer one… */
const COMMON_SHARE = 0.2;
/** …and their posting list is long enough to cost time: small knowledge bases keep every word. */
const COMMON_MIN_DOCUMENTS = 1000;

/** How many documents contain each term, from MiniSearch's serialised index. */
export function documentFrequencies(index: AsPlainObject): Map<string, number> {
  const df = new Map<string, number>();
  for (const [term, fields] of index.index) {
    const entries = Object.values(fields);
    if (entries.length === 1) {
      df.set(term, Object.keys(entries[0]!).length);
    } else {
      const docs = new Set<string>();
      for (const entry of entries) for (const id of Object.keys(entry)) docs.add(id);
      df.set(term, docs.size);
    }
  }
  return df;
}

/**
 * Plans a search. Two choices keep a 10,000-document index fast without
 * hurting ranking: a word on a fifth of all documents (and on over a
 * thousand: "order" in a big shop) is skipped when the query has a rarer one
 * (its BM25 weight is near zero while its posting list is the longest), and fuzzy and prefix expansion,
 * which multiply the terms looked up, are spent only on words the index
 * does not know.
 */
export function planQuery(text: string, df: ReadonlyMap<string, number>, documentCount: number): QueryPlan {
  const seen = new Map<string, PlannedTerm>();
  for (const word of words(text)) {
    const term = indexTerm(word);
    if (!term || seen.has(term)) continue;
    const n = df.get(term) ?? 0;
    seen.set(term, { word, term, known: n > 0, idf: Math.log(1 + (documentCount - n + 0.5) / (n + 0.5)) });
  }
  const all = [...seen.values()];
  const common = (t: PlannedTerm) => {
    const n = df.get(t.term) ?? 0;
    return n > COMMON_MIN_DOCUMENTS && n > COMMON_SHARE * documentCount;
  };
  const terms = all.some((t) => !common(t)) ? all.filter((t) => !common(t)) : all;
  const last = terms.at(-1);
  return {
    terms,
    query: {
      combineWith: 'OR',
      queries: terms.map((t) => ({
        queries: [t.word],
        fuzzy: !t.known && t.word.length >= 5 ? 0.2 : false,
        prefix: !t.known && t === last && t.word.length >= 3,
      })),
    },
  };
}
