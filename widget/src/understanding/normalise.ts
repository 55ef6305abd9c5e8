import { defaultSynonyms, type SynonymMap } from './locale-synonyms.js';

/** Longest phrase, in words, that a synonym map may hold; longer keys are ignored. */
const MAX_PHRASE_WORDS = 5;

/** Letters and digits, with inner apostrophes and hyphens ("can't", "top-up"). */
const WORD = /[\p{L}\p{M}\p{N}]+(?:['\-][\p{L}\p{M}\p{N}]+)*/gu;
const INVISIBLE = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\u007F\u200B-\u200F\u202A-\u202E\u2060-\u2064\uFEFF]/g;
const APOSTROPHES = /[\u2018\u2019\u02BC\u0060\u00B4]/g;
const QUOTES = /[\u201C\u201D\u201E\u00AB\u00BB]/g;
const DASHES = /[\u2010-\u2015\u2212]/g;
/** Three or more of one letter ("pleeease", "sooo") shrink to two: English words never triple a letter. */
const STRETCHED = /(\p{L})\1{2,}/gu;
const PUNCTUATION_RUN = /([!?.])[!?.]*\1+|[!?]{2,}/g;

interface CompiledMap {
  phrases: Map<string, string>;
  longest: number;
}

const compiled = new Map<string, CompiledMap>();

/**
 * The text an intent model should read: Unicode NFKC, invisible characters
 * dropped, curly quotes straightened, whitespace collapsed, lower case,
 * stretched letters and punctuation runs shortened, then slang, typos and
 * synonyms replaced by the words the model knows.
 *
 * `synonyms` is the site owner's map; it merges over the locale's defaults,
 * so an owner can add words or override a default (map a key to itself to
 * switch it off). Keys are matched as whole words, case-insensitively.
 *
 * @example
 * normaliseText('Wheres me parcel??? cant find it', 'en-GB')
 * // => "where is my package? can't find it"
 * normaliseText('Need a top up', 'en-GB', { 'top up': 'add credit' })
 * // => "need a add credit"
 */
export function normaliseText(text: string, locale?: string, synonyms?: Record<string, string>): string {
  let out = text
    .normalize('NFKC')
    .replace(INVISIBLE, '')
    .replace(APOSTROPHES, "'")
    .replace(QUOTES, '"')
    .replace(DASHES, '-')
    .replace(/\s+/g, ' ')
    .trim();
  out = lowerCase(out, locale)
    .replace(STRETCHED, '$1$1')
    .replace(PUNCTUATION_RUN, (run) => (run.includes('?') ? '?' : run[0] ?? ''));
  return replacePhrases(out, synonymMap(locale, synonyms));
}

function lowerCase(text: string, locale: string | undefined): string {
  if (!locale) return text.toLowerCase();
  try {
    return text.toLocaleLowerCase(locale);
  } catch {
    return text.toLowerCase();
  }
}

function synonymMap(locale: string | undefined, owner: Record<string, string> | undefined): CompiledMap {
  const key = owner ? null : (locale ?? '');
  const cached = key === null ? undefined : compiled.get(key);
  if (cached) return cached;
  const phrases = new Map<string, string>();
  let longest = 1;
  const add = (map: SynonymMap) => {
    for (const [from, to] of Object.entries(map)) {
      const words = from.normalize('NFKC').toLowerCase().trim().split(/\s+/);
      if (words.length === 0 || words[0] === '' || words.length > MAX_PHRASE_WORDS) continue;
      phrases.set(words.join(' '), to);
      longest = Math.max(longest, words.length);
    }
  };
  add(defaultSynonyms(locale));
  if (owner) add(owner);
  const map = { phrases, longest };
  if (key !== null) compiled.set(key, map);
  return map;
}

/** Greedy longest match over runs of whole words separated only by spaces. */
function replacePhrases(text: string, map: CompiledMap): string {
  if (map.phrases.size === 0) return text;
  const words = [...text.matchAll(WORD)].map((m) => ({ word: m[0], start: m.index, end: m.index + m[0].length }));
  let out = '';
  let cursor = 0;
  for (let i = 0; i < words.length; ) {
    let replaced = false;
    for (let n = Math.min(map.longest, words.length - i); n >= 1; n--) {
      const last = words[i + n - 1]!;
      if (n > 1 && !spacedRun(text, words, i, n)) continue;
      const phrase = n === 1 ? words[i]!.word : text.slice(words[i]!.start, last.end).replace(/ +/g, ' ');
      const to = map.phrases.get(phrase);
      if (to === undefined) continue;
      out += text.slice(cursor, words[i]!.start) + to;
      cursor = last.end;
      i += n;
      replaced = true;
      break;
    }
    if (!replaced) i++;
  }
  return out + text.slice(cursor);
}

function spacedRun(text: string, words: { start: number; end: number }[], from: number, n: number): boolean {
  for (let k = from; k < from + n - 1; k++) {
    if (text.slice(words[k]!.end, words[k + 1]!.start).trim() !== '') return false;
  }
  return true;
}
