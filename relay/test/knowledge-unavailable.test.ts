import { after, before, describe, test } from 'node:test';
import assert from 'node:assert/strict';
import { createServer, type Server } from 'node:http';
import { startRelay, type RelayProcess } from './relay-process.js';
import { fixtureIndex } from './fixtures/knowledge-fixture.js';
import type { HealthReport } from '../src/api/health.js';
import type { RelayErrorBody } from '../../protocol/relay-error.js';

// The index host fails first (500, then a body that is not an index), then recovers.
let answer: 'error' | 'garbage' | 'index' = 'error';
let indexJson = '';
let host: Server;
let relay: RelayProcess;

before(async () => {
  indexJson = JSON.stringify(await fixtureIndex());
  host = createServer((_req, res) => {
    if (answer === 'error') res.writeHead(500).end('upstream broke');
    else res.writeHead(200, { 'Content-Type': 'application/json' }).end(answer === 'garbage' ? '{"hello": "world"}' : indexJson);
  });
  await new Promise<void>((resolve) => host.listen(0, '127.0.0.1', resolve));
  const { port } = host.address() as { port: number };
  relay = await startRelay({ KNOWLEDGE_INDEX_URL: `http://127.0.0.1:${port}/kb.json` });
});
after(async () => {
  await relay?.stop();
  host?.close();
});

const health = async () => (await (await fetch(`${relay.url}/api/health`)).json()) as HealthReport;
const search = () =>
  fetch(`${relay.url}/api/search`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify({ query: 'tent poles' }),
  });

describe('a knowledge index that cannot be loaded', () => {
  test('health says why, search and snapshot answer 503 knowledge_unavailable', async () => {
    const report = await health();
    assert.equal(report.ok, false);
    assert.equal(report.knowledge.state, 'failed');
    assert.ok(report.knowledge.state === 'failed' && /HTTP 500/.test(report.knowledge.error));
    const res = await search();
    assert.equal(res.status, 503);
    assert.equal(((await res.json()) as RelayErrorBody).error, 'knowledge_unavailable');
    assert.equal((await fetch(`${relay.url}/api/knowledge/snapshot`)).status, 503);
  });

  test('a body that is not an index is refused, and the relay recovers once the index is back', async () => {
    answer = 'garbage';
    await new Promise((r) => setTimeout(r, 5_200));
    await search();
    const report = await health();
    assert.ok(report.knowledge.state === 'failed' && /support-knowledge\/1/.test(report.knowledge.error));

    answer = 'index';
    await new Promise((r) => setTimeout(r, 5_200));
    assert.equal((await search()).status, 200);
    const recovered = await health();
    assert.equal(recovered.knowledge.state, 'ready');
    assert.equal(recovered.ok, true);
  });
});
