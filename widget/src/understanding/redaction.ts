import { libraryFinders } from './phone-and-date-libraries.js';
import { redactPiiWith, type Redaction } from './pii-redactor.js';

export { PII_PLACEHOLDERS, type PiiSpan, type Redaction } from './pii-redactor.js';

/**
 * Finds PII and replaces it with typed placeholders; see `redactPiiWith`.
 *
 * @example
 * redactPii('card 4111 1111 1111 1111, mail me at jo@example.com').redacted
 * // => "card [CARD], mail me at [EMAIL]"
 */
export function redactPii(text: string, locale?: string): Redaction {
  return redactPiiWith(libraryFinders, text, locale);
}
