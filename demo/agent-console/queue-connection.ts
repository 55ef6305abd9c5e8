import type { ReactiveController, ReactiveControllerHost } from 'lit';
import {
  orderQueue,
  parseServerMessage,
  PARTIES,
  QUEUE_SERVER_TYPES,
  type QueueClientMessage,
  type QueueEntry,
  type QueueServerMessage,
} from '../../protocol/handoff.js';
import { RoomSocket } from '../../widget/src/handoff/room-socket.js';

/**
 * The agent's live view of one site's queue, as a Lit controller: a snapshot
 * on every (re)connect, then entry updates. A fresh token is asked for on
 * every reconnect.
 */
export class QueueConnection implements ReactiveController {
  entries = new Map<string, QueueEntry>();
  agentsOnline = 0;
  connected = false;
  /** The last refusal from the queue (a claim someone else won, say). */
  notice = '';
  /** Called with the id of each conversation this agent claimed. */
  onClaimed: (conversationId: string) => void = () => {};

  #socket: RoomSocket | null = null;

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly options: { relay: string; site: string; token: () => Promise<string> },
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    if (this.#socket) return;
    const socket = new RoomSocket({ relay: this.options.relay, party: PARTIES.queue, room: this.options.site, token: this.options.token });
    socket.addEventListener('open', this.#onOpen);
    socket.addEventListener('close', this.#onClose);
    socket.addEventListener('message', this.#onMessage);
    this.#socket = socket;
  }

  hostDisconnected(): void {
    const socket = this.#socket;
    this.#socket = null;
    if (!socket) return;
    socket.removeEventListener('open', this.#onOpen);
    socket.removeEventListener('close', this.#onClose);
    socket.removeEventListener('message', this.#onMessage);
    socket.close();
  }

  /** Waiting first by priority, then the conversations agents already have. */
  ordered(now = Date.now()): QueueEntry[] {
    return orderQueue([...this.entries.values()], now);
  }

  claim(conversationId: string): void {
    this.notice = '';
    this.#send({ type: 'claim', conversationId });
  }

  #send(msg: QueueClientMessage) {
    if (this.#socket?.readyState === 1) this.#socket.send(JSON.stringify(msg satisfies QueueClientMessage));
    else this.notice = 'Not connected to the queue; retrying…';
  }

  #onOpen = () => {
    this.connected = true;
    this.host.requestUpdate();
  };

  #onClose = () => {
    this.connected = false;
    this.host.requestUpdate();
  };

  #onMessage = (event: MessageEvent) => {
    const msg = parseServerMessage<QueueServerMessage>(String(event.data), QUEUE_SERVER_TYPES);
    if (!msg) return;
    switch (msg.type) {
      case 'queue':
        this.entries = new Map(msg.entries.map((e) => [e.conversationId, e]));
        this.agentsOnline = msg.agentsOnline;
        break;
      case 'entry':
        this.entries.set(msg.entry.conversationId, msg.entry);
        break;
      case 'removed':
        this.entries.delete(msg.conversationId);
        break;
      case 'agents':
        this.agentsOnline = msg.agentsOnline;
        break;
      case 'claimed':
        this.onClaimed(msg.conversationId);
        break;
      case 'error':
        this.notice = msg.message;
        break;
    }
    this.host.requestUpdate();
  };
}
