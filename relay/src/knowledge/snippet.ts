import { indexTerm, words } from './text-analysis.js';

/**
 * The passage of `text` that best shows why it matched: the run of whole
 * sentences, at most `maxChars` long, holding the most distinct query terms
 * and starting at a sentence that holds one (earlier wins a tie, since
 * articles lead with the answer). Without any match, the opening.
 */
export function bestSnippet(text: string, queryTerms: ReadonlySet<string>, maxChars = 240): string {
  const { sentences, sentencesOf } = analysed(text);
  if (sentences.length === 0) return '';
  // One bit per query term, so a passage's distinct terms are the bits of its sentences' masks OR-ed together.
  const masks = new Array<number>(sentences.length).fill(0);
  let bit = 1;
  for (const t of queryTerms) {
    const found = sentencesOf.get(t);
    if (!found) continue;
    for (const i of found) masks[i]! |= bit;
    bit <<= 1;
    // 31 terms fit a 32-bit mask; the query's later terms (a pasted paragraph) no longer pick the passage.
    if (bit === 1 << 31) break;
  }
  let best = { start: 0, end: 1, hits: 0 };
  for (let start = 0; start < sentences.length; start++) {
    // A passage starts where the match does; the sentences before it are not why it matched.
    if (masks[start] === 0) continue;
    let seen = 0;
    let length = 0;
    for (let end = start; end < sentences.length; end++) {
      length += sentences[end]!.length + 1;
      if (end > start && length > maxChars) break;
      seen |= masks[end]!;
      const hits = bitCount(seen);
      if (hits > best.hits) best = { start, end: end + 1, hits };
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

function bitCount(mask: number): number {
  let n = 0;
  for (let m = mask; m !== 0; m &= m - 1) n++;
  return n;
}

interface AnalysedText {
  sentences: string[];
  /** The sentences (positions) holding each index term. */
  sentencesOf: Map<string, number[]>;
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
    const sentencesOf = new Map<string, number[]>();
    sentences.forEach((sentence, i) => {
      for (const word of words(sentence)) {
        const term = indexTerm(word);
        if (!term) continue;
        const found = sentencesOf.get(term);
        if (!found) sentencesOf.set(term, [i]);
        else if (found.at(-1) !== i) found.push(i);
      }
    });
    entry = { sentences, sentencesOf };
    if (analysedTexts.size >= ANALYSED_LIMIT) analysedTexts.delete(analysedTexts.keys().next().value!);
  }
  analysedTexts.set(text, entry);
  return entry;
}
