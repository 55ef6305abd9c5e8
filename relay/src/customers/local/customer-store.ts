import { AUDIT_GENESIS, firstBrokenAuditEntry, sealAuditEntry, tombstone, type AuditDraft, type AuditEntry } from '../audit-log.js';
import type { CustomerRecord, SourceKind } from '../customer-record.js';
import { matchDevice, type DeviceFingerprint, type DeviceMatchOptions, type ProbableMatch } from '../device-match.js';
import { identityKeys } from '../identity-keys.js';
import { mergeIntoProfile, type GoldenProfile, type SourceWeights } from '../source-weights.js';

/** The slice of PartyKit room storage the store writes through. */
export interface StoragePort {
  put(entries: Record<string, unknown>): Promise<void>;
  delete(keys: string[]): Promise<unknown>;
}

/** One customer as the local store keeps them. */
export interface StoredCustomer {
  profile: GoldenProfile;
  emailHash?: string;
  phoneHash?: string;
  /** Source name → that system's id for this customer. */
  externalIds: Record<string, string>;
  /** Fingerprints of devices seen with a verified identity, newest first. */
  devices: DeviceFingerprint[];
  /** Handoff conversations, so erasure can reach their transcripts. */
  conversations: string[];
}

/** Everything held about one customer: what `GET /api/customers/:id/export` returns from the store. */
export interface CustomerExport {
  customerId: string;
  customer: CustomerRecord | null;
  provenance: GoldenProfile['provenance'] | null;
  externalIds: Record<string, string>;
  devicesLinked: number;
  conversations: string[];
  audit: AuditEntry[];
}

export interface Erasure {
  customerId: string;
  tickets: number;
  devices: number;
  conversations: string[];
  externalIds: Record<string, string>;
  auditTombstoned: number;
}

const MAX_DEVICES = 5;
const MAX_CONVERSATIONS = 200;
const PUT_BATCH = 100;

/** Storage keys: customers, hash indexes, audit entries, counters. */
const key = {
  customer: (id: string) => `c:${id}`,
  email: (hash: string) => `e:${hash}`,
  phone: (hash: string) => `p:${hash}`,
  audit: (seq: number) => `a:${String(seq).padStart(12, '0')}`,
  meta: 'meta',
};

interface Meta {
  seq: number;
  /** Hash of the newest audit entry. */
  head?: string;
  seeded?: string;
}

/**
 * The embedded customer directory: every customer in memory (loaded once in
 * the room's `onStart`), written through to room storage. Lookups never touch
 * storage, which is what keeps resolve in single-digit milliseconds.
 */
export class CustomerStore {
  readonly #customers = new Map<string, StoredCustomer>();
  readonly #byEmail = new Map<string, string>();
  readonly #byPhone = new Map<string, string>();
  readonly #byExternal = new Map<string, string>();
  readonly #audit = new Map<string, AuditEntry[]>();
  #meta: Meta = { seq: 0 };
  /** Writes run one at a time: a merge must see the previous one, and each audit hash needs the one before. */
  #writeTail: Promise<unknown> = Promise.resolve();

  constructor(
    readonly storage: StoragePort,
    readonly weights: SourceWeights,
    readonly now: () => Date = () => new Date(),
  ) {}

  /** Rebuilds memory from a storage listing (`room.storage.list()`). */
  load(entries: Map<string, unknown>): void {
    for (const [k, value] of entries) {
      if (k === key.meta) this.#meta = value as Meta;
      else if (k.startsWith('c:')) this.#index(value as StoredCustomer);
      else if (k.startsWith('a:')) {
        const entry = value as AuditEntry;
        this.#auditOf(entry.customerId).push(entry);
      }
    }
    // The log itself is the truth about where the chain ends, should `meta` lag behind it.
    const newest = [...this.#audit.values()].flat().reduce<AuditEntry | null>((a, e) => (!a || e.seq > a.seq ? e : a), null);
    if (newest && newest.seq > this.#meta.seq) this.#meta = { ...this.#meta, seq: newest.seq, head: newest.hash };
  }

  get size(): number {
    return this.#customers.size;
  }

  get seeded(): string | undefined {
    return this.#meta.seeded;
  }

  markSeeded(version: string): Promise<void> {
    return this.#exclusive(async () => {
      this.#meta = { ...this.#meta, seeded: version };
      await this.storage.put({ [key.meta]: this.#meta });
    });
  }

  find(lookup: { customerId?: string; emailHash?: string; phoneHash?: string }): CustomerRecord | null {
    const id =
      (lookup.customerId && this.#customers.has(lookup.customerId) ? lookup.customerId : undefined) ??
      (lookup.emailHash ? this.#byEmail.get(lookup.emailHash) : undefined) ??
      (lookup.phoneHash ? this.#byPhone.get(lookup.phoneHash) : undefined);
    return id ? (this.#customers.get(id)?.profile.record ?? null) : null;
  }

  matchDevice(fingerprint: DeviceFingerprint, options?: DeviceMatchOptions): ProbableMatch | null {
    const candidates = [...this.#customers.values()]
      .filter((c) => c.devices.length > 0)
      .map((c) => ({ customerId: c.profile.record.id, devices: c.devices }));
    return matchDevice(fingerprint, candidates, options);
  }

  /**
   * Merges one source's record into the store by source weight, creating the
   * customer when no id, external id, email or phone matches. Every change is
   * appended to the audit log.
   */
  observe(incoming: CustomerRecord, kind: SourceKind): Promise<CustomerRecord> {
    return this.#exclusive(async () => {
      const keys = await identityKeys(incoming);
      const existingId =
        (incoming.source === 'local' && this.#customers.has(incoming.id) ? incoming.id : undefined) ??
        this.#byExternal.get(`${incoming.source}:${incoming.id}`) ??
        (keys.emailHash ? this.#byEmail.get(keys.emailHash) : undefined) ??
        (keys.phoneHash ? this.#byPhone.get(keys.phoneHash) : undefined);
      const existing = existingId ? this.#customers.get(existingId) : undefined;
      const localId = existing?.profile.record.id ?? (incoming.source === 'local' ? incoming.id : `cus_${crypto.randomUUID()}`);

      const { profile, audit } = mergeIntoProfile(existing?.profile ?? null, incoming, kind, this.weights);
      profile.record = { ...profile.record, id: localId, source: 'local' };
      const mergedKeys = await identityKeys(profile.record);
      const stored: StoredCustomer = {
        profile,
        ...mergedKeys,
        externalIds: { ...existing?.externalIds, ...(incoming.source === 'local' ? {} : { [incoming.source]: incoming.id }) },
        devices: existing?.devices ?? [],
        conversations: existing?.conversations ?? [],
      };
      const writes: Record<string, unknown> = {};
      if (existing) this.#unindex(existing, writes);
      this.#index(stored);
      writes[key.customer(localId)] = stored;
      if (stored.emailHash) writes[key.email(stored.emailHash)] = localId;
      if (stored.phoneHash) writes[key.phone(stored.phoneHash)] = localId;
      const staleKeys = Object.entries(writes).filter(([, v]) => v === undefined).map(([k]) => k);
      for (const k of staleKeys) delete writes[k];
      await this.#appendAudit(localId, audit, writes);
      await this.#put(writes);
      if (staleKeys.length) await this.storage.delete(staleKeys);
      return profile.record;
    });
  }

  /** Remembers a device seen with this customer's verified identity. */
  linkDevice(customerId: string, fingerprint: DeviceFingerprint): Promise<boolean> {
    return this.#exclusive(async () => {
      const customer = this.#customers.get(customerId);
      if (!customer || Object.keys(fingerprint).length === 0) return false;
      const same = (d: DeviceFingerprint) => JSON.stringify(d) === JSON.stringify(fingerprint);
      const known = customer.devices.some(same);
      customer.devices = [fingerprint, ...customer.devices.filter((d) => !same(d))].slice(0, MAX_DEVICES);
      const writes: Record<string, unknown> = { [key.customer(customerId)]: customer };
      if (!known) await this.#appendAudit(customerId, [{ action: 'link_device', source: 'widget' }], writes);
      await this.#put(writes);
      return true;
    });
  }

  linkConversation(customerId: string, conversationId: string): Promise<boolean> {
    return this.#exclusive(async () => {
      const customer = this.#customers.get(customerId);
      if (!customer) return false;
      if (customer.conversations.includes(conversationId)) return true;
      customer.conversations = [conversationId, ...customer.conversations].slice(0, MAX_CONVERSATIONS);
      const writes: Record<string, unknown> = { [key.customer(customerId)]: customer };
      await this.#appendAudit(customerId, [{ action: 'link_conversation', source: 'handoff' }], writes);
      await this.#put(writes);
      return true;
    });
  }

  export(customerId: string): CustomerExport {
    const customer = this.#customers.get(customerId);
    return {
      customerId,
      customer: customer ? structuredClone(customer.profile.record) : null,
      provenance: customer ? structuredClone(customer.profile.provenance) : null,
      externalIds: { ...customer?.externalIds },
      devicesLinked: customer?.devices.length ?? 0,
      conversations: [...(customer?.conversations ?? [])],
      audit: [...(this.#audit.get(customerId) ?? [])],
    };
  }

  /**
   * Erases the customer, their tickets, device links and indexes. Their audit
   * entries become tombstones (action and time survive, details do not) and an
   * `erase` tombstone is appended. Returns what the caller must still erase
   * elsewhere (conversations, upstream ids), or null when nobody matched.
   */
  erase(customerId: string): Promise<Erasure | null> {
    return this.#exclusive(async () => {
      const customer = this.#customers.get(customerId);
      if (!customer) return null;
      const writes: Record<string, unknown> = {};
      this.#unindex(customer, writes);
      this.#customers.delete(customerId);
      const entries = this.#auditOf(customerId);
      for (let i = 0; i < entries.length; i++) {
        entries[i] = tombstone(entries[i]!);
        writes[key.audit(entries[i]!.seq)] = entries[i];
      }
      const tombstoned = entries.length;
      await this.#appendAudit(customerId, [{ action: 'erase', tombstone: true }], writes);
      const deletes = [key.customer(customerId), ...Object.entries(writes).filter(([, v]) => v === undefined).map(([k]) => k)];
      for (const k of deletes) delete writes[k];
      await this.#put(writes);
      await this.storage.delete(deletes);
      return {
        customerId,
        tickets: customer.profile.record.tickets.length,
        devices: customer.devices.length,
        conversations: customer.conversations,
        externalIds: customer.externalIds,
        auditTombstoned: tombstoned,
      };
    });
  }

  #index(customer: StoredCustomer): void {
    const id = customer.profile.record.id;
    this.#customers.set(id, customer);
    if (customer.emailHash) this.#byEmail.set(customer.emailHash, id);
    if (customer.phoneHash) this.#byPhone.set(customer.phoneHash, id);
    for (const [source, externalId] of Object.entries(customer.externalIds)) this.#byExternal.set(`${source}:${externalId}`, id);
  }

  /** Drops a customer's index entries; marks the storage keys to delete with `undefined`. */
  #unindex(customer: StoredCustomer, writes: Record<string, unknown>): void {
    if (customer.emailHash) {
      this.#byEmail.delete(customer.emailHash);
      writes[key.email(customer.emailHash)] = undefined;
    }
    if (customer.phoneHash) {
      this.#byPhone.delete(customer.phoneHash);
      writes[key.phone(customer.phoneHash)] = undefined;
    }
    for (const [source, externalId] of Object.entries(customer.externalIds)) this.#byExternal.delete(`${source}:${externalId}`);
  }

  #auditOf(customerId: string): AuditEntry[] {
    let entries = this.#audit.get(customerId);
    if (!entries) this.#audit.set(customerId, (entries = []));
    return entries;
  }

  /** Whether the whole audit log still verifies; the first broken seq otherwise. */
  async auditIntact(): Promise<{ intact: boolean; brokenAt: number | null; entries: number }> {
    const entries = [...this.#audit.values()].flat().sort((a, b) => a.seq - b.seq);
    const brokenAt = await firstBrokenAuditEntry(entries);
    return { intact: brokenAt === null, brokenAt, entries: entries.length };
  }

  #exclusive<T>(write: () => Promise<T>): Promise<T> {
    const run = this.#writeTail.then(write);
    this.#writeTail = run.catch(() => undefined);
    return run;
  }

  /** Only inside #exclusive. */
  async #appendAudit(customerId: string, drafts: AuditDraft[], writes: Record<string, unknown>): Promise<void> {
    const at = this.now().toISOString();
    for (const draft of drafts) {
      const entry = await sealAuditEntry(draft, { seq: this.#meta.seq + 1, at, customerId }, this.#meta.head ?? AUDIT_GENESIS);
      this.#meta = { ...this.#meta, seq: entry.seq, head: entry.hash };
      this.#auditOf(customerId).push(entry);
      writes[key.audit(entry.seq)] = entry;
    }
    writes[key.meta] = { ...this.#meta };
  }

  async #put(writes: Record<string, unknown>): Promise<void> {
    const entries = Object.entries(writes);
    for (let i = 0; i < entries.length; i += PUT_BATCH) await this.storage.put(Object.fromEntries(entries.slice(i, i + PUT_BATCH)));
  }
}
