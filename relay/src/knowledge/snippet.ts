import { indexTerm, words } from './text-analysis.js';

/**
 * The passage of `text` that best shows why it matched: the run of whole
 * sentences, at most `maxChars` long, holding the most distinct query terms
 * and starting at a sentence that holds one (earlier wins a tie, since
 * articles lead with the answer). Without any match, the opening.
 */
export function bestSnippet(text: string, queryTerms: ReadonlySet<string>, maxChars = 240): string {
  const { sentences, terms } = analysed(text);
  if (sentences.length === 0) return '';
  const termsOf = terms.map((ts) => new Set(ts.filter((t) => queryTerms.has(t))));
  let best = { start: 0, end: 1, hits: 0 };
  for (let start = 0; start < sentences.length; start++) {
    // A passage starts where the match does; the sentences before it are not why it matched.
    if (termsOf[start]!.size === 0) continue;
    const seen = new Set<string>();
    let length = 0;
    for (let end = start; end < sentences.length; end++) {
      length += sentences[end]!.length + 1;
      if (end > start && length > maxChars) break;
      for (const t of termsOf[end]!) seen.add(t);
      if (seen.size > best.hits) best = { start, end: end + 1, hits: seen.size };
    }
  }
  // Fill the room left with what follows: context reads better than a bare hit.
  let length = sentences.slice(best.start, best.end).reduce((n, s) => n + s.length + 1, 0);
  // A line without end punctuation is a heading: it starts the next section, not this passage.
  while (
    best.end < sentences.length &&
    /[.!?]$/.test(sentences[best.end]!) &&
    length + sentences[best.end]!.length + 1 <= maxChars
  ) {
    length += sentences[best.end]!.length + 1;
    best.end++;
  }
  const passage = sentences.slice(best.start, best.end).join(' ');
  if (passage.length <= maxChars) return best.start > 0 ? `…${passage}` : passage;
  const cut = passage.slice(0, maxChars - 1);
  return `${best.start > 0 ? '…' : ''}${cut.slice(0, Math.max(cut.lastIndexOf(' '), maxChars / 2))}…`;
}

interface AnalysedText {
  sentences: string[];
  /** Index terms of each sentence. */
  terms: string[][];
}

// Documents do not change and the same ones answer many queries: split and stem each once.
const ANALYSED_LIMIT = 2000;
const analysedTexts = new Map<string, AnalysedText>();

function analysed(text: string): AnalysedText {
  let entry = analysedTexts.get(text);
  if (entry) {
    analysedTexts.delete(text);
  } else {
    const sentences = text.match(/[^.!?\n]+[.!?]*\s*/g)?.map((s) => s.trim()).filter(Boolean) ?? [];
    entry = { sentences, terms: sentences.map((s) => words(s).map(indexTerm).filter((t): t is string => t !== null)) };
    if (analysedTexts.size >= ANALYSED_LIMIT) analysedTexts.delete(analysedTexts.keys().next().value!);
  }
  analysedTexts.set(text, entry);
  return entry;
}
