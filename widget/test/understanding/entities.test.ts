import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { Entity } from '../../../protocol/understanding.js';
import { findEntities } from '../../src/understanding/entities.js';

const now = new Date('2026-03-10T12:00:00');
const found = (text: string, locale = 'en-GB') => findEntities(text, locale, now).map((e) => [e.kind, e.text, e.value]);

function assertOffsets(text: string, entities: Entity[]): void {
  for (const e of entities) assert.equal(text.slice(e.start, e.end), e.text, `${e.kind} offsets point at its text`);
}

test('order numbers: hashed, prefixed, coded, UPS and digits after order words', () => {
  assert.deepEqual(found('Where is #A12345?'), [['order_number', '#A12345', 'A12345']]);
  assert.deepEqual(found('ORD-2024-1182 is late'), [['order_number', 'ORD-2024-1182', 'ORD-2024-1182']]);
  assert.deepEqual(found('my order number is 100234551'), [['order_number', '100234551', '100234551']]);
  assert.deepEqual(found('tracking 1Z999AA10123456784'), [['order_number', '1Z999AA10123456784', '1Z999AA10123456784']]);
  assert.deepEqual(found('订单号 88990011 没到'), [['order_number', '88990011', '88990011']]);
  assert.deepEqual(found('I ordered 3 in 2024'), []);
  assert.deepEqual(found('COVID-19 delays'), []);
});

test('emails are lower-cased values; a trailing full stop is not part of one', () => {
  assert.deepEqual(found('Mail Sam.Taylor+shop@Gmail.com.'), [['email', 'Sam.Taylor+shop@Gmail.com', 'sam.taylor+shop@gmail.com']]);
  assert.deepEqual(found('Tweet us @shopsupport'), []);
});

test('phones become E.164 using the visitor region first', () => {
  assert.deepEqual(found('call me on 07700 900123'), [['phone', '07700 900123', '+447700900123']]);
  assert.deepEqual(found('reach me at (415) 555-2671', 'en-US'), [['phone', '(415) 555-2671', '+14155552671']]);
  assert.deepEqual(found('mobile 0412 345 678', 'en-AU'), [['phone', '0412 345 678', '+61412345678']]);
  assert.deepEqual(found('+33 6 12 34 56 78'), [['phone', '+33 6 12 34 56 78', '+33612345678']]);
});

test('amounts carry their currency, with the dollar following the region', () => {
  assert.deepEqual(found('charged £20 twice'), [['amount', '£20', '20 GBP']]);
  assert.deepEqual(found('it was 20 quid'), [['amount', '20 quid', '20 GBP']]);
  assert.deepEqual(found('took USD 40'), [['amount', 'USD 40', '40 USD']]);
  assert.deepEqual(found('paid $89', 'en-AU'), [['amount', '$89', '89 AUD']]);
  assert.deepEqual(found('€1.299,00 refund'), [['amount', '€1.299,00', '1299 EUR']]);
  assert.deepEqual(found('a 99p charge'), [['amount', '99p', '0.99 GBP']]);
});

test('dates resolve against now, day-first in Britain and month-first in the US', () => {
  assert.deepEqual(found('ordered it yesterday'), [['date', 'yesterday', '2026-03-09']]);
  assert.deepEqual(found('booked for 12/03/2026'), [['date', '12/03/2026', '2026-03-12']]);
  assert.deepEqual(found('booked for 03/12/2026', 'en-US'), [['date', '03/12/2026', '2026-03-12']]);
  assert.deepEqual(found('It was due on 3rd March'), [['date', '3rd March', '2026-03-03']]);
  assert.deepEqual(found('tomorrow at 3pm'), [['date', 'tomorrow at 3pm', '2026-03-11T15:00']]);
  assert.deepEqual(found('may I ask, I sat on hold for an hour'), []);
});

test('a bare day of the month is this month, the next once passed, the last after a past-tense verb', () => {
  assert.deepEqual(found('The sale ends on the 31st?'), [['date', '31st', '2026-03-31']]);
  assert.deepEqual(found('can you deliver by the 2nd'), [['date', '2nd', '2026-04-02']]);
  assert.deepEqual(found('it arrived on the 28th broken'), [['date', '28th', '2026-02-28']]);
  assert.deepEqual(found('order placed Friday'), [['date', 'Friday', '2026-03-06']]);
});

test('a seven-digit local number is hidden but not offered as a phone: it has no area code', () => {
  assert.deepEqual(found('Ring me at 555-0134', 'en-US'), []);
});

test('one message with everything: offsets point into the original text, in order', () => {
  const text = 'Order 33441199 - email a.b@c.com, phone 07700 900999, paid £19.99 on 2 March';
  const entities = findEntities(text, 'en-GB', now);
  assert.deepEqual(entities.map((e) => e.kind), ['order_number', 'email', 'phone', 'amount', 'date']);
  assertOffsets(text, entities);
});

test('a card number is never an order number, phone or amount', () => {
  assert.deepEqual(found('card 4111 1111 1111 1111'), []);
});

test('bad input gives valid, in-range entities', () => {
  const huge = 'Order #A12345 costs £20, call 07700 900123 tomorrow. '.repeat(80);
  const entities = findEntities(huge, 'en-GB', now);
  assert.ok(entities.length >= 80 * 3);
  assertOffsets(huge, entities);
  for (const text of ['', '😡😡', '\u0000\u0001\u0002', 'مرحبا 0501234567', '#'.repeat(500), '1'.repeat(5000)]) {
    assertOffsets(text, findEntities(text, 'en-GB', now));
  }
});
