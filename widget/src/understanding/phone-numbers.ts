import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js/min';
import { digitsOf, type TextSpan } from './text-span.js';

/**
 * Anything shaped like a phone number: optional + or 00, then 7-15 digits
 * with the separators people type. libphonenumber-js decides which are
 * phones; its text scanner is slower than this pre-filter plus a parse of
 * the few candidates.
 */
const CANDIDATE = /(?<![\p{L}\p{N}#\-\/.,])(?:\+|00)?\(?\d[\d ().\-]{5,22}\d(?![\p{L}\p{N}]|[.,]\d|[\-\/]\d)/gu;
const ISO_DATE = /^\d{4}-\d{1,2}-\d{1,2}$|^\d{1,2}[.\-/]\d{1,2}[.\-/]\d{2,4}$/;
const TIME_RANGE = /^\d{1,2}[.:]\d{2}\s*-\s*\d{1,2}[.:]\d{2}$/;
/** Words that make a run of digits a phone number even when no numbering plan vouches for it. */
const PHONE_CONTEXT = /\b(?:call|ring|phone|mobile|cell|tel|telephone|number|text|sms|whatsapp|contact|reach|landline|móvil|teléfono|téléphone|portable|handy|telefon|telefono)\b[^\n]{0,24}$/i;

/**
 * libphonenumber-js parses cost tens of microseconds each; past this many
 * candidates in one message (a pasted log), the rest are judged by shape
 * alone so redaction stays fast and errs towards hiding.
 */
const MAX_PARSED_CANDIDATES = 100;
/** Visitors repeat their number across a conversation; parsed values are kept for the next message. */
const parsedValues = new Map<string, string | null>();
const PARSED_VALUES_KEPT = 512;

export interface PhoneMatch extends TextSpan {
  text: string;
  /** E.164, e.g. "+447700900123"; empty when judged by shape alone (see MAX_PARSED_CANDIDATES). */
  value: string;
}

let lastCall: { text: string; locale: string | undefined; found: PhoneMatch[] } | undefined;

/** Default numbering plans to try, visitor's region first. */
export function countriesFor(locale: string | undefined): CountryCode[] {
  const region = locale?.replace('_', '-').split('-')[1]?.toUpperCase();
  const order: CountryCode[] = ['GB', 'US', 'AU'];
  const first = region === 'UK' ? 'GB' : region;
  if (first && /^[A-Z]{2}$/.test(first)) return [first as CountryCode, ...order.filter((c) => c !== first)];
  return order;
}

/**
 * Phone numbers in the text, E.164 values. A candidate counts when a numbering
 * plan (visitor's region, then GB, US, AU) says it is valid, or when it is a
 * possible number and the words before it talk about phoning.
 */
export function findPhones(text: string, locale?: string): PhoneMatch[] {
  // Entities and redaction both ask about the same message.
  if (lastCall && lastCall.text === text && lastCall.locale === locale) return lastCall.found.map((p) => ({ ...p }));
  const found: PhoneMatch[] = [];
  const countries = countriesFor(locale);
  let parsed = 0;
  for (const m of text.matchAll(CANDIDATE)) {
    let raw = m[0];
    // Balance a stray bracket: "(415) 555-2671)" or "call (0)20...".
    if (raw.endsWith(')') && !raw.includes('(')) raw = raw.slice(0, -1);
    const digits = digitsOf(raw);
    if (digits.length < 7 || digits.length > 15) continue;
    if (ISO_DATE.test(raw.trim()) || TIME_RANGE.test(raw.trim())) continue;
    if (parsed >= MAX_PARSED_CANDIDATES) {
      if (digits.length >= 9) found.push({ start: m.index, end: m.index + raw.length, text: raw, value: '' });
      continue;
    }
    parsed++;
    const context = PHONE_CONTEXT.test(text.slice(Math.max(0, m.index - 40), m.index));
    const value = cachedPhoneValue(raw, countries, context);
    if (value) found.push({ start: m.index, end: m.index + raw.length, text: raw, value });
  }
  lastCall = { text, locale, found: found.map((p) => ({ ...p })) };
  return found;
}

function cachedPhoneValue(raw: string, countries: CountryCode[], phoneContext: boolean): string | undefined {
  const key = `${countries[0]}|${phoneContext ? 1 : 0}|${raw}`;
  const cached = parsedValues.get(key);
  if (cached !== undefined) return cached ?? undefined;
  const value = phoneValue(raw, countries, phoneContext);
  if (parsedValues.size >= PARSED_VALUES_KEPT) parsedValues.clear();
  parsedValues.set(key, value ?? null);
  return value;
}

function phoneValue(raw: string, countries: CountryCode[], phoneContext: boolean): string | undefined {
  const international = raw.startsWith('+') || raw.startsWith('00');
  if (international) {
    const parsed = parsePhoneNumberFromString(raw.startsWith('00') ? `+${raw.slice(2)}` : raw);
    return parsed && (parsed.isValid() || parsed.isPossible()) ? parsed.number : undefined;
  }
  let possible: string | undefined;
  for (const country of countries) {
    const parsed = parsePhoneNumberFromString(raw, country);
    if (!parsed) continue;
    if (parsed.isValid()) return parsed.number;
    if (!possible && parsed.isPossible()) possible = parsed.number;
  }
  // A national number with a trunk 0 ("07700 900123") is a phone even in a drama range.
  if (possible && (phoneContext || /^\(?0\d/.test(raw))) return possible;
  return undefined;
}
