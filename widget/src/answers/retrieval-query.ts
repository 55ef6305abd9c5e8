import type { Understanding } from '../../../protocol/understanding.js';
import { indexTerms } from '../../../relay/src/knowledge/text-analysis.js';
import type { ConversationMessage } from '../conversation/message.js';

/** A follow-up with fewer content words than this borrows the previous question's words. */
const FOLLOW_UP_TERMS = 3;

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
export function retrievalQuery(text: string, understanding: Understanding, history: readonly ConversationMessage[]): RetrievalQuery {
  const search = understanding.redacted || text;
  if (indexTerms(text).length >= FOLLOW_UP_TERMS) return { search, local: text };
  const previous = [...history].reverse().find((m) => m.role === 'visitor' && m.text.trim());
  if (!previous) return { search, local: text };
  const previousRedacted = previous.understanding?.redacted ?? '';
  return {
    search: previousRedacted ? `${previousRedacted} ${search}` : search,
    local: `${previous.text} ${text}`,
  };
}
