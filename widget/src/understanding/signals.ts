import type { Understanding } from '../../../protocol/understanding.js';
import { libraryFinders } from './phone-and-date-libraries.js';
import { readSignalsWith, warmUpSignalsWith, type SignalOptions, type Signals } from './signal-reader.js';

export { ANALYSED_CHARS, type SignalOptions, type Signals } from './signal-reader.js';

/**
 * Rule-based understanding of one visitor message, phones and dates
 * included; see `readSignalsWith`.
 *
 * @example
 * const s = readSignals('Wheres my order #A12345?? mail me at jo@example.com', [], { locale: 'en-GB' });
 * s.redacted // "Wheres my order #A12345?? mail me at [EMAIL]"
 * s.entities.map((e) => e.kind) // ["order_number", "email"]
 */
export function readSignals(text: string, previous: readonly Pick<Understanding, 'sentiment' | 'frustration'>[], options: SignalOptions = {}): Signals {
  return readSignalsWith(libraryFinders, text, previous, options);
}

/**
 * Compiles every pattern the rules use, phones and dates included, before a
 * visitor needs them; see `warmUpSignalsWith`.
 *
 * @example
 * setTimeout(() => warmUpSignals('en-GB'), 0);
 */
export function warmUpSignals(locale?: string): void {
  warmUpSignalsWith(libraryFinders, locale);
}
