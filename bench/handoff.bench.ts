/**
 * Live handoff on loopback against a real `partykit dev`:
 * - escalation → conversation in an agent's queue (p50/p95), one agent watching;
 * - visitor → agent message latency with 500 concurrent conversations (p50/p99);
 * - 1,000 forced reconnects (visitor and agent sides) while both keep writing:
 *   lost and duplicated messages counted from what each side received and what the room stored.
 * Visitors use the widget's own HandoffConnection (partysocket); agents raw `ws`.
 * Last stdout line: one JSON object.
 */
import os from 'node:os';
import { monitorEventLoopDelay, performance } from 'node:perf_hooks';
import WebSocket from 'ws';
import { startRelay } from '../relay/test/relay-process.js';
import { demoSignIn, escalate, openConversation, openQueue, samplePacket, type ConversationPeer } from '../relay/test/handoff-peers.js';
import { HandoffConnection } from '../widget/src/handoff/handoff-connection.js';
import type { RoomMessage } from '../protocol/handoff.js';

const ESCALATIONS = Number(process.env.HANDOFF_BENCH_ESCALATIONS ?? 200);
const CONVERSATIONS = Number(process.env.HANDOFF_BENCH_CONVERSATIONS ?? 500);
const ROUNDS = Number(process.env.HANDOFF_BENCH_ROUNDS ?? 6);
/** Each visitor writes once per round: 500 visitors every 5 s is 100 messages/s, a busy contact centre's pace (people write every 10-30 s). */
const ROUND_MS = Number(process.env.HANDOFF_BENCH_ROUND_MS ?? 5000);
const RECONNECT_CONVERSATIONS = 20;
const RECONNECTS_PER_SIDE = 25; // 20 conversations × 2 sides × 25 = 1,000

const quantile = (xs: number[], q: number) => {
  const s = [...xs].sort((a, b) => a - b);
  return s.length ? s[Math.min(s.length - 1, Math.floor(q * s.length))]! : NaN;
};
const round = (x: number) => Math.round(x * 100) / 100;
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
async function until(test: () => boolean, what: string, ms: number) {
  const end = Date.now() + ms;
  while (!test()) {
    if (Date.now() > end) throw new Error(`timed out: ${what}`);
    await sleep(10);
  }
}

const run = crypto.randomUUID().slice(0, 8);
// The machine is shared: the load it carried is part of what the numbers mean.
const loadBefore = os.loadavg()[0]!;
const relay = await startRelay({ DEMO: '1', RELAY_RATE_IP: '100000000/60', RELAY_RATE_SESSION: '100000000/60' });
const url = relay.url;
const log = (...args: unknown[]) => console.error('[handoff bench]', ...args);

try {
  // 1. Escalation → in the agent's queue.
  const siteA = `bench-a-${run}`;
  const watcher = await demoSignIn(url, 'Watcher', 'agent', siteA);
  const queueA = await openQueue(url, siteA, watcher.token);
  await queueA.next((m) => m.type === 'queue');
  const toQueue: number[] = [];
  for (let i = 0; i < ESCALATIONS; i++) {
    const from = queueA.received.length;
    const t0 = performance.now();
    const h = await escalate(url, samplePacket({ site: siteA }));
    await queueA.next((m) => m.type === 'entry' && m.entry.conversationId === h.conversationId, 5000, from);
    toQueue.push(performance.now() - t0);
  }
  queueA.close();
  log(`escalation → queue: p95 ${quantile(toQueue, 0.95).toFixed(1)} ms over ${toQueue.length}`);

  // 2. Visitor → agent with many concurrent conversations.
  const siteB = `bench-b-${run}`;
  const agentB = await demoSignIn(url, 'Loaded', 'agent', siteB);
  const queueB = await openQueue(url, siteB, agentB.token);
  const visitors: HandoffConnection[] = [];
  const agents: ConversationPeer[] = [];
  const sentAt = new Map<string, number>();
  const latencies: number[] = [];
  for (let i = 0; i < CONVERSATIONS; i++) {
    const h = await escalate(url, samplePacket({ site: siteB }));
    queueB.send({ type: 'claim', conversationId: h.conversationId });
    await queueB.next((m) => m.type === 'claimed' && m.conversationId === h.conversationId, 5000);
    const agent = await openConversation(url, h.conversationId, agentB.token);
    agent.ws.on('message', (data) => {
      const msg = JSON.parse(String(data)) as { type: string; message?: RoomMessage };
      if (msg.type !== 'message' || msg.message?.from !== 'visitor') return;
      const t0 = sentAt.get(msg.message.clientId);
      if (t0 !== undefined) latencies.push(performance.now() - t0);
    });
    agents.push(agent);
    visitors.push(new HandoffConnection(null, { relay: url, conversationId: h.conversationId, token: async () => h.token, WebSocket }));
  }
  await until(() => visitors.every((v) => v.phase === 'open'), 'all visitors connected', 60_000);
  log(`${CONVERSATIONS} conversations open (${CONVERSATIONS * 2} sockets)`);
  // The load generator shares the CPUs with the relay: its own stalls show up as latency, so they are reported beside it.
  const loopDelay = monitorEventLoopDelay({ resolution: 10 });
  loopDelay.enable();
  // Each round every visitor sends one message, spread evenly over the round.
  for (let r = 0; r < ROUNDS; r++) {
    const gap = ROUND_MS / CONVERSATIONS;
    const started = performance.now();
    for (let i = 0; i < visitors.length; i++) {
      const wait = started + i * gap - performance.now();
      if (wait > 1) await sleep(wait);
      const clientId = crypto.randomUUID();
      sentAt.set(clientId, performance.now());
      void visitors[i]!.send(`round ${r} from visitor ${i}`, clientId);
    }
  }
  await until(() => latencies.length >= sentAt.size, 'all messages at the agents', 30_000).catch(() => {});
  loopDelay.disable();
  const delivered = latencies.length;
  log(`visitor → agent: p99 ${quantile(latencies, 0.99).toFixed(1)} ms over ${delivered}/${sentAt.size}`);
  for (const v of visitors) v.close();
  for (const a of agents) a.close();
  queueB.close();

  // 3. Forced reconnects on both sides while both keep writing.
  const siteC = `bench-c-${run}`;
  const agentC = await demoSignIn(url, 'Flaky', 'agent', siteC);
  const queueC = await openQueue(url, siteC, agentC.token);
  interface Pair {
    id: string;
    visitor: HandoffConnection;
    agent: HandoffConnection;
    atAgent: RoomMessage[];
    atVisitor: RoomMessage[];
    sentByVisitor: string[];
    sentByAgent: string[];
  }
  const pairs: Pair[] = [];
  const fast = { minReconnectionDelay: 20, maxReconnectionDelay: 200, maxRetries: 1000 };
  for (let i = 0; i < RECONNECT_CONVERSATIONS; i++) {
    const h = await escalate(url, samplePacket({ site: siteC }));
    queueC.send({ type: 'claim', conversationId: h.conversationId });
    await queueC.next((m) => m.type === 'claimed' && m.conversationId === h.conversationId, 5000);
    const pair: Pair = { id: h.conversationId, atAgent: [], atVisitor: [], sentByVisitor: [], sentByAgent: [] } as unknown as Pair;
    pair.visitor = new HandoffConnection(null, {
      relay: url,
      conversationId: h.conversationId,
      token: async () => h.token,
      WebSocket,
      limits: fast,
      onMessage: (m) => m.from === 'agent' && pair.atVisitor.push(m),
    });
    pair.agent = new HandoffConnection(null, {
      relay: url,
      conversationId: h.conversationId,
      side: 'agent',
      token: async () => agentC.token,
      WebSocket,
      limits: fast,
      onMessage: (m) => m.from === 'visitor' && pair.atAgent.push(m),
    });
    pairs.push(pair);
  }
  await until(() => pairs.every((p) => p.visitor.phase === 'open' && p.agent.phase === 'open'), 'reconnect pairs open', 30_000);
  let reconnects = 0;
  const sends: Promise<RoomMessage>[] = [];
  for (let step = 0; step < RECONNECTS_PER_SIDE; step++) {
    for (const p of pairs) {
      for (const [side, conn, sent] of [
        ['visitor', p.visitor, p.sentByVisitor],
        ['agent', p.agent, p.sentByAgent],
      ] as const) {
        const clientId = `${side}-${step}-${crypto.randomUUID()}`;
        sent.push(clientId);
        sends.push(conn.send(`${side} step ${step}`, clientId));
        conn.reconnect();
        reconnects++;
        const extra = `${side}-${step}-b-${crypto.randomUUID()}`;
        sent.push(extra);
        sends.push(conn.send(`${side} step ${step} (written while reconnecting)`, extra));
      }
    }
    await sleep(60);
  }
  const settled = await Promise.race([Promise.allSettled(sends), sleep(60_000).then(() => null)]);
  const unacked = settled ? settled.filter((s) => s.status === 'rejected').length : sends.length;
  await until(
    () => pairs.every((p) => p.atAgent.length >= p.sentByVisitor.length && p.atVisitor.length >= p.sentByAgent.length),
    'every message received',
    30_000,
  ).catch(() => {});

  // Count against what each side received and what the room stored.
  const supervisor = await demoSignIn(url, 'Auditor', 'supervisor', siteC);
  let lost = 0;
  let duplicated = 0;
  let outOfOrder = 0;
  for (const p of pairs) {
    for (const [received, sent] of [
      [p.atAgent, p.sentByVisitor],
      [p.atVisitor, p.sentByAgent],
    ] as const) {
      const ids = received.map((m) => m.clientId);
      const distinct = new Set(ids);
      duplicated += ids.length - distinct.size;
      lost += sent.filter((id) => !distinct.has(id)).length;
      const seqs = received.map((m) => m.seq);
      outOfOrder += seqs.filter((s, i) => i > 0 && s <= seqs[i - 1]!).length;
    }
    const audit = await openConversation(url, p.id, supervisor.token);
    audit.send({ type: 'sync', lastSeq: 0 });
    const snap = await audit.next((m) => m.type === 'snapshot', 10_000);
    if (snap.type === 'snapshot') {
      const stored = snap.messages.filter((m) => m.from !== 'system').map((m) => `${m.from}:${m.clientId}`);
      duplicated += stored.length - new Set(stored).size;
      lost += p.sentByVisitor.length + p.sentByAgent.length - new Set(stored).size;
    }
    audit.close();
    p.visitor.close();
    p.agent.close();
  }
  queueC.close();
  log(`reconnects: ${reconnects}, lost ${lost}, duplicated ${duplicated}, out of order ${outOfOrder}, unacked ${unacked}`);

  const result = {
    load_average_1m: { before: round(loadBefore), after: round(os.loadavg()[0]!), cpus: os.cpus().length },
    escalation_to_queue_ms: { n: toQueue.length, p50: round(quantile(toQueue, 0.5)), p95: round(quantile(toQueue, 0.95)), budget_p95: 100 },
    visitor_to_agent_ms: {
      conversations: CONVERSATIONS,
      messages_per_s: round((CONVERSATIONS * 1000) / ROUND_MS),
      messages: sentAt.size,
      delivered,
      p50: round(quantile(latencies, 0.5)),
      p99: round(quantile(latencies, 0.99)),
      budget_p99: 50,
      load_generator_event_loop_delay_ms: { p99: round(loopDelay.percentile(99) / 1e6), max: round(loopDelay.max / 1e6) },
    },
    forced_reconnects: {
      reconnects,
      messages: pairs.reduce((n, p) => n + p.sentByVisitor.length + p.sentByAgent.length, 0),
      lost,
      duplicated,
      out_of_order: outOfOrder,
      unacked,
    },
  };
  console.log(JSON.stringify(result));
} finally {
  await relay.stop();
}
process.exit(0);
