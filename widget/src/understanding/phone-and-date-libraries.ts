import { findDates } from './calendar-dates.js';
import type { PhoneAndDateFinders } from './phone-and-date-finders.js';
import { findPhones } from './phone-numbers.js';

/** The library-backed finders, imported statically (Node, tests) or as the worker's lazy chunk. */
export const libraryFinders: PhoneAndDateFinders = { findPhones, findDates };
