import { deleteDB, openDB, type DBSchema, type IDBPDatabase } from 'idb';
import type { ConversationMessage } from '../conversation/message.js';
import type { ConversationState, ConversationStore, OutboxEntry } from './conversation-store.js';

interface ConversationSchema extends DBSchema {
  messages: { key: string; value: ConversationMessage; indexes: { byConversation: [string, number] } };
  state: { key: 'current'; value: ConversationState };
  outbox: { key: number; value: OutboxEntry; indexes: { byMessage: string } };
}

type Db = IDBPDatabase<ConversationSchema>;

/** The IndexedDB database that holds one site's conversation on this device. */
export function databaseName(site: string): string {
  return `support-widget:${site}`;
}

/**
 * The conversation in IndexedDB through `idb`. The connection opens on first
 * use and closes itself when another tab erases the database, so "Forget"
 * in one tab is never blocked by another.
 */
export class IndexedDbConversationStore implements ConversationStore {
  readonly kind = 'indexeddb';
  #db: Promise<Db> | null = null;

  constructor(
    readonly site: string,
    private readonly openTimeoutMs = 3000,
  ) {}

  /** Opens (or creates) the database now; rejects when the browser refuses it. */
  open(): Promise<Db> {
    this.#db ??= this.#connect().catch((error: unknown) => {
      this.#db = null;
      throw error;
    });
    return this.#db;
  }

  #connect(): Promise<Db> {
    return new Promise<Db>((resolve, reject) => {
      // An upgrade held up by an old tab would otherwise leave the visitor waiting forever.
      const timer = setTimeout(() => reject(new Error('IndexedDB open blocked')), this.openTimeoutMs);
      openDB<ConversationSchema>(databaseName(this.site), 1, {
        upgrade(db) {
          db.createObjectStore('messages', { keyPath: 'id' }).createIndex('byConversation', ['conversationId', 'at']);
          db.createObjectStore('state');
          db.createObjectStore('outbox', { autoIncrement: true }).createIndex('byMessage', 'messageId', { unique: true });
        },
        blocked: () => reject(new Error('IndexedDB open blocked by another tab')),
        blocking: (_current, _next, event) => {
          this.#db = null;
          (event.target as IDBDatabase).close();
        },
        terminated: () => {
          this.#db = null;
        },
      }).then(
        (db) => {
          clearTimeout(timer);
          resolve(db);
        },
        (error: unknown) => {
          clearTimeout(timer);
          reject(error);
        },
      );
    });
  }

  async messages(conversationId: string): Promise<ConversationMessage[]> {
    const db = await this.open();
    const range = IDBKeyRange.bound([conversationId, -Infinity], [conversationId, Infinity]);
    return db.getAllFromIndex('messages', 'byConversation', range);
  }

  async message(id: string): Promise<ConversationMessage | undefined> {
    return (await this.open()).get('messages', id);
  }

  async putMessage(message: ConversationMessage): Promise<void> {
    await (await this.open()).put('messages', message);
  }

  async deleteMessages(ids: string[]): Promise<void> {
    const tx = (await this.open()).transaction('messages', 'readwrite');
    await Promise.all([...ids.map((id) => tx.store.delete(id)), tx.done]);
  }

  async state(): Promise<ConversationState | undefined> {
    return (await this.open()).get('state', 'current');
  }

  async putState(state: ConversationState): Promise<void> {
    await (await this.open()).put('state', state, 'current');
  }

  async enqueue(message: ConversationMessage): Promise<void> {
    const tx = (await this.open()).transaction(['messages', 'outbox'], 'readwrite');
    const entry: OutboxEntry = { messageId: message.id, conversationId: message.conversationId, enqueuedAt: Date.now(), attempts: 0 };
    await Promise.all([tx.objectStore('messages').put(message), tx.objectStore('outbox').add(entry), tx.done]);
  }

  async outbox(): Promise<OutboxEntry[]> {
    return (await this.open()).getAll('outbox');
  }

  async putOutbox(entry: OutboxEntry): Promise<void> {
    const tx = (await this.open()).transaction('outbox', 'readwrite');
    const key = await tx.store.index('byMessage').getKey(entry.messageId);
    if (key !== undefined) await tx.store.put(entry, key);
    await tx.done;
  }

  async removeOutbox(messageId: string): Promise<void> {
    const tx = (await this.open()).transaction('outbox', 'readwrite');
    const key = await tx.store.index('byMessage').getKey(messageId);
    if (key !== undefined) await tx.store.delete(key);
    await tx.done;
  }

  async erase(): Promise<void> {
    this.close();
    await deleteDB(databaseName(this.site));
  }

  close(): void {
    const pending = this.#db;
    this.#db = null;
    pending?.then((db) => db.close(), () => undefined);
  }
}
