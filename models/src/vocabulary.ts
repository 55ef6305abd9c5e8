import { Tokenizer } from '@huggingface/tokenizers';
import { CONTINUATION, SPECIAL_TOKENS, tokenizerConfigJson, tokenizerJson } from './tokenizer-spec.js';

/**
 * The WordPiece vocabulary of a model: every character seen (so almost
 * nothing becomes unknown), every word of the labeled data, frequent word
 * beginnings and endings (the pieces a misspelt or unseen word falls back
 * to), then the most frequent words of the wider corpus until `maxSize`.
 */
export interface Vocabulary {
  tokens: string[];
  /** Tokens that are frequent word beginnings rather than words (their char n-grams get no end marker). */
  prefixPieces: Set<string>;
}

const bootstrap = new Tokenizer(tokenizerJson([...SPECIAL_TOKENS]), tokenizerConfigJson(128));

/** The words of `text` exactly as the exported tokenizer splits them before WordPiece. */
export function preTokenize(text: string): string[] {
  return bootstrap.pre_tokenizer!(bootstrap.normalizer!(text));
}

function countWords(texts: Iterable<string>): Map<string, number> {
  const counts = new Map<string, number>();
  for (const t of texts) for (const w of preTokenize(t)) if (w.length <= 100) counts.set(w, (counts.get(w) ?? 0) + 1);
  return counts;
}

function topKeys(counts: Map<string, number>, min: number): string[] {
  return [...counts].filter(([, c]) => c >= min).sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1)).map(([k]) => k);
}

export function buildVocabulary(labeled: readonly string[], corpus: readonly string[], maxSize: number): Vocabulary {
  const labeledCounts = countWords(labeled);
  const corpusCounts = countWords(corpus);
  const all = new Map(labeledCounts);
  for (const [w, c] of corpusCounts) all.set(w, (all.get(w) ?? 0) + c);

  const chars = new Map<string, number>();
  const prefixes = new Map<string, number>();
  const suffixes = new Map<string, number>();
  for (const [w, c] of all) {
    for (const ch of w) chars.set(ch, (chars.get(ch) ?? 0) + c);
    const cps = [...w];
    for (let n = 2; n <= 5 && n < cps.length; n++) {
      const p = cps.slice(0, n).join('');
      prefixes.set(p, (prefixes.get(p) ?? 0) + c);
      const s = CONTINUATION + cps.slice(cps.length - n).join('');
      suffixes.set(s, (suffixes.get(s) ?? 0) + c);
    }
  }

  const tokens: string[] = [];
  const seen = new Set<string>();
  const add = (t: string) => {
    if (tokens.length < maxSize && !seen.has(t)) {
      seen.add(t);
      tokens.push(t);
    }
  };
  SPECIAL_TOKENS.forEach(add);
  for (const ch of topKeys(chars, 2).slice(0, 600)) {
    add(ch);
    add(CONTINUATION + ch);
  }
  topKeys(labeledCounts, 1).forEach(add);
  const pieceBudget = Math.floor(maxSize * 0.08);
  const prefixPieces = new Set<string>();
  for (const p of topKeys(prefixes, 3).slice(0, pieceBudget)) {
    if (!seen.has(p)) prefixPieces.add(p);
    add(p);
  }
  topKeys(suffixes, 3).slice(0, pieceBudget).forEach(add);
  topKeys(corpusCounts, 2).forEach(add);
  return { tokens, prefixPieces };
}
