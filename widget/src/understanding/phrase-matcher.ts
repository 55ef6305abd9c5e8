import type { PhraseList } from './frustration-phrases.js';

/** Scripts written without spaces between words: their phrases match as plain substrings. */
const UNSPACED = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}\p{Script=Thai}]/u;

export interface PhraseHit {
  /** The text as the visitor wrote it. */
  match: string;
  phrase: string;
  weight: number;
  start: number;
  end: number;
}

/** One compiled regex over a phrase list, longest phrases first so "sue you" wins over "sue". */
export class PhraseMatcher {
  readonly #pattern: RegExp;
  readonly #weights = new Map<string, number>();

  constructor(phrases: PhraseList) {
    const spaced: string[] = [];
    const unspaced: string[] = [];
    for (const [phrase, weight] of [...phrases].sort((a, b) => b[0].length - a[0].length)) {
      const key = canonical(phrase);
      if (this.#weights.has(key)) continue;
      this.#weights.set(key, weight);
      const source = key.split(' ').map(escape).join('\\s+');
      (UNSPACED.test(phrase) ? unspaced : spaced).push(source);
    }
    const parts = [];
    if (spaced.length) parts.push(`(?<![\\p{L}\\p{N}])(?:${spaced.join('|')})(?![\\p{L}\\p{N}])`);
    if (unspaced.length) parts.push(`(?:${unspaced.join('|')})`);
    this.#pattern = new RegExp(parts.join('|') || '(?!)', 'giu');
  }

  /** Every non-overlapping phrase in the text (already NFKC, straight apostrophes). */
  find(text: string): PhraseHit[] {
    const hits: PhraseHit[] = [];
    for (const m of text.matchAll(this.#pattern)) {
      const phrase = canonical(m[0]);
      hits.push({ match: m[0], phrase, weight: this.#weights.get(phrase) ?? 0, start: m.index, end: m.index + m[0].length });
    }
    return hits;
  }
}

function canonical(phrase: string): string {
  return phrase.toLowerCase().replace(/\s+/g, ' ').trim();
}

function escape(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}
