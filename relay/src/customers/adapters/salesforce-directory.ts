import * as v from 'valibot';
import type { UpstreamClient } from '../../integrations/index.js';
import type { CustomerDirectory, CustomerLookup } from '../customer-directory.js';
import type { CustomerRecord, CustomerTicket, SourceKind } from '../customer-record.js';
import { normaliseEmail } from '../identity-keys.js';
import { adapterClient, contactFrom, ERASED, hasPhone, nationalDigits, ProfileFields, utcFrom, type AdapterOptions } from './adapter-options.js';

export interface SalesforceOptions extends AdapterOptions {
  /** `https://MyDomainName.my.salesforce.com` */
  instanceUrl: string;
  /** An OAuth access token (e.g. from the client-credentials flow of a connected app). */
  accessToken: string;
  apiVersion?: string;
}

const Attributes = v.object({ type: v.string() });
const QueryResult = <T extends v.GenericSchema>(record: T) =>
  v.object({ totalSize: v.number(), done: v.boolean(), records: v.array(record) });
const Contact = v.object({
  attributes: Attributes,
  Id: v.string(),
  Name: v.nullish(v.string()),
  Email: v.nullish(v.string()),
  Phone: v.nullish(v.string()),
  MobilePhone: v.nullish(v.string()),
  LastModifiedDate: v.string(),
});
const Case = v.object({
  attributes: Attributes,
  Id: v.string(),
  Subject: v.nullish(v.string()),
  Status: v.nullish(v.string()),
  IsClosed: v.boolean(),
  LastModifiedDate: v.string(),
});

/** SOQL string literal: backslash and quote escaped, as the SOQL reference requires. */
export function soqlString(value: string): string {
  return `'${value.replace(/\\/g, '\\\\').replace(/'/g, "\\'")}'`;
}

/**
 * Salesforce as a customer directory, through the REST API: SOQL over
 * `GET /services/data/vXX.X/query` for Contacts (by Id or Email) and their
 * Cases, SOSL over `…/search` for phones, and `DELETE …/sobjects/Contact/:id` to erase.
 * Every call counts against the org's 24-hour API limit, hence the budget.
 */
export class SalesforceDirectory implements CustomerDirectory {
  readonly name = 'salesforce';
  readonly kind: SourceKind;
  readonly #client: UpstreamClient;
  readonly #version: string;
  readonly #fields: ProfileFields;

  constructor(options: SalesforceOptions) {
    this.kind = options.kind ?? 'sales';
    this.#version = options.apiVersion ?? 'v60.0';
    this.#fields = new ProfileFields(options, {
      tier: 'Customer_Tier__c',
      lifetimeValue: 'Lifetime_Value__c',
      preferredChannel: 'Preferred_Channel__c',
    });
    this.#client = adapterClient(this.name, options.instanceUrl, `Bearer ${options.accessToken}`, options);
  }

  async find(lookup: CustomerLookup): Promise<CustomerRecord | null> {
    const email = lookup.email ? normaliseEmail(lookup.email) : null;
    const contactSchema = v.object({ ...Contact.entries, ...this.#customFieldEntries() });
    const fields = `Id, Name, Email, Phone, MobilePhone, LastModifiedDate, ${this.#fields.list.join(', ')}`;
    const where =
      lookup.customerId && /^[a-zA-Z0-9]{15,18}$/.test(lookup.customerId)
        ? `Id = ${soqlString(lookup.customerId)}`
        : email
          ? `Email = ${soqlString(email)}`
          : null;
    const contacts = where
      ? await this.#query(`SELECT ${fields} FROM Contact WHERE ${where} ORDER BY LastModifiedDate DESC LIMIT 1`, contactSchema)
      : lookup.phone
        ? await this.#searchPhone(lookup.phone, fields, contactSchema)
        : [];
    const contact = contacts[0];
    if (!contact) return null;
    const cases = await this.#query(
      `SELECT Id, Subject, Status, IsClosed, LastModifiedDate FROM Case WHERE ContactId = ${soqlString(contact.Id)} ORDER BY LastModifiedDate DESC LIMIT 20`,
      Case,
    );
    return {
      id: contact.Id,
      source: this.name,
      ...(contact.Name ? { name: contact.Name } : {}),
      ...contactFrom(contact.Email, contact.Phone, contact.MobilePhone),
      ...this.#fields.read(contact as Record<string, unknown>),
      tickets: cases.map((c): CustomerTicket => ({
        id: `salesforce:${c.Id}`,
        subject: c.Subject ?? '(no subject)',
        status: c.IsClosed ? 'closed' : /wait|hold|pending/i.test(c.Status ?? '') ? 'pending' : 'open',
        updatedAt: utcFrom(c.LastModifiedDate),
      })),
      updatedAt: utcFrom(contact.LastModifiedDate),
    };
  }

  async erase(customerId: string): Promise<boolean> {
    const erased = await this.#client.request({
      method: 'DELETE',
      path: `/services/data/${this.#version}/sobjects/Contact/${encodeURIComponent(customerId)}`,
      schema: ERASED,
    });
    return erased === true;
  }

  #customFieldEntries() {
    const value = v.nullish(v.union([v.string(), v.number()]));
    return Object.fromEntries(this.#fields.list.map((field) => [field, value]));
  }

  /**
   * Phones are stored as typed (`(415) 555-0101`), so SOQL equality misses
   * them; SOSL `IN PHONE FIELDS` matches the digits, and the hits are checked
   * against the E.164 number.
   */
  async #searchPhone<T extends { Phone?: string | null; MobilePhone?: string | null }>(
    phone: string,
    fields: string,
    record: v.GenericSchema<unknown, T>,
  ): Promise<T[]> {
    const digits = nationalDigits(phone);
    if (!digits) return [];
    const res = await this.#client.request({
      method: 'GET',
      path: `/services/data/${this.#version}/search`,
      query: { q: `FIND {${digits}} IN PHONE FIELDS RETURNING Contact(${fields} ORDER BY LastModifiedDate DESC LIMIT 5)` },
      schema: v.object({ searchRecords: v.array(record) }),
    });
    return (res?.searchRecords ?? []).filter((c) => hasPhone(phone, c.Phone, c.MobilePhone));
  }

  async #query<T>(soql: string, record: v.GenericSchema<unknown, T>): Promise<T[]> {
    const res = await this.#client.request({
      method: 'GET',
      path: `/services/data/${this.#version}/query`,
      query: { q: soql },
      schema: QueryResult(record),
    });
    return (res?.records ?? []) as T[];
  }
}
