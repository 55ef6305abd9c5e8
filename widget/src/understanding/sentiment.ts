import { COMPLAINT_PATTERNS, EMOJI_VALENCE, INTENSIFIERS, NEGATORS, PHRASE_VALENCE, WORD_VALENCE } from './sentiment-lexicon.js';

/** Words or emoji, and the punctuation that ends a clause. */
const TOKEN = /[\p{L}\p{M}\p{N}]+(?:['’][\p{L}]+)*|\p{Extended_Pictographic}(?:\u200D\p{Extended_Pictographic}|[\uFE0F\u{1F3FB}-\u{1F3FF}\u2640\u2642])*|[.!?;,:]+/gu;
/** Longest phrase per first word, so most words cost one lookup. */
const PHRASE_LENGTHS = new Map<string, number>();
for (const phrase of Object.keys(PHRASE_VALENCE)) {
  const words = phrase.split(' ');
  PHRASE_LENGTHS.set(words[0]!, Math.max(PHRASE_LENGTHS.get(words[0]!) ?? 0, words.length));
}
const CONTRAST = new Set(['but', 'however', 'although', 'though', 'yet', 'except']);
const CLAUSE_END = /^[.!?;]+$/;
/** Scaling VADER uses to squash a sum of valences into (-1, 1). */
const SQUASH = 15;
const NEGATION_SCALE = -0.74;
/** "Not bad" is faint praise, not praise: negating a negative word lands near neutral. */
const NEGATED_NEGATIVE_SCALE = -0.3;
/** Scores closer to zero than this read as neutral. */
export const NEUTRAL_BAND = 0.15;
const CAPS_BOOST = 0.4;

/**
 * Praise opening a complaint: "Great, another delay", "Lovely, the
 * replacement is broken too". Sarcastic when what follows is a complaint.
 */
const PRAISE_OPENER =
  /^(?:oh\s+|just\s+|well\s+|yeah\s+)?(?:great|brilliant|fantastic|wonderful|lovely|perfect|awesome|marvell?ous|super|amazing|excellent|nice one|fab|splendid|terrific|outstanding)\s*[,.!…]+\s*/i;
/** What sarcastic praise is followed by: the thing happening again. */
const REPEAT_CUE = /^(?:just\s+)?(?:another|again|more|still|yet another|so now|so the|nothing|no\b)/i;
/** Praise used to complain anywhere in a message: "thanks for nothing", "love how I have to chase you again". */
const SARCASM =
  /\bthanks?\s+(?:you\s+)?(?:a lot\s+|so much\s+)?for\s+(?:cancell?ing|losing|ignoring|charging|wasting|breaking|making me|leaving|sending me the wrong)\b|\bthanks?\s+(?:a lot\s+)?for\s+nothing\b|\bcheers\s+for\s+nothing\b|\b(?:love|loving)\s+(?:how|that)\s+(?:i|you|it|nobody|no one)\b|\byeah\s+right\b|\boh\s+(?:great|joy|brilliant|wonderful|perfect)\b|\bwhat\s+(?:great|excellent|wonderful|fantastic)\s+service\b[^.!?]*\b(?:not|never|still|again)\b|\bso\s+helpful\s*(?:\.\.\.|…|,\s*not)|\breally\s+helpful\s*(?:\.\.\.|…|,\s*not|\s+not)\b/i;
/** A thank-you shouted or trailed off, which after a complaint is not gratitude: "Thanks!!!!", "thanks a lot...". */
/** Giving up after a complaint: "whatever", "forget it", "don't bother". */
const DISMISSAL = /^\W*(?:whatever|forget it|never ?mind|don'?t bother|fine|sure|if you say so)\W*$/i;
const LOADED_THANKS = /^\W*(?:thanks?|thank\s+you|cheers|ta|great|perfect|brilliant|lovely|wonderful|super|fantastic|ok|okay|sure)(?:\s+(?:a lot|so much|very much|again|for (?:that|nothing|your help|the help)))?\s*(?:!{3,}|\?!|\.{3,}|…)\W*$/i;

export interface SentimentReading {
  /** -1 .. 1. */
  score: number;
  /** Praise that reads as complaint: the match, as written. */
  sarcasm?: string;
}

/** What the earlier turn felt like, so "Thanks!!!!" after a complaint reads as it is meant. */
export interface SentimentContext {
  previousSentiment?: number;
  previousFrustration?: number;
}

/**
 * Lexicon sentiment with negation ("not great"), intensifiers ("really
 * bad"), contrast ("fine but late": the clause after "but" counts more),
 * emoji, shouting, exclamation and sarcasm cues.
 *
 * @example
 * readSentiment('Great, another delay.').score < 0 // true
 */
export function readSentiment(text: string, context: SentimentContext = {}): SentimentReading {
  return read(text, context, SARCASM_DEPTH);
}

/** "Brilliant. Just brilliant. Lost again." nests praise openers; a bound keeps "great, great, great..." linear. */
const SARCASM_DEPTH = 3;

function read(text: string, context: SentimentContext, sarcasmDepth: number): SentimentReading {
  const tokens = text.match(TOKEN) ?? [];
  const lower = tokens.map((t) => t.toLowerCase().replace(/’/g, "'"));
  const lettersUpper = text.replace(/[^\p{Lu}]/gu, '').length;
  const lettersAll = text.replace(/[^\p{L}]/gu, '').length;
  const shouting = lettersAll >= 6 && lettersUpper / lettersAll > 0.7;

  const valences: number[] = [];
  let contrastAt = -1;
  let complaint = 0;
  for (const [pattern, valence] of COMPLAINT_PATTERNS) if (pattern.test(text)) complaint += valence;
  for (let i = 0; i < tokens.length; i++) {
    const raw = tokens[i]!;
    const word = lower[i]!;
    if (CLAUSE_END.test(word)) continue;
    if (CONTRAST.has(word)) {
      contrastAt = valences.length;
      continue;
    }
    const phrase = matchPhrase(lower, i);
    let valence: number;
    let span = 1;
    if (phrase) {
      valence = phrase.valence;
      span = phrase.length;
    } else {
      valence = WORD_VALENCE[word] ?? emojiValence(raw);
    }
    if (valence === 0) {
      valences.push(0);
      continue;
    }
    if (!shouting && raw.length > 1 && raw === raw.toUpperCase() && /\p{Lu}/u.test(raw)) valence *= 1 + CAPS_BOOST;
    valence = applyModifiers(tokens, i, valence, phrase !== undefined);
    valences.push(valence);
    for (let k = 1; k < span; k++) valences.push(0);
    i += span - 1;
  }

  let sum = 0;
  valences.forEach((v, index) => {
    if (contrastAt < 0) sum += v;
    else sum += index < contrastAt ? v * 0.5 : v * 1.5;
  });
  sum += complaint;
  sum += exclamationEmphasis(text, sum);

  const sarcasm = sarcasmDepth > 0 ? findSarcasm(text, context, complaint, sarcasmDepth) : undefined;
  if (sarcasm) sum = Math.min(sum, 0) - 2.2;
  if (shouting && sum !== 0) sum *= 1.3;
  const score = sum / Math.sqrt(sum * sum + SQUASH);
  return sarcasm ? { score: round(score), sarcasm } : { score: round(score) };
}

function matchPhrase(lower: string[], i: number): { valence: number; length: number } | undefined {
  const longest = PHRASE_LENGTHS.get(lower[i]!);
  if (!longest) return undefined;
  for (let n = Math.min(longest, lower.length - i); n >= 2; n--) {
    const phrase = lower.slice(i, i + n).join(' ');
    const valence = PHRASE_VALENCE[phrase];
    if (valence !== undefined) return { valence, length: n };
  }
  return undefined;
}

function emojiValence(token: string): number {
  // Emoji live above U+2000; skip the lookups for ordinary words.
  if (token.charCodeAt(0) < 0x2000) return 0;
  const base = token.replace(/[\uFE0F\u{1F3FB}-\u{1F3FF}]/gu, '');
  return EMOJI_VALENCE[token] ?? EMOJI_VALENCE[base] ?? EMOJI_VALENCE[[...base][0] ?? ''] ?? 0;
}

/** Negation within the three words before, and an intensifier right before. */
function applyModifiers(tokens: string[], i: number, valence: number, isPhrase: boolean): number {
  let result = valence;
  const previous = tokens[i - 1]?.toLowerCase();
  const before = tokens[i - 2]?.toLowerCase();
  const scale = (previous && INTENSIFIERS[previous]) ?? (previous && before ? INTENSIFIERS[`${before} ${previous}`] : undefined);
  if (scale) result *= 1 + scale;
  if (isPhrase && PHRASE_NEGATES_ITSELF.test(tokens[i] ?? '')) return result;
  for (let k = 1; k <= 3; k++) {
    const word = tokens[i - k]?.toLowerCase().replace(/’/g, "'");
    if (!word || CLAUSE_END.test(word) || word === ',') break;
    if (NEGATORS.has(word)) {
      // "not only good but..." and "no doubt great" keep their sign.
      if (tokens[i - k + 1]?.toLowerCase() === 'only' || tokens[i - k + 1]?.toLowerCase() === 'doubt') break;
      result *= result < 0 ? NEGATED_NEGATIVE_SCALE : NEGATION_SCALE;
      break;
    }
  }
  return result;
}

const PHRASE_NEGATES_ITSELF = /^(?:not|no|still|never)$/i;

/** "positive", "negative" or "neutral" for a score. */
export function polarityOf(score: number): 'positive' | 'negative' | 'neutral' {
  return score >= NEUTRAL_BAND ? 'positive' : score <= -NEUTRAL_BAND ? 'negative' : 'neutral';
}

/** Each "!" (up to four) pushes the score further the way it already leans. */
function exclamationEmphasis(text: string, sum: number): number {
  if (sum === 0) return 0;
  const marks = Math.min(4, (text.match(/!/g) ?? []).length);
  return Math.sign(sum) * marks * 0.29;
}

function findSarcasm(text: string, context: SentimentContext, complaint: number, depth: number): string | undefined {
  const cue = SARCASM.exec(text);
  if (cue) return cue[0].replace(/^[.!?\s]+/, '');
  const opener = PRAISE_OPENER.exec(text.trim());
  if (opener) {
    const rest = text.trim().slice(opener[0].length);
    if (rest && (REPEAT_CUE.test(rest) || complaint < 0 || read(rest, {}, depth - 1).score <= -NEUTRAL_BAND)) return opener[0].trim() + ' ' + rest.split(/\s+/).slice(0, 3).join(' ');
  }
  const afterComplaint = (context.previousSentiment ?? 0) < -0.2 || (context.previousFrustration ?? 0) >= 0.3;
  if (afterComplaint) {
    const loaded = LOADED_THANKS.exec(text.trim()) ?? DISMISSAL.exec(text.trim());
    if (loaded) return loaded[0].trim();
  }
  return undefined;
}

function round(n: number): number {
  return Math.round(n * 1000) / 1000;
}
