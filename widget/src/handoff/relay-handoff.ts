import { html, nothing, type ReactiveControllerHost } from 'lit';
import type { CustomerContext } from '../../../protocol/customer.js';
import type { CallbackRequest, RoomMessage, WaitEstimate } from '../../../protocol/handoff.js';
import type { Handoff, HandoffHost, HandoffRequest } from '../conversation/handoff.js';
import { buildHandoffPacket } from '../escalation/handoff-packet.js';
import { handoffEnglish, handoffText, type HandoffTextId } from '../locale/handoff-text.js';
import { sayFor, type Say } from '../locale/ui-text.js';
import { HandoffApi, HandoffApiError } from './handoff-api.js';
import { HandoffConnection } from './handoff-connection.js';
import type { ReconnectLimits } from './room-socket.js';
import { HandoffSessions, type HandoffSession } from './handoff-session.js';
import type { HandoffPhase } from './handoff-status.js';
import './handoff-status.js';
import './callback-form.js';

export interface RelayHandoffOptions {
  /** The relay's view of the visitor, when the widget has one (tier, LTV, issues, channel). */
  customer?: () => CustomerContext | null;
  /** The visitor's relay session token (`CustomerSession.token`): links the conversation to a signed-in customer. */
  sessionToken?: () => string | null;
  /** True once the visitor agreed to share their words and contact details unredacted. */
  shareUnredacted?: () => boolean;
  /** Above this expected wait (seconds), the callback form is offered beside the wait. */
  offerCallbackAfterSeconds?: number;
  /** How often the wait estimate is refreshed while waiting. */
  waitRefreshSeconds?: number;
  sessions?: HandoffSessions;
  fetch?: typeof fetch;
  /** Node has no global WebSocket: pass the `ws` package's. */
  WebSocket?: unknown;
  limits?: Partial<ReconnectLimits>;
}

const isElement = (x: unknown): x is HTMLElement => typeof HTMLElement !== 'undefined' && x instanceof HTMLElement;

/** Escalation attempts while the relay cannot be reached, with backoff capped at 30 s (about 10 minutes in all). */
const ESCALATE_ATTEMPTS = 25;

/**
 * The live-person side of the widget, over the relay: builds the handoff
 * packet on the device, escalates (`POST /api/handoff`, retried with the same
 * key so it never queues twice), joins the conversation room, becomes the
 * widget's transport, hands agent messages to the widget, and renders the
 * status area: who joined, the honest wait, and a callback form when nobody
 * can chat now. It never leaves the visitor without a next step.
 *
 * @example
 * widget.handoff = new RelayHandoff({ customer: () => lastCustomerContext });
 */
export class RelayHandoff implements Handoff {
  phase: HandoffPhase | null = null;
  wait: WaitEstimate | null = null;
  error = '';
  callback: { state: 'idle' | 'sending' | 'sent'; error: string } = { state: 'idle', error: '' };
  connection: HandoffConnection | null = null;

  readonly #options: RelayHandoffOptions;
  readonly #sessions: HandoffSessions;
  #api: HandoffApi | null = null;
  #host: HandoffHost | null = null;
  /** The status line's and the callback form's text, in the host's language once there is a host. */
  #say: Say<HandoffTextId> = handoffEnglish;
  #request: HandoffRequest | null = null;
  #session: HandoffSession | null = null;
  #token: { token: string; expiresAt: number } | null = null;
  #abort: AbortController | null = null;
  #waitTimer: ReturnType<typeof setInterval> | undefined;
  #typingTimer: ReturnType<typeof setTimeout> | undefined;
  #typing = false;

  constructor(options: RelayHandoffOptions = {}) {
    this.#options = options;
    this.#sessions = options.sessions ?? new HandoffSessions();
  }

  /** True while a person has the conversation: a responder can stay quiet then. */
  get agentActive(): boolean {
    return this.phase === 'active';
  }

  /** The id of the visitor's latest message the agent has read, or null. */
  get seenMessageId(): string | null {
    return this.#session?.seen ?? null;
  }

  async start(request: HandoffRequest, host: HandoffHost): Promise<void> {
    const live = this.phase === 'starting' || this.phase === 'waiting' || this.phase === 'active' || this.phase === 'disconnected' || this.phase === 'unreachable';
    // "Talk to a person" again while a handoff is under way is the same request, not a second one.
    if (live && this.#request?.conversationId === request.conversationId) return;
    this.#reset();
    this.#bind(request, host);
    if (!request.relay) return this.#set('unavailable');
    this.#session = { handoffKey: `${crypto.randomUUID()}${crypto.randomUUID()}`.replace(/-/g, ''), lastSeq: 0 };
    this.#sessions.put(request.conversationId, this.#session);
    await this.#escalate();
  }

  async resume(request: HandoffRequest, host: HandoffHost): Promise<void> {
    const session = this.#sessions.get(request.conversationId);
    if (session?.closed) return;
    if (!session) return this.start(request, host);
    this.#reset();
    this.#bind(request, host);
    if (!request.relay) return this.#set('unavailable');
    this.#session = session;
    if (session.roomId) this.#connect(session.roomId);
    else await this.#escalate();
  }

  renderStatus(): unknown {
    if (!this.phase) return nothing;
    const c = this.connection?.conversation;
    // A reconnect while waiting must not wipe a half-filled callback form.
    const waiting = this.phase === 'waiting' || (this.phase === 'disconnected' && c?.status === 'waiting');
    const long = (this.wait?.seconds ?? 0) > (this.#options.offerCallbackAfterSeconds ?? 300);
    const offerCallback = waiting && (this.wait?.basis === 'no-agents' || this.wait === null || long || this.callback.state === 'sent');
    const say = this.#say;
    return html`<handoff-status
        .say=${say}
        .phase=${this.phase}
        .agentName=${c?.agent?.name}
        .wait=${this.wait}
        .resolution=${c?.resolution ?? null}
        .error=${this.error}
        .agentTyping=${!!this.connection?.peerTyping.typing}
      ></handoff-status>
      ${offerCallback
        ? html`<handoff-callback-form
            .say=${say}
            .state=${this.callback.state}
            .error=${this.callback.error}
            @handoff-callback=${(e: CustomEvent<CallbackRequest>) => void this.requestCallback(e.detail)}
          ></handoff-callback-form>`
        : nothing}`;
  }

  /** Stores a callback request with the conversation; the queue shows it to agents. */
  async requestCallback(request: CallbackRequest): Promise<void> {
    const roomId = this.#session?.roomId;
    if (!roomId || !this.#api) return;
    this.callback = { state: 'sending', error: '' };
    this.#update();
    try {
      await this.#api.requestCallback(roomId, await this.#freshToken(), request);
      this.callback = { state: 'sent', error: '' };
    } catch (err) {
      this.callback = { state: 'idle', error: err instanceof Error ? err.message : String(err) };
    }
    this.#update();
  }

  /** Tells the agent the visitor is typing; stops by itself after 3 s without input. */
  visitorTyping(): void {
    if (this.phase !== 'active' || !this.connection) return;
    if (!this.#typing) this.connection.typing((this.#typing = true));
    clearTimeout(this.#typingTimer);
    this.#typingTimer = setTimeout(() => this.connection?.typing((this.#typing = false)), 3000);
  }

  /** Leaves the room (the conversation goes on without this device). */
  stop(): void {
    this.#reset();
    this.phase = null;
  }

  #bind(request: HandoffRequest, host: HandoffHost) {
    this.#request = request;
    if (this.#host !== host) this.#say = sayFor(host, handoffText);
    this.#host = host;
    this.#api = request.relay ? new HandoffApi(request.relay, this.#options.fetch) : null;
    if (isElement(host)) {
      host.addEventListener('input', this.#onInput);
      host.addEventListener('support-widget:forget', this.#onForget);
    }
  }

  #onInput = () => this.visitorTyping();

  /** "Forget this conversation" erases the handoff key too, and leaves the room. */
  #onForget = () => {
    if (this.#request) this.#sessions.delete(this.#request.conversationId);
    this.stop();
  };

  async #escalate(): Promise<void> {
    const request = this.#request!;
    const session = this.#session!;
    this.#set('starting');
    const packet = buildHandoffPacket({
      site: request.site,
      conversationId: request.conversationId,
      messages: request.history,
      customer: this.#options.customer?.() ?? null,
      decision: request.decision,
      shareUnredacted: this.#options.shareUnredacted?.() ?? false,
      now: Date.now(),
    });
    const abort = (this.#abort = new AbortController());
    for (let attempt = 0; attempt < ESCALATE_ATTEMPTS && !abort.signal.aborted; attempt++) {
      try {
        const res = await this.#api!.escalate(session.handoffKey, packet, abort.signal, this.#options.sessionToken?.());
        this.#token = { token: res.token, expiresAt: res.expiresAt };
        this.wait = res.wait;
        session.roomId = res.conversationId;
        this.#sessions.put(request.conversationId, session);
        this.#connect(res.conversationId);
        return;
      } catch (err) {
        if (abort.signal.aborted) return;
        this.error = err instanceof Error ? err.message : String(err);
        if (err instanceof HandoffApiError && err.final) return this.#set('unavailable');
        this.#set('unreachable');
        await new Promise((r) => setTimeout(r, Math.min(30_000, 1000 * 2 ** attempt) * (0.5 + Math.random() / 2)));
      }
    }
    if (!abort.signal.aborted) this.#set('unavailable');
  }

  #connect(roomId: string) {
    const host = this.#host!;
    const controllerHost = 'addController' in host ? (host as unknown as ReactiveControllerHost) : null;
    this.connection = new HandoffConnection(controllerHost, {
      relay: this.#request!.relay,
      conversationId: roomId,
      lastSeq: this.#session!.lastSeq,
      token: () => this.#freshToken(),
      onMessage: (m) => this.#onRoomMessage(m),
      onAck: (clientId, seq) => this.#stored(clientId, seq),
      onChange: () => this.#onConnectionChange(),
      ...(this.#options.WebSocket ? { WebSocket: this.#options.WebSocket } : {}),
      ...(this.#options.limits ? { limits: this.#options.limits } : {}),
    });
    // A controller added to an already connected host is not told so: open now.
    this.connection.open();
    host.transport = this.connection;
    this.#set(this.phase === 'starting' || !this.phase ? 'waiting' : this.phase);
    clearInterval(this.#waitTimer);
    this.#waitTimer = setInterval(() => {
      if (this.phase === 'waiting') this.connection?.requestWait();
    }, (this.#options.waitRefreshSeconds ?? 30) * 1000);
  }

  async #freshToken(): Promise<string> {
    if (this.#token && this.#token.expiresAt - Date.now() > 60_000) return this.#token.token;
    const { roomId, handoffKey } = this.#session!;
    this.#token = await this.#api!.freshToken(roomId!, handoffKey);
    return this.#token.token;
  }

  #onRoomMessage(m: RoomMessage) {
    const session = this.#session!;
    session.lastSeq = m.seq;
    this.#sessions.put(this.#request!.conversationId, session);
    // The visitor's own words are already on this device (and synced across its tabs); another tab's may still be read.
    if (m.from === 'visitor') return this.#stored(m.clientId, m.seq);
    void this.#host!.receive({
      id: `${session.roomId}:${m.seq}`,
      conversationId: this.#request!.conversationId,
      role: m.from,
      text: m.text,
      at: m.at,
      status: 'delivered',
      ...(m.author ? { author: m.author } : {}),
    });
    if (typeof document === 'undefined' || document.visibilityState === 'visible') this.connection?.markRead(m.seq);
  }

  /** Remembers a visitor message's room `seq` until the agent's read mark covers it. */
  #stored(clientId: string, seq: number) {
    const session = this.#session!;
    if (seq <= (this.connection?.peerRead ?? 0)) return;
    session.unread = { ...session.unread, [clientId]: seq };
    this.#sessions.put(this.#request!.conversationId, session);
  }

  /** Moves "Seen" to the latest visitor message the agent's read mark covers. */
  #applyReadMark(read: number) {
    const session = this.#session!;
    const covered = Object.entries(session.unread ?? {}).filter(([, seq]) => seq <= read);
    if (!covered.length) return;
    const [latest] = covered.reduce((a, b) => (b[1] > a[1] ? b : a));
    session.seen = latest;
    session.unread = Object.fromEntries(Object.entries(session.unread!).filter(([, seq]) => seq > read));
    this.#sessions.put(this.#request!.conversationId, session);
  }

  #onConnectionChange() {
    const c = this.connection;
    if (!c) return;
    this.#applyReadMark(c.peerRead);
    if (c.wait) this.wait = c.wait;
    const status = c.conversation?.status;
    if (c.phase === 'refused' || status === 'closed') {
      if (status === 'closed') this.#closeSession();
      this.#set('closed');
    } else if (c.phase === 'closed') {
      this.error = c.lastError;
      this.#set('unreachable');
    } else if (c.phase === 'reconnecting') this.#set('disconnected');
    else if (status === 'active') this.#set('active');
    else if (status === 'waiting') this.#set('waiting');
    else this.#update();
  }

  #closeSession() {
    const request = this.#request!;
    this.#sessions.put(request.conversationId, { ...this.#session!, closed: true });
    clearInterval(this.#waitTimer);
    if (this.#host && this.#host.transport === this.connection) this.#host.transport = undefined;
  }

  #set(phase: HandoffPhase) {
    this.phase = phase;
    this.#update();
  }

  #update() {
    this.#host?.requestUpdate();
  }

  #reset() {
    this.#abort?.abort();
    clearInterval(this.#waitTimer);
    clearTimeout(this.#typingTimer);
    if (this.connection) {
      if (this.#host?.transport === this.connection) this.#host.transport = undefined;
      this.connection.close();
      this.connection = null;
    }
    if (isElement(this.#host)) {
      this.#host.removeEventListener('input', this.#onInput);
      this.#host.removeEventListener('support-widget:forget', this.#onForget);
    }
    this.wait = null;
    this.error = '';
    this.callback = { state: 'idle', error: '' };
  }
}
