import type { findDates } from './calendar-dates.js';
import { mentionsDate } from './date-hints.js';
import { PHONE_MIN_DIGITS, phoneShapes } from './phone-shapes.js';
import type { findPhones } from './phone-numbers.js';
import { hasDigits } from './text-span.js';

/**
 * The two readers built on big libraries: phones through libphonenumber-js's
 * numbering plans, dates through chrono-node. Together they are about two
 * thirds of the rule signals' code (about 44 of 66 KB gzipped: `signals.weight`
 * and the `intent-browser` bench's byte counts), so the inference worker
 * loads them in their own chunk (`loadPhoneAndDateFinders`) and waits for them only for a
 * message that has digits or date words; Node code gets them statically
 * (`libraryFinders` in `phone-and-date-libraries.ts`).
 */
export interface PhoneAndDateFinders {
  findPhones: typeof findPhones;
  findDates: typeof findDates;
}

/** True when the finders could find something in the text: enough digits for a phone, or a date-like word. */
export function needsPhoneAndDateFinders(text: string): boolean {
  return hasDigits(text, PHONE_MIN_DIGITS) || mentionsDate(text);
}

/**
 * Until the libraries are loaded (or when their chunk could not be fetched):
 * every phone-shaped run of 7+ digits is hidden, no phone or date is claimed
 * as an entity. Errs towards hiding, like the phone finder on a pasted log.
 */
export const SHAPE_ONLY_FINDERS: PhoneAndDateFinders = {
  findPhones: (text) => phoneShapes(text).map((shape) => ({ ...shape, value: '', dialable: false })),
  findDates: () => [],
};

let loading: Promise<PhoneAndDateFinders> | undefined;

/**
 * The libraries' chunk, fetched and evaluated once per page or worker; a
 * failed fetch is tried again on the next call.
 *
 * @example
 * const finders = needsPhoneAndDateFinders(text) ? await loadPhoneAndDateFinders() : SHAPE_ONLY_FINDERS;
 */
export function loadPhoneAndDateFinders(): Promise<PhoneAndDateFinders> {
  loading ??= import('./phone-and-date-libraries.js').then(
    (module) => module.libraryFinders,
    (error: unknown) => {
      loading = undefined;
      throw error;
    },
  );
  return loading;
}
