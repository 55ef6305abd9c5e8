import { UpstreamError } from '../integrations/index.js';
import type { CustomerDirectory } from '../customers/customer-directory.js';
import type { CustomerRecord } from '../customers/customer-record.js';
import type { CustomerExport, Erasure } from '../customers/local/customer-store.js';
import type { LocalDirectory } from '../customers/local/local-directory.js';
import { transcriptKeepers, type TranscriptScope } from './transcript-keepers.js';

/** How one dependent system answered a privacy request; failures are named, not hidden. */
export interface DependentOutcome {
  name: string;
  outcome: 'done' | 'none' | 'failed';
  count?: number;
  detail?: string;
}

/** `GET /api/customers/:id/export`: everything held about the customer, across every store. */
export interface PrivacyExport extends CustomerExport {
  exportedAt: string;
  transcripts: { keeper: string; items: unknown[] }[];
  upstreams: { name: string; record: CustomerRecord | null }[];
  failures: DependentOutcome[];
}

/** `DELETE /api/customers/:id`: what was erased where. */
export interface PrivacyErasure {
  customerId: string;
  erasedAt: string;
  store: Omit<Erasure, 'conversations' | 'externalIds'> & { conversations: number };
  dependents: DependentOutcome[];
}

type Scope = Omit<TranscriptScope, 'conversationIds'>;

/** Collects the customer's data from the store, every transcript keeper and every configured CRM. */
export async function exportCustomer(local: LocalDirectory, upstreams: CustomerDirectory[], scope: Scope): Promise<PrivacyExport> {
  const stored = await local.export(scope.customerId);
  const failures: DependentOutcome[] = [];
  const transcripts: PrivacyExport['transcripts'] = [];
  for (const keeper of transcriptKeepers()) {
    try {
      transcripts.push({ keeper: keeper.name, items: await keeper.export({ ...scope, conversationIds: stored.conversations }) });
    } catch (error) {
      failures.push({ name: keeper.name, outcome: 'failed', detail: describe(error) });
    }
  }
  const upstreamRecords: PrivacyExport['upstreams'] = [];
  if (stored.customer) {
    for (const directory of upstreams) {
      try {
        const externalId = stored.externalIds[directory.name];
        const record = await directory.find(externalId ? { customerId: externalId } : contactOf(stored.customer));
        upstreamRecords.push({ name: directory.name, record });
      } catch (error) {
        failures.push({ name: directory.name, outcome: 'failed', detail: describe(error) });
      }
    }
  }
  return { ...stored, exportedAt: new Date().toISOString(), transcripts, upstreams: upstreamRecords, failures };
}

/**
 * Erases the customer: first the transcripts of their conversations (while
 * the store still links them, so a failure can be retried), then the store
 * (audit entries become tombstones), then their record in every configured
 * CRM. Returns null when the store has no such customer. A dependent that
 * fails is reported so the request can be retried.
 */
export async function eraseCustomer(local: LocalDirectory, upstreams: CustomerDirectory[], scope: Scope): Promise<PrivacyErasure | null> {
  const before = await local.export(scope.customerId);
  const customer = before.customer;
  if (!customer) return null;
  const dependents: DependentOutcome[] = [];
  for (const keeper of transcriptKeepers()) {
    try {
      const count = await keeper.erase({ ...scope, conversationIds: before.conversations });
      dependents.push({ name: keeper.name, outcome: count > 0 ? 'done' : 'none', count });
    } catch (error) {
      dependents.push({ name: keeper.name, outcome: 'failed', detail: describe(error) });
    }
  }
  const erasure = await local.eraseAll(scope.customerId);
  if (!erasure) return null;
  for (const directory of upstreams) {
    try {
      const id = erasure.externalIds[directory.name] ?? (await directory.find(contactOf(customer)))?.id;
      const erased = id ? await directory.erase(id) : false;
      dependents.push({ name: directory.name, outcome: erased ? 'done' : 'none' });
    } catch (error) {
      dependents.push({ name: directory.name, outcome: 'failed', detail: describe(error) });
    }
  }
  return {
    customerId: scope.customerId,
    erasedAt: new Date().toISOString(),
    store: {
      customerId: erasure.customerId,
      tickets: erasure.tickets,
      devices: erasure.devices,
      auditTombstoned: erasure.auditTombstoned,
      conversations: erasure.conversations.length,
    },
    dependents,
  };
}

function contactOf(record: CustomerRecord) {
  return { ...(record.email ? { email: record.email } : {}), ...(record.phone ? { phone: record.phone } : {}) };
}

function describe(error: unknown): string {
  return error instanceof UpstreamError ? `${error.failure}: ${error.message}` : error instanceof Error ? error.message : String(error);
}
