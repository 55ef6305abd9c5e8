import { openDB, type DBSchema, type IDBPDatabase } from 'idb';
import { isKnowledgeSnapshot, type KnowledgeSnapshot } from '../../../relay/src/knowledge/knowledge-snapshot.js';

interface SnapshotDB extends DBSchema {
  snapshots: { key: string; value: KnowledgeSnapshot };
}

const CURRENT = 'current';

export interface SnapshotStoreOptions {
  /** IndexedDB database name; one per site is plenty. */
  dbName?: string;
  fetch?: typeof fetch;
}

export type RefreshResult = 'updated' | 'unchanged';

/**
 * The knowledge snapshot cached in IndexedDB, so the device can answer with
 * citations when the relay is slow, down or the visitor is offline. The
 * snapshot is fetched from the relay's `GET /api/knowledge/snapshot`
 * (conditional on its version, so an unchanged one costs a 304).
 *
 * @example
 * const store = new SnapshotStore();
 * await store.refresh('https://relay.example.com'); // when online, e.g. on panel open
 * const snapshot = await store.load();              // null until the first refresh
 */
export class SnapshotStore {
  private db?: Promise<IDBPDatabase<SnapshotDB>>;
  private cached?: KnowledgeSnapshot | null;
  private readonly dbName: string;
  private readonly fetch: typeof fetch;

  constructor(options: SnapshotStoreOptions = {}) {
    this.dbName = options.dbName ?? 'support-widget-knowledge';
    this.fetch = options.fetch ?? globalThis.fetch.bind(globalThis);
  }

  private open(): Promise<IDBPDatabase<SnapshotDB>> {
    this.db ??= openDB<SnapshotDB>(this.dbName, 1, {
      upgrade(db) {
        db.createObjectStore('snapshots');
      },
    });
    return this.db;
  }

  /** The cached snapshot, or null when none was ever fetched (or IndexedDB cannot be read and none was fetched on this page). */
  async load(): Promise<KnowledgeSnapshot | null> {
    if (this.cached !== undefined) return this.cached;
    let stored: unknown = null;
    try {
      stored = (await (await this.open()).get('snapshots', CURRENT)) ?? null;
    } catch {
      // IndexedDB unavailable (private mode, blocked, corrupt): answer from what this page fetches.
      this.db = undefined;
      return null;
    }
    this.cached = stored && isKnowledgeSnapshot(stored) ? stored : null;
    return this.cached;
  }

  /**
   * Makes `snapshot` the current one. It is used at once; if IndexedDB cannot
   * keep it (unavailable, full), this throws after it is in place for this page.
   */
  async save(snapshot: KnowledgeSnapshot): Promise<void> {
    if (!isKnowledgeSnapshot(snapshot)) throw new TypeError('not a knowledge snapshot');
    this.cached = snapshot;
    try {
      await (await this.open()).put('snapshots', snapshot, CURRENT);
    } catch (err) {
      this.db = undefined;
      throw new Error(`knowledge snapshot: kept for this page only, IndexedDB could not store it (${(err as Error).message})`, { cause: err });
    }
  }

  /**
   * Fetches the relay's snapshot if it changed and stores it. Throws when the
   * relay is unreachable or answers something that is not a snapshot; the
   * previous snapshot stays in place either way.
   */
  async refresh(relayUrl: string, signal?: AbortSignal): Promise<RefreshResult> {
    const current = await this.load();
    const headers: Record<string, string> = {};
    if (current) headers['if-none-match'] = `"${current.version}"`;
    const response = await this.fetch(new URL('/api/knowledge/snapshot', relayUrl).href, { headers, signal });
    if (response.status === 304) return 'unchanged';
    if (!response.ok) throw new Error(`knowledge snapshot: HTTP ${response.status}`);
    const body: unknown = await response.json();
    if (!isKnowledgeSnapshot(body)) throw new Error('knowledge snapshot: the relay answered something else');
    if (current?.version === body.version) return 'unchanged';
    await this.save(body);
    return 'updated';
  }

  /** Forgets the snapshot (e.g. the site switched knowledge bases). */
  async clear(): Promise<void> {
    await (await this.open()).delete('snapshots', CURRENT);
    this.cached = null;
  }

  close(): void {
    void this.db?.then((db) => db.close());
    this.db = undefined;
    this.cached = undefined;
  }
}
