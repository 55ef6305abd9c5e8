import type { IntentGuess } from '../../../protocol/understanding.js';

/** When the device is sure enough to answer; a site owner can raise or lower each bar. */
export interface AnswerThresholds {
  /** Intent confidence under this declines, on top of the model's own calibrated rejection. */
  minIntentConfidence: number;
  /** Share of the question's content terms the chosen passage must contain (0..1). */
  minGrounding: number;
  /** Lowest retrieval score accepted from each source; scores of different sources are not comparable. */
  minRetrievalScore: { relay: number; snapshot: number };
}

export const DEFAULT_THRESHOLDS: AnswerThresholds = {
  minIntentConfidence: 0.3,
  minGrounding: 0.5,
  minRetrievalScore: { relay: 0, snapshot: 0 },
};

/** Intents that are not questions for the knowledge base. */
export const OUT_OF_SCOPE_INTENTS = new Set(['oos', 'out_of_scope', 'unknown']);

export type DeclineReason =
  | 'intent-rejected'
  | 'low-intent-confidence'
  | 'no-passages'
  | 'weak-retrieval'
  | 'weak-grounding'
  | 'retrieval-failed';

export type AnswerGate = { answer: true } | { answer: false; reason: DeclineReason };

export interface GateInput {
  intent: IntentGuess;
  /** Best retrieval score, or null when nothing came back. */
  topScore: number | null;
  /** Which source the score came from. */
  source: 'relay' | 'snapshot';
  /** Grounding of the extract in the question, 0..1 (see `extractAnswer`). */
  grounding: number;
}

/** Answer only when both the intent and the retrieval clear their bars; otherwise say why not. */
export function answerGate(input: GateInput, thresholds: AnswerThresholds = DEFAULT_THRESHOLDS): AnswerGate {
  const { intent } = input;
  if (intent.rejected || OUT_OF_SCOPE_INTENTS.has(intent.label)) return { answer: false, reason: 'intent-rejected' };
  if (intent.confidence < thresholds.minIntentConfidence) return { answer: false, reason: 'low-intent-confidence' };
  if (input.topScore === null) return { answer: false, reason: 'no-passages' };
  if (input.topScore < thresholds.minRetrievalScore[input.source]) return { answer: false, reason: 'weak-retrieval' };
  if (input.grounding < thresholds.minGrounding) return { answer: false, reason: 'weak-grounding' };
  return { answer: true };
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
 * Lets generated text through a sentence at a time, dropping any sentence
 * that promises or invents order data. A sentence is shown once it is
 * complete, so nothing is shown and then taken back.
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
