import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { startRelay, type RelayProcess } from './relay-process.js';
import { fixtureIndex, serveIndex, shippedEncoder } from './fixtures/knowledge-fixture.js';
import type { KnowledgeIndexArtifact, KnowledgeSnapshot } from '../src/knowledge/knowledge-snapshot.js';
import { KnowledgeSearcher } from '../src/knowledge/knowledge-searcher.js';
import type { SearchResponse } from '../../protocol/knowledge.js';
import type { RelayErrorBody } from '../../protocol/relay-error.js';
import type { HealthReport } from '../src/api/health.js';

let relay: RelayProcess;
let index: KnowledgeIndexArtifact;
let indexServer: Awaited<ReturnType<typeof serveIndex>>;

before(async () => {
  index = await fixtureIndex({ encoder: await shippedEncoder() });
  indexServer = await serveIndex(index);
  relay = await startRelay({ KNOWLEDGE_INDEX_URL: indexServer.url });
});
after(async () => {
  await relay?.stop();
  await indexServer?.close();
});

async function search(body: unknown): Promise<{ status: number; json: SearchResponse & RelayErrorBody }> {
  const res = await fetch(`${relay.url}/api/search`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: res.status, json: (await res.json()) as SearchResponse & RelayErrorBody };
}

const ids = (r: SearchResponse) => r.results.map((x) => x.id);

describe('GET /api/health', () => {
  test('reports the relay version, the loaded index version and upstreams', async () => {
    const res = await fetch(`${relay.url}/api/health`);
    assert.equal(res.status, 200);
    const health = (await res.json()) as HealthReport;
    assert.equal(health.ok, true);
    assert.match(health.version, /^\d+\.\d+\.\d+/);
    assert.equal(health.knowledge.state, 'ready');
    assert.ok(health.knowledge.state === 'ready' && health.knowledge.version === index.version);
    assert.ok(health.knowledge.state === 'ready' && health.knowledge.documents === 8);
    // Hybrid: the relay embeds queries with the model the index carries.
    assert.ok(health.knowledge.state === 'ready' && health.knowledge.model === index.vectors?.model);
    assert.equal(typeof health.upstreams, 'object');
  });
});

describe('POST /api/search relevance', () => {
  test('finds the article by its own words, with a snippet that shows them', async () => {
    const { status, json } = await search({ query: 'replacement tent pole' });
    assert.equal(status, 200);
    assert.equal(json.results[0]?.id, 'tent-poles');
    assert.equal(json.results[0]?.url, '/help/tent-poles');
    assert.equal(json.results[0]?.source, 'article');
    assert.match(json.results[0]!.snippet, /pole/i);
    assert.equal(json.version, index.version);
  });

  test("finds the article by the customer's words from resolved tickets", async () => {
    const { json } = await search({ query: 'when do I get my money back', source: 'article' });
    assert.equal(json.results[0]?.id, 'returns-policy');
  });

  test('tolerates a typo', async () => {
    const { json } = await search({ query: 'hikking boots sizing' });
    assert.equal(json.results[0]?.id, 'boot-sizing');
  });

  test('returns resolved tickets too, redacted, pointing at the article that resolved them', async () => {
    const { json } = await search({ query: 'cracked pole first trip', k: 5 });
    const ticket = json.results.find((r) => r.source === 'ticket');
    assert.equal(ticket?.id, 'ticket-T-1002');
    assert.equal(ticket?.url, '/help/tent-poles');
    const money = await search({ query: 'jacket money back', source: 'ticket' });
    assert.equal(money.json.results[0]?.id, 'ticket-T-1001');
    assert.doesNotMatch(JSON.stringify(money.json), /sam@example\.com/);
  });

  test('scores are in [0, 1], best first, and k caps the count', async () => {
    const { json } = await search({ query: 'return refund delivery tracking', k: 2 });
    assert.equal(json.results.length, 2);
    const [a, b] = json.results;
    assert.ok(a!.score <= 1 && a!.score >= b!.score && b!.score > 0);
  });

  test('a query with nothing to match answers an empty list, not an error', async () => {
    const { status, json } = await search({ query: 'xylophone quaternion' });
    assert.equal(status, 200);
    assert.deepEqual(json.results, []);
  });
});

describe('POST /api/search filters', () => {
  test('product keeps that product and general articles only', async () => {
    const { json } = await search({ query: 'size pole return', product: 'footwear', k: 10 });
    assert.ok(json.results.length > 0);
    assert.ok(ids(json).includes('boot-sizing'));
    assert.ok(!ids(json).includes('tent-poles'));
    assert.ok(ids(json).includes('returns-policy'));
  });

  test('locale matches the language, whatever the region', async () => {
    const fr = await search({ query: 'retourner remboursement', locale: 'fr-FR' });
    assert.deepEqual(ids(fr.json), ['retours']);
    const en = await search({ query: 'delivery tracking', locale: 'en' });
    assert.equal(en.json.results[0]?.id, 'delivery-times');
    const none = await search({ query: 'retourner remboursement', locale: 'en' });
    assert.ok(!ids(none.json).includes('retours'));
  });
});

describe('POST /api/search validation', () => {
  const cases: [string, unknown, string][] = [
    ['missing query', { k: 3 }, 'query'],
    ['empty query', { query: '   ' }, 'query'],
    ['query not a string', { query: 42 }, 'query'],
    ['k too large', { query: 'tent', k: 500 }, 'k'],
    ['k not whole', { query: 'tent', k: 2.5 }, 'k'],
    ['bad locale', { query: 'tent', locale: 'english please' }, 'locale'],
    ['bad source', { query: 'tent', source: 'forum' }, 'source'],
    ['body not an object', ['tent'], 'query'],
  ];
  for (const [name, body, path] of cases) {
    test(`400 for ${name}, naming the field`, async () => {
      const { status, json } = await search(body);
      assert.equal(status, 400);
      assert.equal(json.error, 'invalid_request');
      assert.ok(json.issues?.some((i) => i.path === path), JSON.stringify(json.issues));
    });
  }

  test('400 for a POST with no body at all', async () => {
    const res = await fetch(`${relay.url}/api/search`, { method: 'POST' });
    assert.equal(res.status, 400);
    assert.equal(((await res.json()) as RelayErrorBody).error, 'invalid_request');
  });
});

describe('GET /api/knowledge/snapshot', () => {
  test('serves the articles with their version as ETag, and 304 when unchanged', async () => {
    const res = await fetch(`${relay.url}/api/knowledge/snapshot`);
    assert.equal(res.status, 200);
    const etag = res.headers.get('etag');
    assert.equal(etag, `"${index.version}"`);
    const snapshot = (await res.json()) as KnowledgeSnapshot;
    assert.equal(snapshot.version, index.version);
    assert.equal(snapshot.documents.length, 5);
    assert.ok(snapshot.documents.every((d) => d.source === 'article' && d.askedAs === undefined));
    assert.ok(!('lexicalBySource' in snapshot) && !('encoder' in snapshot));
    assert.equal(snapshot.vectors?.model, index.vectors?.model);

    const again = await fetch(`${relay.url}/api/knowledge/snapshot`, { headers: { 'If-None-Match': etag! } });
    assert.equal(again.status, 304);
  });

  test('?locale= ships only that language, under its own ETag', async () => {
    const res = await fetch(`${relay.url}/api/knowledge/snapshot?locale=fr-FR`);
    assert.equal(res.status, 200);
    assert.equal(res.headers.get('etag'), `"${index.version}-fr"`);
    const snapshot = (await res.json()) as KnowledgeSnapshot;
    assert.deepEqual(snapshot.documents.map((d) => d.id), ['retours']);
    assert.equal(atob(snapshot.vectors!.data).length, snapshot.vectors!.dimensions);
    const bad = await fetch(`${relay.url}/api/knowledge/snapshot?locale=not%20a%20tag`);
    assert.equal(bad.status, 400);
  });

  test('the browser-side searcher answers from the snapshot like the relay does', async () => {
    const snapshot = (await (await fetch(`${relay.url}/api/knowledge/snapshot`)).json()) as KnowledgeSnapshot;
    const offline = KnowledgeSearcher.fromSnapshot(snapshot);
    const online = await search({ query: 'replacement tent pole', source: 'article' });
    assert.equal(offline.search({ query: 'replacement tent pole' })[0]?.id, online.json.results[0]?.id);
    assert.match(offline.document('tent-poles')!.text, /splint sleeve/);
  });
});
