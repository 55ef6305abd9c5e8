import type { Entity, Frustration, Understanding } from '../../../protocol/understanding.js';
import { findEntitiesWith } from './entity-finder.js';
import { readFrustration } from './frustration.js';
import { guessLanguage } from './language.js';
import type { PhoneAndDateFinders } from './phone-and-date-finders.js';
import { redactPiiWith } from './pii-redactor.js';
import { readSentiment } from './sentiment.js';

/** Everything the rules read from one message, without the intent model. */
export type Signals = Pick<Understanding, 'sentiment' | 'frustration' | 'entities' | 'language' | 'redacted' | 'pii'>;

export interface SignalOptions {
  /** The visitor's locale (BCP 47), e.g. "en-GB": picks the phone plan, the dollar, day-first dates. */
  locale?: string;
  /** What "yesterday" is relative to; now by default. */
  now?: Date;
}

/**
 * Tone, entities and language are read from the first 4 000 characters: a
 * pasted log says nothing more about how the visitor feels, and the cap keeps
 * a 100 KB message fast. Redaction always covers the whole text.
 */
export const ANALYSED_CHARS = 4_000;

/**
 * Rule-based understanding of one visitor message: sentiment, frustration
 * (with the conversation so far), entities, language, and the PII-redacted
 * text that is the only form allowed to leave the device. Pure and
 * synchronous; runs in Node and in the inference worker. Phones and dates
 * come from `finders` (see {@link PhoneAndDateFinders}).
 *
 * @example
 * const s = readSignalsWith(libraryFinders, 'Wheres my order #A12345?? mail me at jo@example.com', [], { locale: 'en-GB' });
 * s.redacted // "Wheres my order #A12345?? mail me at [EMAIL]"
 * s.entities.map((e) => e.kind) // ["order_number", "email"]
 */
export function readSignalsWith(
  finders: PhoneAndDateFinders,
  text: string,
  previous: readonly Pick<Understanding, 'sentiment' | 'frustration'>[],
  options: SignalOptions = {},
): Signals {
  const input = typeof text === 'string' ? text : '';
  const head = input.length > ANALYSED_CHARS ? input.slice(0, ANALYSED_CHARS) : input;
  const last = previous.at(-1);
  const sentiment = readSentiment(head, { previousSentiment: last?.sentiment, previousFrustration: last?.frustration?.score });
  const frustration = readFrustration({ text: head, sentiment: sentiment.score, sarcasm: sentiment.sarcasm, previous });
  const entities: Entity[] = findEntitiesWith(finders, head, options.locale, options.now);
  const { redacted, pii } = redactPiiWith(finders, input, options.locale);
  return { sentiment: hostileTone(sentiment.score, frustration), frustration, entities, language: guessLanguage(head), redacted, pii };
}

/**
 * Compiles every pattern the rules use before a visitor needs them. V8
 * compiles a regular expression to machine code on its second use, and
 * chrono-node's date patterns take long to compile (`signals.first_use` in
 * bench/results.json: the first messages of a cold process take tens of ms,
 * the warm-up itself about 230): a worker calls this when idle, so the
 * visitor's first message with a date does not pay it.
 *
 * @example
 * setTimeout(() => warmUpSignalsWith(libraryFinders, 'en-GB'), 0);
 */
export function warmUpSignalsWith(finders: PhoneAndDateFinders, locale?: string): void {
  const samples = [
    'Wheres my order #A12345?? I paid £49.99 on 3rd March, 2 days ago. Call 07700 900123 or mail jo@example.com',
    'Ordered 12/03/2026, due next Friday at 3pm, it was yesterday. Card 4111 1111 1111 1111, SSN 123-45-6789',
    'This is UNACCEPTABLE!!! I will sue you 😡 talk to a human, as per my last message. Great, another delay.',
    'IBAN GB82 WEST 1234 5698 7654 32, order number 100234551, USD 40, 20 quid, the 31st, tomorrow morning',
  ];
  // Twice: the second use is the one that compiles.
  for (let pass = 0; pass < 2; pass++) {
    let previous: Signals[] = [];
    for (const text of samples) previous = [readSignalsWith(finders, text, previous, { locale })];
  }
}

/**
 * A threat or a jab reads negative whatever words carry it ("My lawyer will
 * be in touch", "WHERE IS MY ORDER"). Asking for a person and a "!!" alone do not.
 */
function hostileTone(sentiment: number, frustration: Frustration): number {
  const hostile = frustration.signals.filter((s) => s.kind !== 'human-request' && s.kind !== 'punctuation-run');
  if (hostile.length === 0) return sentiment;
  const strength = 1 - hostile.reduce((calm, s) => calm * (1 - s.weight), 1);
  return Math.min(sentiment, -Math.round(strength * 600) / 1000);
}
