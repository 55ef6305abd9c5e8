import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readFileSync } from 'node:fs';
import { passesIbanMod97, passesLuhn } from '../../src/understanding/checksums.js';
import { redactPii } from '../../src/understanding/redaction.js';

test('checksums: Luhn and IBAN mod 97', () => {
  assert.ok(passesLuhn('4111111111111111'));
  assert.ok(!passesLuhn('4111111111111112'));
  assert.ok(!passesLuhn('41a1'));
  assert.ok(passesIbanMod97('GB82WEST12345698765432'));
  assert.ok(!passesIbanMod97('GB82WEST12345698765433'));
  assert.ok(!passesIbanMod97('hello'));
});

test('each kind becomes its typed placeholder', () => {
  const { redacted, pii } = redactPii('card 4111 1111 1111 1111, mail jo@example.com, ring 07700 900123, IBAN GB82 WEST 1234 5698 7654 32, NI QQ 12 34 56 C', 'en-GB');
  assert.equal(redacted, 'card [CARD], mail [EMAIL], ring [PHONE], IBAN [IBAN], NI [NATIONAL_ID]');
  assert.deepEqual(pii, ['card', 'email', 'phone', 'iban', 'national_id']);
});

test('national ids: US SSN, UK NI number, Canadian SIN, Australian TFN, Spanish DNI/NIE', () => {
  for (const [text, locale] of [['SSN 123-45-6789', 'en-US'], ['NI number AB123456C', 'en-GB'], ['my SIN is 046 454 286', 'en-US'], ['TFN 123 456 782', 'en-AU'], ['DNI 12345678Z', 'es-ES'], ['NIE X1234567L', 'es-ES']] as const) {
    assert.deepEqual(redactPii(text, locale).pii, ['national_id'], text);
  }
  assert.deepEqual(redactPii('SSN 000-12-3456').pii, [], 'area 000 is never issued');
  assert.deepEqual(redactPii('call 123 456 789').pii.includes('national_id'), false, 'bare digits need the words around them');
});

test('phone numbers people give without an area code are still hidden', () => {
  assert.equal(redactPii('Ring me at 555-0134', 'en-US').redacted, 'Ring me at [PHONE]');
});

test('order numbers, failed checksums and everyday numbers are left alone', () => {
  for (const text of ['Where is order #A12345?', 'ORD-2024-1182 is late', 'order number 100234551', 'my card 4111 1111 1111 1112 was declined', 'paid £1,299.99 on 12/03/2026', 'open 9:00-17:30', 'ISBN 978-0-306-40615-7', 'DE89 is the start of it', 'order reference 6011000990139425']) {
    const { redacted, pii } = redactPii(text, 'en-GB');
    assert.equal(redacted, text);
    assert.deepEqual(pii, []);
  }
});

/** Deterministic pseudo-random numbers, so a failure can be replayed. */
function random(seed: number): () => number {
  let s = seed;
  return () => ((s = (s * 1103515245 + 12345) % 2147483648) / 2147483648);
}

function luhnCard(next: () => number): string {
  const body = '4' + Array.from({ length: 14 }, () => Math.floor(next() * 10)).join('');
  for (let d = 0; d < 10; d++) if (passesLuhn(body + d)) return body + d;
  throw new Error('unreachable');
}

test('property: generated emails, phones and cards never survive redaction, wherever they sit', () => {
  const next = random(42);
  const fillers = ['Hi,', 'my details:', 'order #A12345', 'thanks!!', '😡', 'ok so', '£20', 'yesterday', '—', '(', ')', ',', 'wheres me parcel'];
  const pick = <T>(items: readonly T[]) => items[Math.floor(next() * items.length)]!;
  for (let i = 0; i < 300; i++) {
    const card = luhnCard(next);
    const grouped = pick([card, card.replace(/(\d{4})(?=\d)/g, '$1 '), card.replace(/(\d{4})(?=\d)/g, '$1-')]);
    const email = `${pick(['jo', 'sam.taylor', 'a_b', 'x+y'])}${i}@${pick(['example.com', 'mail.co.uk', 'corp.example.com.au'])}`;
    const mobile = `07700 9${String(Math.floor(next() * 100000)).padStart(5, '0')}`;
    const us = `(${pick(['212', '415', '646'])}) 555-0${String(100 + Math.floor(next() * 99)).padStart(3, '0')}`;
    const pieces = [grouped, email, mobile, us, pick(fillers), pick(fillers), pick(fillers)].sort(() => next() - 0.5);
    const text = pieces.join(pick([' ', ', ', '\n', ' / ']));
    const { redacted } = redactPii(text, pick(['en-GB', 'en-US', 'en-AU']));
    for (const secret of [card, grouped, email, mobile, us]) assert.ok(!redacted.includes(secret), `leaked ${secret} from ${JSON.stringify(text)} -> ${JSON.stringify(redacted)}`);
    assert.ok(!/\d{4}[ -]?\d{4}[ -]?\d{4}[ -]?\d{4}/.test(redacted), `card-like digits left in: ${redacted}`);
  }
});

test('no labeled PII in models/data/signals/pii.jsonl survives, and its negatives stay untouched', () => {
  const rows = readFileSync(new URL('../../../models/data/signals/pii.jsonl', import.meta.url), 'utf8').split('\n').filter(Boolean).map((l) => JSON.parse(l) as { text: string; locale: string; pii: { text: string; start: number; end: number }[] });
  for (const row of rows) {
    const { redacted, spans } = redactPii(row.text, row.locale);
    for (const gold of row.pii) {
      assert.ok(spans.some((s) => s.start <= gold.start && s.end >= gold.end), `not wholly redacted: ${gold.text} -> ${redacted}`);
      assert.ok(!redacted.includes(gold.text), `leaked ${gold.text} -> ${redacted}`);
    }
    if (row.pii.length === 0) assert.equal(redacted, row.text);
  }
});

test('a huge message is redacted all the way to its end', () => {
  const text = 'blah '.repeat(19_000) + 'my card is 4111 1111 1111 1111 and email late@example.com';
  const { redacted } = redactPii(text, 'en-GB');
  assert.ok(redacted.endsWith('my card is [CARD] and email [EMAIL]'));
  const manyPhones = Array.from({ length: 400 }, (_, i) => `call 07700 9${String(i).padStart(5, '0')}`).join('. ');
  const out = redactPii(manyPhones, 'en-GB').redacted;
  assert.ok(!/07700 9\d{5}/.test(out), 'every phone is hidden even past the parse budget');
});
