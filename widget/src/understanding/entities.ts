import type { Entity } from '../../../protocol/understanding.js';
import { findEntitiesWith } from './entity-finder.js';
import { libraryFinders } from './phone-and-date-libraries.js';

/**
 * Order numbers, emails, phones (E.164), amounts ("12.50 GBP") and dates
 * (ISO) with offsets into the original text; see `findEntitiesWith`.
 *
 * @example
 * findEntities('Order #A12345 was £20', 'en-GB').map((e) => `${e.kind}=${e.value}`)
 * // => ["order_number=A12345", "amount=20 GBP"]
 */
export function findEntities(text: string, locale?: string, now?: Date): Entity[] {
  return findEntitiesWith(libraryFinders, text, locale, now);
}
