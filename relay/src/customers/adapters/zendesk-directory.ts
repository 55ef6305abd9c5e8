import * as v from 'valibot';
import type { UpstreamClient } from '../../integrations/index.js';
import type { CustomerDirectory, CustomerLookup } from '../customer-directory.js';
import type { CustomerRecord, CustomerTicket, SourceKind, TicketStatus } from '../customer-record.js';
import { normaliseEmail } from '../identity-keys.js';
import { adapterClient, contactFrom, ERASED, hasPhone, nationalDigits, ProfileFields, utcFrom, type AdapterOptions } from './adapter-options.js';

export interface ZendeskOptions extends AdapterOptions {
  /** `https://yoursubdomain.zendesk.com` */
  baseUrl: string;
  /** The agent's email for API-token auth (`{email}/token:{api_token}`); `fields` name user fields. */
  email: string;
  apiToken: string;
}

const User = v.object({
  id: v.number(),
  name: v.nullish(v.string()),
  email: v.nullish(v.string()),
  phone: v.nullish(v.string()),
  role: v.optional(v.string()),
  updated_at: v.string(),
  user_fields: v.optional(v.record(v.string(), v.unknown()), {}),
});
const UserSearch = v.object({ users: v.array(User), count: v.optional(v.number()) });
const UserShow = v.object({ user: User });
const Tickets = v.object({
  tickets: v.array(
    v.object({
      id: v.number(),
      subject: v.nullish(v.string()),
      status: v.picklist(['new', 'open', 'pending', 'hold', 'solved', 'closed']),
      updated_at: v.string(),
    }),
  ),
});

const STATUS: Record<v.InferOutput<typeof Tickets>['tickets'][number]['status'], TicketStatus> = {
  new: 'open',
  open: 'open',
  pending: 'pending',
  hold: 'pending',
  solved: 'solved',
  closed: 'closed',
};

/** A value in Zendesk's search syntax: quoted, so spaces and colons stay one term. */
function searchTerm(value: string): string {
  return `"${value.replace(/"/g, '')}"`;
}

/**
 * Zendesk Support as a customer directory: users search
 * (`GET /api/v2/users/search.json?query=email:…`, phones by digits), user show, the user's
 * requested tickets, and erasure by deleting then permanently deleting the user
 * (`DELETE /api/v2/users/:id`, `DELETE /api/v2/deleted_users/:id`), as
 * Zendesk documents for GDPR requests.
 */
export class ZendeskDirectory implements CustomerDirectory {
  readonly name = 'zendesk';
  readonly kind: SourceKind;
  readonly #client: UpstreamClient;
  readonly #fields: ProfileFields;

  constructor(options: ZendeskOptions) {
    this.kind = options.kind ?? 'support';
    this.#fields = new ProfileFields(options, { tier: 'customer_tier', lifetimeValue: 'lifetime_value', preferredChannel: 'preferred_channel' });
    this.#client = adapterClient(this.name, options.baseUrl, `Basic ${btoa(`${options.email}/token:${options.apiToken}`)}`, options);
  }

  async find(lookup: CustomerLookup): Promise<CustomerRecord | null> {
    const user =
      (lookup.customerId && /^\d+$/.test(lookup.customerId)
        ? (await this.#client.request({ method: 'GET', path: `/api/v2/users/${lookup.customerId}.json`, schema: UserShow }))?.user
        : null) ??
      (lookup.email ? await this.#search(`email:${searchTerm(normaliseEmail(lookup.email) ?? lookup.email)}`) : null) ??
      (lookup.phone ? await this.#byPhone(lookup.phone) : null);
    if (!user) return null;
    const tickets = await this.#client.request({
      method: 'GET',
      path: `/api/v2/users/${user.id}/tickets/requested.json`,
      query: { sort_by: 'updated_at', sort_order: 'desc', per_page: '20' },
      schema: Tickets,
    });
    return {
      id: String(user.id),
      source: this.name,
      ...(user.name ? { name: user.name } : {}),
      ...contactFrom(user.email, user.phone),
      ...this.#fields.read(user.user_fields),
      tickets: (tickets?.tickets ?? []).map(
        (t): CustomerTicket => ({
          id: `zendesk:${t.id}`,
          subject: t.subject ?? '(no subject)',
          status: STATUS[t.status],
          updatedAt: utcFrom(t.updated_at),
        }),
      ),
      updatedAt: utcFrom(user.updated_at),
    };
  }

  async erase(customerId: string): Promise<boolean> {
    if (!/^\d+$/.test(customerId)) return false;
    const deleted = await this.#client.request({ method: 'DELETE', path: `/api/v2/users/${customerId}.json`, schema: ERASED });
    if (deleted === null) return false;
    await this.#client.request({ method: 'DELETE', path: `/api/v2/deleted_users/${customerId}.json`, schema: ERASED });
    return true;
  }

  /**
   * Zendesk matches phones by digits: `phone:*4155550101` finds any spelling of
   * the national number. The leading `*` also matches other country codes, so
   * the hit must normalise to the same E.164 number to count.
   */
  async #byPhone(phone: string) {
    const national = nationalDigits(phone);
    if (!national) return null;
    const user = await this.#search(`role:end-user phone:*${national}`);
    return user && hasPhone(phone, user.phone) ? user : null;
  }

  async #search(query: string) {
    // The search endpoint is a GET of `query`; the first exact match wins.
    const res = await this.#client.request({ method: 'GET', path: '/api/v2/users/search.json', query: { query }, schema: UserSearch });
    return res?.users[0] ?? null;
  }
}
