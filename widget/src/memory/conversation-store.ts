import type { ConversationMessage } from '../conversation/message.js';

/** What the widget remembers about a conversation besides its messages. */
export interface ConversationState {
  conversationId: string;
  /** Epoch ms the conversation started. */
  startedAt: number;
  /** What the site told us about the visitor through `identify()`. */
  visitor?: VisitorIdentity;
  /** Set once a person was asked for; the handoff controller reads it after a reload. */
  escalatedAt?: number;
}

/** Who the visitor is, as the host page knows it. Free-form fields stay strings. */
export interface VisitorIdentity {
  id?: string;
  email?: string;
  name?: string;
  /** A signed token from the site's backend, passed through to the relay untouched. */
  token?: string;
  [field: string]: string | undefined;
}

/** A visitor message waiting to leave the device, kept until the transport accepted it. */
export interface OutboxEntry {
  messageId: string;
  conversationId: string;
  enqueuedAt: number;
  attempts: number;
}

/**
 * Where one site's conversation lives on this device. IndexedDB is the real
 * home; an in-memory twin with the same contract stands in when the browser
 * refuses storage.
 */
export interface ConversationStore {
  readonly kind: 'indexeddb' | 'memory';
  /** All messages of a conversation, oldest first. */
  messages(conversationId: string): Promise<ConversationMessage[]>;
  message(id: string): Promise<ConversationMessage | undefined>;
  /** Inserts or replaces by `id`. */
  putMessage(message: ConversationMessage): Promise<void>;
  deleteMessages(ids: string[]): Promise<void>;
  state(): Promise<ConversationState | undefined>;
  putState(state: ConversationState): Promise<void>;
  /** Writes the message and its outbox entry in one step, so a crash leaves both or neither. */
  enqueue(message: ConversationMessage): Promise<void>;
  /** Outbox entries in the order they were written. */
  outbox(): Promise<OutboxEntry[]>;
  putOutbox(entry: OutboxEntry): Promise<void>;
  removeOutbox(messageId: string): Promise<void>;
  /** Erases everything stored for the site. */
  erase(): Promise<void>;
  close(): void;
}
