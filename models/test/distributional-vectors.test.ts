import assert from 'node:assert/strict';
import { test } from 'node:test';
import { distributionalVectors, ppmiMatrix } from '../src/distributional-vectors.js';
import { seededRandom } from '../src/random.js';

// Tokens 0-1 are used in the same company (sentences about parcels), 2-3 in another (about payments); 4+ are shared filler.
function corpus(): number[][] {
  const random = seededRandom(5);
  const pick = (ids: number[]) => ids[Math.floor(random() * ids.length)]!;
  const sentences: number[][] = [];
  for (let i = 0; i < 400; i++) {
    const parcel = i % 2 === 0;
    const word = parcel ? pick([0, 1]) : pick([2, 3]);
    const context = parcel ? [10, 11, 12] : [20, 21, 22];
    sentences.push([pick([4, 5]), pick(context), word, pick(context), pick([6, 7])]);
  }
  return sentences;
}

test('PPMI keeps only pairs seen together more often than chance', () => {
  const m = ppmiMatrix([[0, 1], [0, 1], [2, 3]], 4, 2);
  assert.equal(m.start.length, 5);
  for (const v of m.values) assert.ok(v > 0);
  const row0 = [...m.cols.subarray(m.start[0]!, m.start[1]!)];
  assert.deepEqual(row0, [1]);
});

test('words used in the same company get similar vectors although they share no letters', () => {
  const dim = 4;
  const rows = distributionalVectors(corpus(), 30, { dim, window: 2, seed: 1 });
  const cos = (a: number, b: number) => {
    let s = 0;
    for (let k = 0; k < dim; k++) s += rows[a * dim + k]! * rows[b * dim + k]!;
    return s;
  };
  assert.ok(cos(0, 1) > 0.8, `parcel words ${cos(0, 1)}`);
  assert.ok(cos(2, 3) > 0.8, `payment words ${cos(2, 3)}`);
  assert.ok(cos(0, 2) < cos(0, 1) - 0.3, `across topics ${cos(0, 2)}`);
  // A token never seen gets a zero row rather than noise.
  for (let k = 0; k < dim; k++) assert.equal(rows[29 * dim + k], 0);
});
