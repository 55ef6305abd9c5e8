import type { ReactiveController, ReactiveControllerHost } from 'lit';
import type { EscalationDecision } from '../../../protocol/escalation.js';
import type { ConversationState, ConversationStore, VisitorIdentity } from '../memory/conversation-store.js';
import { IndexedDbConversationStore } from '../memory/indexeddb-store.js';
import { Outbox } from '../memory/outbox.js';
import type { RetrySchedule } from '../offline/network-return.js';
import { ResilientConversationStore } from '../memory/resilient-store.js';
import { expiredMessageIds, type RetentionPolicy } from '../memory/retention.js';
import { TabSync, type TabSyncMessage } from '../memory/tab-sync.js';
import type { AnswerOrigin, ConversationMessage } from './message.js';
import type { MessageTransport } from './message-transport.js';
import type { Responder } from './responder.js';
import type { PanelTextId } from '../locale/panel-text.js';
import type { Say } from '../locale/ui-text.js';

/** Longest visitor message the widget accepts; longer text stays in the box with an error. */
export const maxMessageLength = 4000;
/** Longest agent or system message shown; longer ones are cut with an ellipsis. */
const maxReceivedLength = 20_000;

export interface ConversationOptions {
  site: string;
  retention: RetentionPolicy;
  /** Read for every turn; may still be loading. */
  responder: () => Responder | Promise<Responder>;
  transport: () => MessageTransport | undefined;
  /** True while a person is chatting with the visitor, so the bot stays quiet. */
  personActive?: () => boolean;
  /** A message was added or changed (any role, any tab). */
  onMessage: (message: ConversationMessage, change: 'added' | 'updated') => void;
  onEscalate: (decision: EscalationDecision) => void;
  /** The stored conversation had escalated before this page loaded. */
  onResume: (state: ConversationState) => void;
  /** Another tab erased the conversation with this id. */
  onForgotten: (conversationId: string) => void;
  /** The widget's text, for the notices the conversation itself writes. */
  say: Say<PanelTextId>;
  retry?: RetrySchedule;
}

/** A bot reply still streaming in. */
export interface ReplyDraft {
  replyId: string;
  origin: AnswerOrigin;
  text: string;
}

function newState(): ConversationState {
  return { conversationId: crypto.randomUUID(), startedAt: Date.now() };
}

function isReceivable(m: unknown): m is ConversationMessage {
  const r = m as Partial<ConversationMessage> | null;
  return (
    typeof r === 'object' &&
    r !== null &&
    typeof r.id === 'string' &&
    typeof r.text === 'string' &&
    (r.role === 'agent' || r.role === 'system' || r.role === 'bot')
  );
}

/**
 * One site's conversation on this device: what the panel shows, kept in
 * IndexedDB, synced across tabs, delivered through the outbox, answered by
 * the responder. The element renders its fields and calls its methods.
 */
export class ConversationController implements ReactiveController {
  messages: ConversationMessage[] = [];
  draft: ReplyDraft | null = null;
  typing = false;
  /** Set once when storage failed and the conversation lives in this tab only. */
  storageInMemory = false;
  state: ConversationState = newState();
  ready: Promise<void> = Promise.resolve();

  #store!: ConversationStore;
  #outbox!: Outbox;
  #sync!: TabSync;
  #stateSaved = false;
  #turn: AbortController | null = null;
  #idleWaiters: (() => void)[] = [];

  constructor(
    private readonly host: ReactiveControllerHost,
    private readonly options: ConversationOptions,
  ) {
    host.addController(this);
  }

  hostConnected(): void {
    const { site } = this.options;
    this.#store = new ResilientConversationStore(new IndexedDbConversationStore(site), (reason) => {
      this.storageInMemory = true;
      console.info(`support-widget: storage unavailable, keeping the conversation in memory (${reason})`);
      this.host.requestUpdate();
    });
    this.#sync = new TabSync(site, (m) => void this.#onTabMessage(m));
    this.#outbox = this.#newOutbox();
    this.ready = this.#load();
  }

  #newOutbox(): Outbox {
    return new Outbox({
      store: this.#store,
      transport: this.options.transport,
      lockName: `support-widget:${this.options.site}:outbox`,
      retry: this.options.retry,
      onSettled: (m) => this.#apply(m, true),
    });
  }

  hostDisconnected(): void {
    this.#turn?.abort();
    this.#outbox.stop();
    this.#sync.close();
    this.#store.close();
  }

  /** Where the conversation is kept right now. */
  get storage(): ConversationStore['kind'] {
    return this.#store.kind;
  }

  async #load(): Promise<void> {
    const stored = await this.#store.state();
    this.state = stored ?? newState();
    this.#stateSaved = Boolean(stored);
    const messages = await this.#store.messages(this.state.conversationId);
    const expired = new Set(expiredMessageIds(messages, this.options.retention, Date.now()));
    if (expired.size) await this.#store.deleteMessages([...expired]);
    this.messages = messages.filter((m) => !expired.has(m.id));
    this.host.requestUpdate();
    void this.#outbox.flush();
    if (stored?.escalatedAt) this.options.onResume(stored);
  }

  async #saveState(state: ConversationState): Promise<void> {
    this.state = state;
    await this.#store.putState(state);
    this.#stateSaved = true;
    this.#sync.post({ type: 'state', state });
  }

  /**
   * Stores a visitor message, queues it for the transport (when one is
   * attached) and asks the responder. Resolves with the stored message, or
   * null for blank text; rejects with a RangeError for text over the limit.
   */
  async send(text: string): Promise<ConversationMessage | null> {
    const body = text.trim();
    if (!body) return null;
    if (body.length > maxMessageLength) {
      throw new RangeError(this.options.say('panel.tooLong', { max: maxMessageLength, length: body.length }));
    }
    await this.ready;
    // The conversation's first write (its state) goes beside the message's, not before it: neither the
    // responder nor the visitor waits for it.
    const stateSaved = this.#stateSaved ? undefined : this.#saveState(this.state);
    const queued = this.options.transport() !== undefined;
    const message: ConversationMessage = {
      id: crypto.randomUUID(),
      conversationId: this.state.conversationId,
      role: 'visitor',
      text: body,
      at: Date.now(),
      // Without a transport the message only goes to the on-device responder, which has it now.
      status: queued ? 'pending' : 'delivered',
    };
    const stored = Promise.all([stateSaved, queued ? this.#store.enqueue(message) : this.#store.putMessage(message)]);
    // The responder starts thinking while the message is written; it acts on nothing until the write is done
    // (IndexedDB then runs the later write of the message's understanding after this one).
    void this.#respond(message, stored);
    await stored;
    this.#apply(message, true);
    void this.#outbox.flush();
    void this.#prune();
    return message;
  }

  /** Resolves once no visitor message is being answered (at once when none is). */
  idle(): Promise<void> {
    return this.#turn ? new Promise((resolve) => this.#idleWaiters.push(resolve)) : Promise.resolve();
  }

  /** Delivers what is waiting in the outbox now (after a transport was attached, say). */
  flush(): Promise<void> {
    return this.#outbox.flush();
  }

  /** Shows an agent or system message: stored, synced, announced. Same id twice updates in place. */
  async receive(message: ConversationMessage): Promise<void> {
    if (!isReceivable(message)) throw new TypeError('receive() takes a ConversationMessage with id, text and role agent, system or bot');
    await this.ready;
    if (!this.#stateSaved) await this.#saveState(this.state);
    const text = message.text.length > maxReceivedLength ? `${message.text.slice(0, maxReceivedLength)}…` : message.text;
    const stored: ConversationMessage = {
      ...message,
      text,
      conversationId: this.state.conversationId,
      at: Number.isFinite(message.at) ? message.at : Date.now(),
      status: 'delivered',
    };
    await this.#store.putMessage(stored);
    this.#apply(stored, true);
  }

  async feedback(messageId: string, feedback: 'helpful' | 'not-helpful'): Promise<ConversationMessage | undefined> {
    const message = this.messages.find((m) => m.id === messageId);
    if (!message?.answer) return undefined;
    const updated: ConversationMessage = { ...message, answer: { ...message.answer, feedback } };
    await this.#store.putMessage(updated);
    this.#apply(updated, true);
    return updated;
  }

  async identify(visitor: VisitorIdentity): Promise<void> {
    await this.ready;
    await this.#saveState({ ...this.state, visitor: { ...this.state.visitor, ...visitor } });
  }

  /** Remembers that a person was asked for, so a reload can resume the handoff. */
  async markEscalated(): Promise<void> {
    await this.ready;
    await this.#saveState({ ...this.state, escalatedAt: Date.now() });
  }

  /** Erases everything stored for the site on this device, in every tab, and starts afresh. */
  async forget(): Promise<void> {
    await this.ready;
    this.#sync.post({ type: 'forget' });
    this.#clear();
    await this.#store.erase();
  }

  /** Drops the conversation from view and stops everything that could still write it back. */
  #clear(): void {
    this.#outbox.stop();
    this.#outbox = this.#newOutbox();
    this.#turn?.abort();
    this.messages = [];
    this.draft = null;
    this.typing = false;
    this.state = newState();
    this.#stateSaved = false;
    this.host.requestUpdate();
  }

  async #prune(): Promise<void> {
    const expired = expiredMessageIds(this.messages, this.options.retention, Date.now());
    if (!expired.length) return;
    await this.#store.deleteMessages(expired);
    this.messages = this.messages.filter((m) => !expired.includes(m.id));
    this.host.requestUpdate();
  }

  /** Puts a message into the view in time order; `announce` also tells other tabs. */
  #apply(message: ConversationMessage, announce: boolean): void {
    if (message.conversationId !== this.state.conversationId) return;
    const i = this.messages.findIndex((m) => m.id === message.id);
    const next = [...this.messages];
    if (i >= 0) next[i] = message;
    else {
      const at = next.findIndex((m) => m.at > message.at);
      next.splice(at < 0 ? next.length : at, 0, message);
    }
    this.messages = next;
    if (announce) this.#sync.post({ type: 'message', message });
    this.options.onMessage(message, i >= 0 ? 'updated' : 'added');
    this.host.requestUpdate();
  }

  async #onTabMessage(m: TabSyncMessage): Promise<void> {
    await this.ready;
    if (m.type === 'message') this.#apply(m.message, false);
    else if (m.type === 'forget') {
      const { conversationId } = this.state;
      this.#clear();
      this.#store.close();
      this.options.onForgotten(conversationId);
    } else if (m.state.conversationId !== this.state.conversationId) {
      this.state = m.state;
      this.#stateSaved = true;
      this.messages = await this.#store.messages(m.state.conversationId);
      this.host.requestUpdate();
    } else this.state = m.state;
  }

  async #respond(message: ConversationMessage, stored: Promise<unknown>): Promise<void> {
    const written = stored.then(() => true, () => false);
    this.#turn?.abort();
    const run = new AbortController();
    this.#turn = run;
    const { signal } = run;
    const history = this.messages.filter((m) => m.id !== message.id);
    try {
      const turn = {
        conversationId: message.conversationId,
        message,
        history,
        escalated: Boolean(this.state.escalatedAt),
        personActive: this.options.personActive?.() ?? false,
      };
      this.typing = true;
      this.host.requestUpdate();
      const responder = await this.options.responder();
      if (signal.aborted) return;
      // Each event is acted on, and stored, before the next: an escalation's handoff packet carries the
      // understanding of the message that caused it.
      for await (const event of responder.respond(turn, signal)) {
        // A message that could not be stored gets no answer: send() reports the failure and gives the text back.
        if (!(await written)) return run.abort();
        if (signal.aborted) return;
        switch (event.type) {
          case 'understood': {
            const current = this.messages.find((m) => m.id === event.messageId) ?? message;
            const updated = { ...current, understanding: event.understanding };
            await this.#store.putMessage(updated);
            this.#apply(updated, true);
            break;
          }
          case 'typing':
            this.typing = true;
            break;
          case 'reply-start':
            this.typing = false;
            this.draft = { replyId: event.replyId, origin: event.origin, text: '' };
            break;
          case 'reply-delta':
            if (this.draft?.replyId === event.replyId) this.draft = { ...this.draft, text: this.draft.text + event.text };
            break;
          case 'reply-replace':
            if (this.draft?.replyId === event.replyId) this.draft = { ...this.draft, text: event.text };
            break;
          case 'reply-end': {
            if (this.draft?.replyId !== event.replyId) break;
            const reply: ConversationMessage = {
              id: event.replyId,
              conversationId: message.conversationId,
              role: 'bot',
              text: this.draft.text,
              at: Date.now(),
              status: 'delivered',
              answer: {
                origin: this.draft.origin,
                citations: event.citations,
                quickReplies: event.quickReplies,
                askFeedback: event.askFeedback,
              },
            };
            this.draft = null;
            await this.#store.putMessage(reply);
            this.#apply(reply, true);
            break;
          }
          case 'escalate':
            this.options.onEscalate(event.decision);
            break;
        }
        this.host.requestUpdate();
      }
    } catch (error) {
      if (signal.aborted) return;
      console.error('support-widget: the responder failed', error);
      await this.receive({
        id: crypto.randomUUID(),
        conversationId: message.conversationId,
        role: 'system',
        text: this.options.say('panel.answerFailed'),
        at: Date.now(),
        status: 'delivered',
      });
    } finally {
      if (this.#turn === run) {
        this.#turn = null;
        this.typing = false;
        this.draft = null;
        this.host.requestUpdate();
        for (const resolve of this.#idleWaiters.splice(0)) resolve();
      }
    }
  }
}
