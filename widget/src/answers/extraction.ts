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
  /** Share of the question's terms (weighted by rarity) found in that passage, title included, 0..1. */
  grounding: number;
  /**
   * How sure the extract answers the question: the retrieval score plus
   * evidence from the passage itself (coverage by the whole passage, by the
   * chosen sentences and by the title). Comparable across questions.
   */
  confidence: number;
  /** Confidence lead over the next-best passage; small means two articles could be meant. */
  margin: number;
  /** The next-best passage, when there is one. */
  runnerUp?: Citation;
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

/** Weight of each kind of passage evidence added to the retrieval score (see `ExtractedAnswer.confidence`). */
const EVIDENCE_WEIGHT = 0.5;

interface Candidate {
  passage: Passage;
  sentences: string[];
  grounding: number;
  confidence: number;
}

/**
 * Picks the passage that answers `query` and the few sentences of it that do,
 * keeping the article's own wording. Passages are re-ranked by how well they
 * (and their best sentences and title) cover the question, on top of the
 * retrieval score. Returns null when no passage has any usable sentence
 * (everything was empty or instruction-like).
 */
export function extractAnswer(
  query: string,
  intent: string,
  passages: readonly Passage[],
  options: { maxPassages?: number; termWeight?: (term: string) => number } = {},
): ExtractedAnswer | null {
  const { maxPassages = 3, termWeight = () => 1 } = options;
  const questionTerms = new Set(indexTerms(query));
  const hintTerms = new Set(indexTerms(INTENT_HINTS[intent] ?? ''));
  // Rare words weigh more: a question about "Patagonia" is not answered by an article that only shares "return".
  let totalWeight = 0;
  for (const t of questionTerms) totalWeight += termWeight(t);
  const coverage = (text: string) => {
    if (totalWeight === 0) return 0;
    const terms = new Set(indexTerms(text));
    let hit = 0;
    for (const t of questionTerms) if (terms.has(t)) hit += termWeight(t);
    return hit / totalWeight;
  };

  let neutralised = 0;
  const candidates: Candidate[] = [];
  for (const passage of passages.slice(0, maxPassages)) {
    const safe = neutralisePassage(passage.text);
    neutralised += safe.neutralised;
    const sentences = pickSentences(safe.sentences, questionTerms, hintTerms);
    if (sentences.length === 0) continue;
    const { title } = passage.result;
    const grounding = coverage(`${title} ${safe.sentences.join(' ')}`);
    const evidence = grounding + coverage(`${title} ${sentences.join(' ')}`) + coverage(title);
    candidates.push({ passage, sentences, grounding, confidence: passage.result.score + EVIDENCE_WEIGHT * evidence });
  }
  if (candidates.length === 0) return null;
  candidates.sort((a, b) => b.confidence - a.confidence);
  const [best, next] = candidates as [Candidate, Candidate | undefined];
  const cite = (c: Candidate): Citation => ({ title: c.passage.result.title, url: c.passage.result.url });
  return {
    sentences: best.sentences,
    citation: cite(best),
    passageId: best.passage.result.id,
    grounding: best.grounding,
    confidence: best.confidence,
    margin: best.confidence - (next?.confidence ?? 0),
    ...(next ? { runnerUp: cite(next) } : {}),
    neutralised,
  };
}

/** Short and without closing punctuation: a heading, or an item of a terse list. */
function isTerse(line: string | undefined): boolean {
  return line !== undefined && line.length <= 60 && !/[.!?;…)"”]$/.test(line) && line.split(/\s+/).length <= 8;
}

/** A terse line between ordinary ones titles a section; terse lines next to each other are a list. */
function isHeading(lines: readonly string[], i: number): boolean {
  return isTerse(lines[i]) && !isTerse(lines[i - 1]) && !isTerse(lines[i + 1]);
}

interface BodySentence {
  text: string;
  terms: string[];
  /** Index into `headings` of the section it sits in, or -1 before the first heading. */
  section: number;
}

/**
 * The best run of up to three consecutive sentences of one section: each
 * question term counts once per run, weighted by how rare it is in the
 * passage, so the run that answers all of the question beats one that
 * repeats part of it; the section's heading counts at half weight. The
 * heading is kept in front of the run, so list items never lose their
 * context ("What isn't covered: Accidental damage…"). Earlier runs win ties,
 * since articles lead with the answer.
 */
function pickSentences(all: string[], questionTerms: Set<string>, hintTerms: Set<string>): string[] {
  const headings: { text: string; terms: string[] }[] = [];
  const body: BodySentence[] = [];
  for (const [i, line] of all.entries()) {
    if (isHeading(all, i)) headings.push({ text: line, terms: indexTerms(line) });
    else body.push({ text: line, terms: indexTerms(line), section: headings.length - 1 });
  }
  if (body.length === 0) return [];
  const df = new Map<string, number>();
  for (const b of body) for (const t of b.terms) df.set(t, (df.get(t) ?? 0) + 1);
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
      if (body[end]!.section !== body[start]!.section) break;
      length += body[end]!.text.length;
      if (end > start && length > MAX_CHARS) break;
      let gain = 0;
      for (const t of body[end]!.terms) {
        if (seen.has(t)) continue;
        seen.add(t);
        gain += weight(t);
      }
      // A sentence that adds nothing ends the run, unless it follows a lead-in ("To cancel:").
      if (end > start && gain === 0 && !/:$/.test(body[end - 1]!.text)) break;
      score += gain;
      let fromHeading = 0;
      for (const t of headings[body[start]!.section]?.terms ?? []) if (!seen.has(t)) fromHeading += 0.5 * weight(t);
      const total = score + fromHeading + 0.3 * (1 - start / body.length);
      if (total > best.score + 1e-9) best = { start, end: end + 1, score: total };
    }
  }
  const picked = body.slice(best.start, best.end).map((b) => b.text);
  // Never end on a lead-in that promises steps it does not show.
  while (picked.length > 1 && /:$/.test(picked[picked.length - 1]!)) picked.pop();
  const heading = headings[body[best.start]!.section];
  return heading ? [heading.text.includes(':') ? `${heading.text}.` : `${heading.text}:`, ...picked] : picked;
}
