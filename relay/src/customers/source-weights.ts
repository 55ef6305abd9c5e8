import type { AuditDraft } from './audit-log.js';
import { PROFILE_FIELDS, type CustomerRecord, type CustomerTicket, type ProfileField, type SourceKind } from './customer-record.js';

/** How much each kind of source is trusted when two disagree. */
export type SourceWeights = Record<SourceKind, number>;

export const DEFAULT_SOURCE_WEIGHTS: SourceWeights = { support: 0.7, sales: 0.3, social: 0.1 };

/**
 * Reads `CUSTOMER_SOURCE_WEIGHTS="support=0.7,sales=0.3,social=0.1"`; kinds not
 * named keep their default. Throws naming the variable on anything else.
 */
export function parseSourceWeights(raw: unknown): SourceWeights {
  const weights = { ...DEFAULT_SOURCE_WEIGHTS };
  if (raw === undefined || raw === '') return weights;
  for (const part of String(raw).split(',')) {
    const m = /^\s*(support|sales|social)\s*=\s*(\d+(?:\.\d+)?)\s*$/.exec(part);
    if (!m || Number(m[2]) > 1) {
      throw new Error('CUSTOMER_SOURCE_WEIGHTS must look like "support=0.7,sales=0.3,social=0.1" (weights 0..1)');
    }
    weights[m[1] as SourceKind] = Number(m[2]);
  }
  return weights;
}

/** Which source set a field of the golden record, and how much it weighed. */
export interface FieldProvenance {
  source: string;
  weight: number;
  /** ISO 8601 UTC: when that source last changed the record. */
  updatedAt: string;
}

/** The merged view across sources, with the provenance of every field. */
export interface GoldenProfile {
  record: CustomerRecord;
  provenance: Partial<Record<ProfileField, FieldProvenance>>;
}

/**
 * Merges one source's record into the golden profile. Per field: an empty
 * field is filled (`merge`); a different value wins only with a higher weight,
 * or an equal weight and newer data (`overwrite`); otherwise the stored value
 * stays (`conflict_kept`). Tickets are a union, the newest copy of each wins.
 * Pure: returns the new profile and the audit entries to append.
 */
export function mergeIntoProfile(
  current: GoldenProfile | null,
  incoming: CustomerRecord,
  kind: SourceKind,
  weights: SourceWeights,
): { profile: GoldenProfile; audit: AuditDraft[] } {
  const weight = weights[kind];
  const mine: FieldProvenance = { source: incoming.source, weight, updatedAt: incoming.updatedAt };
  if (!current) {
    const provenance: GoldenProfile['provenance'] = {};
    for (const field of PROFILE_FIELDS) if (incoming[field] !== undefined) provenance[field] = mine;
    return { profile: { record: structuredClone(incoming), provenance }, audit: [{ action: 'create', source: incoming.source, weight }] };
  }

  const record = structuredClone(current.record);
  const provenance = { ...current.provenance };
  const audit: AuditDraft[] = [];
  for (const field of PROFILE_FIELDS) {
    const value = incoming[field];
    if (value === undefined) continue;
    const before = provenance[field];
    if (record[field] === undefined || !before) {
      setField(record, field, value);
      provenance[field] = mine;
      audit.push({ action: 'merge', field, source: incoming.source, weight });
      continue;
    }
    if (sameValue(record[field], value)) {
      if (weight > before.weight) provenance[field] = mine;
      continue;
    }
    const wins = weight > before.weight || (weight === before.weight && incoming.updatedAt > before.updatedAt);
    const change = { field, source: incoming.source, weight, previousSource: before.source, previousWeight: before.weight };
    if (wins) {
      setField(record, field, value);
      provenance[field] = mine;
      audit.push({ action: 'overwrite', ...change });
    } else {
      audit.push({ action: 'conflict_kept', ...change });
    }
  }
  record.tickets = mergeTickets(record.tickets, incoming.tickets);
  if (incoming.updatedAt > record.updatedAt) record.updatedAt = incoming.updatedAt;
  return { profile: { record, provenance }, audit };
}

function mergeTickets(a: CustomerTicket[], b: CustomerTicket[]): CustomerTicket[] {
  const byId = new Map(a.map((t) => [t.id, t]));
  for (const t of b) {
    const existing = byId.get(t.id);
    if (!existing || t.updatedAt > existing.updatedAt) byId.set(t.id, t);
  }
  return [...byId.values()];
}

function setField<F extends ProfileField>(record: CustomerRecord, field: F, value: CustomerRecord[F]): void {
  record[field] = structuredClone(value);
}

function sameValue(a: unknown, b: unknown): boolean {
  return JSON.stringify(a) === JSON.stringify(b);
}
