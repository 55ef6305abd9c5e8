import { expect } from 'chai';
import { AnswerEngine, type AnswerEvent, type AnswerOutcome } from '../src/answers/answer-engine.js';
import { TALK_TO_A_PERSON } from '../src/answers/quick-replies.js';
import { RacingKnowledgeSource } from '../src/answers/racing-knowledge.js';
import { RelayKnowledgeSource } from '../src/answers/relay-knowledge.js';
import { SnapshotKnowledgeSource } from '../src/answers/snapshot-knowledge.js';
import { SnapshotStore } from '../src/answers/snapshot-store.js';
import { UnderstandingClient } from '../src/inference/understanding-client.js';
import type { Understanding } from '../../protocol/understanding.js';
import { FIXTURE_SNAPSHOT, understand, visitorMessage } from './answers-fixtures.js';
import { knowledgeSourceSuite } from './answers-knowledge-suite.js';

const relayUrl = (window as unknown as { __TEST_ENV__: { relayUrl: string } }).__TEST_ENV__.relayUrl;
if (!relayUrl) throw new Error('answers tests need a relay: run them with `npm test`, or set RELAY_URL');
/** A relay that is down: nothing listens on port 9 (discard) of loopback. */
const DEAD_RELAY = 'http://127.0.0.1:9';

let dbCount = 0;
async function freshStore(): Promise<SnapshotStore> {
  const store = new SnapshotStore({ dbName: `answers-test-${Date.now()}-${dbCount++}` });
  await store.refresh(relayUrl);
  return store;
}

async function ask(engine: AnswerEngine, text: string, understanding: Understanding = understand(text)) {
  const events: AnswerEvent[] = [];
  for await (const e of engine.answer({ message: visitorMessage(text, understanding), understanding, history: [] })) events.push(e);
  const end = events.find((e) => e.type === 'reply-end');
  return {
    text: events.flatMap((e) => (e.type === 'reply-delta' ? [e.text] : [])).join(''),
    end: end?.type === 'reply-end' ? end : undefined,
    outcome: (events.at(-1) as { outcome: AnswerOutcome }).outcome,
  };
}

function engineFor(relay: string, store: SnapshotStore, options: { relayBudgetMs?: number } = {}) {
  const snapshot = new SnapshotKnowledgeSource(store);
  const knowledge = new RacingKnowledgeSource(new RelayKnowledgeSource(relay), snapshot, options);
  return new AnswerEngine({ knowledge, library: snapshot });
}

knowledgeSourceSuite(describe, it, 'relay over HTTP', () => new RelayKnowledgeSource(relayUrl));
knowledgeSourceSuite(describe, it, 'snapshot in IndexedDB', async () => new SnapshotKnowledgeSource(await freshStore()));
knowledgeSourceSuite(describe, it, 'racing relay and snapshot', async () => new RacingKnowledgeSource(new RelayKnowledgeSource(relayUrl), new SnapshotKnowledgeSource(await freshStore())));

describe('SnapshotStore', () => {
  it('caches the relay’s snapshot in IndexedDB and revalidates it with its version', async () => {
    const name = `answers-store-${Date.now()}`;
    const store = new SnapshotStore({ dbName: name });
    expect(await store.load()).to.equal(null);
    expect(await store.refresh(relayUrl)).to.equal('updated');
    expect(await store.refresh(relayUrl)).to.equal('unchanged');
    store.close();
    const reopened = new SnapshotStore({ dbName: name });
    const snapshot = await reopened.load();
    expect(snapshot?.documents.some((d) => d.id === 'change-or-cancel-order')).to.equal(true);
    expect(snapshot?.documents.every((d) => d.source === 'article')).to.equal(true);
  });
  it('keeps the cached snapshot when the relay is down', async () => {
    const store = await freshStore();
    let failed = false;
    try {
      await store.refresh(DEAD_RELAY);
    } catch {
      failed = true;
    }
    expect(failed).to.equal(true);
    expect(await store.load()).to.not.equal(null);
  });
});

describe('SnapshotKnowledgeSource ranking by meaning with query vectors from the understanding worker', () => {
  let worker: UnderstandingClient;
  before(() => {
    worker = new UnderstandingClient({ config: { modelUrl: '/models/support-intent/' }, timeoutMs: 30_000 });
  });
  after(() => worker.terminate());
  const query = { query: 'how do I cancel my order', k: 3, locale: 'en' };

  it('names the model by its weights, the one the snapshot vectors came from, and uses them to rank', async () => {
    const store = await freshStore();
    const { model, vector } = await worker.embed('where is my parcel');
    expect(model).to.match(/^support-intent@[0-9a-f]{16}$/);
    expect(model).to.equal((await store.load())?.vectors?.model);
    expect(Math.hypot(...vector)).to.be.closeTo(1, 1e-3);
    const embedded: string[] = [];
    const byMeaning = new SnapshotKnowledgeSource(store);
    byMeaning.setEmbedder({ embed: (text) => (embedded.push(text), worker.embed(text)) });
    const hybrid = (await byMeaning.search(query)).results;
    const lexical = (await new SnapshotKnowledgeSource(store).search(query)).results;
    expect(embedded).to.deep.equal([query.query]);
    expect(hybrid[0]?.id).to.equal('change-or-cancel-order');
    expect(hybrid.map((r) => r.score)).to.not.deep.equal(lexical.map((r) => r.score));
  });

  it('ranks by words alone when the query cannot be embedded, or not in time', async () => {
    const store = await freshStore();
    const lexical = (await new SnapshotKnowledgeSource(store).search(query)).results;
    const failing = new SnapshotKnowledgeSource(store);
    failing.setEmbedder({ embed: () => Promise.reject(new Error('worker gone')) });
    expect((await failing.search(query)).results).to.deep.equal(lexical);
    const stuck = new SnapshotKnowledgeSource(store);
    stuck.setEmbedder({ embed: () => new Promise(() => undefined) });
    const started = performance.now();
    expect((await stuck.search(query)).results).to.deep.equal(lexical);
    expect(performance.now() - started).to.be.below(2000);
  });
});

describe('AnswerEngine in the browser', () => {
  it('answers online from the relay, with the article cited', async () => {
    const r = await ask(engineFor(relayUrl, await freshStore(), { relayBudgetMs: 2000 }), 'how do I cancel my order?', understand('how do I cancel my order?', { label: 'cancel_order' }));
    expect(r.outcome.kind).to.equal('answer');
    expect(r.outcome.origin).to.equal('relay');
    expect(r.text).to.match(/cancel an order for 60 minutes after placing it/);
    expect(r.end?.citations).to.deep.equal([{ title: 'Changing or cancelling an order', url: '/help/change-or-cancel-order' }]);
    expect(r.end?.askFeedback).to.equal(true);
  });

  it('answers from the cached snapshot when the relay is down', async () => {
    const r = await ask(engineFor(DEAD_RELAY, await freshStore()), 'how do I cancel my order?', understand('how do I cancel my order?', { label: 'cancel_order' }));
    expect(r.outcome.kind).to.equal('answer');
    expect(r.outcome.origin).to.equal('device');
    expect(r.outcome.knowledge).to.equal('snapshot');
    expect(r.end?.citations[0]?.url).to.equal('/help/change-or-cancel-order');
  });

  it('declines plainly and offers a person when the intent is uncertain', async () => {
    const u = understand('what is the meaning of life', { label: 'oos', confidence: 0.12, rejected: true });
    const r = await ask(engineFor(relayUrl, await freshStore()), 'what is the meaning of life', u);
    expect(r.outcome.kind).to.equal('decline');
    expect(r.text).to.match(/not sure/);
    expect(r.end?.citations).to.deep.equal([]);
    expect(r.end?.quickReplies).to.include(TALK_TO_A_PERSON);
    expect(r.end?.askFeedback).to.equal(false);
  });

  it('ignores an instruction planted in a cached article', async () => {
    const store = new SnapshotStore({ dbName: `answers-poisoned-${Date.now()}` });
    await store.save(FIXTURE_SNAPSHOT);
    const r = await ask(engineFor(DEAD_RELAY, store), 'how do I return an item?', understand('how do I return an item?', { label: 'get_refund' }));
    expect(r.outcome.kind).to.equal('answer');
    expect(r.outcome.neutralised).to.be.at.least(1);
    expect(r.text).not.to.match(/ignore|voucher|full refund/i);
    expect(r.end?.citations[0]?.url).to.equal('/help/returns');
  });
});
