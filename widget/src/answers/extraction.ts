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
  cancel_order: 'cancel cancellation',
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

/** A line that titles a section rather than saying something: short, with no closing punctuation. */
function isHeading(line: string): boolean {
  return line.length < 80 && !/[.!?:;…)"”]$/.test(line);
}

/**
 * The best run of up to three consecutive sentences: each question term
 * counts once per run, weighted by how rare it is in the passage, so the run
 * that answers all of the question beats one that repeats part of it.
 * Headings are skipped; earlier runs win ties, since articles lead with the answer.
 */
function pickSentences(all: string[], questionTerms: Set<string>, hintTerms: Set<string>): string[] {
  const body = all.filter((s) => !isHeading(s));
  if (body.length === 0) return [];
  const sentenceTerms = body.map((s) => indexTerms(s));
  const df = new Map<string, number>();
  for (const terms of sentenceTerms) for (const t of terms) df.set(t, (df.get(t) ?? 0) + 1);
  const weight = (t: string) => {
    const idf = Math.log(1 + body.length / (df.get(t) ?? 1));
    return questionTerms.has(t) ? idf : hintTerms.has(t) ? 0.3 * idf : 0;
  };

  let best = { start: 0, end: 1, score: -1 };
  for (let start = 0; start < body.length; start++) {
    const seen = new Set<string>();
    let score = 0;
    let length = 0;
    for (let end = start; end < body.length && end - start < MAX_SENTENCES; end++) {
      length += body[end]!.length;
      if (end > start && length > MAX_CHARS) break;
      let gain = 0;
      for (const t of sentenceTerms[end]!) {
        if (seen.has(t)) continue;
        seen.add(t);
        gain += weight(t);
      }
      // A sentence that adds nothing ends the run, unless it follows a lead-in ("To cancel:").
      if (end > start && gain === 0 && !/:$/.test(body[end - 1]!)) break;
      score += gain;
      const total = score + 0.3 * (1 - start / body.length);
      if (total > best.score + 1e-9) best = { start, end: end + 1, score: total };
    }
  }
  const picked = body.slice(best.start, best.end);
  // Never end on a lead-in that promises steps it does not show.
  while (picked.length > 1 && /:$/.test(picked[picked.length - 1]!)) picked.pop();
  return picked;
}
