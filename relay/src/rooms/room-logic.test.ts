import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { orderQueue, queuePriority, type QueueEntry } from '../../../protocol/handoff.js';
import { DeliveryLog, messageKey } from './delivery-log.js';
import { DEFAULT_HANDLE_SECONDS, estimateWait } from './wait-estimate.js';
import { mayJoin, type ConversationMeta } from './conversation-room.js';
import { normaliseCallbackAddress } from '../api/handoff.js';
import { samplePacket } from '../../test/handoff-peers.js';

describe('DeliveryLog', () => {
  it('numbers messages in order and stores a resent client id once', () => {
    const log = new DeliveryLog();
    const a = log.append({ clientId: 'a', from: 'visitor', text: 'one', at: 1 });
    const b = log.append({ clientId: 'b', from: 'visitor', text: 'two', at: 2 });
    const again = log.append({ clientId: 'a', from: 'visitor', text: 'one', at: 3 });
    assert.deepEqual([a.message.seq, b.message.seq], [1, 2]);
    assert.equal(again.duplicate, true);
    assert.equal(again.message.seq, 1);
    assert.equal(log.size, 2);
  });

  it('keeps the two sides apart: an agent cannot shadow a visitor message by reusing its id', () => {
    const log = new DeliveryLog();
    log.append({ clientId: 'x', from: 'visitor', text: 'hi', at: 1 });
    assert.equal(log.append({ clientId: 'x', from: 'agent', text: 'hello', at: 2 }).duplicate, false);
  });

  it('replays everything after a seq, and rebuilds from storage in any order', () => {
    const log = new DeliveryLog();
    for (let i = 0; i < 5; i++) log.append({ clientId: `c${i}`, from: 'agent', text: `${i}`, at: i });
    assert.deepEqual(log.since(3).map((m) => m.seq), [4, 5]);
    assert.deepEqual(log.since(0).length, 5);
    assert.deepEqual(log.since(99), []);
    const reloaded = new DeliveryLog([...log.all()].reverse());
    assert.equal(reloaded.latestSeq, 5);
    assert.equal(reloaded.append({ clientId: 'c2', from: 'agent', text: '2', at: 9 }).duplicate, true);
    assert.ok(messageKey(2) < messageKey(10), 'storage keys sort numerically');
  });
});

describe('estimateWait', () => {
  it('is honest: no agents, no number', () => {
    assert.deepEqual(estimateWait(3, 0, [100, 100, 100]), { agentsOnline: 0, position: 3, seconds: null, basis: 'no-agents' });
  });
  it('uses measured handle times once there are three, else says it is a default', () => {
    assert.equal(estimateWait(1, 1, [60, 60]).basis, 'default');
    assert.equal(estimateWait(1, 1, []).seconds, DEFAULT_HANDLE_SECONDS / 2);
    assert.deepEqual(estimateWait(4, 2, [100, 300, 200]), { agentsOnline: 2, position: 4, seconds: 200, basis: 'measured' });
  });
});

describe('queue priority', () => {
  const entry = (over: Partial<QueueEntry>): QueueEntry => ({
    conversationId: 'c',
    enqueuedAt: 0,
    status: 'waiting',
    tier: 'standard',
    customerId: null,
    frustration: 0,
    intent: null,
    reasons: [{ code: 'human-request', text: 'asked' }],
    immediate: false,
    language: 'en',
    callback: null,
    visitorOnline: true,
    agent: null,
    transfer: null,
    ...over,
  });
  it('ranks tier, frustration, legal threats and minutes waited; assigned entries last', () => {
    const now = 10 * 60_000;
    const list = orderQueue(
      [
        entry({ conversationId: 'assigned', status: 'assigned', tier: 'vip' }),
        entry({ conversationId: 'calm', enqueuedAt: now }),
        entry({ conversationId: 'vip', tier: 'vip', enqueuedAt: now }),
        entry({ conversationId: 'angry', frustration: 0.9, enqueuedAt: now }),
        entry({ conversationId: 'waited', enqueuedAt: 0 }),
        entry({ conversationId: 'legal', enqueuedAt: now, reasons: [{ code: 'legal-threat', text: "mentioned 'sue'" }] }),
      ],
      now,
    );
    assert.deepEqual(list.map((e) => e.conversationId), ['waited', 'vip', 'angry', 'legal', 'calm', 'assigned']);
    assert.ok(queuePriority(entry({ frustration: 1 }), 0) > queuePriority(entry({ frustration: 0 }), 0));
  });
});

describe('mayJoin', () => {
  const meta: ConversationMeta = {
    id: 'h1',
    site: 'shop',
    status: 'active',
    agent: { id: 'agent_a', name: 'A' },
    createdAt: 0,
    assignedAt: 0,
    resolution: null,
    callback: null,
    packet: samplePacket({ site: 'shop' }),
  };
  it('lets in the visitor of this conversation, its agent and supervisors of the site, nobody else', () => {
    assert.ok(mayJoin(meta, { role: 'visitor', sub: 'v', site: 'shop', conversationId: 'h1' }, 'h1').ok);
    assert.ok(!mayJoin(meta, { role: 'visitor', sub: 'v', site: 'shop', conversationId: 'h2' }, 'h1').ok);
    assert.ok(mayJoin(meta, { role: 'agent', sub: 'agent_a', site: 'shop' }, 'h1').ok);
    assert.ok(!mayJoin(meta, { role: 'agent', sub: 'agent_b', site: 'shop' }, 'h1').ok);
    assert.ok(mayJoin(meta, { role: 'supervisor', sub: 's', site: 'shop' }, 'h1').ok);
    assert.ok(!mayJoin(meta, { role: 'supervisor', sub: 's', site: 'elsewhere' }, 'h1').ok);
    assert.equal((mayJoin(undefined, { role: 'supervisor', sub: 's', site: 'shop' }, 'h1') as { status: number }).status, 404);
  });
});

describe('normaliseCallbackAddress', () => {
  it('accepts real emails and phones, normalised; refuses the rest', () => {
    assert.equal(normaliseCallbackAddress('email', ' Jo@Example.COM '), 'jo@example.com');
    assert.equal(normaliseCallbackAddress('email', 'jo@example'), null);
    assert.equal(normaliseCallbackAddress('email', '<script>@x.io'), null);
    assert.equal(normaliseCallbackAddress('sms', '+1 (650) 253-0000'), '+16502530000');
    assert.equal(normaliseCallbackAddress('sms', '12345'), null);
  });
});
