import { test } from 'node:test';
import assert from 'node:assert/strict';
import * as v from 'valibot';
import { UpstreamClient, UpstreamError } from '../src/integrations/index.js';
import { FakeUpstream } from './fake-crm/fake-upstream.js';

const Thing = v.object({ name: v.string(), count: v.number() });
const thingApi = () => FakeUpstream.start(({ url }) => (url.pathname === '/thing' ? [200, { name: 'ok', count: 1 }] : null), []);

async function capturingErrors<T>(run: () => Promise<T>): Promise<{ lines: string[]; result: T | Error }> {
  const lines: string[] = [];
  const original = console.error;
  console.error = (line: string) => lines.push(line);
  try {
    return { lines, result: await run().catch((e: Error) => e) };
  } finally {
    console.error = original;
  }
}

test('a zombie 200 is an UpstreamError, one JSON log line, counted in status; the garbage is never returned', async () => {
  const fake = await thingApi();
  const client = new UpstreamClient({ name: 'things', baseUrl: fake.url });
  try {
    fake.next({ kind: 'garbage', body: '{"name": 42}' });
    const { lines, result } = await capturingErrors(() => client.request({ method: 'GET', path: '/thing', query: { email: 'a@b.co' }, schema: Thing }));
    assert.ok(result instanceof UpstreamError);
    assert.equal(result.failure, 'invalid_response');
    assert.equal(lines.length, 1);
    const entry = JSON.parse(lines[0]!);
    assert.equal(entry.level, 'error');
    assert.equal(entry.upstream, 'things');
    assert.equal(entry.failure, 'invalid_response');
    assert.equal(entry.path, '/thing');
    assert.match(entry.message, /name/);
    assert.equal(lines[0]!.includes('a@b.co'), false, 'query strings (PII) are never logged');
    assert.equal(client.status().zombieResponses, 1);

    fake.next({ kind: 'garbage', body: '<html>502 Bad Gateway</html>' });
    const html = await capturingErrors(() => client.request({ method: 'GET', path: '/thing', schema: Thing }));
    assert.ok(html.result instanceof UpstreamError && html.result.failure === 'invalid_response');

    assert.deepEqual(await client.request({ method: 'GET', path: '/thing', schema: Thing }), { name: 'ok', count: 1 });
  } finally {
    await fake.close();
  }
});

test('non-idempotent calls are never retried; idempotent ones are', async () => {
  const fake = await thingApi();
  const client = new UpstreamClient({ name: 'things', baseUrl: fake.url, retry: { retries: 2, baseDelayMs: 1, maxDelayMs: 5 } });
  try {
    fake.next({ kind: 'status', status: 503 }, 3);
    await capturingErrors(() => client.request({ method: 'POST', path: '/thing', body: {}, schema: Thing }));
    assert.equal(fake.requests.length, 1, 'a POST that is not marked idempotent goes once');
    const { result } = await capturingErrors(() => client.request({ method: 'GET', path: '/thing', schema: Thing }));
    assert.deepEqual(result, { name: 'ok', count: 1 }, 'the GET got through on its last retry');
    assert.equal(fake.requests.length, 4);
  } finally {
    await fake.close();
  }
});

test('a hanging upstream fails with timeout within the per-call limit', async () => {
  const fake = await thingApi();
  const client = new UpstreamClient({ name: 'things', baseUrl: fake.url, timeoutMs: 150, retry: { retries: 0, baseDelayMs: 1, maxDelayMs: 1 } });
  try {
    fake.next({ kind: 'hang' });
    const started = Date.now();
    const { result } = await capturingErrors(() => client.request({ method: 'GET', path: '/thing', schema: Thing }));
    assert.ok(result instanceof UpstreamError && result.failure === 'timeout');
    assert.ok(Date.now() - started < 1000);
  } finally {
    await fake.close();
  }
});

test('a spent budget refuses before any call and does not disturb the breaker', async () => {
  const fake = await thingApi();
  let now = Date.parse('2026-11-23T12:00:00Z');
  const client = new UpstreamClient({
    name: 'things',
    baseUrl: fake.url,
    dailyBudget: 2,
    breaker: { failureThreshold: 1, cooldownMs: 1000 },
    retry: { retries: 0, baseDelayMs: 1, maxDelayMs: 1 },
    now: () => now,
  });
  try {
    fake.next({ kind: 'status', status: 500 });
    await capturingErrors(() => client.request({ method: 'GET', path: '/thing', schema: Thing }));
    assert.equal(client.status().circuit, 'open');
    now += 1500;
    assert.equal(client.status().circuit, 'half_open');
    assert.deepEqual(await client.request({ method: 'GET', path: '/thing', schema: Thing }), { name: 'ok', count: 1 }, 'the probe succeeds');
    const { result } = await capturingErrors(() => client.request({ method: 'GET', path: '/thing', schema: Thing }));
    assert.ok(result instanceof UpstreamError && result.failure === 'budget_exhausted');
    assert.equal(result.retryAfterSeconds, 12 * 3600 - 1, 'until the next UTC midnight');
    assert.equal(fake.requests.length, 2);
    assert.equal(client.status().budget.remaining, 0);
  } finally {
    await fake.close();
  }
});

test('retries never run past the request deadline', async () => {
  const fake = await thingApi();
  const client = new UpstreamClient({
    name: 'things',
    baseUrl: fake.url,
    timeoutMs: 300,
    deadlineMs: 500,
    retry: { retries: 5, baseDelayMs: 1, maxDelayMs: 1 },
    random: () => 0,
  });
  try {
    fake.always({ kind: 'hang' });
    const started = Date.now();
    const { result } = await capturingErrors(() => client.request({ method: 'GET', path: '/thing', schema: Thing }));
    const took = Date.now() - started;
    assert.ok(result instanceof UpstreamError && result.failure === 'timeout');
    assert.ok(took < 700, `gave up after ${took} ms`);
    assert.equal(fake.requests.length, 2, 'a full attempt, then one cut to the time left');
    assert.ok(Number(/within (\d+) ms/.exec(result.message)?.[1]) < 300, result.message);
  } finally {
    await fake.close();
  }
});
