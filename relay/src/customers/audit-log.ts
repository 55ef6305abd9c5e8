import { sha256Hex } from '../identity/hmac.js';
import type { ProfileField } from './customer-record.js';

/**
 * One entry of the immutable audit log. Entries name fields and sources, never
 * values, so the log itself holds no personal data beyond the customer id.
 * Entries are hash-chained: removing, reordering or editing one breaks the
 * chain, and the chain survives erasure because tombstones keep the hashes.
 */
export interface AuditEntry {
  /** Position in the log; strictly increasing, never reused. */
  seq: number;
  /** ISO 8601, UTC. */
  at: string;
  customerId: string;
  action:
    | 'create'
    /** A field was empty and a source filled it. */
    | 'merge'
    /** A source with more weight (or equal weight, newer data) replaced a value. */
    | 'overwrite'
    /** A source disagreed but had less weight; the stored value was kept. */
    | 'conflict_kept'
    | 'link_device'
    | 'link_conversation'
    | 'erase';
  field?: ProfileField;
  source?: string;
  weight?: number;
  previousSource?: string;
  previousWeight?: number;
  /** Set once the customer is erased: what happened and when survives, the details do not. */
  tombstone?: true;
  /** SHA-256 of the details (field, sources, weights); kept by the tombstone. */
  detailHash: string;
  /** SHA-256 over the previous entry's hash and this entry's seq, time, customer, action and detailHash. */
  hash: string;
}

export type AuditDraft = Omit<AuditEntry, 'seq' | 'at' | 'customerId' | 'detailHash' | 'hash'>;

/** The chain's start: the hash "before" the first entry. */
export const AUDIT_GENESIS = '0'.repeat(64);

/** Seals a draft into the next entry of the chain. */
export async function sealAuditEntry(
  draft: AuditDraft,
  position: { seq: number; at: string; customerId: string },
  previousHash: string,
): Promise<AuditEntry> {
  const detailHash = await sha256Hex(JSON.stringify(details({ ...draft, ...position })));
  const hash = await sha256Hex([previousHash, position.seq, position.at, position.customerId, draft.action, detailHash].join('|'));
  return { ...position, ...draft, detailHash, hash };
}

/**
 * Checks a whole log (every customer, in seq order): each hash follows from
 * the one before, and each live entry's details still match their hash.
 * Returns the first seq that does not verify, or null when intact.
 */
export async function firstBrokenAuditEntry(entries: AuditEntry[]): Promise<number | null> {
  let previous = AUDIT_GENESIS;
  for (const entry of entries) {
    if (!entry.tombstone && (await sha256Hex(JSON.stringify(details(entry)))) !== entry.detailHash) return entry.seq;
    const expected = await sha256Hex([previous, entry.seq, entry.at, entry.customerId, entry.action, entry.detailHash].join('|'));
    if (expected !== entry.hash) return entry.seq;
    previous = entry.hash;
  }
  return null;
}

/** What an entry becomes when its customer is erased: the chain fields stay, the details go. */
export function tombstone(entry: AuditEntry): AuditEntry {
  const { seq, at, customerId, action, detailHash, hash } = entry;
  return { seq, at, customerId, action, tombstone: true, detailHash, hash };
}

function details(entry: Omit<AuditEntry, 'detailHash' | 'hash'>) {
  const { field, source, weight, previousSource, previousWeight } = entry;
  return { field, source, weight, previousSource, previousWeight };
}
