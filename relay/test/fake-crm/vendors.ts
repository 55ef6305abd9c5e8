import type { CustomerRecord } from '../../src/customers/customer-record.js';
import type { VendorHandler } from './fake-upstream.js';

/**
 * Just enough of each vendor's documented API for the adapters, answering in
 * the documented shapes, so a test can tell a correct client from a wrong one.
 */

const live = (c: CustomerRecord | undefined) => (c && c.source !== 'erased' ? c : undefined);
const byEmail = (customers: CustomerRecord[], email: string) => customers.find((c) => c.email === email.toLowerCase());
/** A phone as people type it into a CRM: `+1 (415) 555-0101`. */
const typed = (e164: string | undefined) => (e164 ? e164.replace(/^\+1(\d{3})(\d{3})(\d{4})$/, '+1 ($1) $2-$3') : null);
const unauthorised: [number, unknown] = [401, { message: 'missing or bad credentials' }];
/** What an erased customer leaves behind in a fake: a slot that keeps later ids stable and matches nothing. */
const erased = (c: CustomerRecord): CustomerRecord => ({ id: c.id, source: 'erased', tier: 'free', lifetimeValue: c.lifetimeValue, preferredChannel: 'chat', tickets: [], updatedAt: c.updatedAt });

// HubSpot CRM v3: numeric contact ids, properties as strings.
const hubspotId = (customers: CustomerRecord[], c: CustomerRecord) => String(1001 + customers.indexOf(c));
const hubspotContact = (customers: CustomerRecord[], c: CustomerRecord) => {
  const [firstname, ...rest] = (c.name ?? '').split(' ');
  return {
    id: hubspotId(customers, c),
    properties: {
      email: c.email ?? null,
      phone: typed(c.phone),
      firstname: firstname || null,
      lastname: rest.join(' ') || null,
      customer_tier: c.tier.toUpperCase(),
      total_revenue: String(c.lifetimeValue.amount),
      preferred_channel: c.preferredChannel,
      lastmodifieddate: c.updatedAt,
    },
    createdAt: '2025-01-01T00:00:00Z',
    updatedAt: c.updatedAt,
    archived: false,
  };
};
export const hubspot: VendorHandler = ({ method, url, body, headers }, customers) => {
  if (!/^Bearer \S+$/.test(String(headers.authorization))) return unauthorised;
  const filters = (body as { filterGroups?: { filters: { propertyName: string; value: string }[] }[] })?.filterGroups ?? [];
  const wanted = filters.flatMap((g) => g.filters);
  if (method === 'POST' && url.pathname === '/crm/v3/objects/contacts/search') {
    // hs_searchable_calculated_*: the phone's digits without the country code, as HubSpot indexes them.
    const found = customers.filter((c) =>
      wanted.some(
        (f) =>
          (f.propertyName === 'email' && c.email === f.value.toLowerCase()) ||
          (f.propertyName === 'hs_searchable_calculated_phone_number' && !!c.phone && c.phone.replace(/^\+1/, '') === f.value),
      ),
    );
    return [200, { total: found.length, results: found.map((c) => hubspotContact(customers, c)) }];
  }
  const contact = /^\/crm\/v3\/objects\/contacts\/(\d+)$/.exec(url.pathname);
  if (method === 'GET' && contact) {
    const c = live(customers.find((x) => hubspotId(customers, x) === contact[1]));
    return c ? [200, hubspotContact(customers, c)] : [404, { status: 'error', category: 'OBJECT_NOT_FOUND' }];
  }
  if (method === 'POST' && url.pathname === '/crm/v3/objects/tickets/search') {
    const contactId = wanted.find((f) => f.propertyName === 'associations.contact')?.value;
    const c = customers.find((x) => hubspotId(customers, x) === contactId);
    const tickets = (c?.tickets ?? []).map((t, i) => ({
      id: `${contactId}0${i}`,
      properties: {
        subject: t.subject,
        hs_pipeline_stage: t.status === 'open' ? '1' : t.status === 'pending' ? '2' : '4',
        hs_lastmodifieddate: t.updatedAt,
      },
    }));
    return [200, { total: tickets.length, results: tickets }];
  }
  if (method === 'POST' && url.pathname === '/crm/v3/objects/contacts/gdpr-delete') {
    const id = (body as { objectId?: string })?.objectId;
    const i = customers.findIndex((x) => live(x) && hubspotId(customers, x) === id);
    if (i < 0) return [404, { status: 'error', category: 'OBJECT_NOT_FOUND' }];
    customers[i] = erased(customers[i]!);
    return [204, undefined];
  }
  return null;
};

// Salesforce REST: 18-character ids, SOQL over GET /query.
const sfId = (customers: CustomerRecord[], c: CustomerRecord) => `003${String(customers.indexOf(c)).padStart(15, '0')}`;
const sfContact = (customers: CustomerRecord[], c: CustomerRecord) => ({
  attributes: { type: 'Contact', url: `/services/data/v60.0/sobjects/Contact/${sfId(customers, c)}` },
  Id: sfId(customers, c),
  Name: c.name ?? null,
  Email: c.email ?? null,
  Phone: typed(c.phone),
  MobilePhone: null,
  LastModifiedDate: c.updatedAt.replace('Z', '+0000'),
  Customer_Tier__c: c.tier === 'vip' ? 'VIP' : c.tier,
  Lifetime_Value__c: c.lifetimeValue.amount,
  Preferred_Channel__c: c.preferredChannel,
});
const soqlLiteral = (soql: string, field: string) => {
  const m = new RegExp(`${field} = '((?:[^'\\\\]|\\\\.)*)'`).exec(soql);
  return m ? m[1]!.replace(/\\(.)/g, '$1') : undefined;
};
export const salesforce: VendorHandler = ({ method, url, headers }, customers) => {
  if (!/^Bearer \S+$/.test(String(headers.authorization))) return unauthorised;
  if (method === 'GET' && url.pathname === '/services/data/v60.0/query') {
    const soql = url.searchParams.get('q') ?? '';
    if (/FROM Contact WHERE/.test(soql)) {
      const id = soqlLiteral(soql, 'Id');
      const email = soqlLiteral(soql, 'Email');
      const c = customers.find((x) => live(x) && ((id && sfId(customers, x) === id) || (email && x.email === email)));
      const records = c ? [sfContact(customers, c)] : [];
      return [200, { totalSize: records.length, done: true, records }];
    }
    if (/FROM Case WHERE ContactId/.test(soql)) {
      const contactId = soqlLiteral(soql, 'ContactId');
      const c = customers.find((x) => sfId(customers, x) === contactId);
      const records = (c?.tickets ?? []).map((t, i) => ({
        attributes: { type: 'Case', url: `/services/data/v60.0/sobjects/Case/500${i}` },
        Id: `500${String(i).padStart(15, '0')}`,
        Subject: t.subject,
        Status: t.status === 'pending' ? 'Waiting on Customer' : t.status === 'open' ? 'Working' : 'Closed',
        IsClosed: t.status === 'solved' || t.status === 'closed',
        LastModifiedDate: t.updatedAt.replace('Z', '+0000'),
      }));
      return [200, { totalSize: records.length, done: true, records }];
    }
    return [400, [{ errorCode: 'MALFORMED_QUERY', message: 'unsupported by the fake' }]];
  }
  if (method === 'GET' && url.pathname === '/services/data/v60.0/search') {
    // SOSL `IN PHONE FIELDS` matches digits whatever the formatting.
    const sosl = /^FIND \{(\d+)\} IN PHONE FIELDS RETURNING Contact\(/.exec(url.searchParams.get('q') ?? '');
    if (!sosl) return [400, [{ errorCode: 'MALFORMED_SEARCH', message: 'unsupported by the fake' }]];
    const hits = customers.filter((c) => live(c) && c.phone?.replace(/\D/g, '').endsWith(sosl[1]!));
    return [200, { searchRecords: hits.map((c) => sfContact(customers, c)) }];
  }
  const del = /^\/services\/data\/v60\.0\/sobjects\/Contact\/(\w+)$/.exec(url.pathname);
  if (method === 'DELETE' && del) {
    const i = customers.findIndex((x) => live(x) && sfId(customers, x) === del[1]);
    if (i < 0) return [404, [{ errorCode: 'NOT_FOUND', message: 'The requested resource does not exist' }]];
    customers[i] = erased(customers[i]!);
    return [204, undefined];
  }
  return null;
};

// Zendesk Support: numeric ids, user_fields, Basic auth `{email}/token:{token}`.
const zdId = (customers: CustomerRecord[], c: CustomerRecord) => 5000 + customers.indexOf(c);
const zdUser = (customers: CustomerRecord[], c: CustomerRecord) => ({
  id: zdId(customers, c),
  url: `https://fake.zendesk.com/api/v2/users/${zdId(customers, c)}.json`,
  name: c.name ?? null,
  email: c.email ?? null,
  phone: typed(c.phone),
  role: 'end-user',
  created_at: '2025-01-01T00:00:00Z',
  updated_at: c.updatedAt,
  user_fields: { customer_tier: c.tier, lifetime_value: c.lifetimeValue.amount, preferred_channel: c.preferredChannel },
});
export const zendesk: VendorHandler = ({ method, url, headers }, customers) => {
  const auth = /^Basic (\S+)$/.exec(String(headers.authorization));
  if (!auth || !/^[^/]+\/token:.+$/.test(Buffer.from(auth[1]!, 'base64').toString())) return unauthorised;
  if (method === 'GET' && url.pathname === '/api/v2/users/search.json') {
    const query = url.searchParams.get('query') ?? '';
    const email = /^email:"([^"]*)"$/.exec(query);
    // Zendesk's documented phone search: digits only, a leading * matches any prefix and formatting.
    const phone = /^role:end-user phone:\*(\d+)$/.exec(query);
    const c = email
      ? byEmail(customers, email[1]!)
      : phone
        ? customers.find((x) => x.phone?.replace(/\D/g, '').endsWith(phone[1]!))
        : undefined;
    return [200, { users: c ? [zdUser(customers, c)] : [], next_page: null, previous_page: null, count: c ? 1 : 0 }];
  }
  const show = /^\/api\/v2\/users\/(\d+)\.json$/.exec(url.pathname);
  if (show) {
    const i = customers.findIndex((x) => live(x) && String(zdId(customers, x)) === show[1]);
    if (i < 0) return [404, { error: 'RecordNotFound', description: 'Not found' }];
    if (method === 'GET') return [200, { user: zdUser(customers, customers[i]!) }];
    if (method === 'DELETE') {
      const user = zdUser(customers, customers[i]!);
      customers[i] = erased(customers[i]!);
      return [200, { user: { ...user, active: false } }];
    }
  }
  const requested = /^\/api\/v2\/users\/(\d+)\/tickets\/requested\.json$/.exec(url.pathname);
  if (method === 'GET' && requested) {
    const c = customers.find((x) => String(zdId(customers, x)) === requested[1]);
    const tickets = (c?.tickets ?? []).map((t, i) => ({
      id: 90000 + i,
      subject: t.subject,
      status: t.status,
      updated_at: t.updatedAt,
    }));
    return [200, { tickets, count: tickets.length, next_page: null }];
  }
  if (method === 'DELETE' && /^\/api\/v2\/deleted_users\/\d+\.json$/.test(url.pathname)) return [204, undefined];
  return null;
};
