import assert from 'node:assert/strict';
import { test } from 'node:test';
import { classify, featureWidth, sentenceFeatures, type EmbeddingBagWeights } from '../../widget/src/inference/embedding-bag.js';
import { mergeEnsemble } from '../src/intent-trainer.js';
import { seededRandom } from '../src/random.js';

const vocab = 12;
const classes = 3;
const learned = 4;
const frozenDim = 2;
const random = seededRandom(9);
const values = (n: number) => Float32Array.from({ length: n }, () => random() * 2 - 1);
const frozen = values(vocab * frozenDim);

/** A member whose rows end with the shared frozen columns (and whose pair rows end with zeros there), its learned columns max-pooled too when asked. */
function member(maxPooled = 0): EmbeddingBagWeights {
  const dim = learned + frozenDim;
  const embeddings = values(vocab * dim);
  for (let r = 0; r < vocab; r++) embeddings.set(frozen.subarray(r * frozenDim, (r + 1) * frozenDim), r * dim + learned);
  const bigramEmbeddings = values(7 * dim);
  for (let r = 0; r < 7; r++) bigramEmbeddings.fill(0, r * dim + learned, (r + 1) * dim);
  return { dim, maxPooled, embeddings, bigramEmbeddings, bigramBuckets: 7, bigramPrime: 13, weight: values(classes * (dim + maxPooled)), bias: values(classes) };
}

function logits(w: EmbeddingBagWeights, ids: number[]): Float32Array {
  const pooled = new Float32Array(featureWidth(w));
  const out = new Float32Array(classes);
  sentenceFeatures(Int32Array.from(ids), w, pooled);
  classify(pooled, w, out);
  return out;
}

for (const maxPooled of [0, learned]) {
  test(`a merged ensemble gives the mean of its members' logits and keeps the frozen columns once (${maxPooled} max-pooled)`, () => {
    const members = [member(maxPooled), member(maxPooled), member(maxPooled)];
    const merged = mergeEnsemble(members, frozenDim);
    assert.equal(merged.dim, 3 * learned + frozenDim);
    assert.equal(merged.maxPooled ?? 0, 3 * maxPooled);
    for (const ids of [[1], [2, 5, 7], [0, 11, 3, 3, 9]]) {
      const expected = new Float32Array(classes);
      for (const m of members) logits(m, ids).forEach((v, c) => (expected[c]! += v / members.length));
      const got = logits(merged, ids);
      for (let c = 0; c < classes; c++) assert.ok(Math.abs(got[c]! - expected[c]!) < 1e-5, `${ids}: ${got[c]} vs ${expected[c]}`);
    }
  });
}
