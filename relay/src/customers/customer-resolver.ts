import { UpstreamError, type UpstreamFailure } from '../integrations/index.js';
import type { CustomerDirectory, CustomerLookup } from './customer-directory.js';
import type { CustomerRecord } from './customer-record.js';
import type { LocalDirectory } from './local/local-directory.js';

/** How each directory answered one resolution; names a failure kind, never data. */
export interface SourceOutcome {
  source: string;
  outcome: 'found' | 'not_found' | UpstreamFailure | 'error';
}

export interface Resolution {
  /** The golden record from the local store, after merging what upstreams said. */
  record: CustomerRecord | null;
  sources: SourceOutcome[];
}

/**
 * Resolves a verified identity to one customer: the embedded store first,
 * then every configured CRM in parallel by email and phone. What upstreams
 * find is merged into the store by source weight (and audited); an upstream
 * that fails is reported in `sources` and never blocks the answer.
 */
export async function resolveCustomer(
  local: LocalDirectory,
  upstreams: CustomerDirectory[],
  lookup: CustomerLookup,
): Promise<Resolution> {
  let record = await local.find(lookup);
  const sources: SourceOutcome[] = [{ source: local.name, outcome: record ? 'found' : 'not_found' }];
  if (upstreams.length === 0) return { record, sources };

  const byContact: CustomerLookup = {};
  const email = lookup.email ?? record?.email;
  const phone = lookup.phone ?? record?.phone;
  if (email) byContact.email = email;
  if (phone) byContact.phone = phone;
  if (!email && !phone) return { record, sources };

  const answers = await Promise.allSettled(upstreams.map((directory) => directory.find(byContact)));
  for (const [i, answer] of answers.entries()) {
    const directory = upstreams[i]!;
    if (answer.status === 'rejected') {
      const reason = answer.reason;
      sources.push({ source: directory.name, outcome: reason instanceof UpstreamError ? reason.failure : 'error' });
      if (!(reason instanceof UpstreamError)) {
        console.error(JSON.stringify({ level: 'error', at: new Date().toISOString(), component: 'customers', upstream: directory.name, message: String(reason) }));
      }
      continue;
    }
    sources.push({ source: directory.name, outcome: answer.value ? 'found' : 'not_found' });
    if (answer.value) record = await local.observe(answer.value, directory.kind);
  }
  return { record, sources };
}
