import type { IntentGuess } from '../../../protocol/understanding.js';

/** When the device is sure enough to answer; a site owner can raise or lower each bar. */
export interface AnswerThresholds {
  /** Intent confidence under this counts as "intent not recognised", on top of the model's own calibrated rejection. */
  minIntentConfidence: number;
  /** Lowest answer confidence (retrieval score plus passage evidence, see `ExtractedAnswer.confidence`) for a recognised intent. */
  minConfidence: number;
  /**
   * The same bar for a question the intent model did not recognise. The help
   * centre covers far more than the model's labels (size guides, gift cards,
   * care), so such a question is answered on retrieval evidence alone, held higher.
   */
  minConfidenceUnrecognised: number;
  /** How far the best passage must lead the next one; below it two articles could be meant. */
  minMargin: number;
  /** Share of the question's (rarity-weighted) terms the chosen passage must contain, 0..1. */
  minGrounding: number;
}

/** Chosen on the demo's labelled questions (demo/content/queries/answers.jsonl); see bench/answers.bench.ts. */
export const DEFAULT_THRESHOLDS: AnswerThresholds = {
  minIntentConfidence: 0.3,
  minConfidence: 0.8,
  minConfidenceUnrecognised: 1.0,
  minMargin: 0.2,
  minGrounding: 0.4,
};

/** Intents that are not questions for the knowledge base. */
export const OUT_OF_SCOPE_INTENTS = new Set(['oos', 'out_of_scope', 'unknown']);

export type DeclineReason =
  | 'no-passages'
  | 'weak-retrieval'
  | 'weak-grounding'
  | 'ambiguous'
  | 'retrieval-failed'
  | 'needs-account-data'
  | 'needs-a-person';

export type AnswerGate = { answer: true; intentRecognised: boolean } | { answer: false; reason: DeclineReason };

export interface GateInput {
  intent: IntentGuess;
  /** The best extract's measures, or null when retrieval found nothing usable. */
  extract: { confidence: number; margin: number; grounding: number } | null;
}

/** True when the intent model recognised the question as one of its support intents. */
export function intentRecognised(intent: IntentGuess, thresholds: AnswerThresholds = DEFAULT_THRESHOLDS): boolean {
  return !intent.rejected && !OUT_OF_SCOPE_INTENTS.has(intent.label) && intent.confidence >= thresholds.minIntentConfidence;
}

/**
 * Answer only when the evidence clears the bars: the intent's confidence
 * decides which bar the retrieval must clear (a question the intent model
 * does not recognise must be answered by stronger retrieval), and the best
 * passage must be grounded in the question and clearly ahead of the next.
 */
export function answerGate(input: GateInput, thresholds: AnswerThresholds = DEFAULT_THRESHOLDS): AnswerGate {
  const { extract } = input;
  if (!extract) return { answer: false, reason: 'no-passages' };
  const recognised = intentRecognised(input.intent, thresholds);
  if (extract.confidence < (recognised ? thresholds.minConfidence : thresholds.minConfidenceUnrecognised)) {
    return { answer: false, reason: 'weak-retrieval' };
  }
  if (extract.grounding < thresholds.minGrounding) return { answer: false, reason: 'weak-grounding' };
  if (extract.margin < thresholds.minMargin) return { answer: false, reason: 'ambiguous' };
  return { answer: true, intentRecognised: recognised };
}

/**
 * Questions about the visitor's own account or order state (is my claim
 * approved yet, how many points do I have now, why did my refund come to
 * that): the device cannot see accounts, so a person answers them.
 */
const ACCOUNT_DATA_PATTERNS: RegExp[] = [
  /\b(?:has|have|is|are|was|did)\b[^?.!]*\b(?:my|i|me)\b[^?.!]*\b(?:yet|right now|at the moment)\b/i,
  /\b(?:my|i|me)\b[^?.!]*\b(?:do i have|have i got)\b[^?.!]*\b(?:right now|now|currently|left)\b/i,
  /\bhow many\b[^?.!]*\bdo i have\b/i,
  /\bexact\b[^?.!]*\b(?:date|time|day)\b[^?.!]*\bmy\b/i,
  /\bwhy did my\b[^?.!]*\b(?:come to|cost|charge|amount)/i,
  /\b(?:card ending|charged twice|double charged)\b/i,
  /\bwhat(?:'s| is| was)\b[^?.!]*\b(?:password|pin|tracking number)\b[^?.!]*\b(?:my|me)\b/i,
  /\b(?:my friend|my neighbou?r|someone else)(?:'s)?\b[^?.!]*\b(?:order|address|parcel|account)\b/i,
  /\b(?:order|parcel|account|address)\b[^?.!]*\b(?:my friend|my neighbou?r|someone else)\b/i,
];

/** Requests for advice only a qualified person may give. */
const NEEDS_A_PERSON = /\b(?:legal advice|lawyer|solicitor|attorney|sue|suing|lawsuit|legal under|tax advice|medical advice|financial advice)\b/i;

/** Why a question must go to a person whatever the knowledge says, or null. */
export function personOnly(question: string): 'needs-account-data' | 'needs-a-person' | null {
  if (NEEDS_A_PERSON.test(question)) return 'needs-a-person';
  if (ACCOUNT_DATA_PATTERNS.some((p) => p.test(question))) return 'needs-account-data';
  return null;
}

const WILL = String.raw`(?:will|'ll|’ll|shall|are\s+going\s+to|is\s+going\s+to)\s+(?:definitely\s+|certainly\s+|surely\s+|always\s+)?`;
const MONEY = String.raw`(?:refund|credit|compensat|reimburs|money\s+back|voucher|gift\s+card|discount|free\s+(?:replacement|shipping))`;

/** Promises the AI cannot keep: refunds, credits, legal outcomes, delivery dates. */
const PROMISE_PATTERNS: RegExp[] = [
  new RegExp(String.raw`\b(?:you|we|i)\s*${WILL}(?:get|receive|be\s+(?:given|issued|sent|offered)|issue|give|send|offer|process)\b[^.!?]{0,40}${MONEY}`, 'i'),
  new RegExp(String.raw`\b(?:you|we|i)\s*${WILL}(?:be\s+)?(?:refund|credit|compensat|reimburs)`, 'i'),
  new RegExp(String.raw`\b(?:your\s+)?(?:refund|credit|compensation|money)\s*${WILL}(?:be\s+)?(?:approved|issued|paid|credited|back|in\s+your)`, 'i'),
  new RegExp(String.raw`\b(?:guarantee[sd]?|promise[sd]?)\b[^.!?]{0,50}(?:${MONEY}|deliver|arriv|on\s+time|by\s+\w+day)`, 'i'),
  new RegExp(String.raw`\byour\s+(?:order|parcel|package|delivery|item|items|shipment)\s*${WILL}(?:arrive|be\s+delivered|reach\s+you|get\s+to\s+you|be\s+with\s+you)\b`, 'i'),
  new RegExp(String.raw`\b(?:you|we)\s*${WILL}(?:win|not\s+be\s+(?:liable|charged|responsible)|be\s+entitled)|\blegally\s+(?:entitled|guaranteed)\b|\byou\s+have\s+a\s+(?:strong\s+)?(?:legal\s+)?(?:case|claim)\b`, 'i'),
];

/** True when `sentence` promises a refund, credit, delivery date or legal outcome to the visitor. */
export function makesPromise(sentence: string): boolean {
  return PROMISE_PATTERNS.some((p) => p.test(sentence));
}

const ORDER_STATUS =
  /\byour\s+(?:order|parcel|package|delivery|refund|return|shipment|payment)\s+(?:#?\S+\s+)?(?:has|is|was|have|got)\s+(?:been\s+|now\s+|already\s+)*(?:shipped|dispatched|delivered|sent|approved|processed|refunded|cancell?ed|lost|delayed|received|on\s+(?:its|the)\s+way|out\s+for\s+delivery|in\s+transit)/i;
const CONDITIONAL = /\b(?:once|when|after|if|until|before|as soon as|whether)\s+(?:\S+\s+){0,2}your\s+(?:order|parcel|package|delivery|refund|return|shipment|payment)\b/i;
const ORDER_NUMBER_LIKE = /#?\b[A-Z]{0,4}-?\d{5,}\b/g;

/**
 * True when `sentence` states facts about this visitor's order that the device
 * cannot know (its status, or an order number nobody gave), so it must not be said.
 * `known` holds the order numbers and values the visitor or the knowledge base supplied.
 */
export function inventsOrderData(sentence: string, known: ReadonlySet<string>): boolean {
  if (ORDER_STATUS.test(sentence) && !CONDITIONAL.test(sentence)) return true;
  for (const m of sentence.matchAll(ORDER_NUMBER_LIKE)) {
    const bare = m[0].replace(/^#/, '').toUpperCase();
    if (!known.has(bare)) return true;
  }
  return false;
}

/** The sentences of an answer that are safe to say; the rest are dropped, never reworded. */
export function safeSentences(candidates: string[], known: ReadonlySet<string>): string[] {
  return candidates.filter((s) => !makesPromise(s) && !inventsOrderData(s, known));
}

/**
 * Words without which no sentence can promise or state order data (every
 * pattern above needs one): a sentence may be shown word by word up to the
 * first of them, and waits from there until it is complete and judged.
 */
const RISKY_WORD =
  /\b(?:will|shall|going|guarantee\w*|promise\w*|refund\w*|credit\w*|compensat\w*|reimburs\w*|money|voucher\w*|gift|discount\w*|free|your|legal\w*|entitled|liable|win|case|claim\w*)\b|['’]ll\b|\d|#/i;

/**
 * Lets generated text through a sentence at a time, dropping any sentence
 * that promises or invents order data. `preview()` offers the words of the
 * sentence still being written that are safe to show before it is judged.
 */
export class GuardedSentences {
  private pending = '';
  /** Sentences dropped so far. */
  dropped = 0;

  constructor(private readonly known: ReadonlySet<string>) {}

  /** Adds generated text; returns the text now safe to show. */
  push(text: string): string {
    this.pending += text;
    let out = '';
    const boundary = /[.!?…](?:["”’)\]]*)(?:\s+|\n)/g;
    let cut = 0;
    for (let m = boundary.exec(this.pending); m; m = boundary.exec(this.pending)) {
      out += this.admit(this.pending.slice(cut, m.index + m[0].length));
      cut = m.index + m[0].length;
    }
    this.pending = this.pending.slice(cut);
    return out;
  }

  /**
   * The complete words of the unfinished sentence before any word that could
   * start a promise or order detail; the rest of it shows once it is judged.
   */
  preview(): string {
    const words = this.pending.slice(0, this.pending.search(/\s\S*$/) + 1);
    const risky = words.search(RISKY_WORD);
    return risky < 0 ? words : words.slice(0, risky);
  }

  /** The last, unterminated sentence, if safe. */
  flush(): string {
    const rest = this.pending;
    this.pending = '';
    return rest.trim() ? this.admit(rest) : '';
  }

  private admit(sentence: string): string {
    if (makesPromise(sentence) || inventsOrderData(sentence, this.known)) {
      this.dropped++;
      return '';
    }
    return sentence;
  }
}
