import assert from 'node:assert/strict';
import { test } from 'node:test';
import { OOS_RECALL_TARGET, calibrateRejection, chooseThresholds, fitTemperature, heldOutNll, outcomeAt, scoreRows, wilsonLowerBound, type HeldOutPrediction } from '../src/calibration.js';
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

test('with out-of-scope rows the default threshold is the lowest catching 75% of them with 95% confidence; high-risk catches 90%', () => {
  const rows: HeldOutPrediction[] = [];
  for (let i = 0; i < 100; i++) rows.push({ logits: Float32Array.of(4 + (i % 5), 0, 0), truth: 0 });
  for (let i = 0; i < 4; i++) rows.push({ logits: Float32Array.of(1 + i * 0.3, 0, 0), truth: 0 });
  for (let i = 0; i < 50; i++) rows.push({ logits: Float32Array.of(0.5 + (i % 10) * 0.2, 0, 0), truth: -1 });
  const scored = scoreRows(rows, 1, -1);
  const profiles = chooseThresholds(scored);
  const confidentlyCaught = (recall: number) => wilsonLowerBound(Math.round(recall * 50), 50) >= OOS_RECALL_TARGET;
  assert.ok(confidentlyCaught(profiles.default.oosRecall!), JSON.stringify(profiles.default));
  assert.ok(profiles.default.oosRecall! > OOS_RECALL_TARGET);
  assert.ok(profiles.default.inScopeAccuracy > 0.9);
  for (let t = 0.3; t < profiles.default.threshold - 0.005; t += 0.01) assert.ok(!confidentlyCaught(outcomeAt(scored, t).oosRecall!), `${t}`);
  assert.ok(profiles['high-risk'].oosRecall! >= 0.9);
  assert.ok(profiles['high-risk'].threshold >= profiles.default.threshold);
  assert.ok(profiles['high-risk'].threshold >= 0.6);
});

test('the Wilson lower bound is below the observed rate and tightens with more rows', () => {
  assert.ok(wilsonLowerBound(38, 50) < 0.76);
  assert.ok(wilsonLowerBound(43, 50) >= 0.75);
  assert.ok(wilsonLowerBound(380, 500) > wilsonLowerBound(38, 50));
  assert.equal(wilsonLowerBound(0, 0), 0);
});

test('an offset on the oos logit is kept when it answers more in-scope rows at the same out-of-scope target', () => {
  // Out-of-scope rows are confident about some in-scope label but give the oos class (index 2) a fair share;
  // hard in-scope rows are unsure between two labels and give oos nothing: only the oos probability tells them apart.
  const rows: HeldOutPrediction[] = [];
  for (let i = 0; i < 200; i++) rows.push({ logits: Float32Array.of(5, 0, -3), truth: 0 });
  for (let i = 0; i < 100; i++) rows.push({ logits: Float32Array.of(1, 0.8 + (i % 5) * 0.05, -4), truth: 0 });
  for (let i = 0; i < 60; i++) rows.push({ logits: Float32Array.of(2.5, 0, 1.5 + (i % 6) * 0.1), truth: 2 });
  const plain = chooseThresholds(scoreRows(rows, 1, 2));
  const calibrated = calibrateRejection(rows, 1, 2);
  assert.ok(calibrated.oosOffset > 0, JSON.stringify(calibrated.profiles.default));
  assert.ok(calibrated.profiles.default.oosRecall! >= OOS_RECALL_TARGET);
  assert.ok(calibrated.profiles.default.inScopeAccuracy > plain.default.inScopeAccuracy, `${calibrated.profiles.default.inScopeAccuracy} vs ${plain.default.inScopeAccuracy}`);
  assert.equal(calibrateRejection(rows.filter((r) => r.truth !== 2), 1, 2).oosOffset, 0);
  assert.equal(calibrateRejection(rows, 1, -1).oosOffset, 0);
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
