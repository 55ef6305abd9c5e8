import { localeParts } from './locale-parts.js';
import { hasDigits, SpanSet, type TextSpan } from './text-span.js';

const NUMBER = String.raw`\d{1,3}(?:\.\d{3})+,\d{1,2}|\d{1,3}(?:[,\u00A0 ]\d{3})+(?:[.,]\d{1,2})?|\d+(?:[.,]\d{1,2})?`;
const SYMBOLS: Readonly<Record<string, string>> = {
  '£': 'GBP', '€': 'EUR', '¥': 'JPY', '₹': 'INR', '₩': 'KRW', '₺': 'TRY', '₽': 'RUB', '₪': 'ILS',
  'us$': 'USD', 'a$': 'AUD', 'au$': 'AUD', 'c$': 'CAD', 'ca$': 'CAD', 'nz$': 'NZD', 'hk$': 'HKD', 's$': 'SGD',
};
const CODES = 'USD|GBP|EUR|AUD|CAD|NZD|JPY|INR|CHF|SEK|NOK|DKK|PLN|SGD|HKD|ZAR|AED|SAR|MXN|BRL';
const WORDS: Readonly<Record<string, string>> = {
  quid: 'GBP', pounds: 'GBP', pound: 'GBP', pence: 'GBP', euros: 'EUR', euro: 'EUR',
  dollars: '$', dollar: '$', bucks: '$', cents: '$', usd: 'USD', gbp: 'GBP', eur: 'EUR', aud: 'AUD',
};
/** "£20", "US$ 40", "€12,50", "$1,299.99", "-£5". */
const SYMBOL_FIRST = new RegExp(String.raw`(?<![\p{L}\p{N}])(US\$|A\$|AU\$|C\$|CA\$|NZ\$|HK\$|S\$|[£€¥₹₩₺₽₪$])\s?(${NUMBER})(?:\s?(k|m|bn)\b)?`, 'giu');
/** "20€", "USD 40", "40 USD", "20 quid", "50 bucks", "99p". */
const CODE_FIRST = new RegExp(String.raw`(?<![\p{L}\p{N}])(${CODES})\s?(${NUMBER})(?![\p{N}])`, 'giu');
const NUMBER_FIRST = new RegExp(String.raw`(?<![\p{L}\p{N}.,$£€])(${NUMBER})\s?(${CODES}|quid|pounds?|pence|euros?|dollars?|bucks|cents|€|£)(?![\p{L}\p{N}])`, 'giu');
const PENCE = /(?<![\p{L}\p{N}.,])(\d{1,3})(p|c)(?![\p{L}\p{N}])/giu;
const SLANG: Readonly<Record<string, [number, string]>> = { fiver: [5, 'GBP'], tenner: [10, 'GBP'], };
const SLANG_RE = /\b(fiver|tenner)\b/giu;

export interface AmountMatch extends TextSpan {
  text: string;
  /** "{amount} {currency}" with a dot for decimals, e.g. "12.50 GBP". */
  value: string;
}

/** The dollar's country follows the visitor's region; US by default. */
export function dollarFor(locale: string | undefined): string {
  const { region } = localeParts(locale);
  return ({ AU: 'AUD', CA: 'CAD', NZ: 'NZD', SG: 'SGD', HK: 'HKD' } as Record<string, string>)[region] ?? 'USD';
}

/** Money amounts with their currency. */
export function findAmounts(text: string, locale?: string): AmountMatch[] {
  const found: AmountMatch[] = [];
  const taken = new SpanSet();
  const dollar = dollarFor(locale);
  const add = (start: number, raw: string, amount: number | undefined, currency: string | undefined) => {
    if (amount === undefined || !currency || !Number.isFinite(amount)) return;
    const end = start + raw.length;
    if (!taken.claim({ start, end })) return;
    const resolved = currency === '$' ? dollar : currency;
    found.push({ start, end, text: raw, value: `${formatAmount(amount)} ${resolved}` });
  };
  if (hasDigits(text)) findNumericAmounts(text, dollar, add);
  for (const m of text.matchAll(SLANG_RE)) {
    const [amount, currency] = SLANG[(m[1] ?? '').toLowerCase()] ?? [];
    add(m.index, m[0], amount, currency);
  }
  return found.sort((a, b) => a.start - b.start);
}

/** Amounts written with digits (every pattern but the slang). */
function findNumericAmounts(text: string, dollar: string, add: (start: number, raw: string, amount: number | undefined, currency: string | undefined) => void): void {
  for (const m of text.matchAll(SYMBOL_FIRST)) {
    const scale = { k: 1e3, m: 1e6, bn: 1e9 }[(m[3] ?? '').toLowerCase()] ?? 1;
    const amount = parseNumber(m[2] ?? '');
    add(m.index, m[0], amount === undefined ? undefined : amount * scale, currencyOfSymbol(m[1] ?? ''));
  }
  for (const m of text.matchAll(CODE_FIRST)) add(m.index, m[0], parseNumber(m[2] ?? ''), (m[1] ?? '').toUpperCase());
  for (const m of text.matchAll(NUMBER_FIRST)) {
    const unit = (m[2] ?? '').toLowerCase();
    const amount = parseNumber(m[1] ?? '');
    const minor = unit === 'pence' || unit === 'cents';
    add(m.index, m[0], amount === undefined ? undefined : minor ? amount / 100 : amount, currencyOfWord(unit));
  }
  for (const m of text.matchAll(PENCE)) {
    const unit = (m[2] ?? '').toLowerCase();
    const currency = unit === 'p' ? 'GBP' : dollar;
    add(m.index, m[0], Number(m[1]) / 100, currency);
  }
}

function currencyOfSymbol(symbol: string): string | undefined {
  if (symbol === '$') return '$';
  return SYMBOLS[symbol.toLowerCase()];
}

function currencyOfWord(word: string): string | undefined {
  if (word === '€') return 'EUR';
  if (word === '£') return 'GBP';
  return WORDS[word] ?? word.toUpperCase();
}

/** "1,299.99" -> 1299.99; "12,50" -> 12.5 (a decimal comma has exactly two digits after it and no other separator). */
function parseNumber(raw: string): number | undefined {
  const compact = raw.replace(/[\u00A0 ]/g, '');
  let normalised: string;
  if (/^\d+,\d{1,2}$/.test(compact)) normalised = compact.replace(',', '.');
  else if (/^\d{1,3}(?:\.\d{3})+,\d{1,2}$/.test(compact)) normalised = compact.replace(/\./g, '').replace(',', '.');
  else normalised = compact.replace(/,/g, '');
  const value = Number(normalised);
  return Number.isFinite(value) ? value : undefined;
}

function formatAmount(amount: number): string {
  return Number.isInteger(amount) ? String(amount) : amount.toFixed(2);
}
