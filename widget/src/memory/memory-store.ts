import type { ConversationMessage } from '../conversation/message.js';
import type { ConversationState, ConversationStore, OutboxEntry } from './conversation-store.js';

/**
 * The conversation kept in this tab only, for browsers that refuse
 * IndexedDB (private mode, quota exhausted, blocked). Same contract, gone on reload.
 */
export class MemoryConversationStore implements ConversationStore {
  readonly kind = 'memory';
  #messages = new Map<string, ConversationMessage>();
  #state: ConversationState | undefined;
  #outbox: OutboxEntry[] = [];

  async messages(conversationId: string): Promise<ConversationMessage[]> {
    return [...this.#messages.values()]
      .filter((m) => m.conversationId === conversationId)
      .sort((a, b) => a.at - b.at)
      .map((m) => structuredClone(m));
  }

  async message(id: string): Promise<ConversationMessage | undefined> {
    const found = this.#messages.get(id);
    return found && structuredClone(found);
  }

  async putMessage(message: ConversationMessage): Promise<void> {
    this.#messages.set(message.id, structuredClone(message));
  }

  async deleteMessages(ids: string[]): Promise<void> {
    for (const id of ids) this.#messages.delete(id);
  }

  async state(): Promise<ConversationState | undefined> {
    return this.#state && structuredClone(this.#state);
  }

  async putState(state: ConversationState): Promise<void> {
    this.#state = structuredClone(state);
  }

  async enqueue(message: ConversationMessage): Promise<void> {
    if (this.#outbox.some((e) => e.messageId === message.id)) throw new Error(`message ${message.id} is already queued`);
    await this.putMessage(message);
    this.#outbox.push({ messageId: message.id, conversationId: message.conversationId, enqueuedAt: Date.now(), attempts: 0 });
  }

  async outbox(): Promise<OutboxEntry[]> {
    return this.#outbox.map((e) => ({ ...e }));
  }

  async putOutbox(entry: OutboxEntry): Promise<void> {
    const i = this.#outbox.findIndex((e) => e.messageId === entry.messageId);
    if (i >= 0) this.#outbox[i] = { ...entry };
  }

  async removeOutbox(messageId: string): Promise<void> {
    this.#outbox = this.#outbox.filter((e) => e.messageId !== messageId);
  }

  async erase(): Promise<void> {
    this.#messages.clear();
    this.#outbox = [];
    this.#state = undefined;
  }

  close(): void {}
}
