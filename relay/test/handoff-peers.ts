/**
 * Node-side peers of a live handoff for tests and benchmarks: a visitor that
 * escalates over HTTP and a demo agent, each speaking the room protocol over
 * real WebSockets (the `ws` package; Node 20 has no global WebSocket).
 */
import WebSocket from 'ws';
import type {
  AgentSession,
  ConversationClientMessage,
  ConversationServerMessage,
  HandoffPacket,
  HandoffResponse,
  QueueClientMessage,
  QueueServerMessage,
} from '../../protocol/handoff.js';

export function samplePacket(over: Partial<HandoffPacket> = {}): HandoffPacket {
  return {
    version: 1,
    site: 'demo',
    conversationId: crypto.randomUUID(),
    createdAt: Date.now(),
    language: 'en',
    customer: {
      customerId: 'cus_1',
      tier: 'standard',
      lifetimeValue: { amount: 300, currency: 'USD' },
      preferredChannel: 'chat',
      openIssues: [],
      recentIssues: [],
    },
    intent: { label: 'track_order', confidence: 0.9, rejected: false, alternatives: [] },
    sentiment: { trend: 'worsening', values: [0, -0.5] },
    frustration: 0.4,
    entities: [{ kind: 'order_number', value: 'A-1001' }],
    transcript: [{ role: 'visitor', text: 'where is my order A-1001', at: Date.now(), redacted: true }],
    piiShared: false,
    answersTried: [],
    reasons: [{ code: 'human-request', text: 'pressed "Talk to a person"' }],
    immediate: true,
    ...over,
  };
}

async function post<T>(url: string, body: unknown, token?: string): Promise<{ status: number; data: T }> {
  const res = await fetch(url, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token ? { authorization: `Bearer ${token}` } : {}) },
    body: JSON.stringify(body),
  });
  return { status: res.status, data: (await res.json()) as T };
}

export async function escalate(relay: string, packet = samplePacket(), handoffKey = crypto.randomUUID()) {
  const res = await post<HandoffResponse>(`${relay}/api/handoff`, { handoffKey, packet });
  if (res.status >= 300) throw new Error(`escalate: ${res.status} ${JSON.stringify(res.data)}`);
  return { ...res.data, handoffKey };
}

export async function demoSignIn(relay: string, name = 'Alex', role: 'agent' | 'supervisor' = 'agent', site = 'demo') {
  const res = await post<AgentSession>(`${relay}/api/agents/demo-sign-in`, { name, role, site });
  if (res.status !== 200) throw new Error(`sign-in: ${res.status} ${JSON.stringify(res.data)}`);
  return res.data;
}

export { post };

/** A socket to one room that records everything it receives and can wait for a message. */
export class Peer<In extends { type: string }, Out> {
  readonly received: In[] = [];
  closed: { code: number; reason: string } | null = null;
  #waiters: { test: (m: In) => boolean; resolve: (m: In) => void }[] = [];

  private constructor(readonly ws: WebSocket) {
    ws.on('message', (data) => {
      const msg = JSON.parse(String(data)) as In;
      this.received.push(msg);
      this.#waiters = this.#waiters.filter((w) => (w.test(msg) ? (w.resolve(msg), false) : true));
    });
    ws.on('close', (code, reason) => (this.closed = { code, reason: String(reason) }));
  }

  /** Opens `ws://…/parties/<party>/<room>?token=`; rejects with the HTTP status when the relay refuses. */
  static open<In extends { type: string }, Out>(relay: string, party: string, room: string, token: string): Promise<Peer<In, Out>> {
    const url = `${relay.replace(/^http/, 'ws')}/parties/${party}/${encodeURIComponent(room)}?token=${encodeURIComponent(token)}`;
    return new Promise((resolve, reject) => {
      const ws = new WebSocket(url);
      const peer = new Peer<In, Out>(ws);
      ws.once('open', () => resolve(peer));
      ws.once('unexpected-response', (_req, res) => reject(Object.assign(new Error(`refused: HTTP ${res.statusCode}`), { status: res.statusCode })));
      ws.once('error', reject);
    });
  }

  send(msg: Out) {
    this.ws.send(JSON.stringify(msg));
  }

  /** Resolves with the first message (already received or future) that passes `test`. */
  next(test: (m: In) => boolean, timeoutMs = 5000, fromIndex = 0): Promise<In> {
    const seen = this.received.slice(fromIndex).find(test);
    if (seen) return Promise.resolve(seen);
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => reject(new Error(`timed out waiting; got ${JSON.stringify(this.received.slice(-5))}`)), timeoutMs);
      this.#waiters.push({ test, resolve: (m) => (clearTimeout(timer), resolve(m)) });
    });
  }

  close() {
    this.ws.close();
  }

  /** Drops the TCP connection without a close handshake, like a phone losing signal. */
  kill() {
    this.ws.terminate();
  }
}

export type ConversationPeer = Peer<ConversationServerMessage, ConversationClientMessage>;
export type QueuePeer = Peer<QueueServerMessage, QueueClientMessage>;

export const openConversation = (relay: string, id: string, token: string) =>
  Peer.open<ConversationServerMessage, ConversationClientMessage>(relay, 'conversation', id, token);
export const openQueue = (relay: string, site: string, token: string) => Peer.open<QueueServerMessage, QueueClientMessage>(relay, 'queue', site, token);
