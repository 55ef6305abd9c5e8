/** The visitor's side of a handoff (RelayHandoff + HandoffConnection) against a real `partykit dev`. */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import WebSocket from 'ws';
import { startRelay, type RelayProcess } from '../../../relay/test/relay-process.js';
import { demoSignIn, openConversation, openQueue } from '../../../relay/test/handoff-peers.js';
import type { HandoffHost, HandoffRequest } from '../conversation/handoff.js';
import type { ConversationMessage } from '../conversation/message.js';
import type { MessageTransport } from '../conversation/message-transport.js';
import { EscalationPolicy } from '../escalation/policy.js';
import { message, understanding, signal } from '../escalation/fixtures.js';
import { RelayHandoff } from './relay-handoff.js';
import { HandoffSessions } from './handoff-session.js';
import { describeHandoff } from './handoff-status.js';
import { RoomSocket } from './room-socket.js';

let relay: RelayProcess;
const site = `widget-${crypto.randomUUID().slice(0, 8)}`;

before(async () => {
  relay = await startRelay({ DEMO: '1' });
});
after(() => relay?.stop());

class FakeWidget implements HandoffHost {
  received: ConversationMessage[] = [];
  transport: MessageTransport | undefined;
  updates = 0;
  async receive(m: ConversationMessage) {
    this.received.push(m);
  }
  requestUpdate() {
    this.updates++;
  }
}

const until = async (test: () => boolean, what: string, ms = 5000) => {
  const end = Date.now() + ms;
  while (!test()) {
    if (Date.now() > end) throw new Error(`timed out: ${what}`);
    await new Promise((r) => setTimeout(r, 20));
  }
};

function request(over: Partial<HandoffRequest> = {}): HandoffRequest {
  const history = [
    message({ text: 'my email is jo@example.com and I want to sue', understanding: understanding({ redacted: 'my email is [EMAIL] and I want to sue', signals: [signal('legal-threat', 'sue')] }) }),
  ];
  return {
    site,
    relay: relay.url,
    conversationId: crypto.randomUUID(),
    decision: new EscalationPolicy().decide({ messages: history, now: Date.now() }),
    history,
    ...over,
  };
}

const visitorMessage = (text: string): ConversationMessage => ({ id: crypto.randomUUID(), conversationId: 'c', role: 'visitor', text, at: Date.now(), status: 'pending' });

describe('RelayHandoff', () => {
  it('escalates with a redacted packet, becomes the transport, and carries a two-way chat', async () => {
    const agent = await demoSignIn(relay.url, 'Maya', 'agent', site);
    const queue = await openQueue(relay.url, site, agent.token);
    const widget = new FakeWidget();
    const handoff = new RelayHandoff({ WebSocket, sessions: new HandoffSessions() });
    const req = request();
    await handoff.start(req, widget);
    assert.ok(widget.transport, 'the handoff became the transport');
    await until(() => handoff.phase === 'waiting' && !!handoff.connection?.conversation, 'waiting');

    const entry = await queue.next((m) => m.type === 'entry');
    assert.ok(entry.type === 'entry');
    assert.ok(entry.entry.reasons.some((r) => r.text === "mentioned 'sue'"), 'the agent sees why');
    queue.send({ type: 'claim', conversationId: entry.entry.conversationId });
    await until(() => handoff.phase === 'active', 'agent joined');
    assert.match(describeHandoff({ phase: handoff.phase!, agentName: handoff.connection!.conversation!.agent!.name }), /Maya joined/);

    const agentRoom = await openConversation(relay.url, entry.entry.conversationId, agent.token);
    agentRoom.send({ type: 'sync', lastSeq: 0 });
    const snap = await agentRoom.next((m) => m.type === 'snapshot');
    assert.ok(snap.type === 'snapshot');
    assert.ok(!JSON.stringify(snap.conversation.packet).includes('jo@example.com'), 'PII stayed on the device');

    await widget.transport!.deliver(visitorMessage('Here is my order A-1'), new AbortController().signal);
    const got = await agentRoom.next((m) => m.type === 'message' && m.message.from === 'visitor');
    assert.ok(got.type === 'message' && got.message.text === 'Here is my order A-1');

    agentRoom.send({ type: 'send', clientId: 'a1', text: 'Thanks, checking now.' });
    await until(() => widget.received.some((m) => m.role === 'agent'), 'agent message shown');
    const shown = widget.received.find((m) => m.role === 'agent')!;
    assert.equal(shown.author, 'Maya');
    assert.equal(shown.conversationId, req.conversationId);
    await agentRoom.next((m) => m.type === 'read' && m.by === 'visitor');

    agentRoom.send({ type: 'close', resolution: 'solved' });
    await until(() => handoff.phase === 'closed', 'closed');
    assert.equal(widget.transport, undefined, 'visitor messages go back to the bot only');
    queue.close();
    agentRoom.close();
    handoff.stop();
  });

  it('loses nothing across dropped connections: pending messages are resent, stored once, in order', async () => {
    const widget = new FakeWidget();
    const handoff = new RelayHandoff({ WebSocket, sessions: new HandoffSessions(), limits: { minReconnectionDelay: 50, maxReconnectionDelay: 200 } });
    await handoff.start(request(), widget);
    await until(() => handoff.connection?.phase === 'open', 'open');
    const transport = widget.transport!;
    const sends: Promise<void>[] = [];
    for (let i = 0; i < 30; i++) {
      sends.push(transport.deliver(visitorMessage(`m${i}`), new AbortController().signal));
      // Drop the socket under the sender every few messages, acks in flight, and keep sending while it is down.
      if (i % 7 === 3) {
        const opens = handoff.connection!.opens;
        handoff.connection!.reconnect();
        sends.push(transport.deliver(visitorMessage(`m${++i}`), new AbortController().signal));
        await until(() => handoff.connection!.opens > opens, 'reopened');
      }
    }
    await Promise.all(sends);
    assert.ok(handoff.connection!.opens >= 4, `reconnected ${handoff.connection!.opens - 1} times`);
    const supervisor = await demoSignIn(relay.url, 'Sue', 'supervisor', site);
    const room = await openConversation(relay.url, handoff.connection!.conversation!.id, supervisor.token);
    room.send({ type: 'sync', lastSeq: 0 });
    const snap = await room.next((m) => m.type === 'snapshot');
    assert.ok(snap.type === 'snapshot');
    assert.deepEqual(
      snap.messages.filter((m) => m.from === 'visitor').map((m) => m.text),
      Array.from({ length: 30 }, (_, i) => `m${i}`),
    );
    room.close();
    handoff.stop();
  });

  it('reconnects after a reload from the stored session without queueing again', async () => {
    const sessions = new HandoffSessions();
    const req = request();
    const first = new RelayHandoff({ WebSocket, sessions });
    await first.start(req, new FakeWidget());
    await until(() => first.connection?.phase === 'open', 'open');
    const roomId = first.connection!.conversation?.id ?? sessions.get(req.conversationId)!.roomId;
    first.stop();

    const second = new RelayHandoff({ WebSocket, sessions });
    await second.resume(req, new FakeWidget());
    await until(() => second.connection?.phase === 'open' && !!second.connection.conversation, 'reopened');
    assert.equal(second.connection!.conversation!.id, roomId);
    second.stop();
  });

  it("marks the visitor's latest message the agent read as seen, never on the visitor's own marks, and keeps it across a reload", async () => {
    const agent = await demoSignIn(relay.url, 'Lee', 'agent', site);
    const queue = await openQueue(relay.url, site, agent.token);
    const sessions = new HandoffSessions();
    const req = request();
    const widget = new FakeWidget();
    const first = new RelayHandoff({ WebSocket, sessions });
    await first.start(req, widget);
    const entry = await queue.next((m) => m.type === 'entry' && m.entry.status === 'waiting');
    assert.ok(entry.type === 'entry');
    queue.send({ type: 'claim', conversationId: entry.entry.conversationId });
    await until(() => first.phase === 'active', 'agent joined');
    const agentRoom = await openConversation(relay.url, entry.entry.conversationId, agent.token);
    const [one, two] = [visitorMessage('Is it shipped?'), visitorMessage('Order A-1')];
    for (const m of [one, two]) await widget.transport!.deliver(m, new AbortController().signal);
    const stored = await agentRoom.next((m) => m.type === 'message' && m.message.clientId === two.id);
    assert.ok(stored.type === 'message');

    // The visitor reads the agent's reply; that mark comes back in the snapshot after a reconnect and is not the agent's.
    agentRoom.send({ type: 'send', clientId: 'a1', text: 'Checking now.' });
    await agentRoom.next((m) => m.type === 'read' && m.by === 'visitor');
    const opens = first.connection!.opens;
    first.connection!.reconnect();
    await until(() => first.connection!.opens > opens && first.connection!.phase === 'open', 'reopened');
    await new Promise((r) => setTimeout(r, 200));
    assert.equal(first.seenMessageId, null, 'nothing is seen before the agent says so');

    agentRoom.send({ type: 'read', seq: stored.message.seq - 1 });
    await until(() => first.seenMessageId === one.id, 'the first message seen');
    first.stop();

    const second = new RelayHandoff({ WebSocket, sessions });
    await second.resume(req, new FakeWidget());
    assert.equal(second.seenMessageId, one.id, 'kept across a reload');
    await until(() => second.connection?.phase === 'open', 'reopened after the reload');
    agentRoom.send({ type: 'read', seq: stored.message.seq });
    await until(() => second.seenMessageId === two.id, 'a message sent before the reload seen after it');
    for (const p of [queue, agentRoom]) p.close();
    second.stop();
  });

  it('with nobody online it says so and stores a callback', async () => {
    const widget = new FakeWidget();
    const handoff = new RelayHandoff({ WebSocket, sessions: new HandoffSessions() });
    await handoff.start(request({ site: `empty-${crypto.randomUUID().slice(0, 6)}` }), widget);
    await until(() => handoff.phase === 'waiting', 'waiting');
    assert.equal(handoff.wait?.basis, 'no-agents');
    assert.match(describeHandoff({ phase: 'waiting', wait: handoff.wait }), /Nobody from the team is online/);
    await handoff.requestCallback({ channel: 'email', address: 'not an email' });
    assert.equal(handoff.callback.state, 'idle');
    assert.match(handoff.callback.error, /email/);
    await handoff.requestCallback({ channel: 'email', address: 'Jo@Example.com' });
    assert.equal(handoff.callback.state, 'sent');
    handoff.stop();
  });

  it('"Talk to a person" never dead-ends: no relay configured, or a relay that is down, is said plainly', async () => {
    const widget = new FakeWidget();
    const none = new RelayHandoff();
    await none.start(request({ relay: '' }), widget);
    assert.equal(none.phase, 'unavailable');

    const down = new RelayHandoff({ WebSocket, sessions: new HandoffSessions() });
    void down.start(request({ relay: 'http://127.0.0.1:9' }), widget);
    await until(() => down.phase === 'unreachable', 'unreachable');
    assert.match(describeHandoff({ phase: 'unreachable' }), /keep trying/);
    down.stop();
  });

  it('every connection gets a new id, so a room never confuses a reconnect with the socket it replaces', async () => {
    const socket = new RoomSocket({ relay: relay.url, party: 'queue', room: site, token: async () => 'x', WebSocket, limits: { minReconnectionDelay: 50 } });
    const ids = new Set([socket.id]);
    socket.reconnect();
    ids.add(socket.id);
    await until(() => socket.retryCount > 1, 'a refused connection retried');
    ids.add(socket.id);
    socket.close();
    assert.ok(ids.size >= 3, `ids: ${[...ids].join(', ')}`);
  });
});
