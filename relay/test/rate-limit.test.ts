import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { startRelay, type RelayProcess } from './relay-process.js';
import type { RelayErrorBody } from '../../protocol/relay-error.js';

let relay: RelayProcess;

before(async () => {
  // Slow refills (one token per 5 minutes per IP, per 200 s per session) so a loaded CI machine cannot refill a bucket mid-test.
  relay = await startRelay({ RELAY_RATE_IP: '12/3600', RELAY_RATE_SESSION: '3/600' });
});
after(() => relay?.stop());

const search = (headers: Record<string, string> = {}) =>
  fetch(`${relay.url}/api/search`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json', ...headers },
    body: JSON.stringify({ query: 'returns' }),
  });

describe('rate limits', () => {
  test('a session over its budget gets 429 with Retry-After; another session is unaffected', async () => {
    const a = { Authorization: 'Bearer session-a' };
    for (let i = 0; i < 3; i++) assert.equal((await search(a)).status, 200);
    const refused = await search(a);
    assert.equal(refused.status, 429);
    const retryAfter = Number(refused.headers.get('retry-after'));
    assert.ok(retryAfter > 1 && retryAfter <= 200, `Retry-After ${retryAfter}`);
    const body = (await refused.json()) as RelayErrorBody;
    assert.equal(body.error, 'rate_limited');
    assert.equal(body.retryAfterSeconds, retryAfter);
    assert.equal((await search({ Authorization: 'Bearer session-b' })).status, 200);
  });

  test('an IP over its budget gets 429 whatever session it claims', async () => {
    // 5 requests were spent above; 7 remain for this IP.
    const statuses: number[] = [];
    for (let i = 0; i < 9; i++) statuses.push((await search({ Authorization: `Bearer fresh-${i}` })).status);
    assert.deepEqual(statuses.slice(0, 7), Array(7).fill(200));
    assert.deepEqual(statuses.slice(7), [429, 429]);
  });

  test('health is never rate limited', async () => {
    const res = await fetch(`${relay.url}/api/health`);
    assert.equal(res.status, 200);
  });
});
