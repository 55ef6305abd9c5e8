import type { CustomerDirectory, CustomerLookup } from '../customer-directory.js';
import type { CustomerRecord, SourceKind } from '../customer-record.js';
import type { DeviceFingerprint, ProbableMatch } from '../device-match.js';
import { identityKeys } from '../identity-keys.js';
import type { CustomerExport, Erasure } from './customer-store.js';
import { INTERNAL_HEADER, type StoreRequest } from './store-request.js';

/** The part of a PartyKit room stub the directory uses (`lobby.parties.customers.get(site)`). */
export interface RoomStub {
  fetch(path: string, init?: RequestInit): Promise<Response>;
}

/**
 * The embedded directory as the relay's routes see it: a client of the
 * site's customers room. Matching keys are hashed here, so lookups carry
 * SHA-256 digests, not emails or phone numbers.
 */
export class LocalDirectory implements CustomerDirectory {
  readonly name = 'local';
  readonly kind: SourceKind = 'support';

  constructor(
    readonly room: RoomStub,
    readonly internalKey: string,
  ) {}

  async find(lookup: CustomerLookup): Promise<CustomerRecord | null> {
    const keys = await identityKeys(lookup);
    const { record } = await this.#call<{ record: CustomerRecord | null }>({ type: 'find', customerId: lookup.customerId, ...keys });
    return record;
  }

  async erase(customerId: string): Promise<boolean> {
    return (await this.eraseAll(customerId)) !== null;
  }

  /** Erases the customer and returns what depends on them elsewhere (conversations, upstream ids). */
  async eraseAll(customerId: string): Promise<Erasure | null> {
    return (await this.#call<{ erasure: Erasure | null }>({ type: 'erase', customerId })).erasure;
  }

  async observe(record: CustomerRecord, kind: SourceKind): Promise<CustomerRecord> {
    return (await this.#call<{ record: CustomerRecord }>({ type: 'observe', record, kind })).record;
  }

  async matchDevice(fingerprint: DeviceFingerprint): Promise<ProbableMatch | null> {
    return (await this.#call<{ match: ProbableMatch | null }>({ type: 'match_device', fingerprint })).match;
  }

  async linkDevice(customerId: string, fingerprint: DeviceFingerprint): Promise<boolean> {
    return (await this.#call<{ linked: boolean }>({ type: 'link_device', customerId, fingerprint })).linked;
  }

  /** Records that a handoff conversation belongs to this customer, so export and erasure reach it. */
  async linkConversation(customerId: string, conversationId: string): Promise<boolean> {
    return (await this.#call<{ linked: boolean }>({ type: 'link_conversation', customerId, conversationId })).linked;
  }

  async export(customerId: string): Promise<CustomerExport> {
    return (await this.#call<{ export: CustomerExport }>({ type: 'export', customerId })).export;
  }

  /** Whether the site's whole audit log still verifies (see audit-log.ts). */
  async verifyAudit(): Promise<{ intact: boolean; brokenAt: number | null; entries: number }> {
    return (await this.#call<{ audit: { intact: boolean; brokenAt: number | null; entries: number } }>({ type: 'verify_audit' })).audit;
  }

  async #call<T>(request: StoreRequest): Promise<T> {
    const res = await this.room.fetch('/', {
      method: 'POST',
      headers: { 'content-type': 'application/json', [INTERNAL_HEADER]: this.internalKey },
      body: JSON.stringify(request),
    });
    if (!res.ok) throw new Error(`customers room answered ${res.status} to ${request.type}`);
    return (await res.json()) as T;
  }
}
