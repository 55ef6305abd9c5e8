import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { ConversationMessage } from '../src/conversation/message.js';
import { DeliveryRefused, type MessageTransport } from '../src/conversation/message-transport.js';
import { MemoryConversationStore } from '../src/memory/memory-store.js';
import { Outbox } from '../src/memory/outbox.js';
import { NetworkReturn, retryDelay } from '../src/offline/network-return.js';
import { conversationStoreCases } from './conversation-store.cases.js';

function message(id: string): ConversationMessage {
  return { id, conversationId: 'c1', role: 'visitor', text: id, at: Date.now(), status: 'pending' };
}

/** Accepts messages unless told otherwise; remembers what it accepted. */
class ScriptedTransport implements MessageTransport {
  delivered: string[] = [];
  failNext = 0;
  refuse = new Set<string>();
  async deliver(m: ConversationMessage): Promise<void> {
    if (this.refuse.has(m.id)) throw new DeliveryRefused('too large');
    if (this.failNext > 0) {
      this.failNext--;
      throw new Error('relay unreachable');
    }
    this.delivered.push(m.id);
  }
}

function outbox(store: MemoryConversationStore, transport: MessageTransport | undefined, online = () => true) {
  const settled: ConversationMessage[] = [];
  const box = new Outbox({
    store,
    transport: () => transport,
    onSettled: (m) => settled.push(m),
    lockName: 'test',
    network: new NetworkReturn(online, { baseMs: 5, maxMs: 20 }),
    retry: { baseMs: 5, maxMs: 20 },
  });
  return { box, settled };
}

/** One queued message, an outbox that believes it is offline, and the switch that brings it online. */
async function offlineWithOneQueued() {
  const store = new MemoryConversationStore();
  await store.enqueue(message('a'));
  let online = false;
  const transport = new ScriptedTransport();
  const { box } = outbox(store, transport, () => online);
  await box.flush();
  assert.deepEqual(transport.delivered, []);
  return { store, transport, box, goOnline: () => (online = true) };
}

describe('Outbox', () => {
  it('delivers queued messages once each, oldest first', async () => {
    const store = new MemoryConversationStore();
    for (const id of ['a', 'b', 'c']) await store.enqueue(message(id));
    const transport = new ScriptedTransport();
    const { box, settled } = outbox(store, transport);
    await Promise.all([box.flush(), box.flush()]);
    await box.flush();
    box.stop();
    assert.deepEqual(transport.delivered, ['a', 'b', 'c']);
    assert.deepEqual(settled.map((m) => m.status), ['sent', 'sent', 'sent']);
    assert.deepEqual(await store.outbox(), []);
    assert.equal((await store.message('b'))?.status, 'sent');
  });

  it('stops at a failure so nothing overtakes it, then retries with backoff', async () => {
    const store = new MemoryConversationStore();
    for (const id of ['a', 'b']) await store.enqueue(message(id));
    const transport = new ScriptedTransport();
    transport.failNext = 2;
    const { box } = outbox(store, transport);
    await box.flush();
    assert.deepEqual(transport.delivered, []);
    assert.equal((await store.outbox())[0]?.attempts, 1);
    const deadline = Date.now() + 2000;
    while (transport.delivered.length < 2 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 5));
    box.stop();
    assert.deepEqual(transport.delivered, ['a', 'b']);
  });

  it('marks a refused message failed and goes on with the next', async () => {
    const store = new MemoryConversationStore();
    for (const id of ['a', 'b']) await store.enqueue(message(id));
    const transport = new ScriptedTransport();
    transport.refuse.add('a');
    const { box, settled } = outbox(store, transport);
    await box.flush();
    box.stop();
    assert.deepEqual(transport.delivered, ['b']);
    assert.deepEqual(settled.map((m) => [m.id, m.status]), [['a', 'failed'], ['b', 'sent']]);
  });

  it('waits while offline or without a transport, losing nothing', async () => {
    const { store, transport, box, goOnline } = await offlineWithOneQueued();
    goOnline();
    await box.flush();
    box.stop();
    assert.deepEqual(transport.delivered, ['a']);

    const idle = outbox(store, undefined);
    await store.enqueue(message('b'));
    await idle.box.flush();
    idle.box.stop();
    assert.deepEqual((await store.outbox()).map((e) => e.messageId), ['b']);
  });
});

describe('Outbox without an online event', () => {
  it('looks again on its own while the browser says it is offline', async () => {
    const { transport, box, goOnline } = await offlineWithOneQueued();
    goOnline();
    const deadline = Date.now() + 2000;
    while (!transport.delivered.length && Date.now() < deadline) await new Promise((r) => setTimeout(r, 5));
    box.stop();
    assert.deepEqual(transport.delivered, ['a']);
  });
});

describe('retryDelay', () => {
  it('doubles from the base up to the cap, within ±20%', () => {
    const schedule = { baseMs: 1000, maxMs: 30_000 };
    assert.equal(retryDelay(1, schedule, () => 0.5), 1000);
    assert.equal(retryDelay(3, schedule, () => 0.5), 4000);
    assert.equal(retryDelay(20, schedule, () => 0.5), 30_000);
    assert.equal(retryDelay(1, schedule, () => 0), 800);
    assert.equal(retryDelay(1, schedule, () => 1), 1200);
  });
});

describe('MemoryConversationStore (shared store cases)', () => {
  for (const [title, run] of conversationStoreCases) it(title, () => run(new MemoryConversationStore()));
});
