/** The handoff rooms against a real `partykit dev`, over real WebSockets. */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startRelay, type RelayProcess } from '../../test/relay-process.js';
import { demoSignIn, escalate, openConversation, openQueue, post, samplePacket } from '../../test/handoff-peers.js';
import type { RoomMessage } from '../../../protocol/handoff.js';
import { signToken, DEMO_SESSION_SECRET } from '../identity/index.js';

let relay: RelayProcess;
let url: string;
// `partykit dev` keeps room storage between runs: a site of our own starts every run with an empty queue.
const site = `test-${crypto.randomUUID().slice(0, 8)}`;
const packetFor = (over: Parameters<typeof samplePacket>[0] = {}) => samplePacket({ site, ...over });
const signIn = (name: string) => demoSignIn(url, name, 'agent', site);

before(async () => {
  relay = await startRelay({ DEMO: '1' });
  url = relay.url;
});
after(() => relay?.stop());

async function claimed(agentName = 'Alex', packet = packetFor()) {
  const agent = await signIn(agentName);
  const queue = await openQueue(url, site, agent.token);
  const h = await escalate(url, packet);
  queue.send({ type: 'claim', conversationId: h.conversationId });
  await queue.next((m) => m.type === 'claimed' && m.conversationId === h.conversationId);
  return { agent, queue, h };
}

describe('handoff rooms', () => {
  it('explicit request → queue → claim → two-way chat with typing and read receipts → close', async () => {
    const agent = await signIn('Priya');
    const queue = await openQueue(url, site, agent.token);
    await queue.next((m) => m.type === 'queue');
    const h = await escalate(url, packetFor({ reasons: [{ code: 'human-request', text: "asked for a person: 'talk to a human'" }] }));
    assert.equal(h.wait.basis, 'default');
    assert.ok(h.wait.agentsOnline >= 1);
    const entry = await queue.next((m) => m.type === 'entry' && m.entry.conversationId === h.conversationId);
    assert.ok(entry.type === 'entry' && entry.entry.reasons[0]!.text.includes('talk to a human'));

    const visitor = await openConversation(url, h.conversationId, h.token);
    await queue.next((m) => m.type === 'entry' && m.entry.conversationId === h.conversationId && m.entry.visitorOnline);
    visitor.send({ type: 'sync', lastSeq: 0 });
    const snap = await visitor.next((m) => m.type === 'snapshot');
    assert.ok(snap.type === 'snapshot' && snap.conversation.status === 'waiting' && snap.conversation.packet === undefined, 'visitors never receive the packet');

    queue.send({ type: 'claim', conversationId: h.conversationId });
    await queue.next((m) => m.type === 'claimed');
    const joined = await visitor.next((m) => m.type === 'agent-joined');
    assert.ok(joined.type === 'agent-joined' && joined.agent.name === 'Priya');

    const agentConn = await openConversation(url, h.conversationId, agent.token);
    agentConn.send({ type: 'sync', lastSeq: 0 });
    // A second tab of the same visitor comes and goes: the visitor is still here.
    const secondTab = await openConversation(url, h.conversationId, h.token);
    secondTab.close();
    const agentSnap = await agentConn.next((m) => m.type === 'snapshot');
    assert.ok(agentSnap.type === 'snapshot' && agentSnap.conversation.packet?.entities[0]?.value === 'A-1001', 'the agent gets the packet');

    agentConn.send({ type: 'typing', typing: true });
    const typing = await visitor.next((m) => m.type === 'typing');
    assert.ok(typing.type === 'typing' && typing.from === 'agent' && typing.author === 'Priya');

    agentConn.send({ type: 'send', clientId: 'a-1', text: 'Hi, I can see order A-1001. Let me check.' });
    const fromAgent = await visitor.next((m) => m.type === 'message' && m.message.from === 'agent');
    assert.ok(fromAgent.type === 'message');
    visitor.send({ type: 'read', seq: fromAgent.message.seq });
    const receipt = await agentConn.next((m) => m.type === 'read');
    assert.deepEqual(receipt, { type: 'read', by: 'visitor', seq: fromAgent.message.seq });

    visitor.send({ type: 'send', clientId: 'v-1', text: 'Thank you!' });
    const ack = await visitor.next((m) => m.type === 'ack' && m.clientId === 'v-1');
    const atAgent = await agentConn.next((m) => m.type === 'message' && m.message.clientId === 'v-1');
    assert.ok(ack.type === 'ack' && atAgent.type === 'message' && atAgent.message.seq === ack.seq);

    const seen = queue.received.length;
    const tab = await openConversation(url, h.conversationId, h.token);
    tab.kill();
    await new Promise((r) => setTimeout(r, 300));
    assert.ok(!queue.received.slice(seen).some((m) => m.type === 'entry' && m.entry.conversationId === h.conversationId && !m.entry.visitorOnline), 'still online while one tab is open');

    agentConn.send({ type: 'close', resolution: 'solved' });
    const closed = await visitor.next((m) => m.type === 'closed');
    assert.ok(closed.type === 'closed' && closed.resolution === 'solved');
    await queue.next((m) => m.type === 'removed' && m.conversationId === h.conversationId);
    visitor.send({ type: 'send', clientId: 'v-2', text: 'one more thing' });
    const refused = await visitor.next((m) => m.type === 'error');
    assert.ok(refused.type === 'error' && refused.code === 'closed' && refused.clientId === 'v-2');
    for (const p of [queue, visitor, agentConn]) p.close();
  });

  it('nobody joins or reads a room they do not belong to', async () => {
    const { agent, queue, h } = await claimed('Sam');
    const other = await escalate(url, packetFor());
    const stranger = await signIn('Mallory');
    const refusals: [string, () => Promise<unknown>][] = [
      ['no token', () => openConversation(url, h.conversationId, '')],
      ['forged token', async () => openConversation(url, h.conversationId, await signToken({ sub: 'x', role: 'supervisor', site }, 'wrong-secret', 60))],
      ["another visitor's token", () => openConversation(url, h.conversationId, other.token)],
      ['an agent who did not claim it', () => openConversation(url, h.conversationId, stranger.token)],
      ['a visitor on the queue', () => openQueue(url, site, h.token)],
      ["an agent of another site's queue", () => openQueue(url, 'other-site', agent.token)],
      ['an expired token', async () => openConversation(url, h.conversationId, await signToken({ sub: 'visitor:x', role: 'visitor', site, conversationId: h.conversationId }, DEMO_SESSION_SECRET, 1, Math.floor(Date.now() / 1000) - 3600))],
    ];
    for (const [who, attempt] of refusals) {
      await assert.rejects(attempt(), (e: Error & { status?: number }) => e.status === 401 || e.status === 403, who);
    }
    const httpRead = await fetch(`${url}/parties/conversation/${h.conversationId}/view`);
    assert.equal(httpRead.status, 403, 'room state is not readable over HTTP from outside');
    const badCallback = await post(`${url}/api/handoff/${h.conversationId}/callback`, { channel: 'email', address: 'a@b.co' }, other.token);
    assert.equal(badCallback.status, 403);
    queue.close();
  });

  it('replays in order after a reconnect and never stores a resent message twice', async () => {
    const { agent, queue, h } = await claimed('Kim');
    const agentConn = await openConversation(url, h.conversationId, agent.token);
    agentConn.send({ type: 'sync', lastSeq: 0 });
    const first = await agentConn.next((m) => m.type === 'snapshot');
    const lastSeen = first.type === 'snapshot' ? first.latestSeq : 0;
    agentConn.kill();

    const visitor = await openConversation(url, h.conversationId, h.token);
    for (let i = 1; i <= 5; i++) visitor.send({ type: 'send', clientId: `v-${i}`, text: `message ${i}` });
    await visitor.next((m) => m.type === 'ack' && m.clientId === 'v-5');
    // The ack for v-3 was "lost": the visitor resends it after reconnecting.
    visitor.kill();
    const again = await openConversation(url, h.conversationId, h.token);
    again.send({ type: 'send', clientId: 'v-3', text: 'message 3' });
    const reAck = await again.next((m) => m.type === 'ack' && m.clientId === 'v-3');

    const back = await openConversation(url, h.conversationId, agent.token);
    back.send({ type: 'sync', lastSeq: lastSeen });
    const replay = await back.next((m) => m.type === 'snapshot');
    assert.ok(replay.type === 'snapshot');
    const texts = replay.messages.filter((m: RoomMessage) => m.from === 'visitor').map((m) => m.text);
    assert.deepEqual(texts, ['message 1', 'message 2', 'message 3', 'message 4', 'message 5']);
    const seqs = replay.messages.map((m) => m.seq);
    assert.deepEqual(seqs, [...seqs].sort((a, b) => a - b));
    assert.ok(reAck.type === 'ack' && replay.messages.find((m) => m.clientId === 'v-3')!.seq === reAck.seq);
    for (const p of [queue, again, back]) p.close();
  });

  it('first claim wins; transfer hands the conversation to the next agent with its history', async () => {
    const a = await signIn('Ana');
    const b = await signIn('Ben');
    const qa = await openQueue(url, site, a.token);
    const qb = await openQueue(url, site, b.token);
    const h = await escalate(url, packetFor());
    await qb.next((m) => m.type === 'entry' && m.entry.conversationId === h.conversationId);
    qa.send({ type: 'claim', conversationId: h.conversationId });
    qb.send({ type: 'claim', conversationId: h.conversationId });
    const ra = await qa.next((m) => (m.type === 'claimed' || m.type === 'error') && m.conversationId === h.conversationId);
    const rb = await qb.next((m) => (m.type === 'claimed' || m.type === 'error') && m.conversationId === h.conversationId);
    assert.deepEqual([ra.type, rb.type].sort(), ['claimed', 'error']);
    const [winner, winnerQueue, loserQueue, loser] = ra.type === 'claimed' ? [a, qa, qb, b] : [b, qb, qa, a];

    const visitor = await openConversation(url, h.conversationId, h.token);
    const w = await openConversation(url, h.conversationId, winner.token);
    w.send({ type: 'transfer', note: 'Needs the returns team', toAgentId: loser.agent.id });
    const transferred = await visitor.next((m) => m.type === 'transferred');
    assert.ok(transferred.type === 'transferred' && transferred.note === 'Needs the returns team');
    const requeued = await winnerQueue.next((m) => m.type === 'entry' && m.entry.conversationId === h.conversationId && m.entry.transfer !== null);
    assert.ok(requeued.type === 'entry' && requeued.entry.transfer?.from.id === winner.agent.id);
    await new Promise((r) => setTimeout(r, 100));
    assert.equal(w.closed?.code, 4003, 'the previous agent is moved out of the room');

    winnerQueue.send({ type: 'claim', conversationId: h.conversationId });
    const notYou = await winnerQueue.next((m) => m.type === 'error' && m.conversationId === h.conversationId && m.message.includes('transferred'));
    assert.ok(notYou);
    loserQueue.send({ type: 'claim', conversationId: h.conversationId });
    await loserQueue.next((m) => m.type === 'claimed' && m.conversationId === h.conversationId);
    const joined = await visitor.next((m) => m.type === 'agent-joined' && m.agent.id === loser.agent.id);
    assert.ok(joined);
    for (const p of [qa, qb, visitor]) p.close();
  });

  it("the assigned agent's read mark reaches the visitor; a supervisor looking in is refused", async () => {
    const { agent, queue, h } = await claimed('Lee');
    const visitor = await openConversation(url, h.conversationId, h.token);
    const agentConn = await openConversation(url, h.conversationId, agent.token);
    visitor.send({ type: 'send', clientId: 'v-1', text: 'Is my order A-1001 on its way?' });
    const first = await visitor.next((m) => m.type === 'ack' && m.clientId === 'v-1');
    assert.ok(first.type === 'ack');
    agentConn.send({ type: 'read', seq: first.seq });
    assert.deepEqual(await visitor.next((m) => m.type === 'read'), { type: 'read', by: 'agent', seq: first.seq });

    // A supervisor may join and read along, but "Seen" tells the visitor the agent helping them has read it.
    const supervisor = await demoSignIn(url, 'Sue', 'supervisor', site);
    const supervisorConn = await openConversation(url, h.conversationId, supervisor.token);
    visitor.send({ type: 'send', clientId: 'v-2', text: 'Hello?' });
    const second = await visitor.next((m) => m.type === 'ack' && m.clientId === 'v-2');
    assert.ok(second.type === 'ack');
    supervisorConn.send({ type: 'read', seq: second.seq });
    const refused = await supervisorConn.next((m) => m.type === 'error');
    assert.ok(refused.type === 'error' && refused.code === 'forbidden', JSON.stringify(refused));
    // The room answers in order: once the visitor's wait is answered, a relayed mark would have arrived before it.
    visitor.send({ type: 'wait' });
    await visitor.next((m) => m.type === 'wait');
    assert.deepEqual(visitor.received.filter((m) => m.type === 'read'), [{ type: 'read', by: 'agent', seq: first.seq }], 'no receipt the agent could not give');
    visitor.send({ type: 'sync', lastSeq: second.seq });
    const snap = await visitor.next((m) => m.type === 'snapshot');
    assert.ok(snap.type === 'snapshot' && snap.read.agent === first.seq, 'nor one stored');
    for (const p of [queue, visitor, agentConn, supervisorConn]) p.close();
  });

  it("a supervisor's transfer moves the agent who had the conversation out of the room", async () => {
    const { agent, queue, h } = await claimed('Jo');
    const agentConn = await openConversation(url, h.conversationId, agent.token);
    const supervisor = await demoSignIn(url, 'Sue', 'supervisor', site);
    const supervisorConn = await openConversation(url, h.conversationId, supervisor.token);
    supervisorConn.send({ type: 'transfer', note: 'Needs the returns team' });
    await queue.next((m) => m.type === 'entry' && m.entry.conversationId === h.conversationId && m.entry.transfer !== null);
    for (const end = Date.now() + 5000; !agentConn.closed && Date.now() < end; ) await new Promise((r) => setTimeout(r, 20));
    assert.equal(agentConn.closed?.code, 4003, 'Jo no longer receives the conversation');
    assert.equal(supervisorConn.closed, null, 'the supervisor stays');
    for (const p of [queue, supervisorConn]) p.close();
  });

  it('tells agents whether the visitor is still there', async () => {
    const agent = await signIn('Pia');
    const queue = await openQueue(url, site, agent.token);
    const h = await escalate(url, packetFor());
    const isEntry = (online: boolean) => (m: (typeof queue.received)[number]) =>
      m.type === 'entry' && m.entry.conversationId === h.conversationId && m.entry.visitorOnline === online;
    await queue.next(isEntry(false));
    const visitor = await openConversation(url, h.conversationId, h.token);
    await queue.next(isEntry(true));
    const from = queue.received.length;
    visitor.close();
    await queue.next(isEntry(false), 5000, from);
    queue.close();
  });

  it('orders waiting conversations by tier, frustration and wait', async () => {
    const agent = await signIn('Ola');
    const calm = await escalate(url, packetFor({ frustration: 0, customer: { ...samplePacket().customer, tier: 'free' } }));
    const vip = await escalate(url, packetFor({ frustration: 0.9, customer: { ...samplePacket().customer, tier: 'vip' } }));
    const queue = await openQueue(url, site, agent.token);
    const snap = await queue.next((m) => m.type === 'queue');
    assert.ok(snap.type === 'queue');
    const ids = snap.entries.filter((e) => e.status === 'waiting').map((e) => e.conversationId);
    assert.ok(ids.indexOf(vip.conversationId) < ids.indexOf(calm.conversationId));
    queue.close();
  });

  it('retrying an escalation with the same key returns the same conversation; a fresh token needs the key', async () => {
    const key = crypto.randomUUID();
    const one = await escalate(url, packetFor(), key);
    const two = await escalate(url, packetFor(), key);
    assert.equal(one.conversationId, two.conversationId);
    const wrong = await post(`${url}/api/handoff/${one.conversationId}/token`, { handoffKey: crypto.randomUUID() });
    assert.equal(wrong.status, 403);
    const fresh = await post<{ token: string }>(`${url}/api/handoff/${one.conversationId}/token`, { handoffKey: key });
    assert.equal(fresh.status, 200);
    const conn = await openConversation(url, one.conversationId, fresh.data.token);
    conn.close();
  });

  it('refuses malformed escalations and room messages with a clear error', async () => {
    const bad = await post<{ error: string; issues: { path: string }[] }>(`${url}/api/handoff`, { handoffKey: 'short', packet: { version: 2 } });
    assert.equal(bad.status, 400);
    assert.equal(bad.data.error, 'invalid_request');
    assert.ok(bad.data.issues.some((i) => i.path === 'handoffKey'));
    const h = await escalate(url, packetFor());
    const visitor = await openConversation(url, h.conversationId, h.token);
    visitor.ws.send('not json');
    visitor.send({ type: 'send', clientId: 'x', text: 'y'.repeat(5000) });
    visitor.send({ type: 'close', resolution: 'solved' });
    // Messages are handled in order: once the third is answered, the first two have been.
    await visitor.next((m) => m.type === 'error' && m.code === 'forbidden');
    assert.equal(visitor.received.filter((m) => m.type === 'error' && m.code === 'bad-message').length, 2);
    assert.ok(!visitor.received.some((m) => m.type === 'ack'), 'nothing malformed is stored');
    visitor.close();
  });

  it('with nobody online: an honest "no agents" estimate and a stored callback', async () => {
    const quiet = `quiet-${crypto.randomUUID().slice(0, 8)}`;
    const packet = samplePacket({ site: quiet });
    const h = await escalate(url, packet);
    assert.deepEqual(h.wait, { agentsOnline: 0, position: 1, seconds: null, basis: 'no-agents' });
    const visitor = await openConversation(url, h.conversationId, h.token);
    visitor.send({ type: 'wait' });
    const wait = await visitor.next((m) => m.type === 'wait');
    assert.ok(wait.type === 'wait' && wait.wait.basis === 'no-agents');

    const badEmail = await post(`${url}/api/handoff/${h.conversationId}/callback`, { channel: 'email', address: 'not-an-email' }, h.token);
    assert.equal(badEmail.status, 400);
    const badPhone = await post(`${url}/api/handoff/${h.conversationId}/callback`, { channel: 'sms', address: '12' }, h.token);
    assert.equal(badPhone.status, 400);
    const ok = await post<{ callback: { address: string } }>(`${url}/api/handoff/${h.conversationId}/callback`, { channel: 'sms', address: '+44 7911 123456', note: 'after 5pm' }, h.token);
    assert.equal(ok.status, 201);
    assert.equal(ok.data.callback.address, '+447911123456');

    const supervisor = await demoSignIn(url, 'Sue', 'supervisor', quiet);
    const queue = await openQueue(url, quiet, supervisor.token);
    const snap = await queue.next((m) => m.type === 'queue');
    assert.ok(snap.type === 'queue');
    assert.equal(snap.entries.find((e) => e.conversationId === h.conversationId)?.callback?.address, '+447911123456');
    const note = await visitor.next((m) => m.type === 'message' && m.message.from === 'system' && m.message.text.includes('callback'));
    assert.ok(note);
    for (const p of [queue, visitor]) p.close();
  });
});
