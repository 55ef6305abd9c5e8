import { test } from 'node:test';
import assert from 'node:assert/strict';
import type { FrustrationSignalKind } from '../../../protocol/understanding.js';
import { FRUSTRATED_AT, readFrustration } from '../../src/understanding/frustration.js';
import { readSignals } from '../../src/understanding/signals.js';

const kinds = (text: string) => readSignals(text, []).frustration.signals.map((s) => s.kind);
const fired = (text: string, kind: FrustrationSignalKind) => kinds(text).includes(kind);

test('a calm question has no signals and no frustration', () => {
  const { frustration } = readSignals('Hi, can I change my delivery address?', []);
  assert.deepEqual(frustration.signals, []);
  assert.equal(frustration.score, 0);
});

test('legal threats fire, in several languages, and are escalation-worthy alone', () => {
  for (const text of ["I'm going to sue you", 'My solicitor will hear about this', 'Reporting you to Trading Standards', "I'll do a chargeback", 'taking this to the ombudsman', 'Voy a llamar a mi abogado', 'Ich schalte meinen Anwalt ein']) {
    assert.ok(fired(text, 'legal-threat'), text);
    assert.ok(readSignals(text, []).frustration.score >= FRUSTRATED_AT, text);
  }
  assert.ok(!fired('My wife Sue ordered it', 'legal-threat'), 'a name is not a threat');
  assert.ok(!fired('Is this issue covered by the warranty?', 'legal-threat'));
});

test('requests for a person fire as human-request in many languages', () => {
  const requests = [
    'Can I talk to a human?', 'real person please', 'agent please', 'I want to speak to a manager', 'Stop the bot',
    'Quiero hablar con una persona', 'Je veux parler à un humain', 'Ich möchte mit einem Menschen sprechen',
    'Posso parlare con un operatore?', 'Quero falar com um atendente', 'أريد التحدث مع شخص حقيقي', '转人工', 'オペレーターと話したい',
    'Соедините с оператором', 'אני רוצה נציג',
  ];
  for (const text of requests) assert.ok(fired(text, 'human-request'), text);
  assert.ok(!fired('The human resources team emailed me', 'human-request'));
  assert.ok(!fired('My network operator is Vodafone', 'human-request'));
});

test('cancelling as a threat fires; asking how to cancel does not', () => {
  assert.ok(fired("Sort it out or I'll cancel", 'cancellation-threat'));
  assert.ok(fired('Never ordering from you again', 'cancellation-threat'));
  assert.ok(fired("I'll be taking my business elsewhere", 'cancellation-threat'));
  assert.ok(!fired('How do I cancel my subscription?', 'cancellation-threat'));
  assert.ok(!fired('Please cancel my order', 'cancellation-threat'));
});

test('passive-aggressive phrases fire', () => {
  for (const text of ['As per my last message, it never came', 'Per my previous email', 'I already told you my order number', 'For the third time, no', 'Did you even read my message?']) {
    assert.ok(fired(text, 'passive-aggressive'), text);
  }
});

test('punctuation runs, shouting and angry emoji fire; acronyms and sad faces do not', () => {
  assert.ok(fired('Where is it???', 'punctuation-run'));
  assert.ok(fired('WHERE IS MY ORDER', 'all-caps'));
  assert.ok(!fired('Is it sent by UPS or DHL? I need the PDF ASAP', 'all-caps'));
  assert.ok(fired('so slow 😡😡', 'emoji'));
  assert.ok(!fired('it was a gift 😭', 'emoji'));
  const emoji = readSignals('😡😡😡', []).frustration.signals.find((s) => s.kind === 'emoji');
  assert.ok(emoji && emoji.weight > 0.2, 'a row of angry faces weighs more than one');
});

test('sarcasm counts as passive aggression', () => {
  assert.ok(fired('Great, another delay.', 'passive-aggressive'));
});

test('the match is what the visitor wrote, so a person can read the reason', () => {
  const signal = readSignals('This is UNACCEPTABLE', []).frustration.signals[0];
  assert.equal(signal?.kind, 'negative-phrase');
  assert.equal(signal?.match, 'UNACCEPTABLE');
});

test('negative phrases are counted across the conversation', () => {
  const first = readSignals('This is ridiculous', []);
  const second = readSignals('Still nothing, ridiculous', [first]);
  const third = readSignals('Absolutely ridiculous', [first, second]);
  const count = third.frustration.signals.find((s) => s.match.toLowerCase() === 'ridiculous')?.conversationCount;
  assert.equal(count, 3);
  assert.ok(third.frustration.score > first.frustration.score, 'repetition raises frustration');
});

test('anger lingers into a curt reply, and a "Thanks!!!!" after a complaint reads as sarcasm', () => {
  const angry = readSignals('This is unacceptable!!! Where is my refund???', []);
  const curt = readSignals('ok', [angry]);
  assert.ok(curt.frustration.score > 0.3);
  assert.equal(readSignals('ok', []).frustration.score, 0);
  const thanks = readSignals('Thanks!!!!', [readSignals('My parcel is a week late and nobody answers', [])]);
  assert.ok(thanks.sentiment < 0);
  assert.ok(thanks.frustration.signals.some((s) => s.kind === 'passive-aggressive' && s.match === 'Thanks!!!!'));
});

test('score is always within 0..1', () => {
  const everything = 'I WILL SUE YOU!!!!! This is UNACCEPTABLE, ridiculous, pathetic 😡😡😡🤬 as per my last message, talk to a human, never ordering again';
  const { score } = readFrustration({ text: everything, sentiment: -1, previous: [{ frustration: { score: 1, signals: [] } }] });
  assert.ok(score > 0.95 && score <= 1);
});
