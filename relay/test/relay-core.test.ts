import { describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { TokenBuckets } from '../src/api/middleware/token-buckets.js';
import { DEMO_SITES, readRelayConfig } from '../src/api/relay-config.js';
import { UpstreamRegistry } from '../src/api/upstream-status.js';

describe('TokenBuckets', () => {
  test('allows the burst, refuses the next with the wait until a token refills', () => {
    const buckets = new TokenBuckets({ count: 2, seconds: 10 });
    assert.deepEqual(buckets.take('a', 0), { ok: true });
    assert.deepEqual(buckets.take('a', 0), { ok: true });
    assert.deepEqual(buckets.take('a', 1000), { ok: false, retryAfterMs: 4000 });
    assert.deepEqual(buckets.take('b', 1000), { ok: true });
    assert.deepEqual(buckets.take('a', 5000), { ok: true });
  });

  test('keeps memory bounded under a flood of keys', () => {
    const buckets = new TokenBuckets({ count: 5, seconds: 60 }, 100);
    for (let i = 0; i < 1000; i++) buckets.take(`ip-${i}`, i);
    assert.ok(buckets.size <= 100);
    // The most recent key is still counted.
    for (let i = 0; i < 4; i++) buckets.take('ip-999', 1000);
    assert.equal(buckets.take('ip-999', 1000).ok, false);
  });
});

describe('readRelayConfig', () => {
  test('defaults allow only local pages (the demo) and sane limits', () => {
    const c = readRelayConfig({});
    assert.deepEqual(c.sites, DEMO_SITES);
    assert.equal(c.maxBodyBytes, 65536);
    assert.deepEqual(c.rateLimits, { ip: { count: 1200, seconds: 60 }, session: { count: 240, seconds: 60 } });
    assert.equal(c.knowledgeIndexUrl, undefined);
  });

  test('reads every variable', () => {
    const c = readRelayConfig({
      RELAY_SITES: '{"shop":["https://shop.example.com"]}',
      RELAY_MAX_BODY_BYTES: '1000',
      RELAY_RATE_IP: '10/1',
      RELAY_RATE_SESSION: '5 / 2.5',
      KNOWLEDGE_INDEX_URL: 'https://cdn.example.com/kb.json',
    });
    assert.deepEqual(c.sites, { shop: ['https://shop.example.com'] });
    assert.equal(c.maxBodyBytes, 1000);
    assert.deepEqual(c.rateLimits, { ip: { count: 10, seconds: 1 }, session: { count: 5, seconds: 2.5 } });
    assert.equal(c.knowledgeIndexUrl, 'https://cdn.example.com/kb.json');
  });

  test('a bad value fails loudly, naming the variable', () => {
    assert.throws(() => readRelayConfig({ RELAY_SITES: 'shop.example.com' }), /RELAY_SITES must be JSON/);
    assert.throws(() => readRelayConfig({ RELAY_SITES: '{"shop":"https://x"}' }), /RELAY_SITES\["shop"\]/);
    assert.throws(() => readRelayConfig({ RELAY_RATE_IP: 'lots' }), /RELAY_RATE_IP/);
    assert.throws(() => readRelayConfig({ RELAY_MAX_BODY_BYTES: '-1' }), /RELAY_MAX_BODY_BYTES/);
  });
});

describe('UpstreamRegistry', () => {
  test('asks every probe; a probe that throws or hangs reports down instead of failing health', async () => {
    const registry = new UpstreamRegistry();
    registry.register('crm', () => ({ state: 'ok' }));
    registry.register('helpdesk', () => {
      throw new Error('boom');
    });
    const unregister = registry.register('slow', () => new Promise(() => {}));
    const report = await registry.snapshot(50);
    assert.deepEqual(report.crm, { state: 'ok' });
    assert.equal(report.helpdesk?.state, 'down');
    assert.match(report.helpdesk!.detail!, /boom/);
    assert.equal(report.slow?.state, 'down');
    unregister();
    assert.deepEqual(Object.keys(await registry.snapshot()), ['crm', 'helpdesk']);
  });
});
