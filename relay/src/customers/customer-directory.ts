import type { CustomerRecord, SourceKind } from './customer-record.js';

/** How a directory is asked for a customer: by its own id, or by a verified email or phone. */
export interface CustomerLookup {
  customerId?: string;
  /** Normalised email (see identity-keys.ts). */
  email?: string;
  /** E.164 phone. */
  phone?: string;
}

/**
 * A system that knows customers: the local store, or a CRM/helpdesk
 * (HubSpot, Salesforce, Zendesk). Every implementation runs the same shared
 * test suite (relay/test/customer-directory.case.ts).
 *
 * @example
 * const record = await directory.find({ email: 'ana@example.com' });
 * if (record) return toCustomerContext(record);
 */
export interface CustomerDirectory {
  /** Short name used in records, logs and health: `local`, `hubspot`, … */
  readonly name: string;
  readonly kind: SourceKind;
  /**
   * The customer matching the lookup (id first, then email, then phone) with
   * their tickets; null when nobody matches. Throws UpstreamError when the
   * system cannot answer, never returns a guess.
   */
  find(lookup: CustomerLookup): Promise<CustomerRecord | null>;
  /** Erases the customer and what depends on them; false when there was nobody to erase. */
  erase(customerId: string): Promise<boolean>;
}
