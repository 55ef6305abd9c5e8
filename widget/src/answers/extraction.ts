import type { SearchResult } from '../../../protocol/knowledge.js';
import type { Citation } from '../conversation/message.js';
import { neutralisePassage } from './passage-safety.js';
import { indexTerms } from '../../../relay/src/knowledge/text-analysis.js';

/** A retrieved result with the text to extract from (the full passage when cached, else the snippet). */
export interface Passage {
  result: SearchResult;
  text: string;
}

export interface ExtractedAnswer {
  /** Sentences of one passage, in its order, wording unchanged. */
  sentences: string[];
  citation: Citation;
  /** The passage the sentences came from. */
  passageId: string;
  /** Share of the question's content terms found in that passage (title included), 0..1. */
  grounding: number;
  /** Instruction-like sentences dropped from the passages considered. */
  neutralised: number;
}

/** Words that mark a sentence as the answer to a given intent, beyond the visitor's own words. */
const INTENT_HINTS: Record<string, string> = {
  track_order: 'track tracking status shipped dispatched courier where',
  delivery_period: 'days delivery arrive business working',
  delivery_options: 'delivery shipping express standard next day options',
  cancel_order: 'cancel cancellation before dispatched',
  change_order: 'change edit modify order item',
  change_shipping_address: 'address change delivery update',
  set_up_shipping_address: 'address add save shipping',
  get_refund: 'refund return money back',
  track_refund: 'refund processed days bank appear',
  check_refund_policy: 'refund policy return days eligible',
  check_cancellation_fee: 'fee cancellation charge',
  check_payment_methods: 'pay payment card accept methods',
  payment_issue: 'payment declined failed card charge',
  get_invoice: 'invoice download receipt',
  check_invoice: 'invoice receipt amount',
  recover_password: 'password reset link email',
  registration_problems: 'register account sign verification email',
  create_account: 'create account sign register',
  delete_account: 'delete close account data',
  edit_account: 'update edit account details profile',
  switch_account: 'switch account sign log',
  newsletter_subscription: 'newsletter unsubscribe subscribe email',
  place_order: 'order checkout basket place',
  review: 'review rating feedback',
  complaint: 'complaint feedback escalate',
  contact_customer_service: 'contact hours phone chat email team',
};

const MAX_CHARS = 420;
const MAX_SENTENCES = 3;

interface Candidate {
  passage: Passage;
  rank: number;
  sentences: string[];
  terms: Set<string>;
  neutralised: number;
}

/**
 * Picks the passage that answers `query` and the few sentences of it that do,
 * keeping the article's own wording. Returns null when no passage has any
 * usable sentence (everything was empty or instruction-like).
 */
export function extractAnswer(query: string, intent: string, passages: readonly Passage[], maxPassages = 3): ExtractedAnswer | null {
  const questionTerms = new Set(indexTerms(query));
  const hintTerms = new Set(indexTerms(INTENT_HINTS[intent] ?? ''));
  let neutralised = 0;
  const candidates: Candidate[] = [];
  passages.slice(0, maxPassages).forEach((passage, rank) => {
    const safe = neutralisePassage(passage.text);
    neutralised += safe.neutralised;
    if (safe.sentences.length === 0) return;
    const terms = new Set(indexTerms(`${passage.result.title} ${safe.sentences.join(' ')}`));
    candidates.push({ passage, rank, sentences: safe.sentences, terms, neutralised: safe.neutralised });
  });
  if (candidates.length === 0) return null;

  const coverage = (c: Candidate) => {
    if (questionTerms.size === 0) return 0;
    let hit = 0;
    for (const t of questionTerms) if (c.terms.has(t)) hit++;
    return hit / questionTerms.size;
  };
  // Retrieval's order stands unless a lower passage covers the question clearly better.
  let chosen = candidates[0]!;
  let chosenCoverage = coverage(chosen);
  for (const c of candidates.slice(1)) {
    const cov = coverage(c);
    if (cov >= chosenCoverage + 0.34) {
      chosen = c;
      chosenCoverage = cov;
    }
  }

  const picked = pickSentences(chosen.sentences, questionTerms, hintTerms);
  return {
    sentences: picked,
    citation: { title: chosen.passage.result.title, url: chosen.passage.result.url },
    passageId: chosen.passage.result.id,
    grounding: chosenCoverage,
    neutralised,
  };
}

/** The best sentence by weighted overlap, plus the ones right after it that continue it. */
function pickSentences(all: string[], questionTerms: Set<string>, hintTerms: Set<string>): string[] {
  const sentenceTerms = all.map((s) => indexTerms(s));
  const df = new Map<string, number>();
  for (const terms of sentenceTerms) for (const t of terms) df.set(t, (df.get(t) ?? 0) + 1);
  const idf = (t: string) => Math.log(1 + all.length / (df.get(t) ?? 1));

  const scores = sentenceTerms.map((terms, i) => {
    let score = 0;
    for (const t of terms) {
      if (questionTerms.has(t)) score += idf(t);
      else if (hintTerms.has(t)) score += 0.4 * idf(t);
    }
    // Help articles put the direct answer first; a slight lean toward early sentences breaks ties.
    return score + 0.15 / (1 + i);
  });
  let best = 0;
  for (let i = 1; i < scores.length; i++) if (scores[i]! > scores[best]!) best = i;

  const out = [all[best]!];
  let length = out[0]!.length;
  for (let i = best + 1; i < all.length && out.length < MAX_SENTENCES; i++) {
    const s = all[i]!;
    const introduces = /:\s*$/.test(out[out.length - 1]!) || out[out.length - 1]!.length < 60;
    if (!introduces && scores[i]! < 0.5) break;
    if (length + s.length > MAX_CHARS) break;
    out.push(s);
    length += s.length;
  }
  return out;
}
