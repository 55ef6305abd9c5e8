import type { TextSpan } from './text-span.js';

/**
 * Bounded quantifiers keep this linear on hostile input (no nested unbounded
 * repeats). The local part allows what people type, the domain needs a dot.
 */
const EMAIL = /(?<![\w.%+-])[\p{L}\p{N}._%+-]{1,128}@(?:[\p{L}\p{N}](?:[\p{L}\p{N}-]{0,61}[\p{L}\p{N}])?\.){1,8}\p{L}{2,24}(?![\p{L}\p{N}-])/gu;

export interface EmailMatch extends TextSpan {
  text: string;
  value: string;
}

/** Email addresses in the text, with lower-cased values. */
export function findEmails(text: string): EmailMatch[] {
  const found: EmailMatch[] = [];
  if (!text.includes('@')) return found;
  for (const m of text.matchAll(EMAIL)) {
    let raw = m[0];
    // A trailing dot ends the sentence, not the address.
    while (raw.startsWith('.')) raw = raw.slice(1);
    const start = m.index + (m[0].length - raw.length);
    if (!raw.includes('@') || raw.startsWith('@')) continue;
    found.push({ start, end: start + raw.length, text: raw, value: raw.toLowerCase() });
  }
  return found;
}
