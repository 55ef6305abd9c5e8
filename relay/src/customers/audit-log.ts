import type { ProfileField } from './customer-record.js';

/**
 * One entry of the immutable audit log. Entries name fields and sources, never
 * values, so the log itself holds no personal data beyond the customer id.
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
}

export type AuditDraft = Omit<AuditEntry, 'seq' | 'at' | 'customerId'>;

/** What an entry becomes when its customer is erased. */
export function tombstone(entry: AuditEntry): AuditEntry {
  return { seq: entry.seq, at: entry.at, customerId: entry.customerId, action: entry.action, tombstone: true };
}
