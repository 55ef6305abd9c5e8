import type { SearchResult } from '../../protocol/knowledge.js';

/** A reply the agent can send as is, edit, or reject. */
export interface ReplySuggestion {
  id: string;
  articleId: string;
  title: string;
  url: string;
  text: string;
}

/** Knowledge-base snippets end mid-sentence; a reply should not. */
function wholeSentences(snippet: string, max = 320): string {
  const clean = snippet.replace(/\s+/g, ' ').replace(/^[…\s]+|[…\s]+$/g, '').trim();
  if (clean.length <= max) return /[.!?]$/.test(clean) ? clean : `${clean}…`;
  const cut = clean.slice(0, max);
  const end = Math.max(cut.lastIndexOf('. '), cut.lastIndexOf('! '), cut.lastIndexOf('? '));
  return end > 40 ? cut.slice(0, end + 1) : `${cut.trimEnd()}…`;
}

/**
 * Replies drafted from the best help articles for the visitor's last
 * message; tickets are context for the agent, not something to quote to a customer.
 */
export function suggestReplies(results: readonly SearchResult[], limit = 3): ReplySuggestion[] {
  return results
    .filter((r) => r.source === 'article')
    .slice(0, limit)
    .map((r) => ({
      id: `${r.id}:${r.score.toFixed(3)}`,
      articleId: r.id,
      title: r.title,
      url: r.url,
      text: `${wholeSentences(r.snippet)}\n\nMore in our guide "${r.title}": ${r.url}`,
    }));
}
