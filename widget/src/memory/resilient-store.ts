import type { ConversationMessage } from '../conversation/message.js';
import type { ConversationState, ConversationStore, OutboxEntry } from './conversation-store.js';
import { MemoryConversationStore } from './memory-store.js';

/**
 * IndexedDB first; the moment the browser refuses it (open fails or is
 * blocked, a write hits the quota) everything moves to memory for the rest
 * of the tab's life, carrying over whatever could still be read, and
 * `onFallback` fires once with the reason.
 */
export class ResilientConversationStore implements ConversationStore {
  #current: ConversationStore;
  #switching: Promise<void> | null = null;

  constructor(
    private readonly primary: ConversationStore,
    private readonly onFallback: (reason: string) => void,
  ) {
    this.#current = primary;
  }

  get kind(): ConversationStore['kind'] {
    return this.#current.kind;
  }

  async #run<T>(op: (store: ConversationStore) => Promise<T>): Promise<T> {
    if (this.#current === this.primary) {
      try {
        return await op(this.primary);
      } catch (error) {
        await this.#fallBack(error);
      }
    }
    await this.#switching;
    return op(this.#current);
  }

  #fallBack(error: unknown): Promise<void> {
    this.#switching ??= (async () => {
      const memory = new MemoryConversationStore();
      try {
        const state = await this.primary.state();
        if (state) {
          await memory.putState(state);
          for (const m of await this.primary.messages(state.conversationId)) await memory.putMessage(m);
        }
        const queued = await this.primary.outbox();
        for (const entry of queued) {
          const message = await this.primary.message(entry.messageId);
          if (message) await memory.enqueue(message);
        }
      } catch {
        // Nothing readable: the tab's memory starts empty.
      }
      this.primary.close();
      this.#current = memory;
      this.onFallback(error instanceof Error ? `${error.name}: ${error.message}` : String(error));
    })();
    return this.#switching;
  }

  messages(conversationId: string): Promise<ConversationMessage[]> {
    return this.#run((s) => s.messages(conversationId));
  }
  message(id: string): Promise<ConversationMessage | undefined> {
    return this.#run((s) => s.message(id));
  }
  putMessage(message: ConversationMessage): Promise<void> {
    return this.#run((s) => s.putMessage(message));
  }
  deleteMessages(ids: string[]): Promise<void> {
    return this.#run((s) => s.deleteMessages(ids));
  }
  state(): Promise<ConversationState | undefined> {
    return this.#run((s) => s.state());
  }
  putState(state: ConversationState): Promise<void> {
    return this.#run((s) => s.putState(state));
  }
  enqueue(message: ConversationMessage): Promise<void> {
    return this.#run((s) => s.enqueue(message));
  }
  outbox(): Promise<OutboxEntry[]> {
    return this.#run((s) => s.outbox());
  }
  putOutbox(entry: OutboxEntry): Promise<void> {
    return this.#run((s) => s.putOutbox(entry));
  }
  removeOutbox(messageId: string): Promise<void> {
    return this.#run((s) => s.removeOutbox(messageId));
  }
  erase(): Promise<void> {
    return this.#run((s) => s.erase());
  }
  close(): void {
    this.#current.close();
  }
}
