import type { PhraseList } from './frustration-phrases.js';

/** Words (with inner apostrophes: "c'est", "i'm") and the ?/! marks some phrases end with ("seriously?"). */
const TOKEN = /[\p{L}\p{M}\p{N}]+(?:['’][\p{L}\p{M}\p{N}]+)*|[?!]/gu;
/** Scripts written without spaces between words: their phrases match as plain substrings. */
const UNSPACED = /[\p{Script=Han}\p{Script=Hiragana}\p{Script=Katakana}\p{Script=Hangul}\p{Script=Thai}]/u;

export interface PhraseToken {
  /** Lower case, straight apostrophe. */
  word: string;
  start: number;
  end: number;
}

/** The words a phrase matcher reads; compute once and share between matchers. */
export function phraseTokens(text: string): PhraseToken[] {
  return [...text.matchAll(TOKEN)].map((m) => ({ word: m[0].toLowerCase().replace(/’/g, "'"), start: m.index, end: m.index + m[0].length }));
}

export interface PhraseHit {
  /** The text as the visitor wrote it. */
  match: string;
  phrase: string;
  weight: number;
  start: number;
  end: number;
}

interface Entry {
  words: string[];
  phrase: string;
  weight: number;
}

/**
 * Finds whole-word phrases by looking up each word in an index of the words
 * phrases start with, longest phrase first, so "sue you" wins over "sue".
 * Linear in the text, whatever the number of phrases: a big alternation regex
 * was the slowest part of reading a message.
 */
export class PhraseMatcher {
  readonly #byFirstWord = new Map<string, Entry[]>();
  readonly #unspaced: Entry[] = [];

  constructor(phrases: PhraseList) {
    const seen = new Set<string>();
    for (const [raw, weight] of phrases) {
      const phrase = raw.toLowerCase().replace(/’/g, "'").replace(/\s+/g, ' ').trim();
      if (seen.has(phrase)) continue;
      seen.add(phrase);
      if (UNSPACED.test(phrase)) {
        this.#unspaced.push({ words: [phrase], phrase, weight });
        continue;
      }
      const words = phrase.match(TOKEN) ?? [];
      if (words.length === 0) continue;
      const list = this.#byFirstWord.get(words[0]!) ?? [];
      list.push({ words, phrase, weight });
      list.sort((a, b) => b.words.length - a.words.length);
      this.#byFirstWord.set(words[0]!, list);
    }
  }

  /** Every non-overlapping phrase in the text, in order. */
  find(text: string, tokens: readonly PhraseToken[] = phraseTokens(text)): PhraseHit[] {
    const hits: PhraseHit[] = [];
    for (let i = 0; i < tokens.length; i++) {
      const candidates = this.#byFirstWord.get(tokens[i]!.word);
      if (!candidates) continue;
      const entry = candidates.find((c) => this.#matchesAt(text, tokens, i, c.words));
      if (!entry) continue;
      const last = tokens[i + entry.words.length - 1]!;
      const start = tokens[i]!.start;
      hits.push({ match: text.slice(start, last.end), phrase: entry.phrase, weight: entry.weight, start, end: last.end });
      i += entry.words.length - 1;
    }
    if (this.#unspaced.length > 0) {
      const lower = text.toLowerCase();
      for (const entry of this.#unspaced) {
        const at = lower.indexOf(entry.phrase);
        if (at >= 0) hits.push({ match: text.slice(at, at + entry.phrase.length), phrase: entry.phrase, weight: entry.weight, start: at, end: at + entry.phrase.length });
      }
      hits.sort((a, b) => a.start - b.start);
    }
    return hits;
  }

  /** The phrase's words follow one another with nothing but spaces between ("sick, of" is not "sick of"). */
  #matchesAt(text: string, tokens: readonly PhraseToken[], i: number, words: string[]): boolean {
    if (i + words.length > tokens.length) return false;
    for (let k = 0; k < words.length; k++) {
      if (tokens[i + k]!.word !== words[k]) return false;
      if (k > 0 && text.slice(tokens[i + k - 1]!.end, tokens[i + k]!.start).trim() !== '') return false;
    }
    return true;
  }
}
