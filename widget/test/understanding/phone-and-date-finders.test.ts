import { test } from 'node:test';
import assert from 'node:assert/strict';
import { libraryFinders } from '../../src/understanding/phone-and-date-libraries.js';
import { needsPhoneAndDateFinders, SHAPE_ONLY_FINDERS } from '../../src/understanding/phone-and-date-finders.js';
import { readSignalsWith } from '../../src/understanding/signal-reader.js';

const now = new Date('2026-03-10T12:00:00');
const options = { locale: 'en-GB', now };

const WITHOUT = [
  '',
  'hi, where is my order?',
  'wheres me parcel??',
  "I can't pay my bill",
  'This is UNACCEPTABLE!!! I will sue you 😡 talk to a human',
  'got a fiver back, mail me at jo@example.com',
  'order #A12 please, 40 quid',
  'Hello 你好 Привет مرحبا שלום',
  '!?'.repeat(2_000),
];
const WITH = [
  'call me on 07700 900123 about my order from 3rd March',
  'ring (646) 555-0183 tomorrow',
  'it came yesterday',
  'SSN 123-45-6789, card 4111 1111 1111 1111',
  'order 12345678, 555 0134 ext',
  'مرحبا، طلبي رقم 55123 لم يصل. اتصل بي على +971 50 123 4567',
  'I paid £49.99 on 12/03/2026',
  'order #A123 and ORD-5521 please',
];

test('a message the phone and date libraries cannot add to reads the same without them', () => {
  for (const text of WITHOUT) {
    assert.equal(needsPhoneAndDateFinders(text), false, text);
    assert.deepEqual(readSignalsWith(SHAPE_ONLY_FINDERS, text, [], options), readSignalsWith(libraryFinders, text, [], options), text);
  }
});

test('a message with digits or date words is one that needs them', () => {
  for (const text of WITH) assert.equal(needsPhoneAndDateFinders(text), true, text);
});

test('without the libraries, every phone they would hide is still hidden, and no phone or date is claimed', () => {
  for (const text of WITH) {
    const full = readSignalsWith(libraryFinders, text, [], options);
    const shape = readSignalsWith(SHAPE_ONLY_FINDERS, text, [], options);
    for (const e of full.entities.filter((e) => e.kind === 'phone')) assert.ok(!shape.redacted.includes(e.text), `${text}: ${e.text} leaked`);
    assert.ok(!shape.entities.some((e) => e.kind === 'phone' || e.kind === 'date'), text);
    assert.deepEqual(shape.entities, full.entities.filter((e) => e.kind !== 'phone' && e.kind !== 'date'), text);
  }
  assert.equal(readSignalsWith(SHAPE_ONLY_FINDERS, 'ring me on 07700 900123', [], options).redacted, 'ring me on [PHONE]');
});
