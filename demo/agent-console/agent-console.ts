import { css, html, LitElement, nothing } from 'lit';
import { repeat } from 'lit/directives/repeat.js';
import {
  RESOLUTION_LABELS,
  type AgentSession,
  type QueueEntry,
  type ResolutionCode,
  type RoomMessage,
} from '../../protocol/handoff.js';
import type { SearchResponse } from '../../protocol/knowledge.js';
import { HandoffConnection } from '../../widget/src/handoff/handoff-connection.js';
import { DEFAULT_INTENT_TOPICS } from '../../widget/src/escalation/intent-topics.js';
import { demoSignIn, refreshSession, savedSession } from './agent-session.js';
import { QueueConnection } from './queue-connection.js';
import { suggestReplies, type ReplySuggestion } from './reply-suggestions.js';
import { toTrainingCsv, type SuggestionFeedback } from './training-export.js';
import './packet-view.js';

interface Chat {
  id: string;
  connection: HandoffConnection;
  messages: RoomMessage[];
  suggestions: ReplySuggestion[];
  /** The suggestion the agent is editing in the composer, with the visitor message it answered. */
  editing: { suggestion: ReplySuggestion; question: string } | null;
  /** What the agent says the visitor is asking about (the label of exported examples). */
  label: string;
}

const FEEDBACK_KEY = 'agent-console:feedback';
const INTENT_LABELS = [...Object.keys(DEFAULT_INTENT_TOPICS), 'oos'];

const minutesAgo = (at: number, now: number) => {
  const m = Math.floor((now - at) / 60_000);
  return m < 1 ? 'just now' : `${m} min`;
};

/**
 * The agent console: a demo sign-in, the site's live queue, claim, live chat
 * with typing indicators and read receipts, the handoff packet at a glance,
 * transfer and close with a resolution code, and knowledge-base replies the
 * agent sends, edits or rejects. Edits and rejections export as a labeled CSV
 * for `npm run models -- train`.
 *
 * @example
 * <agent-console relay="http://localhost:1999" site="demo"></agent-console>
 */
export class AgentConsole extends LitElement {
  static override styles = css`
    :host {
      display: block;
      color-scheme: light dark;
      font: 15px/1.45 system-ui, sans-serif;
      --line: color-mix(in srgb, currentColor 18%, transparent);
      --accent: #2563eb;
    }
    .demo-banner {
      background: #fef3c7;
      color: #713f12;
      padding: 0.5rem 0.75rem;
      border-radius: 0.5rem;
      margin-bottom: 0.75rem;
    }
    .layout {
      display: grid;
      grid-template-columns: minmax(240px, 1fr) minmax(320px, 2fr) minmax(260px, 1.2fr);
      gap: 1rem;
      align-items: start;
    }
    @media (max-width: 900px) {
      .layout {
        grid-template-columns: 1fr;
      }
    }
    section {
      border: 1px solid var(--line);
      border-radius: 0.75rem;
      padding: 0.75rem;
      min-width: 0;
    }
    h2 {
      font-size: 1rem;
      margin: 0 0 0.5rem;
    }
    ol.queue {
      list-style: none;
      margin: 0;
      padding: 0;
      display: grid;
      gap: 0.5rem;
    }
    .entry {
      border: 1px solid var(--line);
      border-radius: 0.5rem;
      padding: 0.5rem;
    }
    .entry[data-selected] {
      border-color: var(--accent);
    }
    .meta {
      font-size: 0.8rem;
      opacity: 0.8;
    }
    .reason {
      font-size: 0.85rem;
    }
    .log {
      height: 22rem;
      overflow-y: auto;
      display: flex;
      flex-direction: column;
      gap: 0.4rem;
      padding: 0.25rem;
    }
    .msg {
      max-width: 85%;
      padding: 0.4rem 0.6rem;
      border-radius: 0.6rem;
      background: color-mix(in srgb, currentColor 7%, transparent);
      white-space: pre-wrap;
      overflow-wrap: anywhere;
    }
    .msg.agent {
      align-self: flex-end;
      background: color-mix(in srgb, var(--accent) 18%, transparent);
    }
    .msg.system {
      align-self: center;
      font-size: 0.8rem;
      background: none;
      opacity: 0.75;
    }
    .seen,
    .typing {
      font-size: 0.75rem;
      opacity: 0.75;
    }
    .seen {
      align-self: flex-end;
    }
    textarea,
    input,
    select {
      font: inherit;
      color: inherit;
      background: transparent;
      border: 1px solid var(--line);
      border-radius: 0.4rem;
      padding: 0.35rem 0.5rem;
    }
    textarea {
      width: 100%;
      box-sizing: border-box;
    }
    button {
      font: inherit;
      border: 1px solid var(--line);
      border-radius: 0.4rem;
      padding: 0.3rem 0.7rem;
      background: transparent;
      color: inherit;
      cursor: pointer;
    }
    button.primary {
      background: var(--accent);
      border-color: var(--accent);
      color: white;
    }
    :focus-visible {
      outline: 2px solid var(--accent);
      outline-offset: 2px;
    }
    .row {
      display: flex;
      gap: 0.5rem;
      flex-wrap: wrap;
      align-items: center;
      margin-top: 0.5rem;
    }
    .suggestion {
      border: 1px dashed var(--line);
      border-radius: 0.5rem;
      padding: 0.5rem;
      margin-top: 0.5rem;
      white-space: pre-wrap;
    }
    .notice {
      color: #b45309;
    }
    @media (prefers-reduced-motion: reduce) {
      * {
        scroll-behavior: auto !important;
      }
    }
  `;

  static override properties = {
    relay: {},
    site: {},
    session: { state: true },
    selected: { state: true },
    error: { state: true },
  };

  /** The relay's base URL. */
  declare relay: string;
  /** The site whose queue this console serves. */
  declare site: string;
  declare session: AgentSession | null;
  declare selected: string | null;
  declare error: string;

  queue: QueueConnection | null = null;
  readonly chats = new Map<string, Chat>();
  feedback: SuggestionFeedback[] = [];
  #tick: ReturnType<typeof setInterval> | undefined;
  #typingTimer: ReturnType<typeof setTimeout> | undefined;

  constructor() {
    super();
    this.relay = 'http://localhost:1999';
    this.site = 'demo';
    this.session = null;
    this.selected = null;
    this.error = '';
  }

  override connectedCallback(): void {
    super.connectedCallback();
    try {
      this.feedback = JSON.parse(localStorage.getItem(FEEDBACK_KEY) ?? '[]') as SuggestionFeedback[];
    } catch {
      this.feedback = [];
    }
    const saved = savedSession.get();
    if (saved && saved.site === this.site) this.#startSession(saved);
    // Waiting times and priorities move with the clock.
    this.#tick = setInterval(() => this.requestUpdate(), 15_000);
    document.addEventListener('visibilitychange', this.#markShownRead);
  }

  override disconnectedCallback(): void {
    super.disconnectedCallback();
    clearInterval(this.#tick);
    document.removeEventListener('visibilitychange', this.#markShownRead);
  }

  override updated(): void {
    this.#markShownRead();
  }

  /**
   * The visitor sees "Seen" once their message is on the agent's screen: the open chat, in a visible tab.
   * A supervisor monitoring another agent's chat marks nothing.
   */
  #markShownRead = () => {
    const chat = this.selected ? this.chats.get(this.selected) : undefined;
    const agent = chat?.connection.conversation?.agent;
    if (!chat || document.visibilityState !== 'visible' || agent?.id !== this.session?.agent.id) return;
    const last = chat.messages.findLast((m) => m.from === 'visitor');
    if (last) chat.connection.markRead(last.seq);
  };

  override render() {
    return html`
      <p class="demo-banner" role="note">
        <strong>Demo console.</strong> Sign-in here is demo-only: anyone who can reach this relay with DEMO=1 becomes an agent. A real
        deployment signs agents in through its own identity provider.
      </p>
      ${this.session ? this.#renderConsole(this.session) : this.#renderSignIn()}
    `;
  }

  #renderSignIn() {
    return html`<form @submit=${this.#signIn} aria-labelledby="signin-title">
      <h2 id="signin-title">Demo sign-in</h2>
      <div class="row">
        <label>Your name <input name="name" required maxlength="80" autocomplete="name" /></label>
        <label
          >Role
          <select name="role">
            <option value="agent">Agent</option>
            <option value="supervisor">Supervisor</option>
          </select></label
        >
        <button class="primary" type="submit">Sign in (demo)</button>
      </div>
      ${this.error ? html`<p class="notice" role="alert">${this.error}</p>` : nothing}
    </form>`;
  }

  #renderConsole(session: AgentSession) {
    const now = Date.now();
    const entries = this.queue?.ordered(now) ?? [];
    const waiting = entries.filter((e) => e.status === 'waiting');
    const mine = entries.filter((e) => e.agent?.id === session.agent.id);
    const others = session.role === 'supervisor' ? entries.filter((e) => e.status === 'assigned' && e.agent?.id !== session.agent.id) : [];
    const chat = this.selected ? this.chats.get(this.selected) : undefined;
    return html`
      <div class="row" style="margin-bottom:0.75rem">
        <span>Signed in as <strong>${session.agent.name}</strong> (${session.role}) · ${this.site}</span>
        <span class="meta">${this.queue?.connected ? `${this.queue.agentsOnline} online` : 'connecting…'}</span>
        <button type="button" @click=${this.#exportFeedback} ?disabled=${this.feedback.length === 0}>
          Export ${this.feedback.length} labeled example${this.feedback.length === 1 ? '' : 's'} (CSV)
        </button>
        <button type="button" @click=${this.#signOut}>Sign out</button>
      </div>
      <div class="layout">
        <section aria-labelledby="queue-title">
          <h2 id="queue-title">Queue (${waiting.length} waiting)</h2>
          ${this.queue?.notice ? html`<p class="notice" role="alert">${this.queue.notice}</p>` : nothing}
          <ol class="queue" aria-live="polite">
            ${repeat(waiting, (e) => e.conversationId, (e) => this.#renderEntry(e, now, session))}
          </ol>
          ${mine.length
            ? html`<h2 style="margin-top:1rem">My conversations</h2>
                <ol class="queue">
                  ${repeat(mine, (e) => e.conversationId, (e) => this.#renderEntry(e, now, session))}
                </ol>`
            : nothing}
          ${others.length
            ? html`<h2 style="margin-top:1rem">With other agents</h2>
                <ol class="queue">
                  ${repeat(others, (e) => e.conversationId, (e) => this.#renderEntry(e, now, session))}
                </ol>`
            : nothing}
        </section>
        <section aria-labelledby="chat-title">${chat ? this.#renderChat(chat, session) : html`<h2 id="chat-title">Chat</h2><p>Claim a conversation from the queue.</p>`}</section>
        <section aria-labelledby="packet-title">
          <h2 id="packet-title">Context</h2>
          ${chat?.connection.conversation?.packet
            ? html`<handoff-packet-view .packet=${chat.connection.conversation.packet}></handoff-packet-view>`
            : html`<p>The handoff packet appears here.</p>`}
        </section>
      </div>
    `;
  }

  #renderEntry(e: QueueEntry, now: number, session: AgentSession) {
    const mine = e.agent?.id === session.agent.id;
    return html`<li class="entry" ?data-selected=${this.selected === e.conversationId} data-conversation=${e.conversationId}>
      <div class="meta">
        ${e.visitorOnline ? 'visitor here' : 'visitor left'} · ${e.tier ?? 'anonymous'} · frustration ${Math.round(e.frustration * 100)}% · waiting ${minutesAgo(e.enqueuedAt, now)}${e.intent ? ` · ${e.intent.replace(/_/g, ' ')}` : ''}
      </div>
      ${e.reasons.slice(0, 3).map((r) => html`<div class="reason">${r.text}</div>`)}
      ${e.callback ? html`<div class="meta">Asked for a callback by ${e.callback.channel === 'sms' ? 'SMS' : 'email'}: ${e.callback.address}</div>` : nothing}
      ${e.transfer ? html`<div class="meta">Transferred by ${e.transfer.from.name}: ${e.transfer.note}</div>` : nothing}
      <div class="row">
        ${mine
          ? html`<button type="button" @click=${() => this.#open(e.conversationId)}>Open</button>`
          : e.status === 'waiting'
            ? html`<button class="primary" type="button" @click=${() => this.queue?.claim(e.conversationId)}>Claim</button>`
            : html`<span class="meta">with ${e.agent?.name}</span>
                ${session.role === 'supervisor' ? html`<button type="button" @click=${() => this.#open(e.conversationId)}>Monitor</button>` : nothing}`}
      </div>
    </li>`;
  }

  #renderChat(chat: Chat, session: AgentSession) {
    const c = chat.connection;
    const conversation = c.conversation;
    const closed = conversation?.status === 'closed';
    const lastMine = [...chat.messages].reverse().find((m) => m.from === 'agent');
    return html`
      <h2 id="chat-title">Chat ${closed ? `(closed: ${RESOLUTION_LABELS[conversation!.resolution!]})` : ''}</h2>
      ${c.phase === 'reconnecting' ? html`<p class="notice" role="status">Reconnecting… nothing is lost.</p>` : nothing}
      ${c.phase === 'refused' ? html`<p class="notice" role="status">${c.lastError || 'You are no longer in this conversation.'}</p>` : nothing}
      <div class="log" role="log" aria-live="polite" aria-label="Conversation with the visitor">
        ${repeat(chat.messages, (m) => m.seq, (m) => html`<div class="msg ${m.from}">${m.from === 'agent' && m.author !== session.agent.name ? `${m.author}: ` : ''}${m.text}</div>`)}
        ${lastMine && c.peerRead >= lastMine.seq ? html`<span class="seen">Seen</span>` : nothing}
      </div>
      ${c.peerTyping.typing ? html`<p class="typing" role="status">Visitor is typing…</p>` : nothing}
      ${closed
        ? nothing
        : html`
            <form @submit=${(e: Event) => this.#send(e, chat)}>
              <label for="composer">Reply</label>
              <textarea id="composer" name="text" rows="3" maxlength="4000" @input=${() => this.#typing(chat)} @keydown=${this.#enterSends}></textarea>
              <div class="row">
                <button class="primary" type="submit">Send</button>
                <label
                  >Visitor is asking about
                  <select @change=${(e: Event) => (chat.label = (e.target as HTMLSelectElement).value)}>
                    ${INTENT_LABELS.map((l) => html`<option value=${l} ?selected=${l === chat.label}>${l.replace(/_/g, ' ')}</option>`)}
                  </select></label
                >
              </div>
            </form>
            ${chat.suggestions.length
              ? html`<h3 style="font-size:0.9rem;margin:0.75rem 0 0">Suggested replies (knowledge base)</h3>
                  ${chat.suggestions.map(
                    (s) => html`<div class="suggestion">
                      ${s.text}
                      <div class="row">
                        <button type="button" @click=${() => this.#sendSuggestion(chat, s)}>Send</button>
                        <button type="button" @click=${() => this.#editSuggestion(chat, s)}>Edit</button>
                        <button type="button" @click=${() => this.#rejectSuggestion(chat, s)}>Reject</button>
                      </div>
                    </div>`,
                  )}`
              : nothing}
            <details style="margin-top:0.75rem">
              <summary>Transfer or close</summary>
              <form class="row" @submit=${(e: Event) => this.#transfer(e, chat)}>
                <label>Note for the next agent <input name="note" maxlength="500" required /></label>
                <label>Agent id (optional) <input name="to" maxlength="128" /></label>
                <button type="submit">Transfer</button>
              </form>
              <form class="row" @submit=${(e: Event) => this.#close(e, chat)}>
                <label
                  >Resolution
                  <select name="resolution">
                    ${Object.entries(RESOLUTION_LABELS).map(([code, label]) => html`<option value=${code}>${label}</option>`)}
                  </select></label
                >
                <button type="submit">Close conversation</button>
              </form>
            </details>
          `}
    `;
  }

  async #signIn(event: SubmitEvent) {
    event.preventDefault();
    const data = new FormData(event.target as HTMLFormElement);
    try {
      this.error = '';
      const session = await demoSignIn(this.relay, String(data.get('name')), data.get('role') === 'supervisor' ? 'supervisor' : 'agent', this.site);
      savedSession.put(session);
      this.#startSession(session);
    } catch (err) {
      this.error = err instanceof Error ? err.message : String(err);
    }
  }

  #startSession(session: AgentSession) {
    this.session = session;
    this.queue = new QueueConnection(this, { relay: this.relay, site: this.site, token: () => this.#token() });
    this.queue.onClaimed = (id) => this.#open(id);
    // Reopen the conversations this agent already had before a reload.
    const reopen = () => {
      for (const e of this.queue?.entries.values() ?? []) if (e.agent?.id === session.agent.id && !this.chats.has(e.conversationId)) this.#open(e.conversationId, false);
    };
    setTimeout(reopen, 500);
  }

  #signOut = () => {
    savedSession.put(null);
    for (const chat of this.chats.values()) chat.connection.close();
    this.chats.clear();
    if (this.queue) this.removeController(this.queue);
    this.queue?.hostDisconnected();
    this.queue = null;
    this.session = null;
    this.selected = null;
  };

  /** The agent's token, refreshed when it has less than ten minutes left. */
  async #token(): Promise<string> {
    let session = this.session!;
    if (session.expiresAt - Date.now() < 10 * 60_000) {
      session = await refreshSession(this.relay, session);
      this.session = session;
      savedSession.put(session);
    }
    return session.token;
  }

  #open(conversationId: string, select = true) {
    if (!this.chats.has(conversationId)) {
      const chat: Chat = {
        id: conversationId,
        messages: [],
        suggestions: [],
        editing: null,
        label: 'oos',
        connection: new HandoffConnection(this, {
          relay: this.relay,
          conversationId,
          side: 'agent',
          token: () => this.#token(),
          onMessage: (m) => this.#onRoomMessage(chat, m),
          onChange: () => {
            const intent = chat.connection.conversation?.packet?.intent;
            if (intent && chat.label === 'oos' && !intent.rejected) chat.label = intent.label;
          },
        }),
      };
      chat.connection.open();
      this.chats.set(conversationId, chat);
    }
    if (select) this.selected = conversationId;
    this.requestUpdate();
  }

  #onRoomMessage(chat: Chat, m: RoomMessage) {
    if (!chat.messages.some((x) => x.seq === m.seq)) chat.messages = [...chat.messages, m].sort((a, b) => a.seq - b.seq);
    if (m.from === 'visitor') void this.#suggest(chat, m.text);
    this.requestUpdate();
    void this.updateComplete.then(() => {
      const log = this.renderRoot.querySelector('.log');
      if (log) log.scrollTop = log.scrollHeight;
    });
  }

  async #suggest(chat: Chat, question: string) {
    try {
      const res = await fetch(new URL('/api/search', this.relay), {
        method: 'POST',
        headers: { 'content-type': 'application/json' },
        body: JSON.stringify({ query: question.slice(0, 500), k: 5, source: 'article' }),
      });
      if (!res.ok) return;
      const data = (await res.json()) as SearchResponse;
      chat.suggestions = suggestReplies(data.results).map((s) => ({ ...s, id: `${s.id}:${question}` }));
      chat.editing = null;
      this.requestUpdate();
    } catch {
      // Suggestions are a help, never a blocker: the agent writes their own.
    }
  }

  #lastQuestion(chat: Chat) {
    return [...chat.messages].reverse().find((m) => m.from === 'visitor')?.text ?? chat.connection.conversation?.packet?.transcript.at(-1)?.text ?? '';
  }

  #composer(): HTMLTextAreaElement | null {
    return this.renderRoot.querySelector('#composer');
  }

  #enterSends = (event: KeyboardEvent) => {
    if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      (event.target as HTMLTextAreaElement).form?.requestSubmit();
    }
  };

  #typing(chat: Chat) {
    chat.connection.typing(true);
    clearTimeout(this.#typingTimer);
    this.#typingTimer = setTimeout(() => chat.connection.typing(false), 2500);
  }

  async #send(event: Event, chat: Chat) {
    event.preventDefault();
    const box = this.#composer();
    const text = box?.value.trim() ?? '';
    if (!text || !box) return;
    if (chat.editing && chat.editing.suggestion.text.trim() !== text) this.#record(chat, chat.editing.suggestion, 'edited', text, chat.editing.question);
    chat.editing = null;
    box.value = '';
    clearTimeout(this.#typingTimer);
    chat.connection.typing(false);
    await this.#deliver(chat, text);
  }

  async #deliver(chat: Chat, text: string) {
    try {
      const stored = await chat.connection.send(text);
      this.#onRoomMessage(chat, { ...stored, author: this.session!.agent.name });
    } catch (err) {
      this.error = err instanceof Error ? err.message : String(err);
    }
  }

  #sendSuggestion(chat: Chat, s: ReplySuggestion) {
    chat.suggestions = chat.suggestions.filter((x) => x !== s);
    void this.#deliver(chat, s.text);
  }

  #editSuggestion(chat: Chat, s: ReplySuggestion) {
    chat.editing = { suggestion: s, question: this.#lastQuestion(chat) };
    chat.suggestions = chat.suggestions.filter((x) => x !== s);
    this.requestUpdate();
    void this.updateComplete.then(() => {
      const box = this.#composer();
      if (box) {
        box.value = s.text;
        box.focus();
      }
    });
  }

  #rejectSuggestion(chat: Chat, s: ReplySuggestion) {
    chat.suggestions = chat.suggestions.filter((x) => x !== s);
    this.#record(chat, s, 'rejected', '', this.#lastQuestion(chat));
  }

  #record(chat: Chat, s: ReplySuggestion, action: SuggestionFeedback['action'], reply: string, question: string) {
    if (!question) return;
    this.feedback = [
      ...this.feedback,
      { text: question, label: chat.label, action, suggestion: s.text, reply, articleId: s.articleId, conversationId: chat.id, at: Date.now() },
    ];
    try {
      localStorage.setItem(FEEDBACK_KEY, JSON.stringify(this.feedback));
    } catch {
      // storage full or blocked: the export button still has this session's examples
    }
    this.requestUpdate();
  }

  #exportFeedback = () => {
    const blob = new Blob([toTrainingCsv(this.feedback)], { type: 'text/csv' });
    const a = document.createElement('a');
    a.href = URL.createObjectURL(blob);
    a.download = `agent-feedback-${new Date().toISOString().slice(0, 10)}.csv`;
    a.click();
    URL.revokeObjectURL(a.href);
  };

  #transfer(event: Event, chat: Chat) {
    event.preventDefault();
    const data = new FormData(event.target as HTMLFormElement);
    const to = String(data.get('to') ?? '').trim();
    chat.connection.transfer(String(data.get('note') ?? ''), to || undefined);
  }

  #close(event: Event, chat: Chat) {
    event.preventDefault();
    const data = new FormData(event.target as HTMLFormElement);
    chat.connection.resolve(String(data.get('resolution')) as ResolutionCode);
  }
}

if (!customElements.get('agent-console')) customElements.define('agent-console', AgentConsole);

declare global {
  interface HTMLElementTagNameMap {
    'agent-console': AgentConsole;
  }
}
