import type { ConversationMessage } from '../conversation/message.js';

const PLACEHOLDER = /\[(?:EMAIL|PHONE|CARD|IBAN|NATIONAL_ID)\]/g;

/**
 * The personal details a visitor typed, recovered by lining each message up
 * with its redacted form (the worker replaced exactly those spans). Bot lines
 * can only echo what the visitor gave, so these values are all a bot line
 * needs checking for, without shipping a second redactor to the page.
 * Returns null when a message cannot be lined up, so callers withhold instead of guessing.
 */
export function visitorPiiValues(messages: readonly ConversationMessage[]): string[] | null {
  const values = new Set<string>();
  for (const m of messages) {
    if (m.role !== 'visitor') continue;
    if (!m.understanding) return null;
    const found = removedSpans(m.text, m.understanding.redacted);
    if (!found) return null;
    for (const v of found) values.add(v);
  }
  return [...values].sort((a, b) => b.length - a.length);
}

/** The spans of `raw` that `redacted` replaced with placeholders, or null when the two do not line up. */
export function removedSpans(raw: string, redacted: string): string[] | null {
  const literals = redacted.split(PLACEHOLDER);
  if (literals.length === 1) return raw === redacted ? [] : null;
  const first = literals[0]!;
  if (!raw.startsWith(first)) return null;
  let cursor = first.length;
  const spans: string[] = [];
  for (let i = 1; i < literals.length; i++) {
    const next = literals[i]!;
    const last = i === literals.length - 1;
    // Two placeholders with nothing between them cannot be told apart.
    if (!next && !last) return null;
    const end = last ? (raw.endsWith(next) ? raw.length - next.length : -1) : raw.indexOf(next, cursor + 1);
    if (end <= cursor) return null;
    spans.push(raw.slice(cursor, end));
    cursor = end + next.length;
  }
  return cursor === raw.length ? spans : null;
}

/** `text` with every one of `values` replaced by `[REDACTED]`. */
export function redactEchoes(text: string, values: readonly string[]): string {
  let out = text;
  for (const v of values) if (v.trim()) out = out.split(v).join('[REDACTED]');
  return out;
}
