import { passesLuhn } from './checksums.js';
import { digitsOf, hasDigits, type TextSpan } from './text-span.js';

/**
 * National identity numbers: each pattern with its own validity check, and
 * the ones that are just digits only where the words around them say so.
 */
interface NationalIdRule {
  name: string;
  pattern: RegExp;
  valid: (match: string) => boolean;
  /** Required words within 40 characters before the number. */
  context?: RegExp;
}

const SSN_CONTEXT = /\b(?:ssn|social security|social|tax id|itin)\b/i;
const SIN_CONTEXT = /\b(?:sin|social insurance)\b/i;
const TFN_CONTEXT = /\b(?:tfn|tax file)\b/i;
const AADHAAR_CONTEXT = /\b(?:aadhaar|aadhar|uid)\b/i;
const DNI_LETTERS = 'TRWAGMYFPDXBNJZSQVHLCKE';

const RULES: readonly NationalIdRule[] = [
  {
    name: 'us-ssn',
    pattern: /(?<![\p{L}\p{N}\-])\d{3}([- ])\d{2}\1\d{4}(?![\p{N}]|-\d)/gu,
    valid: (m) => validSsn(digitsOf(m)),
  },
  {
    name: 'us-ssn-bare',
    pattern: /(?<![\p{L}\p{N}])\d{9}(?![\p{N}])/gu,
    valid: (m) => validSsn(m),
    context: SSN_CONTEXT,
  },
  {
    name: 'uk-nino',
    // HMRC never issues D, F, I, U, V first or D, F, I, O, U, V second; "QQ" is kept because it fills every example form.
    pattern: /(?<![\p{L}\p{N}])[A-CEGHJ-TW-Z][A-CEGHJ-NP-TW-Z] ?\d{2} ?\d{2} ?\d{2} ?[A-D](?![\p{L}\p{N}])/giu,
    valid: (m) => !/^(?:BG|GB|NK|KN|TN|NT|ZZ)/i.test(m),
  },
  {
    name: 'ca-sin',
    pattern: /(?<![\p{L}\p{N}])\d{3}[- ]?\d{3}[- ]?\d{3}(?![\p{N}])/gu,
    valid: (m) => passesLuhn(digitsOf(m)),
    context: SIN_CONTEXT,
  },
  {
    name: 'au-tfn',
    pattern: /(?<![\p{L}\p{N}])\d{3} ?\d{3} ?\d{2,3}(?![\p{N}])/gu,
    valid: (m) => validTfn(digitsOf(m)),
    context: TFN_CONTEXT,
  },
  {
    name: 'es-dni',
    pattern: /(?<![\p{L}\p{N}])[XYZ]?\d{7,8}-?[A-Z](?![\p{L}\p{N}])/giu,
    valid: (m) => validDni(m.toUpperCase().replace('-', '')),
  },
  {
    name: 'in-aadhaar',
    pattern: /(?<![\p{L}\p{N}])[2-9]\d{3} ?\d{4} ?\d{4}(?![\p{N}])/gu,
    valid: () => true,
    context: AADHAAR_CONTEXT,
  },
];

/** Spans of national identity numbers (US SSN, UK NI number, Canadian SIN, Australian TFN, Spanish DNI/NIE, Aadhaar). */
export function findNationalIds(text: string): TextSpan[] {
  if (!hasDigits(text)) return [];
  const found: TextSpan[] = [];
  for (const rule of RULES) {
    for (const m of text.matchAll(rule.pattern)) {
      if (!rule.valid(m[0])) continue;
      if (rule.context && !rule.context.test(text.slice(Math.max(0, m.index - 40), m.index))) continue;
      found.push({ start: m.index, end: m.index + m[0].length });
    }
  }
  return found;
}

function validSsn(digits: string): boolean {
  if (digits.length !== 9) return false;
  const area = digits.slice(0, 3);
  return area !== '000' && area !== '666' && area[0] !== '9' && digits.slice(3, 5) !== '00' && digits.slice(5) !== '0000';
}

function validTfn(digits: string): boolean {
  const weights = digits.length === 9 ? [1, 4, 3, 7, 5, 8, 6, 9, 10] : [10, 7, 8, 4, 6, 3, 5, 1];
  if (digits.length !== weights.length) return false;
  let sum = 0;
  for (let i = 0; i < digits.length; i++) sum += (digits.charCodeAt(i) - 48) * weights[i]!;
  return sum % 11 === 0;
}

function validDni(id: string): boolean {
  const prefix = { X: '0', Y: '1', Z: '2' }[id[0] ?? ''] ?? '';
  const body = prefix ? prefix + id.slice(1, -1) : id.slice(0, -1);
  if (!/^\d{8}$/.test(body)) return false;
  return DNI_LETTERS[Number(body) % 23] === id.at(-1);
}
