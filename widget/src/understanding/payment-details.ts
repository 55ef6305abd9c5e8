import { passesIbanMod97, passesLuhn } from './checksums.js';
import { digitsOf, hasDigits, type TextSpan } from './text-span.js';

/**
 * Where a card may start: a digit group beginning after a non-digit, with
 * 13-19 digits ahead grouped by single spaces or dashes. A lookahead, so a
 * failed run ("£20 4690-0445-...") does not hide a card that starts inside it.
 */
const CARD_START = /(?<![\p{L}\p{N}\-])(?=(\d(?:[ \-]?\d){12,18}))/gu;
/** Issuer prefixes of the card networks in use (Visa, Mastercard, Amex, Discover, JCB, Diners, UnionPay, Maestro). */
const ISSUER = /^(?:4|5[1-5]|2[2-7]|3[47]|3[0689]|6(?:011|5|4[4-9]|2)|35|50|5[6-8]|6[37])/;

/** Country code, two check digits, then up to 30 letters or digits, in groups or not. */
const IBAN = /(?<![\p{L}\p{N}])[A-Z]{2}\d{2}(?: ?[A-Z0-9]){11,30}/giu;
/** Exact IBAN lengths for the countries visitors are likeliest to paste; others may be 15-34. */
const IBAN_LENGTHS: Readonly<Record<string, number>> = {
  GB: 22, IE: 22, DE: 22, FR: 27, ES: 24, IT: 27, NL: 18, BE: 16, PT: 25, AT: 20, CH: 21, LU: 20, DK: 18,
  FI: 18, SE: 24, NO: 15, PL: 28, CZ: 24, SK: 24, HU: 28, RO: 24, BG: 22, GR: 27, HR: 21, SI: 19, LT: 20,
  LV: 21, EE: 20, MT: 31, CY: 28, IS: 26, LI: 21, MC: 27, SM: 27, TR: 26, IL: 23, AE: 23, SA: 24, QA: 29,
};

/** Payment card numbers that pass the Luhn check and start like a real card. */
export function findCards(text: string): TextSpan[] {
  if (!hasDigits(text)) return [];
  const found: TextSpan[] = [];
  let after = 0;
  for (const m of text.matchAll(CARD_START)) {
    if (m.index < after) continue;
    const length = cardLength(m[1] ?? '');
    if (length === 0) continue;
    found.push({ start: m.index, end: m.index + length });
    after = m.index + length;
  }
  return found;
}

/** Length of the longest valid card at the start of a digit run, ending where a digit group ends; 0 if none. */
function cardLength(run: string): number {
  // Every issuer prefix starts with 2-6; most digit runs fail here without allocating.
  const first = run.charCodeAt(0);
  if (first < 50 || first > 54) return 0;
  const all = digitsOf(run);
  if (!ISSUER.test(all)) return 0;
  const ends: number[] = [];
  for (let i = 0; i < run.length; i++) if (run[i] !== ' ' && run[i] !== '-') ends.push(i + 1);
  for (let digits = Math.min(19, ends.length); digits >= 13; digits--) {
    const end = ends[digits - 1]!;
    if (end < run.length && /\d/.test(run[end] ?? '')) continue;
    if (passesLuhn(all.slice(0, digits))) return end;
  }
  return 0;
}

/** IBANs that pass the mod-97 check, cut at their country's length. */
export function findIbans(text: string): TextSpan[] {
  if (!hasDigits(text)) return [];
  const found: TextSpan[] = [];
  for (const m of text.matchAll(IBAN)) {
    const span = validIbanPrefix(m[0]);
    if (span !== undefined) found.push({ start: m.index, end: m.index + span });
  }
  return found;
}

/** Length in the raw text of the longest valid IBAN at its start, if any. */
function validIbanPrefix(raw: string): number | undefined {
  const ends: number[] = [];
  let compact = '';
  for (let i = 0; i < raw.length; i++) {
    if (raw[i] === ' ') continue;
    compact += raw[i]!.toUpperCase();
    ends.push(i + 1);
  }
  const exact = IBAN_LENGTHS[compact.slice(0, 2)];
  const lengths = exact ? [exact] : Array.from({ length: 20 }, (_, k) => 34 - k);
  for (const length of lengths) {
    if (length > compact.length) continue;
    if (passesIbanMod97(compact.slice(0, length))) return ends[length - 1];
  }
  return undefined;
}
