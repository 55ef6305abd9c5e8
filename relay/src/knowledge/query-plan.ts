import { bm25Idf, type Bm25Term } from './bm25-index.js';
import { indexTerm, words } from './text-analysis.js';

/** One query term as searched: the visitor's word, its index term, how much it tells, and how loosely it matches. */
export interface PlannedTerm extends Bm25Term {
  word: string;
  /** In the index vocabulary; unknown words (typos, half-typed words) are matched loosely. */
  known: boolean;
}

export interface QueryPlan {
  /** Exact matches for known words, fuzzy and prefix matches only for unknown ones. */
  terms: PlannedTerm[];
}

/** Terms on more than this share of documents are skipped when the query has a rarer one… */
const COMMON_SHARE = 0.2;
/** …and their posting list is long enough to cost time: small knowledge bases keep every word. */
const COMMON_MIN_DOCUMENTS = 1000;

/**
 * Plans a search. Two choices keep a 10,000-document index fast without
 * hurting ranking: a word on a fifth of all documents (and on over a
 * thousand: "order" in a big shop) is skipped when the query has a rarer one
 * (its BM25 weight is near zero while its posting list is the longest), and fuzzy and prefix expansion,
 * which multiply the terms looked up, are spent only on words the index
 * does not know. `df` gives how many documents hold an index term.
 */
export function planQuery(text: string, df: (term: string) => number, documentCount: number): QueryPlan {
  const seen = new Map<string, PlannedTerm>();
  for (const word of words(text)) {
    const term = indexTerm(word);
    if (!term || seen.has(term)) continue;
    const n = df(term);
    const known = n > 0;
    seen.set(term, {
      word,
      term,
      known,
      idf: bm25Idf(n, documentCount),
      fuzzy: !known && word.length >= 5 ? 0.2 : false,
      prefix: false,
    });
  }
  const all = [...seen.values()];
  const common = (t: PlannedTerm) => {
    const n = df(t.term);
    return n > COMMON_MIN_DOCUMENTS && n > COMMON_SHARE * documentCount;
  };
  const terms = all.some((t) => !common(t)) ? all.filter((t) => !common(t)) : all;
  // Only the last word can be half-typed.
  const last = terms.at(-1);
  if (last && !last.known && last.word.length >= 3) last.prefix = true;
  return { terms };
}
