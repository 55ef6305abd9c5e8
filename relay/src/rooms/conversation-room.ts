import type * as Party from 'partykit/server';
import {
  ConversationClientMessageSchema,
  RESOLUTION_LABELS,
  type AgentRef,
  type CallbackRecord,
  type ConversationServerMessage,
  type ConversationView,
  type HandoffPacket,
  type ResolutionCode,
  type RoomErrorCode,
  type RoomMessage,
  type WaitEstimate,
} from '../../../protocol/handoff.js';
import type { TokenClaims } from '../identity/index.js';
import { TokenBuckets } from '../api/middleware/token-buckets.js';
import { DeliveryLog, messageKey } from './delivery-log.js';
import { parseIncoming } from './incoming.js';
import { claimsOf, refuse, refuseOutsideRequests, verifyConnectToken, withClaims } from './room-access.js';
import { action, callRoom, json } from './room-calls.js';
import { transcriptOf } from './handoff-transcripts.js';

/** What the room keeps about its conversation, besides the messages. */
export interface ConversationMeta {
  id: string;
  site: string;
  status: ConversationView['status'];
  agent: AgentRef | null;
  createdAt: number;
  assignedAt: number | null;
  resolution: ResolutionCode | null;
  callback: CallbackRecord | null;
  packet: HandoffPacket;
}

interface Participant {
  role: TokenClaims['role'];
  sub: string;
  name: string;
}

/** Whether a token holder belongs in this conversation; the one rule both the edge and the room apply. */
export function mayJoin(meta: ConversationMeta | undefined, who: Pick<TokenClaims, 'role' | 'sub' | 'site' | 'conversationId'>, roomId: string): { ok: true } | { ok: false; status: 403 | 404; message: string } {
  if (!meta) return { ok: false, status: 404, message: 'No such conversation.' };
  if (who.site !== meta.site) return { ok: false, status: 403, message: 'This token is for another site.' };
  if (who.role === 'visitor') {
    return who.conversationId === roomId ? { ok: true } : { ok: false, status: 403, message: 'A visitor token opens only its own conversation.' };
  }
  if (who.role === 'supervisor') return { ok: true };
  if (meta.agent?.id === who.sub) return { ok: true };
  return { ok: false, status: 403, message: meta.agent ? 'This conversation is assigned to another agent.' : 'Claim this conversation from the queue first.' };
}

/** Per connection (partysocket keeps its id across reconnects), so resends after a reconnect count too. */
const MESSAGE_RATE = { count: 60, seconds: 10 };

/**
 * One live handoff conversation: the visitor and the agent assigned to it
 * (and supervisors). Messages get a `seq`, are stored before they are
 * acknowledged, and are replayed after the client's last seen `seq` on every
 * reconnect; a resent client id is acknowledged again, never stored twice.
 */
export default class ConversationRoom implements Party.Server {
  meta: ConversationMeta | undefined;
  log = new DeliveryLog();
  read = { visitor: 0, agent: 0 };
  readonly #rate = new TokenBuckets(MESSAGE_RATE, 1000);
  #visitorOnline = false;

  constructor(readonly room: Party.Room) {}

  static async onBeforeConnect(req: Party.Request, lobby: Party.Lobby) {
    const claims = await verifyConnectToken(req, lobby);
    if (claims instanceof Response) return claims;
    if (claims.role === 'visitor' && claims.conversationId !== lobby.id) {
      return refuse(403, 'A visitor token opens only its own conversation.');
    }
    const access = await callRoom<{ ok: boolean; message?: string }>(lobby.parties, 'conversation', lobby.id, '/access', claims);
    if (!access.data.ok) return refuse(access.status === 404 ? 404 : 403, access.data.message ?? 'Not allowed in this conversation.');
    return withClaims(req, claims);
  }

  static onBeforeRequest() {
    return refuseOutsideRequests();
  }

  async onStart() {
    this.meta = await this.room.storage.get<ConversationMeta>('meta');
    this.read = (await this.room.storage.get<typeof this.read>('read')) ?? this.read;
    const stored = await this.room.storage.list<RoomMessage>({ prefix: 'm:' });
    this.log = new DeliveryLog(stored.values());
  }

  getConnectionTags(_conn: Party.Connection, ctx: Party.ConnectionContext) {
    const claims = claimsOf(ctx.request);
    return [claims?.role === 'visitor' ? 'visitor' : 'staff'];
  }

  async onConnect(conn: Party.Connection<Participant>, ctx: Party.ConnectionContext) {
    const claims = claimsOf(ctx.request);
    // The edge checked already; the room checks again because an assignment can change in between.
    const access = claims ? mayJoin(this.meta, claims, this.room.id) : { ok: false as const, status: 403 as const, message: 'No token.' };
    if (!claims || !access.ok) {
      conn.close(4403, access.ok ? 'forbidden' : access.message);
      return;
    }
    conn.setState({ role: claims.role, sub: claims.sub, name: claims.name ?? (claims.role === 'visitor' ? 'Visitor' : 'Agent') });
    if (claims.role === 'visitor') await this.#presence();
  }

  async onClose(conn: Party.Connection<Participant>) {
    if (conn.state?.role === 'visitor') await this.#presence(conn.id);
  }

  /** Tells the queue whether the visitor has the chat open, when that changes. */
  async #presence(leaving?: string) {
    const meta = this.meta;
    if (!meta || meta.status === 'closed') return;
    const online = [...this.room.getConnections('visitor')].some((c) => c.id !== leaving);
    if (online === this.#visitorOnline) return;
    this.#visitorOnline = online;
    await callRoom(this.room.context.parties, 'queue', meta.site, '/presence', { conversationId: meta.id, online });
  }

  async onMessage(raw: string | ArrayBuffer | ArrayBufferView, conn: Party.Connection<Participant>) {
    const who = conn.state;
    if (!who || !this.meta) return;
    if (!this.#rate.take(conn.id, Date.now()).ok) return this.#send(conn, { type: 'error', code: 'rate-limited', message: 'Too many messages; slow down.' });
    const incoming = parseIncoming(raw, ConversationClientMessageSchema, 20_000);
    if (!incoming.ok) return this.#send(conn, { type: 'error', code: 'bad-message', message: `Message refused: ${incoming.reason}.` });
    const msg = incoming.message;
    const side = who.role === 'visitor' ? 'visitor' : 'agent';
    switch (msg.type) {
      case 'sync':
        return this.#send(conn, {
          type: 'snapshot',
          conversation: this.#view(side === 'agent'),
          messages: this.log.since(msg.lastSeq),
          latestSeq: this.log.latestSeq,
          read: this.read,
        });
      case 'send': {
        if (this.meta.status === 'closed') return this.#error(conn, 'closed', 'This conversation is closed.', msg.clientId);
        if (side === 'agent' && !this.#isAssigned(who)) return this.#error(conn, 'forbidden', 'Only the assigned agent can write here.', msg.clientId);
        await this.#append(conn, { clientId: msg.clientId, from: side, text: msg.text, at: Date.now(), ...(side === 'agent' ? { author: who.name } : {}) });
        return;
      }
      case 'typing':
        return this.#broadcast({ type: 'typing', from: side, typing: msg.typing, ...(side === 'agent' ? { author: who.name } : {}) }, [conn.id]);
      case 'read': {
        // The visitor sees the staff side's mark as "Seen" from the person helping them: only the assigned agent sets it,
        // not a supervisor looking in nor an agent the conversation was taken from.
        if (side === 'agent' && this.meta.agent?.id !== who.sub) return this.#error(conn, 'forbidden', 'Only the agent with this conversation can mark it read.');
        const seq = Math.min(msg.seq, this.log.latestSeq);
        if (seq <= this.read[side]) return;
        this.read = { ...this.read, [side]: seq };
        await this.room.storage.put('read', this.read);
        return this.#broadcast({ type: 'read', by: side, seq }, [conn.id]);
      }
      case 'wait':
        return this.#send(conn, { type: 'wait', wait: await this.#wait() });
      case 'transfer':
        if (!this.#isAssigned(who) || this.meta.status !== 'active') return this.#error(conn, 'forbidden', 'Only the assigned agent can transfer an active conversation.');
        return this.#transfer({ id: who.sub, name: who.name }, msg.note, msg.toAgentId ?? null);
      case 'close':
        if (side !== 'agent' || (!this.#isAssigned(who) && who.role !== 'supervisor')) return this.#error(conn, 'forbidden', 'Only the assigned agent can close.');
        if (this.meta.status === 'closed') return this.#error(conn, 'closed', 'Already closed.');
        return this.#close(msg.resolution, who.name, msg.note);
    }
  }

  /** Internal calls from the relay's HTTP app and the queue room. */
  async onRequest(req: Party.Request) {
    const body = req.method === 'POST' ? await req.json() : undefined;
    switch (action(req)) {
      case 'create':
        return this.#create(body as { packet: HandoffPacket });
      case 'access': {
        const verdict = mayJoin(this.meta, body as TokenClaims, this.room.id);
        return json(verdict, verdict.ok ? 200 : verdict.status);
      }
      case 'assign':
        return this.#assign((body as { agent: AgentRef }).agent);
      case 'callback':
        return this.#callback((body as { callback: CallbackRecord }).callback);
      case 'view':
        return this.meta ? json(this.#view(false)) : json({ ok: false, message: 'No such conversation.' }, 404);
      case 'transcript': {
        const { site } = body as { site: string };
        if (this.meta?.site !== site) return json({ ok: false, message: 'No such conversation.' }, 404);
        return json(transcriptOf(this.meta, this.log.all()));
      }
      case 'erase':
        return this.#erase((body as { site: string }).site);
      default:
        return json({ ok: false, message: 'Unknown room call.' }, 404);
    }
  }

  async #create({ packet }: { packet: HandoffPacket }) {
    if (this.meta) return json({ created: false, conversation: this.#view(false) });
    this.meta = {
      id: this.room.id,
      site: packet.site,
      status: 'waiting',
      agent: null,
      createdAt: Date.now(),
      assignedAt: null,
      resolution: null,
      callback: null,
      packet,
    };
    await this.room.storage.put('meta', this.meta);
    return json({ created: true, conversation: this.#view(false) });
  }

  async #assign(agent: AgentRef) {
    if (!this.meta) return json({ ok: false, message: 'No such conversation.' }, 404);
    if (this.meta.status === 'closed') return json({ ok: false, message: 'This conversation is closed.' }, 409);
    if (this.meta.agent && this.meta.agent.id !== agent.id) return json({ ok: false, message: `Already with ${this.meta.agent.name}.` }, 409);
    this.meta = { ...this.meta, status: 'active', agent, assignedAt: Date.now() };
    await this.room.storage.put('meta', this.meta);
    await this.#system(`${agent.name} joined the conversation.`);
    this.#broadcast({ type: 'agent-joined', agent });
    return json({ ok: true, conversation: this.#view(false) });
  }

  async #callback(callback: CallbackRecord) {
    if (!this.meta) return json({ ok: false, message: 'No such conversation.' }, 404);
    this.meta = { ...this.meta, callback };
    await this.room.storage.put('meta', this.meta);
    await this.#system(`The visitor asked for a callback by ${callback.channel === 'sms' ? 'SMS' : 'email'}.`);
    return json({ ok: true });
  }

  async #transfer(from: AgentRef, note: string, toAgentId: string | null) {
    const meta = this.meta!;
    this.meta = { ...meta, status: 'waiting', agent: null, assignedAt: null };
    await this.room.storage.put('meta', this.meta);
    await this.#system(`${from.name} is transferring you to another agent. You keep your place; nothing you said is lost.`);
    this.#broadcast({ type: 'transferred', from, note });
    // The agent who had it leaves, also when a supervisor makes the transfer: the conversation is no longer theirs to read.
    for (const c of this.room.getConnections<Participant>('staff')) {
      if (c.state?.role === 'agent' && c.state.sub === meta.agent?.id) c.close(4003, 'transferred');
    }
    await callRoom(this.room.context.parties, 'queue', meta.site, '/requeue', { conversationId: meta.id, from, note, toAgentId });
  }

  async #close(resolution: ResolutionCode, by: string, note?: string) {
    const meta = this.meta!;
    const at = Date.now();
    this.meta = { ...meta, status: 'closed', resolution };
    await this.room.storage.put('meta', this.meta);
    await this.#system(`${by} closed the conversation: ${RESOLUTION_LABELS[resolution]}.${note ? ` ${note}` : ''}`);
    this.#broadcast({ type: 'closed', resolution, at });
    const handleSeconds = meta.assignedAt ? Math.round((at - meta.assignedAt) / 1000) : null;
    await callRoom(this.room.context.parties, 'queue', meta.site, '/closed', { conversationId: meta.id, resolution, handleSeconds });
  }

  /** A privacy erasure: everything the room holds goes, and whoever is connected leaves; a later join finds nothing. */
  async #erase(site: string) {
    const meta = this.meta;
    if (meta?.site !== site) return json({ erased: false, message: 'No such conversation.' }, 404);
    const messages = this.log.size;
    this.meta = undefined;
    this.log = new DeliveryLog();
    this.read = { visitor: 0, agent: 0 };
    await this.room.storage.deleteAll();
    for (const conn of this.room.getConnections()) conn.close(4403, 'This conversation was erased.');
    await callRoom(this.room.context.parties, 'queue', meta.site, '/erased', { conversationId: meta.id });
    return json({ erased: true, messages });
  }

  async #append(conn: Party.Connection | null, input: Omit<RoomMessage, 'seq'>) {
    const { message, duplicate } = this.log.append(input);
    if (!duplicate) await this.room.storage.put(messageKey(message.seq), message);
    if (conn) this.#send(conn, { type: 'ack', clientId: message.clientId, seq: message.seq, at: message.at });
    if (!duplicate) this.#broadcast({ type: 'message', message }, conn ? [conn.id] : []);
  }

  #system(text: string) {
    return this.#append(null, { clientId: crypto.randomUUID(), from: 'system', text, at: Date.now() });
  }

  async #wait(): Promise<WaitEstimate> {
    const meta = this.meta!;
    if (meta.status !== 'waiting') return { agentsOnline: 1, position: 0, seconds: 0, basis: 'measured' };
    const res = await callRoom<WaitEstimate>(this.room.context.parties, 'queue', meta.site, `/wait?conversation=${encodeURIComponent(meta.id)}`);
    return res.data;
  }

  #isAssigned(who: Participant) {
    return who.role === 'supervisor' || (who.role === 'agent' && this.meta?.agent?.id === who.sub);
  }

  #view(withPacket: boolean): ConversationView {
    const { packet, assignedAt: _assignedAt, ...rest } = this.meta!;
    return withPacket ? { ...rest, packet } : rest;
  }

  #send(conn: Party.Connection, msg: ConversationServerMessage) {
    conn.send(JSON.stringify(msg));
  }

  #error(conn: Party.Connection, code: RoomErrorCode, message: string, clientId?: string) {
    this.#send(conn, { type: 'error', code, message, ...(clientId ? { clientId } : {}) });
  }

  #broadcast(msg: ConversationServerMessage, without: string[] = []) {
    this.room.broadcast(JSON.stringify(msg), without);
  }
}
