import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { fileURLToPath } from 'node:url';
import { readArticles } from '../../relay/src/knowledge/article-source.js';
import { buildKnowledgeIndex, snapshotOf } from '../../relay/src/knowledge/build-index.js';
import type { KnowledgeQuery } from '../../relay/src/knowledge/knowledge-searcher.js';
import { KnowledgeUnavailableError, type KnowledgeHits, type KnowledgeSource } from '../src/answers/knowledge-source.js';
import { RacingKnowledgeSource } from '../src/answers/racing-knowledge.js';
import { SnapshotKnowledgeSource } from '../src/answers/snapshot-knowledge.js';
import { SnapshotStore } from '../src/answers/snapshot-store.js';
import { knowledgeSourceSuite } from './answers-knowledge-suite.js';

const articles = fileURLToPath(new URL('../../demo/content/articles', import.meta.url));
const snapshot = snapshotOf(await buildKnowledgeIndex(await readArticles(articles)));
const onDevice = () => new SnapshotKnowledgeSource({ load: async () => snapshot });

knowledgeSourceSuite(describe, it, 'snapshot on the device', onDevice);

/** A relay stand-in whose speed and health a policy test controls; the snapshot side stays real. */
class ScriptedRelay implements KnowledgeSource {
  readonly name = 'relay';
  calls = 0;
  constructor(private readonly behaviour: { delayMs?: number; fail?: boolean }) {}
  async search(request: KnowledgeQuery, signal?: AbortSignal): Promise<KnowledgeHits> {
    this.calls++;
    await new Promise((r) => setTimeout(r, this.behaviour.delayMs ?? 0));
    signal?.throwIfAborted();
    if (this.behaviour.fail) throw new KnowledgeUnavailableError('relay', 'HTTP 503');
    return { origin: 'relay', results: [{ id: 'relay-hit', title: request.query, url: '/r', snippet: '', score: 1, source: 'article' }] };
  }
}

describe('RacingKnowledgeSource policy', () => {
  const query = { query: 'how do I cancel my order', k: 3 };
  it('uses the relay when it answers within budget', async () => {
    const racing = new RacingKnowledgeSource(new ScriptedRelay({ delayMs: 5 }), onDevice(), { relayBudgetMs: 200 });
    assert.equal((await racing.search(query)).origin, 'relay');
  });
  it('answers from the snapshot when the relay is slow', async () => {
    const racing = new RacingKnowledgeSource(new ScriptedRelay({ delayMs: 3000 }), onDevice(), { relayBudgetMs: 30 });
    const started = Date.now();
    const hits = await racing.search(query);
    assert.equal(hits.origin, 'snapshot');
    assert.equal(hits.results[0]?.id, 'change-or-cancel-order');
    assert.ok(Date.now() - started < 2000, 'did not wait for the slow relay');
  });
  it('answers from the snapshot when the relay errors, then rests the relay for a while', async () => {
    let now = 1000;
    const relay = new ScriptedRelay({ fail: true });
    const racing = new RacingKnowledgeSource(relay, onDevice(), { relayBudgetMs: 200, cooldownMs: 10_000, now: () => now });
    assert.equal((await racing.search(query)).origin, 'snapshot');
    assert.equal((await racing.search(query)).origin, 'snapshot');
    assert.equal(relay.calls, 1);
    now += 10_001;
    await racing.search(query);
    assert.equal(relay.calls, 2);
  });
  it('does not ask the relay when offline', async () => {
    const relay = new ScriptedRelay({});
    const racing = new RacingKnowledgeSource(relay, onDevice(), { isOnline: () => false });
    assert.equal((await racing.search(query)).origin, 'snapshot');
    assert.equal(relay.calls, 0);
  });
  it('falls back to the relay when no snapshot is cached yet, and fails clearly when neither can answer', async () => {
    const empty = new SnapshotKnowledgeSource({ load: async () => null });
    assert.equal((await new RacingKnowledgeSource(new ScriptedRelay({ delayMs: 50 }), empty, { relayBudgetMs: 10 }).search(query)).origin, 'relay');
    await assert.rejects(new RacingKnowledgeSource(new ScriptedRelay({ fail: true }), empty).search(query), KnowledgeUnavailableError);
  });
});

describe('SnapshotStore without IndexedDB', () => {
  it('still answers on this page from a fetched snapshot, and says it could not keep it', async () => {
    assert.equal(typeof (globalThis as { indexedDB?: unknown }).indexedDB, 'undefined', 'Node has no IndexedDB: the unavailable case');
    const served = new Response(JSON.stringify(snapshot), { headers: { 'content-type': 'application/json' } });
    const store = new SnapshotStore({ fetch: async () => served });
    assert.equal(await store.load(), null);
    await assert.rejects(store.refresh('http://relay.invalid'), /kept for this page only/);
    const { results } = await new SnapshotKnowledgeSource(store).search({ query: 'how do I cancel my order', k: 1 });
    assert.equal(results[0]?.id, 'change-or-cancel-order');
  });
});
