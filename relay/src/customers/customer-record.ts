import type { CustomerContext, IssueSummary } from '../../../protocol/customer.js';

export type Tier = CustomerContext['tier'];
export type Channel = CustomerContext['preferredChannel'];
export type TicketStatus = IssueSummary['status'];

/**
 * What kind of system a record came from; conflicts between sources are
 * settled by a weight per kind (see source-weights.ts).
 */
export type SourceKind = 'support' | 'sales' | 'social';

export interface CustomerTicket {
  id: string;
  subject: string;
  status: TicketStatus;
  /** ISO 8601, UTC. */
  updatedAt: string;
}

/**
 * Everything the relay knows about one customer from one directory. Stays on
 * the relay: the widget only ever receives a {@link CustomerContext}.
 */
export interface CustomerRecord {
  /** The directory's own id for the customer. */
  id: string;
  /** Which directory answered: `local`, `hubspot`, `salesforce`, `zendesk`. */
  source: string;
  name?: string;
  /** Normalised (trimmed, lower case). */
  email?: string;
  /** E.164. */
  phone?: string;
  tier: Tier;
  lifetimeValue: { amount: number; currency: string };
  preferredChannel: Channel;
  tickets: CustomerTicket[];
  /** ISO 8601, UTC. */
  updatedAt: string;
}

/** The fields that sources can disagree on, and that weights settle. */
export const PROFILE_FIELDS = ['name', 'email', 'phone', 'tier', 'lifetimeValue', 'preferredChannel'] as const;
export type ProfileField = (typeof PROFILE_FIELDS)[number];
