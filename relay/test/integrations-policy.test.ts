import { test } from 'node:test';
import assert from 'node:assert/strict';
import { backoffDelayMs, CallBudget, CircuitBreaker, parseRetryAfter } from '../src/integrations/index.js';

test('the breaker opens after the threshold, refuses during cooldown, then lets one probe through', () => {
  const breaker = new CircuitBreaker({ failureThreshold: 3, cooldownMs: 1000 });
  for (let i = 0; i < 2; i++) breaker.recordFailure(0);
  assert.equal(breaker.state(0), 'closed');
  breaker.recordFailure(10);
  assert.equal(breaker.state(10), 'open');
  assert.equal(breaker.allow(500), false);
  assert.equal(breaker.state(1010), 'half_open');
  assert.equal(breaker.allow(1010), true, 'one probe');
  assert.equal(breaker.allow(1011), false, 'only one probe at a time');
  breaker.recordFailure(1020);
  assert.equal(breaker.state(1500), 'open', 'a failed probe reopens at once');
  assert.equal(breaker.allow(2020), true);
  breaker.recordSuccess();
  assert.equal(breaker.state(2021), 'closed');
  assert.equal(breaker.consecutiveFailures, 0);
});

test('a success between failures resets the count', () => {
  const breaker = new CircuitBreaker({ failureThreshold: 2, cooldownMs: 1000 });
  breaker.recordFailure(0);
  breaker.recordSuccess();
  breaker.recordFailure(1);
  assert.equal(breaker.state(1), 'closed');
});

test('the daily budget runs out and resets at UTC midnight', () => {
  const budget = new CallBudget(2);
  const day = Date.parse('2026-11-23T23:59:58Z');
  assert.equal(budget.take(day), true);
  assert.equal(budget.take(day), true);
  assert.equal(budget.take(day), false);
  assert.deepEqual(budget.snapshot(day), { day: '2026-11-23', used: 2, limit: 2, remaining: 0 });
  assert.equal(budget.secondsUntilReset(day), 2);
  assert.equal(budget.take(day + 3000), true, 'new UTC day');
});

test('Retry-After is read as seconds or as an HTTP date', () => {
  const now = Date.parse('2026-11-23T12:00:00Z');
  assert.equal(parseRetryAfter('7', now), 7);
  assert.equal(parseRetryAfter('Mon, 23 Nov 2026 12:00:30 GMT', now), 30);
  assert.equal(parseRetryAfter('soon', now), null);
  assert.equal(parseRetryAfter(null, now), null);
});

test('jittered backoff stays within the exponential ceiling', () => {
  const policy = { retries: 3, baseDelayMs: 100, maxDelayMs: 300 };
  assert.equal(backoffDelayMs(policy, 0, () => 0.999), 99);
  assert.equal(backoffDelayMs(policy, 1, () => 0.5), 100);
  assert.equal(backoffDelayMs(policy, 5, () => 0.999), 299, 'capped');
  assert.equal(backoffDelayMs(policy, 2, () => 0), 0);
});
