import assert from 'node:assert/strict';
import { test } from 'node:test';
import { addLexicalLogits, ngramBuckets, NGRAM_PRIMES, type LexicalHead } from '../../widget/src/inference/lexical-head.js';
import { trainLexicalHead } from '../src/lexical-head-trainer.js';
import { seededRandom } from '../src/random.js';
import type { SubwordFeatures } from '../src/subword-features.js';

test('n-gram buckets: adjacent pairs, pairs one apart, then triples, each hashed as documented', () => {
  const ids = [3, 5, 7, 11];
  const b = 101;
  const out = new Int32Array(12);
  const m = ngramBuckets(ids, ids.length, b, out);
  const { pair, skip, tripleFirst, tripleSecond } = NGRAM_PRIMES;
  assert.deepEqual(
    [...out.subarray(0, m)],
    [
      (3 * pair + 5) % b,
      (5 * pair + 7) % b,
      (7 * pair + 11) % b,
      (3 * skip + 7) % b,
      (5 * skip + 11) % b,
      (3 * tripleFirst + 5 * tripleSecond + 7) % b,
      (5 * tripleFirst + 7 * tripleSecond + 11) % b,
    ],
  );
  assert.equal(ngramBuckets([9], 1, b, out), 0);
  assert.equal(ngramBuckets([], 0, b, out), 0);
});

test('the head adds its rows divided by the square root of the tokens\' mass plus the n-gram count', () => {
  const random = seededRandom(3);
  const head: LexicalHead = {
    classes: 2,
    tokenRows: Float32Array.from({ length: 8 }, () => random()),
    tokenMass: Float32Array.of(1, 4, 2, 3),
    ngramRows: Float32Array.from({ length: 10 }, () => random()),
    buckets: 5,
  };
  const ids = [1, 3];
  const logits = Float32Array.of(10, 20);
  addLexicalLogits(ids, head, logits);
  const pairBucket = (1 * NGRAM_PRIMES.pair + 3) % 5;
  const scale = 1 / Math.sqrt(4 + 3 + 1);
  for (let c = 0; c < 2; c++) {
    const expected = [10, 20][c]! + scale * (head.tokenRows[1 * 2 + c]! + head.tokenRows[3 * 2 + c]! + head.ngramRows[pairBucket * 2 + c]!);
    assert.ok(Math.abs(logits[c]! - expected) < 1e-5, `${logits[c]} vs ${expected}`);
  }
  const untouched = Float32Array.of(1, 2);
  addLexicalLogits([], head, untouched);
  assert.deepEqual([...untouched], [1, 2]);
});

test('a trained head tells apart messages with the same words in a different order, which a bag of words cannot', () => {
  // Tokens 0..5, each its own single feature. Label 0: "2 3" appears in that order; label 1: "3 2".
  const vocab = 6;
  const features: SubwordFeatures = {
    start: Int32Array.from({ length: vocab + 1 }, (_, i) => i),
    ids: Int32Array.from({ length: vocab }, (_, i) => i),
    weights: new Float32Array(vocab).fill(1),
    rows: vocab,
  };
  const random = seededRandom(5);
  const filler = () => [0, 1, 4, 5][Math.floor(random() * 4)]!;
  const examples = Array.from({ length: 200 }, (_, i) => {
    const label = i % 2;
    const core = label === 0 ? [2, 3] : [3, 2];
    return { ids: Int32Array.from([filler(), ...core, filler()]), label };
  });
  const { head, bias } = trainLexicalHead(examples, 2, features, { buckets: 512, epochs: 5, learningRate: 0.5, seed: 1 });
  const predict = (ids: number[]) => {
    const logits = Float32Array.from(bias);
    addLexicalLogits(ids, head, logits);
    return logits[0]! > logits[1]! ? 0 : 1;
  };
  assert.equal(predict([1, 2, 3, 4]), 0);
  assert.equal(predict([1, 3, 2, 4]), 1);
  assert.equal(predict([5, 2, 3, 0]), 0);
  assert.equal(predict([0, 3, 2, 5]), 1);
  assert.equal(head.tokenMass[2], 1, 'a token with one feature of weight 1 has mass 1');
});
