import { stemmer } from 'stemmer';

/**
 * How knowledge text becomes index terms, shared by the index build, the
 * relay and the browser so both sides agree term for term: lower case,
 * accents folded, words of letters and digits, stop words dropped, English
 * Porter stems (other languages pass through the stemmer harmlessly: it only
 * trims English suffixes).
 */

// Function words carry no topic; dropping them keeps "how do I…" from matching everything.
const STOP_WORDS = new Set(
  (
    'a about above after again all am an and any are as at be because been before being below between both but by ' +
    'can could did do does doing done down during each few for from further get got had has have having he her here ' +
    'hers him his how i if im ive id in into is it its itll just me might more most must my myself no nor not now of ' +
    'off on once only or other our ours out over own please same she should so some such than thank thanks that the ' +
    'their theirs them then there these they this those through to too under until up us very was we were what when ' +
    'where which while who whom why will with would you your yours yourself hi hello hey dont cant wont didnt doesnt ' +
    'isnt arent wasnt werent ill youre wheres whats hows whens whos'
  ).split(' '),
);

const ASCII = /^[\x00-\x7f]*$/;
const WORD = /[\p{L}\p{N}]+(?:['’][\p{L}]+)?(?:[-‐][\p{L}\p{N}]+)*/gu;

/**
 * Lower-cased, accent-folded words of `text`, in order (stop words kept). A
 * hyphenated word gives its parts and the parts joined, so "pre-order"
 * meets "preorder" and "pre order".
 */
export function words(text: string): string[] {
  // Most help text is ASCII: skip the costly Unicode fold for it.
  const folded = (ASCII.test(text) ? text : text.normalize('NFKD').replace(/\p{M}+/gu, '')).toLowerCase();
  const out: string[] = [];
  for (const match of folded.match(WORD) ?? []) {
    const word = match.replace(/['’]/g, '');
    if (!/[-‐]/.test(word)) {
      out.push(word);
      continue;
    }
    const parts = word.split(/[-‐]/);
    out.push(...parts, parts.join(''));
  }
  return out;
}

// Stemming dominates search time (snippets stem every word of a candidate); a vocabulary is small, so remember it.
const TERM_CACHE_LIMIT = 100_000;
const termCache = new Map<string, string | null>();

/** The index term for one word, or `null` for a stop word. Used by MiniSearch's `processTerm`. */
export function indexTerm(word: string): string | null {
  const cached = termCache.get(word);
  if (cached !== undefined) return cached;
  const w = word.toLowerCase().replace(/['’]/g, '');
  let term: string | null;
  if (w.length === 0 || STOP_WORDS.has(w)) term = null;
  else if (/^\d+$/.test(w) || w.length <= 3) term = w;
  else term = stemmer(w);
  if (termCache.size >= TERM_CACHE_LIMIT) termCache.clear();
  termCache.set(word, term);
  return term;
}

/** The distinct index terms of `text`. */
export function indexTerms(text: string): string[] {
  const out = new Set<string>();
  for (const w of words(text)) {
    const t = indexTerm(w);
    if (t) out.add(t);
  }
  return [...out];
}

/** MiniSearch's tokenizer: our word rule instead of its whitespace/punctuation split. */
export function tokenize(text: string): string[] {
  return words(text);
}
