/**
 * Handoff transcripts follow GDPR export and erasure, against a real
 * `partykit dev`: a signed-in visitor hands off and chats with an agent; the
 * customer's export holds the transcript; erasure removes it from the room
 * and the queue, and only audit tombstones remain.
 */
import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { signIdentity, signToken } from '../src/identity/index.js';
import type { RelayProcess } from './relay-process.js';
import { startCustomerRelay } from './customer-relay.js';
import { openConversation, openQueue, post, samplePacket } from './handoff-peers.js';
import { HandoffApi } from '../../widget/src/handoff/handoff-api.js';

let relay: RelayProcess;
let SITE: string;
let SESSION_SECRET: string;
let IDENTITY_SECRET: string;

const get = (path: string, token: string) => fetch(`${relay.url}/api${path}`, { headers: { authorization: `Bearer ${token}` } });
const del = (path: string, token: string) => fetch(`${relay.url}/api${path}`, { method: 'DELETE', headers: { authorization: `Bearer ${token}` } });

async function signedInVisitor(sub: string, email: string): Promise<string> {
  const identityToken = await signIdentity({ sub, email }, IDENTITY_SECRET, 600);
  const res = await post<{ token: string; customer: unknown }>(`${relay.url}/api/identify`, { identityToken });
  assert.equal(res.status, 200);
  assert.ok(res.data.customer, 'the visitor is a known customer');
  return res.data.token;
}

async function closed(peer: { closed: { code: number } | null }, timeoutMs = 5000) {
  for (const end = Date.now() + timeoutMs; !peer.closed && Date.now() < end; ) await new Promise((r) => setTimeout(r, 50));
  return peer.closed;
}

/**
 * Escalates as the widget does (its HandoffApi), with the visitor's relay session when there is one, and checks
 * the relay created a new conversation (201), not a retry's existing one (200): HandoffApi accepts either.
 */
async function handOff(session?: string, customerId = 'cus_0011') {
  const packet = samplePacket({ site: SITE, customer: { ...samplePacket().customer, customerId } });
  const statuses: number[] = [];
  const api = new HandoffApi(relay.url, async (...args) => {
    const res = await fetch(...args);
    statuses.push(res.status);
    return res;
  });
  const handoff = await api.escalate(crypto.randomUUID(), packet, undefined, session);
  assert.deepEqual(statuses, [201], 'POST /api/handoff creates the conversation');
  return handoff;
}

before(async () => {
  ({ relay, site: SITE, sessionSecret: SESSION_SECRET, identitySecret: IDENTITY_SECRET } = await startCustomerRelay('handoff-privacy'));
});
after(async () => relay?.stop());

describe('handoff transcripts under GDPR export and erasure', { concurrency: false }, () => {
  it('a handoff without the visitor session is not linked to the customer the packet names', async () => {
    const agent = await signToken({ sub: 'agent_0', role: 'agent', site: SITE, name: 'Sam' }, SESSION_SECRET, 600);
    const h = await handOff(undefined, 'cus_0005');
    const exported = await (await get('/customers/cus_0005/export', agent)).json();
    assert.equal(exported.conversations.includes(h.conversationId), false);
  });

  it('export holds the transcript; erasure empties the room and the queue; the audit keeps tombstones', async () => {
    const session = await signedInVisitor('site-user-kemi', 'kemi.adeyemi@example.com');
    const agentToken = await signToken({ sub: 'agent_1', role: 'agent', site: SITE, name: 'Priya' }, SESSION_SECRET, 600);
    const queue = await openQueue(relay.url, SITE, agentToken);
    const h = await handOff(session);

    const visitor = await openConversation(relay.url, h.conversationId, h.token);
    queue.send({ type: 'claim', conversationId: h.conversationId });
    await queue.next((m) => m.type === 'claimed' && m.conversationId === h.conversationId);
    const agent = await openConversation(relay.url, h.conversationId, agentToken);
    visitor.send({ type: 'send', clientId: 'v1', text: 'My parcel to 12 Elm Road never came' });
    await visitor.next((m) => m.type === 'ack' && m.clientId === 'v1');
    agent.send({ type: 'send', clientId: 'a1', text: 'Sorry Kemi, I am sending a replacement today' });
    await agent.next((m) => m.type === 'ack' && m.clientId === 'a1');

    const exported = await (await get('/customers/cus_0011/export', session)).json();
    assert.deepEqual(exported.conversations, [h.conversationId], 'POST /api/handoff linked the conversation');
    assert.ok(exported.audit.some((e: { action: string }) => e.action === 'link_conversation'));
    const keeper = exported.transcripts.find((t: { keeper: string }) => t.keeper === 'handoff-transcripts');
    assert.equal(keeper.items.length, 1);
    const transcript = keeper.items[0];
    assert.equal(transcript.conversationId, h.conversationId);
    assert.equal(transcript.status, 'active');
    assert.equal(transcript.agent.name, 'Priya');
    assert.match(transcript.createdAt, /Z$/);
    assert.equal(transcript.packet.transcript[0].text, 'where is my order A-1001');
    const said = transcript.messages.map((m: { from: string; text: string }) => `${m.from}: ${m.text}`);
    assert.ok(said.includes('visitor: My parcel to 12 Elm Road never came'), said.join(' | '));
    assert.ok(said.includes('agent: Sorry Kemi, I am sending a replacement today'), said.join(' | '));
    for (const m of transcript.messages) assert.match(m.at, /^\d{4}-\d\d-\d\dT.*Z$/);
    assert.deepEqual(exported.failures, []);

    const erased = await del('/customers/cus_0011', session);
    assert.equal(erased.status, 200);
    const report = await erased.json();
    assert.deepEqual(report.dependents.find((d: { name: string }) => d.name === 'handoff-transcripts'), {
      name: 'handoff-transcripts',
      outcome: 'done',
      count: 1,
    });
    assert.equal(report.store.conversations, 1);

    assert.equal((await closed(visitor))?.code, 4403, 'the visitor is moved out of the erased room');
    assert.equal((await closed(agent))?.code, 4403, 'so is the agent');
    await queue.next((m) => m.type === 'removed' && m.conversationId === h.conversationId);

    // A later join finds nothing, whoever asks.
    await assert.rejects(openConversation(relay.url, h.conversationId, h.token), (e: { status?: number }) => e.status === 404);
    await assert.rejects(openConversation(relay.url, h.conversationId, agentToken), (e: { status?: number }) => e.status === 404);
    const supervisor = await signToken({ sub: 'sup_1', role: 'supervisor', site: SITE }, SESSION_SECRET, 600);
    await assert.rejects(openConversation(relay.url, h.conversationId, supervisor), (e: { status?: number }) => e.status === 404);

    const afterwards = await (await get('/customers/cus_0011/export', agentToken)).json();
    assert.equal(afterwards.customer, null);
    assert.deepEqual(afterwards.conversations, []);
    assert.deepEqual(afterwards.transcripts.flatMap((t: { items: unknown[] }) => t.items), []);
    assert.ok(afterwards.audit.length > 0);
    for (const entry of afterwards.audit) assert.equal(entry.tombstone, true);
    const text = JSON.stringify(afterwards);
    assert.equal(text.includes('Elm Road') || text.includes('replacement') || text.includes('Kemi'), false);
    queue.close();
  });

  it('the room answers transcript and erase calls only from inside the relay', async () => {
    const h = await handOff();
    for (const action of ['transcript', 'erase']) {
      const res = await fetch(`${relay.url}/parties/conversation/${h.conversationId}/${action}`, {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ site: SITE }),
      });
      assert.equal(res.status, 403, action);
    }
  });
});
