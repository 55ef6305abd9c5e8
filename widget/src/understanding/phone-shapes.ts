import { digitsOf, hasDigits, type TextSpan } from './text-span.js';

/**
 * Anything shaped like a phone number: optional + or 00, then 7-15 digits
 * with the separators people type. libphonenumber-js decides which are
 * phones; its text scanner is slower than this pre-filter plus a parse of
 * the few candidates.
 */
export const PHONE_CANDIDATE = /(?<![\p{L}\p{N}#\-\/.,])(?:\+|00)?\(?\d[\d ().\-]*\d(?![\p{L}\p{N}]|[.,]\d|[\-\/]\d)/gu;

/** The fewest digits a phone number can have; fewer digits in a whole message and there is nothing to look for. */
export const PHONE_MIN_DIGITS = 7;

/** Phone-shaped runs of digits, judged by shape alone (no numbering plan): what must be hidden when no plan can be consulted. */
export function phoneShapes(text: string): (TextSpan & { text: string })[] {
  const found: (TextSpan & { text: string })[] = [];
  if (!hasDigits(text, PHONE_MIN_DIGITS)) return found;
  for (const m of text.matchAll(PHONE_CANDIDATE)) {
    const raw = m[0].trimEnd();
    if (digitsOf(raw).length >= PHONE_MIN_DIGITS) found.push({ start: m.index, end: m.index + raw.length, text: raw });
  }
  return found;
}
