import type { PiiKind } from '../../../protocol/understanding.js';
import { findEmails } from './email-addresses.js';
import { findNationalIds } from './national-ids.js';
import { findOrderNumbers } from './order-numbers.js';
import { findCards, findIbans } from './payment-details.js';
import type { PhoneAndDateFinders } from './phone-and-date-finders.js';
import { maskSpans, SpanSet, type TextSpan } from './text-span.js';

export const PII_PLACEHOLDERS: Readonly<Record<PiiKind, string>> = {
  email: '[EMAIL]',
  phone: '[PHONE]',
  card: '[CARD]',
  iban: '[IBAN]',
  national_id: '[NATIONAL_ID]',
};

export interface PiiSpan extends TextSpan {
  kind: PiiKind;
}

export interface Redaction {
  /** The text with every PII span replaced by its placeholder: the only form that may leave the device. */
  redacted: string;
  /** Kinds found, each once, in order of first appearance. */
  pii: PiiKind[];
  spans: PiiSpan[];
}

/**
 * Finds PII and replaces it with typed placeholders. Checksummed kinds come
 * first (IBANs, cards), then emails, national ids and phones; a span taken by
 * one kind is not claimed by the next. Order and tracking numbers are not
 * PII and stay, so an agent can still look the order up.
 *
 * Phones come from `finders` (see {@link PhoneAndDateFinders}).
 *
 * @example
 * redactPiiWith(libraryFinders, 'card 4111 1111 1111 1111, mail me at jo@example.com').redacted
 * // => "card [CARD], mail me at [EMAIL]"
 */
export function redactPiiWith(finders: PhoneAndDateFinders, text: string, locale?: string): Redaction {
  const spans: PiiSpan[] = [];
  const taken = new SpanSet();
  const claim = (kind: PiiKind, found: readonly TextSpan[]) => {
    for (const span of found) if (taken.claim(span)) spans.push({ start: span.start, end: span.end, kind });
  };
  // An IBAN's mod-97 check is the stronger evidence: its digit groups can pass Luhn by chance.
  claim('iban', findIbans(text));
  claim('card', findCards(text));
  claim('email', findEmails(text));
  claim('national_id', findNationalIds(text));
  const masked = maskSpans(text, spans);
  const orders = new SpanSet();
  for (const order of findOrderNumbers(masked)) orders.claim(order);
  claim('phone', finders.findPhones(masked, locale).filter((p) => !orders.overlaps(p)));
  spans.sort((a, b) => a.start - b.start);

  let redacted = '';
  let cursor = 0;
  for (const span of spans) {
    redacted += text.slice(cursor, span.start) + PII_PLACEHOLDERS[span.kind];
    cursor = span.end;
  }
  redacted += text.slice(cursor);
  return { redacted, pii: [...new Set(spans.map((s) => s.kind))], spans };
}
