import { test } from 'node:test';
import assert from 'node:assert/strict';
import { polarityOf, readSentiment } from '../../src/understanding/sentiment.js';

const score = (text: string, context = {}) => readSentiment(text, context).score;

test('scores stay within -1..1 and lean the right way', () => {
  assert.ok(score('Thank you so much, this is brilliant!') > 0.5);
  assert.ok(score('This is the worst, absolutely terrible service') < -0.5);
  assert.equal(polarityOf(score('Do you ship to New Zealand?')), 'neutral');
  for (const text of ['GREAT GREAT GREAT!!!!!!!! 😍😍😍😍', 'worst worst worst terrible awful 🤬🤬🤬🤬!!!!']) {
    const s = score(text);
    assert.ok(s >= -1 && s <= 1, `${text} -> ${s}`);
  }
});

test('negation flips praise and softens a negative to near neutral', () => {
  assert.ok(score('The service was good') > 0);
  assert.ok(score('The service was not good') < 0);
  assert.ok(score("It isn't great") < 0);
  assert.equal(polarityOf(score('Not great, but not terrible either')), polarityOf(0));
  assert.ok(score('not bad') > score('bad'));
});

test('intensifiers strengthen and diminishers weaken', () => {
  assert.ok(score('really bad') < score('bad'));
  assert.ok(score('extremely happy') > score('happy'));
  assert.ok(score('slightly disappointed') > score('disappointed'));
});

test('the clause after "but" outweighs the one before', () => {
  assert.ok(score('The shoes are lovely but they arrived broken') < 0);
  assert.ok(score('It was late, but the driver was lovely') > 0);
});

test('emoji carry polarity, alone or with skin tones', () => {
  assert.ok(score('👍') > 0);
  assert.ok(score('👍🏽') > 0);
  assert.ok(score('😡😡😡') < -0.5);
  assert.ok(score('the parcel came 😊') > 0);
});

test('complaints without an emotional word still read negative', () => {
  assert.equal(polarityOf(score("I haven't received my order")), 'negative');
  assert.equal(polarityOf(score("The app won't let me log in")), 'negative');
  assert.equal(polarityOf(score('I was charged twice')), 'negative');
});

test('sarcastic praise reads as the complaint it is', () => {
  for (const text of ['Great, another delay.', 'Oh brilliant, now the tracking link is broken', 'Thanks for nothing', 'Fantastic. Still no parcel.', 'Love how I have to chase you every time', 'Lovely, the replacement is broken too']) {
    const reading = readSentiment(text);
    assert.ok(reading.score < 0, `${text} -> ${reading.score}`);
    assert.ok(reading.sarcasm, `${text} should be flagged as sarcasm`);
  }
  assert.equal(readSentiment('Great, thanks so much!').sarcasm, undefined);
  assert.ok(score('Perfect, thank you!') > 0);
  assert.ok(score('Excellent, that is exactly what I needed') > 0);
});

test('"Thanks!!!!" after a complaint is not gratitude, on its own it is', () => {
  assert.ok(score('Thanks!!!!') > 0);
  const afterComplaint = readSentiment('Thanks!!!!', { previousSentiment: -0.7, previousFrustration: 0.6 });
  assert.ok(afterComplaint.score < 0);
  assert.equal(afterComplaint.sarcasm, 'Thanks!!!!');
  assert.ok(score('Thanks!', { previousSentiment: -0.7 }) > 0, 'a plain thanks is still thanks');
});

test('giving up after a complaint ("whatever", "forget it") is not acceptance', () => {
  const complaint = { previousSentiment: -0.6, previousFrustration: 0.55 };
  for (const text of ['whatever', 'Forget it.', "don't bother", 'fine.']) {
    const reading = readSentiment(text, complaint);
    assert.ok(reading.score < 0 && reading.sarcasm, text);
  }
  assert.equal(readSentiment('fine', {}).sarcasm, undefined);
});

test('empty, emoji-free symbols and other scripts are neutral, never NaN', () => {
  for (const text of ['', '   ', '!!!', '12345', 'مرحبا', '你好', '\u0000\u0001']) {
    const s = score(text);
    assert.ok(Number.isFinite(s));
    assert.equal(polarityOf(s), 'neutral', text);
  }
});
