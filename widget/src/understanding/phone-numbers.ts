import { parsePhoneNumberFromString, type CountryCode } from 'libphonenumber-js/min';
import { localeParts } from './locale-parts.js';
import { PHONE_CANDIDATE, PHONE_MIN_DIGITS } from './phone-shapes.js';
import { digitsOf, hasDigits, type TextSpan } from './text-span.js';

const ISO_DATE = /^\d{4}-\d{1,2}-\d{1,2}$|^\d{1,2}[.\-/]\d{1,2}[.\-/]\d{2,4}$/;
/** Four-digit groups adding up to a card's length: a mistyped card, not phone numbers side by side. */
const CARD_SHAPED = /^\d{4}(?:[ -]\d{4}){2,3}(?:[ -]?\d{1,3})?$/;
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
  /** A numbering plan vouches for it, or it is long enough to dial: good enough to show as an entity, not only to hide. */
  dialable: boolean;
}


/** Default numbering plans to try, visitor's region first. */
export function countriesFor(locale: string | undefined): CountryCode[] {
  const { region } = localeParts(locale);
  const order: CountryCode[] = ['GB', 'US', 'AU'];
  const first = region === 'UK' ? 'GB' : region;
  if (/^[A-Z]{2}$/.test(first)) return [first as CountryCode, ...order.filter((c) => c !== first)];
  return order;
}

/**
 * Phone numbers in the text, E.164 values. A candidate counts when a numbering
 * plan (visitor's region, then GB, US, AU) says it is valid, or when it is a
 * possible number and the words before it talk about phoning.
 */
export function findPhones(text: string, locale?: string): PhoneMatch[] {
  const found: PhoneMatch[] = [];
  if (!hasDigits(text, PHONE_MIN_DIGITS)) return found;
  const countries = countriesFor(locale);
  const budget = { parses: MAX_PARSED_CANDIDATES };
  for (const m of text.matchAll(PHONE_CANDIDATE)) {
    const raw = withoutStrayBracket(m[0]);
    const digits = digitsOf(raw);
    if (digits.length < PHONE_MIN_DIGITS) continue;
    if (ISO_DATE.test(raw) || TIME_RANGE.test(raw)) continue;
    if (budget.parses <= 0) {
      if (digits.length >= 9) found.push({ start: m.index, end: m.index + raw.length, text: raw, value: '', dialable: false });
      continue;
    }
    const context = PHONE_CONTEXT.test(text.slice(Math.max(0, m.index - 40), m.index));
    const value = digits.length <= 15 ? cachedPhoneValue(raw, countries, context, budget) : undefined;
    if (value) found.push({ start: m.index, end: m.index + raw.length, text: raw, value, dialable: dialable(value, digits) });
    else if (/\s/.test(raw) && !CARD_SHAPED.test(raw)) found.push(...splitRun(raw, m.index, countries, context, budget));
  }
  return found;
}

/**
 * Numbers written next to each other ("(646) 555-0183 ) 07700 989945") make
 * one candidate that no plan accepts: try the longest run of space-separated
 * pieces from each piece on, so neither number slips through.
 */
function splitRun(raw: string, offset: number, countries: CountryCode[], context: boolean, budget: ParseBudget): PhoneMatch[] {
  const pieces = [...raw.matchAll(/\S+/g)].map((p) => ({ start: p.index, end: p.index + p[0].length }));
  const found: PhoneMatch[] = [];
  // A wall of numbers (a pasted table or log) is hidden whole rather than searched window by window.
  if (pieces.length > MAX_RUN_PIECES) return [{ start: offset, end: offset + raw.length, text: raw, value: '', dialable: false }];
  for (let i = 0; i < pieces.length; ) {
    let matched = 0;
    for (let j = Math.min(pieces.length, i + 6); j > i && budget.parses > 0; j--) {
      const slice = raw.slice(pieces[i]!.start, pieces[j - 1]!.end);
      const text = withoutStrayBracket(slice.replace(/^[)\-.]+|[(\-.]+$/g, ''));
      const digits = digitsOf(text).length;
      if (digits < 7 || digits > 15 || !/^(?:\+|\(?\d)/.test(text)) continue;
      const value = cachedPhoneValue(text, countries, context, budget);
      if (!value) continue;
      const start = offset + pieces[i]!.start + slice.indexOf(text);
      found.push({ start, end: start + text.length, text, value, dialable: dialable(value, digitsOf(text)) });
      matched = j - i;
      break;
    }
    if (budget.parses <= 0 && !matched) {
      // Out of parses: hide the rest of the run by shape rather than risk a leak.
      const rest = raw.slice(pieces[i]!.start).trimEnd();
      if (digitsOf(rest).length >= 9) found.push({ start: offset + pieces[i]!.start, end: offset + pieces[i]!.start + rest.length, text: rest, value: '', dialable: false });
      break;
    }
    i += matched || 1;
  }
  return found;
}

const MAX_RUN_PIECES = 40;

interface ParseBudget {
  parses: number;
}

/** "(415) 555-2671)" and "555-0183 )" end with a bracket that belongs to the sentence. */
function withoutStrayBracket(raw: string): string {
  let text = raw.trim();
  while (text.endsWith(')') && (text.match(/\(/g)?.length ?? 0) < (text.match(/\)/g)?.length ?? 0)) text = text.slice(0, -1).trimEnd();
  return text;
}

function cachedPhoneValue(raw: string, countries: CountryCode[], phoneContext: boolean, budget: ParseBudget): string | undefined {
  const key = `${countries[0]}|${phoneContext ? 1 : 0}|${raw}`;
  const cached = parsedValues.get(key);
  if (cached !== undefined) return cached ?? undefined;
  budget.parses--;
  const value = phoneValue(raw, countries, phoneContext);
  if (parsedValues.size >= PARSED_VALUES_KEPT) parsedValues.clear();
  parsedValues.set(key, value ?? null);
  return value;
}

function phoneValue(raw: string, countries: CountryCode[], phoneContext: boolean): string | undefined {
  const international = raw.startsWith('+') || raw.startsWith('00');
  if (international) {
    const parsed = parsePhoneNumberFromString(raw.startsWith('00') ? `+${raw.slice(2)}` : raw);
    return parsed && wholeNumber(raw, parsed.nationalNumber) && (parsed.isValid() || parsed.isPossible()) ? parsed.number : undefined;
  }
  let possible: string | undefined;
  for (const country of countries) {
    const parsed = parsePhoneNumberFromString(raw, country);
    if (!parsed || !wholeNumber(raw, parsed.nationalNumber)) continue;
    if (parsed.isValid()) return parsed.number;
    if (!possible && parsed.isPossible()) possible = parsed.number;
  }
  // A national number with a trunk 0 ("07700 900123") is a phone even in a drama range.
  if (possible && (phoneContext || /^\(?0\d/.test(raw))) return possible;
  return undefined;
}

/** libphonenumber reads a number off the front of longer text; only a parse of every digit counts. */
function wholeNumber(raw: string, nationalNumber: string): boolean {
  return digitsOf(raw).endsWith(nationalNumber);
}

/** Seven-digit local numbers ("555-0134") are worth hiding but have no area code to make them E.164. */
function dialable(value: string, digits: string): boolean {
  return value !== '' && digits.length >= 9;
}
