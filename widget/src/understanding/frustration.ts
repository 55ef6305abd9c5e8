import type { Frustration, FrustrationSignal, Understanding } from '../../../protocol/understanding.js';
import { PHRASES_BY_KIND } from './frustration-phrases.js';
import { PhraseMatcher, phraseTokens } from './phrase-matcher.js';
import { SpanSet } from './text-span.js';

export { FRUSTRATED_AT } from './frustrated-at.js';

const MATCHERS = PHRASES_BY_KIND.map(([kind, list]) => [kind, new PhraseMatcher(list)] as const);
const PUNCTUATION_RUN = /[!?]{2,}|(?:[!?]\s){2,}[!?]/g;
const CAPS_WORD = /(?<![\p{L}\p{N}])\p{Lu}{3,}(?![\p{L}\p{N}])/gu;
/** Capitals that are names, not shouting. */
const ACRONYMS = new Set([
  'ASAP', 'UPS', 'DHL', 'USPS', 'DPD', 'FEDEX', 'TNT', 'PDF', 'FAQ', 'ETA', 'SMS', 'PIN', 'IBAN', 'VAT', 'GST', 'NHS',
  'USA', 'USD', 'GBP', 'EUR', 'AUD', 'CAD', 'NZD', 'BBB', 'FTC', 'ACCC', 'API', 'URL', 'iOS', 'APP', 'ATM', 'CVV',
  'SSN', 'DOB', 'ORD', 'INV', 'REF', 'RMA', 'OTP', 'SIM', 'WIFI', 'USB', 'HDMI', 'LCD', 'LED', 'TV', 'CEO', 'IMEI',
]);
/** Angry, exasperated or contemptuous faces; sad ones (😭, 😢) lower sentiment but are not frustration. */
const ANGRY_EMOJI = new Set(['😡', '🤬', '😠', '😤', '💢', '👎', '🖕', '🙄', '😒', '🤦', '😑', '💩', '🤡']);
const EMOJI = /\p{Extended_Pictographic}(?:\u200D\p{Extended_Pictographic}|[\uFE0F\u{1F3FB}-\u{1F3FF}\u2640\u2642])*/gu;

/** A name, not a threat: "my wife Sue ordered it". */
const NAME_SUE = /^Sue$/;

export interface FrustrationInput {
  /** The visitor's text (already bounded by the caller). */
  text: string;
  sentiment: number;
  /** Praise that reads as complaint, from the sentiment reading. */
  sarcasm?: string;
  previous: readonly Pick<Understanding, 'frustration'>[];
}

/**
 * Frustration 0..1 and the signals that fired: phrases by kind (legal and
 * cancellation threats, passive aggression, requests for a person, negative
 * phrases), "!!!"/"???" runs, shouting, angry emoji and sarcasm, plus how
 * negative the message reads and what came before in the conversation.
 *
 * @example
 * readFrustration({ text: 'I will SUE you!!!', sentiment: -0.6, previous: [] }).score > FRUSTRATED_AT // true
 */
export function readFrustration(input: FrustrationInput): Frustration {
  const text = input.text.normalize('NFKC').replace(/[\u2018\u2019\u02BC]/g, "'");
  const signals: FrustrationSignal[] = [];
  const taken = new SpanSet();
  const tokens = phraseTokens(text);
  for (const [kind, matcher] of MATCHERS) {
    const seen = new Set<string>();
    for (const hit of matcher.find(text, tokens)) {
      if (seen.has(hit.phrase) || taken.overlaps(hit)) continue;
      if (kind === 'legal-threat' && NAME_SUE.test(hit.match) && /\p{L}\s*$/u.test(text.slice(0, hit.start))) continue;
      seen.add(hit.phrase);
      taken.claim(hit);
      signals.push({ kind, match: hit.match, weight: hit.weight });
    }
  }
  if (input.sarcasm) signals.push({ kind: 'passive-aggressive', match: input.sarcasm, weight: 0.5 });

  const run = longest(text.match(PUNCTUATION_RUN) ?? []);
  if (run) {
    const marks = run.replace(/\s/g, '').length;
    signals.push({ kind: 'punctuation-run', match: run, weight: marks >= 5 ? 0.35 : marks >= 3 ? 0.25 : 0.1 });
  }

  const shout = shouting(text);
  if (shout) signals.push({ kind: 'all-caps', match: shout.words, weight: shout.wholeMessage ? 0.5 : shout.count >= 2 ? 0.3 : 0.2 });

  const angry = new Map<string, number>();
  for (const emoji of text.match(EMOJI) ?? []) {
    const base = emoji.replace(/[\uFE0F\u{1F3FB}-\u{1F3FF}]/gu, '');
    if (ANGRY_EMOJI.has(base)) angry.set(base, (angry.get(base) ?? 0) + 1);
  }
  // A row of the same angry face says more than one: 0.2, then +0.15 per repeat.
  [...angry].slice(0, 3).forEach(([emoji, n]) => signals.push({ kind: 'emoji', match: emoji.repeat(Math.min(n, 5)), weight: Math.min(0.5, 0.2 + 0.15 * (n - 1)) }));

  countAcrossConversation(signals, input.previous);
  return { score: score(signals, input), signals };
}

function longest(runs: string[]): string | undefined {
  return runs.reduce<string | undefined>((best, r) => (!best || r.length > best.length ? r : best), undefined);
}

/** Shouted words (3+ capitals, not acronyms): a whole message in capitals, several words, or one long word for emphasis. */
function shouting(text: string): { words: string; count: number; wholeMessage: boolean } | undefined {
  const words = (text.match(CAPS_WORD) ?? []).filter((w) => !ACRONYMS.has(w));
  if (words.length === 0) return undefined;
  const upper = text.replace(/[^\p{Lu}]/gu, '').length;
  const letters = text.replace(/[^\p{L}]/gu, '').length;
  const wholeMessage = letters >= 8 && upper / letters > 0.6;
  if (!wholeMessage && words.length < 2 && (words[0]?.length ?? 0) < 4) return undefined;
  return { words: words.slice(0, 6).join(' '), count: words.length, wholeMessage };
}

function countAcrossConversation(signals: FrustrationSignal[], previous: FrustrationInput['previous']): void {
  for (const signal of signals) {
    const key = signal.match.toLowerCase();
    const before = previous.filter((u) => u.frustration?.signals?.some((s) => s.kind === signal.kind && s.match.toLowerCase() === key)).length;
    signal.conversationCount = before + 1;
  }
}

/** Noisy-or of the signal weights, how negative the message reads, and what the conversation carried in. */
function score(signals: FrustrationSignal[], input: FrustrationInput): number {
  const parts = signals.map((s) => s.weight);
  if (input.sentiment < -0.4) parts.push(Math.min(0.35, (-input.sentiment - 0.4) * 0.7));
  const last = input.previous.at(-1)?.frustration?.score ?? 0;
  // Anger lingers: a curt "ok" after a furious message is not calm.
  if (last > 0) parts.push(last * 0.6);
  const negativeSoFar = input.previous.reduce((n, u) => n + (u.frustration?.signals ?? []).filter((s) => s.kind === 'negative-phrase').length, 0);
  const negativeNow = signals.filter((s) => s.kind === 'negative-phrase').length;
  if (negativeNow > 0 && negativeSoFar + negativeNow >= 3) parts.push(0.25);
  const calm = parts.reduce((p, w) => p * (1 - Math.min(1, Math.max(0, w))), 1);
  return Math.round((1 - calm) * 1000) / 1000;
}

