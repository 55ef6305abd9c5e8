import * as v from 'valibot';
import type { UpstreamClient } from '../../integrations/index.js';
import type { CustomerDirectory, CustomerLookup } from '../customer-directory.js';
import type { CustomerRecord, CustomerTicket, SourceKind } from '../customer-record.js';
import { normaliseEmail } from '../identity-keys.js';
import { adapterClient, contactFrom, ERASED, hasPhone, nationalDigits, ProfileFields, utcFrom, type AdapterOptions } from './adapter-options.js';

export interface HubSpotOptions extends AdapterOptions {
  /** A private app access token with crm.objects.contacts.read (and tickets read, gdpr delete). */
  accessToken: string;
  baseUrl?: string;
}

const Contact = v.object({
  id: v.string(),
  properties: v.record(v.string(), v.nullish(v.string())),
  updatedAt: v.optional(v.string()),
});
const ContactSearch = v.object({ total: v.number(), results: v.array(Contact) });
const Ticket = v.object({ id: v.string(), properties: v.record(v.string(), v.nullish(v.string())) });
const TicketSearch = v.object({ total: v.number(), results: v.array(Ticket) });

/** HubSpot's default support pipeline: stage 4 is Closed, 2 is Waiting on contact. */
const CLOSED_STAGE = '4';
const WAITING_STAGE = '2';

/**
 * HubSpot CRM as a customer directory, through the CRM v3 API: contacts
 * search (`POST /crm/v3/objects/contacts/search`: `email` EQ, or the digits-only
 * `hs_searchable_calculated_phone_number` / `_mobile_number` EQ),
 * contact read by id, tickets search on `associations.contact`, and GDPR
 * delete (`POST /crm/v3/objects/contacts/gdpr-delete`).
 */
export class HubSpotDirectory implements CustomerDirectory {
  readonly name = 'hubspot';
  readonly kind: SourceKind;
  readonly #client: UpstreamClient;
  readonly #fields: ProfileFields;

  constructor(options: HubSpotOptions) {
    this.kind = options.kind ?? 'sales';
    this.#fields = new ProfileFields(options, { tier: 'customer_tier', lifetimeValue: 'total_revenue', preferredChannel: 'preferred_channel' });
    this.#client = adapterClient(this.name, options.baseUrl ?? 'https://api.hubapi.com', `Bearer ${options.accessToken}`, options);
  }

  async find(lookup: CustomerLookup): Promise<CustomerRecord | null> {
    const contact =
      (lookup.customerId ? await this.#byId(lookup.customerId) : null) ??
      (lookup.email ? await this.#search('email', normaliseEmail(lookup.email) ?? lookup.email) : null) ??
      (lookup.phone ? await this.#search('phone', lookup.phone) : null);
    if (!contact) return null;
    return this.#toRecord(contact, await this.#tickets(contact.id));
  }

  async erase(customerId: string): Promise<boolean> {
    const erased = await this.#client.request({
      method: 'POST',
      path: '/crm/v3/objects/contacts/gdpr-delete',
      body: { objectId: customerId },
      schema: ERASED,
      // Repeating a GDPR delete of the same contact is harmless.
      idempotent: true,
    });
    return erased === true;
  }

  #contactProperties(): string[] {
    return ['email', 'phone', 'mobilephone', 'firstname', 'lastname', 'lastmodifieddate', ...this.#fields.list];
  }

  async #byId(id: string) {
    if (!/^\d+$/.test(id)) return null;
    return this.#client.request({
      method: 'GET',
      path: `/crm/v3/objects/contacts/${id}`,
      query: { properties: this.#contactProperties().join(',') },
      schema: Contact,
    });
  }

  async #search(property: 'email' | 'phone', value: string) {
    // HubSpot keeps a digits-only copy of each phone for search; the typed phone rarely equals E.164.
    const digits = property === 'phone' ? nationalDigits(value) : null;
    if (property === 'phone' && !digits) return null;
    const res = await this.#client.request({
      method: 'POST',
      path: '/crm/v3/objects/contacts/search',
      body: {
        filterGroups:
          property === 'email'
            ? [{ filters: [{ propertyName: 'email', operator: 'EQ', value }] }]
            : [
                { filters: [{ propertyName: 'hs_searchable_calculated_phone_number', operator: 'EQ', value: digits }] },
                { filters: [{ propertyName: 'hs_searchable_calculated_mobile_number', operator: 'EQ', value: digits }] },
              ],
        properties: this.#contactProperties(),
        limit: 5,
      },
      schema: ContactSearch,
      idempotent: true,
    });
    const results = res?.results ?? [];
    return property === 'email' ? (results[0] ?? null) : (results.find((c) => hasPhone(value, c.properties.phone, c.properties.mobilephone)) ?? null);
  }

  async #tickets(contactId: string): Promise<CustomerTicket[]> {
    const res = await this.#client.request({
      method: 'POST',
      path: '/crm/v3/objects/tickets/search',
      body: {
        filterGroups: [{ filters: [{ propertyName: 'associations.contact', operator: 'EQ', value: contactId }] }],
        properties: ['subject', 'hs_pipeline_stage', 'hs_lastmodifieddate'],
        sorts: [{ propertyName: 'hs_lastmodifieddate', direction: 'DESCENDING' }],
        limit: 20,
      },
      schema: TicketSearch,
      idempotent: true,
    });
    return (res?.results ?? []).map((t) => ({
      id: `hubspot:${t.id}`,
      subject: t.properties.subject ?? '(no subject)',
      status: t.properties.hs_pipeline_stage === CLOSED_STAGE ? 'closed' : t.properties.hs_pipeline_stage === WAITING_STAGE ? 'pending' : 'open',
      updatedAt: utcFrom(t.properties.hs_lastmodifieddate),
    }));
  }

  #toRecord(contact: v.InferOutput<typeof Contact>, tickets: CustomerTicket[]): CustomerRecord {
    const p = contact.properties;
    const name = [p.firstname, p.lastname].filter(Boolean).join(' ');
    return {
      id: contact.id,
      source: this.name,
      ...(name ? { name } : {}),
      ...contactFrom(p.email, p.phone, p.mobilephone),
      ...this.#fields.read(p),
      tickets,
      updatedAt: utcFrom(p.lastmodifieddate ?? contact.updatedAt),
    };
  }
}
