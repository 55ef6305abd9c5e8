import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type {
  ConversationClientMessage,
  ConversationServerMessage,
  ConversationView,
  ResolutionCode,
  RoomMessage,
  WaitEstimate,
} from '../../../protocol/handoff.js';
import { CONVERSATION_SERVER_TYPES, parseServerMessage, PARTIES } from '../../../protocol/handoff-room.js';
import type { ConversationMessage } from '../conversation/message.js';
import { DeliveryRefused, type MessageTransport } from '../conversation/message-transport.js';
import { RECONNECT_LIMITS, RoomSocket, type ReconnectLimits } from './room-socket.js';

/** Close codes with which the room says "not you": reconnecting cannot help. */
const FINAL_CLOSE_CODES = new Set([4003, 4403]);

export type ConnectionPhase = 'connecting' | 'open' | 'reconnecting' | 'refused' | 'closed';

export interface HandoffConnectionOptions {
  /** The relay's base URL, e.g. `https://relay.example.com`. */
  relay: string;
  /** The room id (from `POST /api/handoff`). */
  conversationId: string;
  /** A valid token for this room; called on every (re)connect so an expired one is never reused. */
  token: () => Promise<string>;
  /** Which side this connection writes as (the token decides; this only labels acknowledged messages). */
  side?: 'visitor' | 'agent';
  /** The last `seq` this device has seen: the room replays everything after it. */
  lastSeq?: number;
  /** Each room message once, in `seq` order, live or replayed. */
  onMessage?: (message: RoomMessage) => void;
  /** The room stored one of this side's own messages (its ack, also for a resend): what a read receipt's `seq` refers to. */
  onAck?: (clientId: string, seq: number) => void;
  /** Anything else changed (phase, agent, typing, receipts, wait). */
  onChange?: () => void;
  /** Node has no global WebSocket: pass the `ws` package's. */
  WebSocket?: unknown;
  limits?: Partial<ReconnectLimits>;
}

interface Pending {
  text: string;
  promise: Promise<RoomMessage>;
  resolve: (m: RoomMessage) => void;
  reject: (e: Error) => void;
}

/**
 * One side's live connection to a handoff room, as a Lit reactive
 * controller: it opens with the host and closes with it. It is also the
 * widget's `MessageTransport` for the human phase: `deliver` resolves when
 * the room has stored the message (its ack), resends after every reconnect
 * until then, and the room drops the resend if the first copy arrived.
 *
 * @example
 * const room = new HandoffConnection(this, { relay, conversationId, token: () => tokens.fresh() });
 * widget.transport = room;
 */
export class HandoffConnection implements ReactiveController, MessageTransport {
  phase: ConnectionPhase = 'connecting';
  conversation: ConversationView | null = null;
  lastSeq: number;
  /** The other side's typing indicator. */
  peerTyping: { typing: boolean; author?: string } = { typing: false };
  /** The highest `seq` the other side has read (its own marks only, never this side's). */
  peerRead = 0;
  wait: WaitEstimate | null = null;
  lastError = '';
  /** How many times the socket opened: 1 plus every reconnect. */
  opens = 0;

  readonly #options: HandoffConnectionOptions;
  readonly #host: ReactiveControllerHost | null;
  readonly #pending = new Map<string, Pending>();
  #socket: RoomSocket | null = null;
  /** Live messages that arrive before the replay answer are held, so order holds. */
  #held: RoomMessage[] | null = null;
  #readMark = 0;
  #sentRead = 0;
  #retryTimer: ReturnType<typeof setTimeout> | undefined;

  constructor(host: ReactiveControllerHost | null, options: HandoffConnectionOptions) {
    this.#options = options;
    this.lastSeq = options.lastSeq ?? 0;
    this.#host = host;
    if (host) host.addController(this);
    else this.open();
  }

  hostConnected(): void {
    this.open();
  }

  hostDisconnected(): void {
    this.#socket?.close();
    this.#socket = null;
  }

  /** Opens (or reopens after `close`) the socket. */
  open(): void {
    if (this.#socket) return;
    this.phase = 'connecting';
    const socket = new RoomSocket({
      relay: this.#options.relay,
      party: PARTIES.conversation,
      room: this.#options.conversationId,
      token: this.#options.token,
      ...(this.#options.limits ? { limits: this.#options.limits } : {}),
      ...(this.#options.WebSocket ? { WebSocket: this.#options.WebSocket } : {}),
    });
    socket.addEventListener('open', this.#onOpen);
    socket.addEventListener('message', this.#onMessage);
    socket.addEventListener('close', this.#onClose);
    this.#socket = socket;
  }

  /** Drops the socket and opens a fresh one with a fresh token; pending messages are resent. */
  reconnect(): void {
    this.#socket?.reconnect();
  }

  /** Stops for good: pending deliveries are rejected (the outbox keeps them) and listeners removed. */
  close(): void {
    clearTimeout(this.#retryTimer);
    const socket = this.#socket;
    this.#socket = null;
    if (socket) {
      socket.removeEventListener('open', this.#onOpen);
      socket.removeEventListener('message', this.#onMessage);
      socket.removeEventListener('close', this.#onClose);
      socket.close();
    }
    for (const p of this.#pending.values()) p.reject(new Error('The live chat connection was closed.'));
    this.#pending.clear();
    this.phase = 'closed';
    this.#changed();
  }

  /** `MessageTransport`: resolves once the room has stored the message. */
  async deliver(message: ConversationMessage, signal: AbortSignal): Promise<void> {
    const sent = this.send(message.text, message.id);
    await new Promise<void>((resolve, reject) => {
      const onAbort = () => reject(signal.reason instanceof Error ? signal.reason : new Error('aborted'));
      if (signal.aborted) return onAbort();
      signal.addEventListener('abort', onAbort, { once: true });
      sent.then(
        () => (signal.removeEventListener('abort', onAbort), resolve()),
        (e: Error) => (signal.removeEventListener('abort', onAbort), reject(e)),
      );
    });
  }

  /**
   * Sends a chat message; resolves with the stored message (with its `seq`).
   * The same `clientId` twice is one message.
   */
  send(text: string, clientId: string = crypto.randomUUID()): Promise<RoomMessage> {
    const known = this.#pending.get(clientId);
    if (known) return known.promise;
    if (this.phase === 'refused' || this.phase === 'closed') return Promise.reject(new DeliveryRefused('The live chat has ended.'));
    let resolve!: Pending['resolve'];
    let reject!: Pending['reject'];
    const promise = new Promise<RoomMessage>((res, rej) => ((resolve = res), (reject = rej)));
    // Nobody may be awaiting it (the outbox can give up first); the rejection is still handled.
    promise.catch(() => {});
    this.#pending.set(clientId, { text, promise, resolve, reject });
    if (this.phase === 'open') this.#post({ type: 'send', clientId, text });
    return promise;
  }

  typing(typing: boolean): void {
    this.#post({ type: 'typing', typing });
  }

  /** Tells the other side everything up to `seq` was seen; made while the socket is down, it goes when it opens. */
  markRead(seq: number = this.lastSeq): void {
    if (seq <= this.#readMark) return;
    this.#readMark = seq;
    this.#sendRead();
  }

  #sendRead() {
    if (this.#readMark > this.#sentRead && this.#post({ type: 'read', seq: this.#readMark })) this.#sentRead = this.#readMark;
  }

  requestWait(): void {
    this.#post({ type: 'wait' });
  }

  /** Agent side: back to the queue, optionally for one colleague. */
  transfer(note: string, toAgentId?: string): void {
    this.#post({ type: 'transfer', note, ...(toAgentId ? { toAgentId } : {}) });
  }

  /** Agent side: ends the conversation with a resolution code. */
  resolve(resolution: ResolutionCode, note?: string): void {
    this.#post({ type: 'close', resolution, ...(note ? { note } : {}) });
  }

  get pendingCount(): number {
    return this.#pending.size;
  }

  /** False when the socket is not open and nothing was sent. */
  #post(msg: ConversationClientMessage): boolean {
    if (!this.#socket || this.#socket.readyState !== 1) return false;
    this.#socket.send(JSON.stringify(msg satisfies ConversationClientMessage));
    return true;
  }

  #onOpen = () => {
    this.opens++;
    this.phase = 'open';
    this.#held = [];
    this.#post({ type: 'sync', lastSeq: this.lastSeq });
    this.#resendPending();
    this.#sendRead();
    this.#changed();
  };

  #resendPending() {
    for (const [clientId, p] of this.#pending) this.#post({ type: 'send', clientId, text: p.text });
  }

  #onClose = (event: { code: number; reason?: string }) => {
    this.#held = null;
    this.peerTyping = { typing: false };
    if (FINAL_CLOSE_CODES.has(event.code)) {
      this.lastError = event.reason || 'The room closed this connection.';
      this.close();
      this.phase = 'refused';
    } else if (this.#socket) {
      const gaveUp = this.#socket.retryCount >= (this.#options.limits?.maxRetries ?? RECONNECT_LIMITS.maxRetries);
      this.phase = gaveUp ? 'closed' : 'reconnecting';
    }
    this.#changed();
  };

  #onMessage = (event: MessageEvent) => {
    const msg = parseServerMessage<ConversationServerMessage>(String(event.data), CONVERSATION_SERVER_TYPES);
    if (!msg) return;
    switch (msg.type) {
      case 'snapshot': {
        this.conversation = msg.conversation;
        this.peerRead = Math.max(this.peerRead, msg.read[this.#peer]);
        const held = this.#held ?? [];
        this.#held = null;
        for (const m of [...msg.messages, ...held]) this.#accept(m);
        break;
      }
      case 'message':
        if (this.#held) this.#held.push(msg.message);
        else this.#accept(msg.message);
        break;
      case 'ack': {
        this.#options.onAck?.(msg.clientId, msg.seq);
        const p = this.#pending.get(msg.clientId);
        if (p) {
          this.#pending.delete(msg.clientId);
          p.resolve({ seq: msg.seq, clientId: msg.clientId, from: this.#options.side ?? 'visitor', text: p.text, at: msg.at });
        }
        // Our own message takes a seq too; it is only "seen" once everything before it was.
        if (!this.#held && msg.seq === this.lastSeq + 1) this.lastSeq = msg.seq;
        break;
      }
      case 'typing':
        this.peerTyping = { typing: msg.typing, ...(msg.author ? { author: msg.author } : {}) };
        break;
      case 'read':
        // The room also tells this side's other tabs about its own marks.
        if (msg.by === this.#peer) this.peerRead = Math.max(this.peerRead, msg.seq);
        break;
      case 'agent-joined':
        if (this.conversation) this.conversation = { ...this.conversation, status: 'active', agent: msg.agent };
        break;
      case 'transferred':
        if (this.conversation) this.conversation = { ...this.conversation, status: 'waiting', agent: null };
        break;
      case 'closed':
        if (this.conversation) this.conversation = { ...this.conversation, status: 'closed', resolution: msg.resolution };
        for (const p of this.#pending.values()) p.reject(new DeliveryRefused('The conversation was closed.'));
        this.#pending.clear();
        break;
      case 'wait':
        this.wait = msg.wait;
        break;
      case 'error': {
        this.lastError = msg.message;
        const p = msg.clientId ? this.#pending.get(msg.clientId) : undefined;
        if (p && msg.clientId && (msg.code === 'bad-message' || msg.code === 'closed' || msg.code === 'forbidden')) {
          this.#pending.delete(msg.clientId);
          p.reject(new DeliveryRefused(msg.message));
        } else if (msg.code === 'rate-limited') {
          clearTimeout(this.#retryTimer);
          this.#retryTimer = setTimeout(() => {
            if (this.#held) this.#post({ type: 'sync', lastSeq: this.lastSeq });
            this.#resendPending();
          }, 1000);
        }
        break;
      }
    }
    this.#changed();
  };

  get #peer(): 'visitor' | 'agent' {
    return this.#options.side === 'agent' ? 'visitor' : 'agent';
  }

  /** Hands each seq on once and in order; a gap (never expected) waits for the next replay. */
  #accept(m: RoomMessage) {
    if (m.seq <= this.lastSeq) return;
    if (m.seq !== this.lastSeq + 1) {
      this.#socket?.reconnect();
      return;
    }
    this.lastSeq = m.seq;
    this.#options.onMessage?.(m);
  }

  #changed() {
    this.#options.onChange?.();
    this.#host?.requestUpdate();
  }
}
