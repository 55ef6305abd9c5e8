import assert from 'node:assert/strict';
import { test } from 'node:test';
import { IN_SCOPE_COST, chooseThresholds, fitTemperature, heldOutNll, outcomeAt, scoreRows, type HeldOutPrediction } from '../src/calibration.js';
import { seededRandom } from '../src/random.js';

/** Rows whose true label is drawn from softmax(logits / 2.5): the fitted temperature should come back near 2.5. */
function syntheticRows(n: number, trueTemperature: number): HeldOutPrediction[] {
  const random = seededRandom(3);
  const rows: HeldOutPrediction[] = [];
  for (let i = 0; i < n; i++) {
    const logits = Float32Array.from({ length: 5 }, () => random() * 12);
    const p = Array.from(logits, (v) => Math.exp(v / trueTemperature));
    const sum = p.reduce((a, b) => a + b, 0);
    let u = random() * sum;
    let truth = 0;
    while (truth < 4 && u > p[truth]!) u -= p[truth++]!;
    rows.push({ logits, truth });
  }
  return rows;
}

test('temperature scaling recovers the temperature that generated the labels', () => {
  const rows = syntheticRows(4000, 2.5);
  const t = fitTemperature(rows);
  assert.ok(Math.abs(t - 2.5) < 0.25, `fitted ${t}`);
  assert.ok(heldOutNll(rows, t) <= heldOutNll(rows, 1));
});

test('with out-of-scope rows the default threshold catches at least 75% of them, more while in-scope accuracy allows; high-risk catches 90%', () => {
  const rows: HeldOutPrediction[] = [];
  for (let i = 0; i < 100; i++) rows.push({ logits: Float32Array.of(4 + (i % 5), 0, 0), truth: 0 });
  for (let i = 0; i < 4; i++) rows.push({ logits: Float32Array.of(1 + i * 0.3, 0, 0), truth: 0 });
  for (let i = 0; i < 50; i++) rows.push({ logits: Float32Array.of(0.5 + (i % 10) * 0.2, 0, 0), truth: -1 });
  const scored = scoreRows(rows, 1, -1);
  const profiles = chooseThresholds(scored);
  assert.ok(profiles.default.oosRecall! >= 0.75, JSON.stringify(profiles.default));
  assert.ok(profiles.default.inScopeAccuracy > 0.9);
  const reaching75 = outcomeAt(scored, profiles.default.threshold - 0.01).oosRecall! < 0.75 || profiles.default.threshold <= 0.3;
  const withinBudget = profiles.default.inScopeAccuracy >= outcomeAt(scored, 0).inScopeAccuracy - IN_SCOPE_COST;
  assert.ok(reaching75 || withinBudget, JSON.stringify(profiles.default));
  // Nothing higher catches more out-of-scope text within the in-scope budget.
  for (let t = profiles.default.threshold + 0.01; t < 0.98; t += 0.01) {
    const o = outcomeAt(scored, t);
    assert.ok(o.oosRecall! <= profiles.default.oosRecall! || o.inScopeAccuracy < outcomeAt(scored, 0).inScopeAccuracy - IN_SCOPE_COST, `${t}`);
  }
  assert.ok(profiles['high-risk'].oosRecall! >= 0.9);
  assert.ok(profiles['high-risk'].threshold >= profiles.default.threshold);
  assert.ok(profiles['high-risk'].threshold >= 0.6);
});

test('without out-of-scope rows, thresholds meet the precision targets and never go under their floors', () => {
  const rows: HeldOutPrediction[] = [];
  for (let i = 0; i < 200; i++) rows.push({ logits: Float32Array.of(3 + (i % 4), 0, 0), truth: 0 });
  for (let i = 0; i < 20; i++) rows.push({ logits: Float32Array.of(0.3, 0.2, 0), truth: 1 });
  const profiles = chooseThresholds(scoreRows(rows, 1, -1));
  assert.ok(profiles.default.threshold >= 0.3);
  assert.ok(profiles.default.acceptedPrecision >= 0.95);
  assert.ok(profiles['high-risk'].acceptedPrecision >= 0.99);
  assert.equal(outcomeAt(scoreRows(rows, 1, -1), 0).coverage, 1);
});
