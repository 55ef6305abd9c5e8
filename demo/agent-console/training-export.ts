/** What the agent did with an AI-suggested reply, kept as a labeled example for retraining. */
export interface SuggestionFeedback {
  /** The visitor message the suggestion answered: the example's text. */
  text: string;
  /** What the visitor was really asking about, as the agent judged it: the example's label. */
  label: string;
  action: 'edited' | 'rejected';
  suggestion: string;
  /** The reply the agent sent instead (edits only). */
  reply: string;
  articleId: string;
  conversationId: string;
  at: number;
}

const COLUMNS = ['text', 'label', 'action', 'suggestion', 'reply', 'article_id', 'conversation_id', 'at'] as const;

/** RFC 4180 field: quoted when it holds a comma, quote or line break; formulas neutralised for spreadsheets. */
function field(value: string): string {
  const safe = /^[=+\-@\t\r]/.test(value) ? `'${value}` : value;
  return /[",\r\n]/.test(safe) ? `"${safe.replace(/"/g, '""')}"` : safe;
}

/**
 * The agent's edits and rejections as CSV with `text` and `label` columns,
 * the shape `npm run models -- train --data FILE.csv --text-column text --label-column label` reads;
 * the other columns say what happened, for people reviewing the file.
 */
export function toTrainingCsv(rows: readonly SuggestionFeedback[]): string {
  const lines = [COLUMNS.join(',')];
  for (const r of rows) {
    lines.push(
      [r.text, r.label, r.action, r.suggestion, r.reply, r.articleId, r.conversationId, new Date(r.at).toISOString()].map(field).join(','),
    );
  }
  return `${lines.join('\r\n')}\r\n`;
}
