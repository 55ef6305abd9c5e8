import { test } from 'node:test';
import assert from 'node:assert/strict';
import { normaliseText } from '../../src/understanding/normalise.js';

test('British slang becomes the words the intent model knows', () => {
  assert.equal(normaliseText('Wheres me parcel??? cant find it', 'en-GB'), "where is my package? can't find it");
  assert.equal(normaliseText('I need to TOP UP my phone', 'en-GB'), 'i need to recharge my phone');
  assert.equal(normaliseText('top-up failed', 'en-GB'), 'recharge failed');
});

test('"wheres my stuff" reads as asking where the order is, in every English locale', () => {
  for (const locale of ['en-GB', 'en-US', 'en-AU', 'en', undefined]) {
    assert.equal(normaliseText('wheres my stuff!!!', locale), 'where is my order!');
  }
});

test('common typos and chat shorthand are repaired', () => {
  assert.equal(normaliseText('Pleeeease help, I havent recieved my oder', 'en-US'), "please help, i haven't received my order");
  assert.equal(normaliseText('u said my pakage wud come 2moro', 'en-US'), 'you said my package wud come tomorrow');
});

test('regional words stay regional: "cell" is a phone in the US, "arvo" an afternoon in Australia', () => {
  assert.equal(normaliseText('my cell number changed', 'en-US'), 'my phone number changed');
  assert.equal(normaliseText('deliver this arvo', 'en-AU'), 'deliver this afternoon');
  assert.equal(normaliseText('deliver this arvo', 'en-US'), 'deliver this arvo');
});

test("the site owner's map merges over the defaults and can switch one off", () => {
  assert.equal(normaliseText('Need a top up on my oyster', 'en-GB', { 'top up': 'add credit', oyster: 'travel card' }), 'need a add credit on my travel card');
  assert.equal(normaliseText('where is me parcel', 'en-GB', { parcel: 'parcel', 'me parcel': 'my parcel' }), 'where is my parcel');
  // The defaults still apply next to the owner's words.
  assert.equal(normaliseText('cant log in', 'en-GB', { oyster: 'travel card' }), "can't log in");
});

test('owner keys are matched case- and space-insensitively as whole words', () => {
  assert.equal(normaliseText('My LOYALTY  Points', 'en-GB', { '  Loyalty   points ': 'rewards' }), 'my rewards');
  assert.equal(normaliseText('toppings', 'en-GB', { top: 'x' }), 'toppings');
});

test('Unicode is folded (NFKC), invisible characters dropped, quotes straightened, whitespace collapsed', () => {
  assert.equal(normaliseText('  Ｈｅｌｌｏ\u200b   world\t\n', 'en-GB'), 'hello world');
  assert.equal(normaliseText('Where’s my parcel?', 'en-GB'), 'where is my package?');
  assert.equal(normaliseText('ﬁne', 'en-GB'), 'fine');
});

test('other languages are lower-cased and folded but keep their words', () => {
  assert.equal(normaliseText('¿Dónde está mi PEDIDO?', 'es-ES'), '¿dónde está mi pedido?');
  assert.equal(normaliseText('wheres my stuff', 'fr-FR'), 'wheres my stuff');
  assert.equal(normaliseText('İstanbul', 'tr-TR'), 'istanbul');
});

test('bad input still gives a string', () => {
  assert.equal(normaliseText('', 'en-GB'), '');
  assert.equal(normaliseText('😡😡', 'en-GB'), '😡😡');
  assert.equal(normaliseText('مرحبا، أين طلبي؟'), 'مرحبا، أين طلبي؟');
  assert.equal(normaliseText('x', 'not a locale!!'), 'x');
  const huge = 'wheres my stuff '.repeat(7000);
  const out = normaliseText(huge, 'en-GB');
  assert.ok(out.startsWith('where is my order where is my order'));
  assert.ok(normaliseText('\u0000\u0001binary\uFFFD\u0007', 'en-GB').includes('binary'));
});
