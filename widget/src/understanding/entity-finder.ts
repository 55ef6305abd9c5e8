import type { Entity, EntityKind } from '../../../protocol/understanding.js';
import { findEmails } from './email-addresses.js';
import { findAmounts } from './money-amounts.js';
import { findOrderNumbers } from './order-numbers.js';
import { findCards } from './payment-details.js';
import type { PhoneAndDateFinders } from './phone-and-date-finders.js';
import { maskSpans, SpanSet, type TextSpan } from './text-span.js';

interface Found extends TextSpan {
  text: string;
  value: string;
}

/**
 * Order numbers, emails, phones (E.164), amounts ("12.50 GBP") and dates
 * (ISO) with offsets into the original text. Where two kinds claim the same
 * characters the more specific wins: email, order number, amount, phone, date.
 * Card numbers are never reported as entities of any kind.
 *
 * Phones and dates come from `finders` (see {@link PhoneAndDateFinders}).
 *
 * @example
 * findEntitiesWith(libraryFinders, 'Order #A12345 was £20', 'en-GB').map((e) => `${e.kind}=${e.value}`)
 * // => ["order_number=A12345", "amount=20 GBP"]
 */
export function findEntitiesWith(finders: PhoneAndDateFinders, text: string, locale?: string, now?: Date): Entity[] {
  const entities: Entity[] = [];
  const taken = new SpanSet();
  const cards = findCards(text);
  for (const card of cards) taken.claim(card);
  const claim = (kind: EntityKind, found: readonly Found[]) => {
    for (const f of found) {
      if (!taken.claim(f)) continue;
      entities.push({ kind, text: f.text, value: f.value, start: f.start, end: f.end });
    }
  };
  claim('email', findEmails(text));
  claim('order_number', findOrderNumbers(maskSpans(text, cards)));
  claim('amount', findAmounts(text, locale));
  claim('phone', finders.findPhones(maskSpans(text, [...cards, ...entities]), locale).filter((p) => p.dialable));
  claim('date', finders.findDates(text, locale, now));
  return entities.sort((a, b) => a.start - b.start);
}
