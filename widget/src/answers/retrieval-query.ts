import type { Understanding } from '../../../protocol/understanding.js';
import { indexTerms } from '../../../relay/src/knowledge/text-analysis.js';
import type { ConversationMessage } from '../conversation/message.js';

/** A follow-up with fewer content words than this borrows the previous question's words. */
const FOLLOW_UP_TERMS = 3;
/** A question is a few sentences; a pasted 100 KB log must cost no more than that, on the device or the relay. */
const MAX_QUERY_CHARS = 500;

const clip = (text: string) => (text.length <= MAX_QUERY_CHARS ? text : text.slice(0, MAX_QUERY_CHARS).replace(/\s+\S*$/, ''));

export interface RetrievalQuery {
  /** Sent to the relay: built from redacted text only, since it leaves the device. */
  search: string;
  /** Used on the device to pick sentences: the visitor's own words. */
  local: string;
}

/**
 * What to look up for this turn. A short follow-up ("and how long does that
 * take?") is read together with the visitor's previous message, so the
 * conversation, not only the last line, decides what is retrieved.
 */
export function retrievalQuery(fullText: string, understanding: Understanding, history: readonly ConversationMessage[]): RetrievalQuery {
  const text = clip(fullText);
  const search = clip(understanding.redacted);
  if (indexTerms(text).length >= FOLLOW_UP_TERMS) return { search, local: text };
  const previous = [...history].reverse().find((m) => m.role === 'visitor' && m.text.trim());
  if (!previous) return { search, local: text };
  const previousRedacted = clip(previous.understanding?.redacted ?? '');
  return {
    search: previousRedacted ? `${previousRedacted} ${search}` : search,
    local: `${clip(previous.text)} ${text}`,
  };
}
