import { test } from 'node:test';
import assert from 'node:assert/strict';
import { readSignals, warmUpSignals, type Signals } from '../../src/understanding/signals.js';

const KINDS = new Set(['order_number', 'email', 'phone', 'amount', 'date']);

function assertValid(text: string, s: Signals): void {
  assert.ok(Number.isFinite(s.sentiment) && s.sentiment >= -1 && s.sentiment <= 1, `sentiment ${s.sentiment}`);
  assert.ok(Number.isFinite(s.frustration.score) && s.frustration.score >= 0 && s.frustration.score <= 1, `frustration ${s.frustration.score}`);
  for (const signal of s.frustration.signals) assert.ok(signal.weight > 0 && signal.weight <= 1 && typeof signal.match === 'string');
  for (const e of s.entities) {
    assert.ok(KINDS.has(e.kind));
    assert.ok(e.start >= 0 && e.end <= text.length && e.start < e.end);
    assert.equal(text.slice(e.start, e.end), e.text);
  }
  assert.equal(typeof s.language, 'string');
  assert.ok(/^(?:und|[a-z]{2,3})$/.test(s.language));
  assert.equal(typeof s.redacted, 'string');
  assert.ok(Array.isArray(s.pii));
  JSON.stringify(s);
}

test('one message, everything read at once', () => {
  const text = "Wheres my order #A12345?? I paid £49.99 yesterday. Mail me at jo@example.com or ring 07700 900123. This is RIDICULOUS!!!";
  const s = readSignals(text, [], { locale: 'en-GB', now: new Date('2026-03-10T12:00:00') });
  assertValid(text, s);
  assert.ok(s.sentiment < 0);
  assert.ok(s.frustration.score >= 0.5);
  assert.deepEqual(s.entities.map((e) => e.kind), ['order_number', 'amount', 'date', 'email', 'phone']);
  assert.equal(s.language, 'en');
  assert.equal(s.redacted, "Wheres my order #A12345?? I paid £49.99 yesterday. Mail me at [EMAIL] or ring [PHONE]. This is RIDICULOUS!!!");
  assert.deepEqual(s.pii, ['email', 'phone']);
});

test('bad input always gives a valid result', () => {
  const binary = Array.from({ length: 4096 }, (_, i) => String.fromCharCode((i * 7919) % 65536)).join('');
  const inputs = [
    '',
    '   \n\t ',
    '😡😡😡🤬',
    '👍',
    binary,
    '\u0000\u0001\u0002\u0003\uFFFD\uFFFE',
    'مرحبا، طلبي رقم 55123 لم يصل. اتصل بي على +971 50 123 4567',
    'שלום, ההזמנה שלי לא הגיעה, המייל שלי dana@example.co.il',
    'Hello 你好 Привет مرحبا שלום こんにちは',
    '\u202Eevil override\u202C 4111 1111 1111 1111',
    'a'.repeat(100_000),
    '9'.repeat(100_000),
    '1 '.repeat(50_000),
    '@'.repeat(50_000) + 'x@y.com',
    '!?'.repeat(50_000),
    'ORD-'.repeat(25_000),
    '(((('.repeat(25_000),
    'My card is 4111 1111 1111 1111. '.repeat(3_000),
  ];
  for (const text of inputs) {
    const started = performance.now();
    const s = readSignals(text, [], { locale: 'en-GB' });
    assertValid(text, s);
    // Not a speed claim (that is the benchmark's job): a guard against runaway backtracking.
    assert.ok(performance.now() - started < 5_000, `took too long on ${JSON.stringify(text.slice(0, 20))}`);
  }
});

test('PII is removed from the whole of a huge message, not just the part read for tone', () => {
  const text = 'x '.repeat(40_000) + 'email me at hidden@example.com, card 4111 1111 1111 1111';
  const s = readSignals(text, [], { locale: 'en-GB' });
  assert.ok(!s.redacted.includes('hidden@example.com'));
  assert.ok(!s.redacted.includes('4111 1111 1111 1111'));
  assert.deepEqual(s.pii.sort(), ['card', 'email']);
});

test('RTL and other-script messages keep their text and PII rules', () => {
  const s = readSignals('مرحبا، بريدي ali@example.com ورقمي +971 50 123 4567', [], { locale: 'ar' });
  assert.equal(s.language, 'ar');
  assert.equal(s.redacted, 'مرحبا، بريدي [EMAIL] ورقمي [PHONE]');
});

test('a non-string from a careless caller is treated as empty', () => {
  const s = readSignals(undefined as unknown as string, []);
  assertValid('', s);
  assert.equal(s.redacted, '');
});

test('previous understandings shape this one', () => {
  const first = readSignals('My refund still has not arrived, this is ridiculous', []);
  const thanks = readSignals('Thanks!!!!', [first]);
  assert.ok(thanks.sentiment < 0);
  assert.ok(readSignals('Thanks!!!!', []).sentiment > 0);
});

test('warming up changes nothing about the answers', () => {
  const text = 'I ordered on 3rd March, 2 days ago, paid £20. Call 07700 900123. This is ridiculous!!!';
  const options = { locale: 'en-GB', now: new Date('2026-03-10T12:00:00') };
  const before = readSignals(text, [], options);
  warmUpSignals('en-GB');
  warmUpSignals();
  assert.deepEqual(readSignals(text, [], options), before);
});

test('a date late in a long message is still found', () => {
  const text = 'blah '.repeat(600) + 'it was due on 3rd March';
  const s = readSignals(text, [], { locale: 'en-GB', now: new Date('2026-03-10T12:00:00') });
  assert.deepEqual(s.entities.map((e) => [e.kind, e.value]), [['date', '2026-03-03']]);
});
