import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { request } from 'node:http';
import { startRelay, type RelayProcess } from './relay-process.js';
import type { RelayErrorBody } from '../../protocol/relay-error.js';

const SHOP = 'https://shop.example.com';
let relay: RelayProcess;

before(async () => {
  relay = await startRelay({
    RELAY_SITES: JSON.stringify({ shop: [SHOP, 'https://*.shop-cdn.example'], demo: ['http://localhost:*'] }),
    RELAY_MAX_BODY_BYTES: '2048',
  });
});
after(() => relay?.stop());

const post = (path: string, body: BodyInit, headers: Record<string, string> = {}) =>
  fetch(`${relay.url}${path}`, { method: 'POST', headers: { 'Content-Type': 'application/json', ...headers }, body });

async function errorOf(res: Response): Promise<RelayErrorBody> {
  assert.match(res.headers.get('content-type') ?? '', /application\/json/);
  return (await res.json()) as RelayErrorBody;
}

describe('request bodies', () => {
  test('an oversized body gets 413 with a clear JSON error', async () => {
    const res = await post('/api/search', JSON.stringify({ query: 'x'.repeat(4096) }));
    assert.equal(res.status, 413);
    const body = await errorOf(res);
    assert.equal(body.error, 'payload_too_large');
    assert.match(body.message, /2048 bytes/);
  });

  test('an oversized streamed body (no Content-Length) gets 413 too', async () => {
    // node:http, not fetch: the relay may answer before the upload ends, which fetch reports as a failure.
    const { status, body } = await new Promise<{ status: number; body: string }>((resolve, reject) => {
      const req = request(`${relay.url}/api/search`, {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', 'Transfer-Encoding': 'chunked' },
      });
      let answered = false;
      req.on('response', (res) => {
        answered = true;
        let text = '';
        res.on('data', (d) => (text += d));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: text }));
      });
      req.on('error', (err) => {
        if (!answered) reject(err);
      });
      for (let i = 0; i < 8; i++) req.write('{"query":"' + 'y'.repeat(500));
      req.end();
    });
    assert.equal(status, 413);
    assert.equal((JSON.parse(body) as RelayErrorBody).error, 'payload_too_large');
  });

  test('malformed JSON gets 400 invalid_json without echoing the body', async () => {
    const res = await post('/api/search', '{"query": "my secret order 123", ');
    assert.equal(res.status, 400);
    const body = await errorOf(res);
    assert.equal(body.error, 'invalid_json');
    assert.doesNotMatch(body.message, /secret/);
  });

  test('a body that is not JSON at all gets 415', async () => {
    const res = await post('/api/search', 'query=tent', { 'Content-Type': 'application/x-www-form-urlencoded' });
    assert.equal(res.status, 415);
    assert.equal((await errorOf(res)).error, 'unsupported_media_type');
  });

  test('an unknown route gets a JSON 404', async () => {
    const res = await fetch(`${relay.url}/api/nothing-here`);
    assert.equal(res.status, 404);
    assert.equal((await errorOf(res)).error, 'not_found');
  });
});

describe('CORS allow-list per site', () => {
  test('an allowed origin gets CORS headers on the response', async () => {
    const res = await post('/api/search', JSON.stringify({ query: 'returns' }), { Origin: SHOP });
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('access-control-allow-origin'), SHOP);
    assert.match(res.headers.get('access-control-expose-headers') ?? '', /Retry-After/i);
  });

  test('an allowed origin passes the preflight', async () => {
    const res = await fetch(`${relay.url}/api/search`, {
      method: 'OPTIONS',
      headers: { Origin: SHOP, 'Access-Control-Request-Method': 'POST', 'Access-Control-Request-Headers': 'content-type' },
    });
    assert.equal(res.status, 204);
    assert.equal(res.headers.get('access-control-allow-origin'), SHOP);
    assert.match(res.headers.get('access-control-allow-methods') ?? '', /POST/);
  });

  test('wildcards match one subdomain label or any port, nothing more', async () => {
    const sub = await post('/api/search', JSON.stringify({ query: 'returns' }), { Origin: 'https://eu.shop-cdn.example' });
    assert.equal(sub.headers.get('access-control-allow-origin'), 'https://eu.shop-cdn.example');
    const port = await post('/api/search', JSON.stringify({ query: 'returns' }), { Origin: 'http://localhost:5173' });
    assert.equal(port.headers.get('access-control-allow-origin'), 'http://localhost:5173');
    const deeper = await post('/api/search', JSON.stringify({ query: 'returns' }), { Origin: 'https://a.b.shop-cdn.example' });
    assert.equal(deeper.status, 403);
    const lookalike = await post('/api/search', JSON.stringify({ query: 'returns' }), { Origin: 'https://shop.example.com.evil.io' });
    assert.equal(lookalike.status, 403);
  });

  test('any other origin is refused with 403, preflight included, and gets no CORS headers', async () => {
    const res = await post('/api/search', JSON.stringify({ query: 'returns' }), { Origin: 'https://evil.example' });
    assert.equal(res.status, 403);
    assert.equal(res.headers.get('access-control-allow-origin'), null);
    assert.equal((await errorOf(res)).error, 'origin_not_allowed');
    const preflight = await fetch(`${relay.url}/api/search`, {
      method: 'OPTIONS',
      headers: { Origin: 'https://evil.example', 'Access-Control-Request-Method': 'POST' },
    });
    assert.equal(preflight.status, 403);
    assert.equal(preflight.headers.get('access-control-allow-origin'), null);
  });

  test('requests without Origin (a site backend, curl) are not CORS requests and pass', async () => {
    const res = await post('/api/search', JSON.stringify({ query: 'returns' }));
    assert.equal(res.status, 200);
  });
});
