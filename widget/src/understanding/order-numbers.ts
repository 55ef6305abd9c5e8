import { hasDigits, SpanSet, type TextSpan } from './text-span.js';

/** "#A12345", "#100234": a hash and an id with at least three digits. */
const HASHED = /(?<![\p{L}\p{N}&])#\s?([A-Za-z]{0,4}-?\d[A-Za-z0-9-]{2,19})(?![\p{L}\p{N}])/gu;
/**
 * "ORD-2024-1182", "INV-88213", "AB-1234-XY": a letter prefix, a dash, digit
 * groups. Four digits at least unless more groups follow: "TX-900" is a model.
 */
const PREFIXED = /(?<![\p{L}\p{N}\-])([A-Za-z]{2,5}-(?:\d{4,12}|\d{3}(?=-))(?:-[A-Za-z0-9]{1,12}){0,3})(?![\p{L}\p{N}]|-\w)/gu;
/** "A12345", "W1234567", "BX120045": capitals then five or more digits; UPS "1Z" tracking numbers. */
const CODED = /(?<![\p{L}\p{N}\-])([A-Z]{1,3}\d{5,15}|1Z[0-9A-Z]{16})(?![\p{L}\p{N}\-])/gu;
/** Scripts without spaces name the order right before the digits: "订单号 88990011", "注文番号：12345". */
const UNSPACED_CONTEXT = /(?:订单号?|單號|单号|注文番号|注文|주문번호)\s*(?:[:：是为#]\s*)?(\d{5,20})(?!\d)/gu;
/**
 * Digits (or a mixed id with digits) right after words that name an order:
 * "order number is 100234551", "tracking no. 1Z999AA10123456784".
 */
const IN_CONTEXT =
  /\b(?:orders?|order\s?(?:id|no|nr|num|number|ref|reference|code)|tracking|reference|ref|confirmation|invoice|booking|ticket|case|consignment|parcel|package|shipment|receipt|transaction|pedido|commande|bestellung|ordine|encomenda)\b(?:[ \t]*(?:number|num|no\.?|nr|n°|#|id|code|ref|reference|is|was|:|-|nº)){0,3}[ \t]*#?[ \t]*([A-Za-z0-9]{0,4}\d[\d\- ]{2,24}\d|[A-Za-z0-9]{0,6}\d[A-Za-z0-9]{3,20})(?![\p{L}\p{N}])/giu;
/** Years are not orders even after "order" ("order from 2024"). */
const YEAR = /^(?:19|20)\d\d$/;
/** A national phone number with its trunk 0 ("parcel 07700 900123") is the visitor's phone, not an order. */
const TRUNK_PHONE = /^0[1-9]\d{8,9}$/;

export interface OrderNumberMatch extends TextSpan {
  text: string;
  /** Upper-case id without the leading "#", e.g. "A12345", "ORD-2024-1182". */
  value: string;
}

/** Order, tracking and reference numbers. They are not PII and are never redacted. */
export function findOrderNumbers(text: string): OrderNumberMatch[] {
  if (!hasDigits(text)) return [];
  const found: OrderNumberMatch[] = [];
  const taken = new SpanSet();
  const add = (start: number, raw: string) => {
    const trimmed = raw.replace(/[\s-]+$/, '');
    const end = start + trimmed.length;
    const value = trimmed.replace(/^#\s?/, '').replace(/\s+/g, '').toUpperCase();
    if ((value.match(/\d/g)?.length ?? 0) < 3 || !taken.claim({ start, end })) return;
    found.push({ start, end, text: trimmed, value });
  };
  for (const m of text.matchAll(HASHED)) add(m.index, m[0]);
  for (const m of text.matchAll(PREFIXED)) add(m.index, m[0]);
  for (const m of text.matchAll(CODED)) add(m.index, m[0]);
  for (const m of text.matchAll(UNSPACED_CONTEXT)) add(m.index + m[0].length - (m[1] ?? '').length, m[1] ?? '');
  for (const m of text.matchAll(IN_CONTEXT)) {
    const id = m[1] ?? '';
    if (YEAR.test(id) || /^\d{1,4}$/.test(id) || TRUNK_PHONE.test(id.replace(/[ -]/g, ''))) continue;
    add(m.index + m[0].length - id.length, id);
  }
  return found.sort((a, b) => a.start - b.start);
}
