import type * as Party from 'partykit/server';
import {
  orderQueue,
  QueueClientMessageSchema,
  type AgentRef,
  type CallbackRecord,
  type HandoffPacket,
  type QueueEntry,
  type QueueServerMessage,
  type ResolutionCode,
  type WaitEstimate,
} from '../../../protocol/handoff.js';
import type { TokenClaims } from '../identity/index.js';
import { claimsOf, refuse, refuseOutsideRequests, verifyConnectToken, withClaims } from './room-access.js';
import { action, callRoom, json } from './room-calls.js';
import { estimateWait } from './wait-estimate.js';
import { parseIncoming } from './incoming.js';

interface Agent {
  role: 'agent' | 'supervisor';
  sub: string;
  name: string;
}

/** The queue's view of a new conversation: enough to rank and triage it, not the transcript. */
export function queueEntryFromPacket(conversationId: string, packet: HandoffPacket, now: number): QueueEntry {
  return {
    conversationId,
    enqueuedAt: now,
    status: 'waiting',
    tier: packet.customer.tier,
    customerId: packet.customer.customerId,
    frustration: packet.frustration,
    intent: packet.intent && !packet.intent.rejected ? packet.intent.label : null,
    reasons: packet.reasons,
    immediate: packet.immediate,
    language: packet.language,
    callback: null,
    visitorOnline: false,
    agent: null,
    transfer: null,
  };
}

/** Handle times kept for the wait estimate. */
const HANDLE_SAMPLES = 20;
/** A conversation nobody claimed for a day was abandoned; its room keeps the transcript and any callback. */
export const ABANDONED_AFTER_MS = 24 * 60 * 60 * 1000;

/**
 * One site's queue of conversations that need a person, for its agents and
 * supervisors only. Waiting conversations are ranked by `queuePriority`
 * (tier, frustration, minutes waited); a claim is first come, first served.
 */
export default class QueueRoom implements Party.Server {
  entries = new Map<string, QueueEntry>();
  handleSeconds: number[] = [];

  constructor(readonly room: Party.Room) {}

  static async onBeforeConnect(req: Party.Request, lobby: Party.Lobby) {
    const claims = await verifyConnectToken(req, lobby);
    if (claims instanceof Response) return claims;
    if (claims.role !== 'agent' && claims.role !== 'supervisor') return refuse(403, 'The queue is for agents and supervisors.');
    if (claims.site !== lobby.id) return refuse(403, 'This token is for another site’s queue.');
    return withClaims(req, claims);
  }

  static onBeforeRequest() {
    return refuseOutsideRequests();
  }

  async onStart() {
    const stored = await this.room.storage.list<QueueEntry>({ prefix: 'e:' });
    this.entries = new Map([...stored.values()].map((e) => [e.conversationId, e]));
    this.handleSeconds = (await this.room.storage.get<number[]>('handle-seconds')) ?? [];
    await this.#dropAbandoned();
  }

  async #dropAbandoned() {
    const before = Date.now() - ABANDONED_AFTER_MS;
    for (const e of this.entries.values()) {
      if (e.status === 'waiting' && !e.callback && e.enqueuedAt < before) await this.#remove(e.conversationId);
    }
  }

  onConnect(conn: Party.Connection<Agent>, ctx: Party.ConnectionContext) {
    const claims = claimsOf(ctx.request) as TokenClaims | null;
    if (!claims || (claims.role !== 'agent' && claims.role !== 'supervisor') || claims.site !== this.room.id) {
      conn.close(4403, 'forbidden');
      return;
    }
    conn.setState({ role: claims.role, sub: claims.sub, name: claims.name ?? 'Agent' });
    this.#send(conn, this.#snapshot());
    this.#broadcast({ type: 'agents', agentsOnline: this.#agentsOnline() });
  }

  onClose(conn: Party.Connection) {
    this.#broadcast({ type: 'agents', agentsOnline: this.#agentsOnline(conn.id) });
  }

  async onMessage(raw: string | ArrayBuffer | ArrayBufferView, conn: Party.Connection<Agent>) {
    const agent = conn.state;
    if (!agent) return;
    const incoming = parseIncoming(raw, QueueClientMessageSchema, 2000);
    if (!incoming.ok) return this.#send(conn, { type: 'error', code: 'bad-message', message: `Message refused: ${incoming.reason}.` });
    const msg = incoming.message;
    if (msg.type === 'sync') return this.#send(conn, this.#snapshot());
    await this.#claim(conn, agent, msg.conversationId);
  }

  async #claim(conn: Party.Connection, agent: Agent, conversationId: string) {
    const entry = this.entries.get(conversationId);
    if (!entry) return this.#send(conn, { type: 'error', code: 'not-found', message: 'That conversation is no longer waiting.', conversationId });
    if (entry.status !== 'waiting') {
      return this.#send(conn, { type: 'error', code: 'conflict', message: `Already claimed by ${entry.agent?.name ?? 'another agent'}.`, conversationId });
    }
    const target = entry.transfer?.toAgentId;
    if (target && target !== agent.sub && agent.role !== 'supervisor') {
      return this.#send(conn, { type: 'error', code: 'conflict', message: 'This conversation was transferred to another agent.', conversationId });
    }
    const me: AgentRef = { id: agent.sub, name: agent.name };
    // Marked before the await, so a second claim arriving meanwhile sees it taken.
    this.entries.set(conversationId, { ...entry, status: 'assigned', agent: me });
    const res = await callRoom<{ ok: boolean; message?: string }>(this.room.context.parties, 'conversation', conversationId, '/assign', { agent: me });
    if (!res.data.ok) {
      if (res.status === 404) await this.#remove(conversationId);
      else this.entries.set(conversationId, entry);
      return this.#send(conn, { type: 'error', code: 'conflict', message: res.data.message ?? 'Could not claim.', conversationId });
    }
    await this.#save(this.entries.get(conversationId)!);
    this.#send(conn, { type: 'claimed', conversationId });
  }

  /** Internal calls from the HTTP app and conversation rooms. */
  async onRequest(req: Party.Request) {
    const body = (req.method === 'POST' ? await req.json() : {}) as Record<string, unknown>;
    switch (action(req)) {
      case 'enqueue': {
        const entry = body.entry as QueueEntry;
        const known = this.entries.get(entry.conversationId);
        // A retried escalation keeps its place in the queue.
        if (!known) await this.#save(entry);
        await this.#dropAbandoned();
        return json(this.#wait(entry.conversationId));
      }
      case 'requeue': {
        const { conversationId, from, note, toAgentId } = body as { conversationId: string; from: AgentRef; note: string; toAgentId: string | null };
        const known = this.entries.get(conversationId);
        if (!known) return json({ ok: false }, 404);
        await this.#save({ ...known, status: 'waiting', agent: null, transfer: { from, note, toAgentId } });
        return json({ ok: true });
      }
      case 'closed': {
        const { conversationId, handleSeconds } = body as { conversationId: string; resolution: ResolutionCode; handleSeconds: number | null };
        if (typeof handleSeconds === 'number' && handleSeconds >= 0) {
          this.handleSeconds = [...this.handleSeconds, handleSeconds].slice(-HANDLE_SAMPLES);
          await this.room.storage.put('handle-seconds', this.handleSeconds);
        }
        await this.#remove(conversationId);
        return json({ ok: true });
      }
      case 'erased': {
        // The entry holds the visitor's callback address and what the AI understood: it goes with the transcript.
        const { conversationId } = body as { conversationId: string };
        if (this.entries.has(conversationId)) await this.#remove(conversationId);
        return json({ ok: true });
      }
      case 'callback': {
        const { conversationId, callback } = body as { conversationId: string; callback: CallbackRecord };
        const known = this.entries.get(conversationId);
        if (known) await this.#save({ ...known, callback });
        return json({ ok: true });
      }
      case 'presence': {
        const { conversationId, online } = body as { conversationId: string; online: boolean };
        const known = this.entries.get(conversationId);
        if (known && known.visitorOnline !== online) await this.#save({ ...known, visitorOnline: online });
        return json({ ok: true });
      }
      case 'wait':
        return json(this.#wait(new URL(req.url).searchParams.get('conversation') ?? ''));
      default:
        return json({ ok: false, message: 'Unknown room call.' }, 404);
    }
  }

  #wait(conversationId: string): WaitEstimate {
    const waiting = orderQueue([...this.entries.values()], Date.now()).filter((e) => e.status === 'waiting');
    const position = waiting.findIndex((e) => e.conversationId === conversationId) + 1;
    return estimateWait(position, this.#agentsOnline(), this.handleSeconds);
  }

  async #save(entry: QueueEntry) {
    this.entries.set(entry.conversationId, entry);
    await this.room.storage.put(`e:${entry.conversationId}`, entry);
    this.#broadcast({ type: 'entry', entry });
  }

  async #remove(conversationId: string) {
    this.entries.delete(conversationId);
    await this.room.storage.delete(`e:${conversationId}`);
    this.#broadcast({ type: 'removed', conversationId });
  }

  #agentsOnline(leaving?: string) {
    const online = [...this.room.getConnections<Agent>()].filter((c) => c.id !== leaving && c.state);
    return new Set(online.map((c) => c.state!.sub)).size;
  }

  #snapshot(): QueueServerMessage {
    const now = Date.now();
    return { type: 'queue', entries: orderQueue([...this.entries.values()], now), agentsOnline: this.#agentsOnline(), now };
  }

  #send(conn: Party.Connection, msg: QueueServerMessage) {
    conn.send(JSON.stringify(msg));
  }

  #broadcast(msg: QueueServerMessage) {
    this.room.broadcast(JSON.stringify(msg));
  }
}
