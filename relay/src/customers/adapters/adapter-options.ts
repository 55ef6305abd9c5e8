import * as v from 'valibot';
import { reportToHealth, UpstreamClient, type CircuitBreakerOptions } from '../../integrations/index.js';
import type { Channel, CustomerRecord, SourceKind, Tier } from '../customer-record.js';
import { parsePhoneNumberFromString } from 'libphonenumber-js/min';
import { normaliseEmail, normalisePhone } from '../identity-keys.js';

/** The resilience knobs every adapter passes to its UpstreamClient. */
export interface UpstreamSettings {
  timeoutMs?: number;
  dailyBudget?: number;
  breaker?: CircuitBreakerOptions;
  /** Injected in tests; the global fetch otherwise. */
  fetch?: typeof fetch;
}

/** Where a CRM keeps the three values the widget's context needs (custom fields in most accounts). */
export interface ProfileFieldNames {
  tier: string;
  lifetimeValue: string;
  preferredChannel: string;
}

/** What every adapter's options share. */
export interface AdapterOptions extends UpstreamSettings {
  kind?: SourceKind;
  /** Currency of the lifetime value field (default GBP). */
  currency?: string;
  fields?: Partial<ProfileFieldNames>;
}

/** Reads tier, lifetime value and preferred channel out of a CRM record's field values. */
export class ProfileFields {
  readonly names: ProfileFieldNames;
  readonly currency: string;

  constructor(options: AdapterOptions, defaults: ProfileFieldNames) {
    this.names = { ...defaults, ...options.fields };
    this.currency = options.currency ?? 'GBP';
  }

  get list(): string[] {
    return Object.values(this.names);
  }

  read(values: Record<string, unknown>): Pick<CustomerRecord, 'tier' | 'lifetimeValue' | 'preferredChannel'> {
    return {
      tier: tierFrom(values[this.names.tier]),
      lifetimeValue: { amount: amountFrom(values[this.names.lifetimeValue]), currency: this.currency },
      preferredChannel: channelFrom(values[this.names.preferredChannel]),
    };
  }
}

/** The adapter's UpstreamClient, reported to `GET /api/health`. */
export function adapterClient(name: string, baseUrl: string, authorization: string, options: UpstreamSettings): UpstreamClient {
  return reportToHealth(new UpstreamClient({ name, baseUrl, headers: { authorization }, ...clientSettings(options) }));
}

const TIERS: readonly Tier[] = ['free', 'standard', 'premium', 'vip'];
const CHANNELS: readonly Channel[] = ['chat', 'email', 'sms', 'phone'];

/** A CRM's free-text tier (`VIP`, `Premium `) as ours; unknown values count as `standard`. */
function tierFrom(value: unknown): Tier {
  const t = String(value ?? '').trim().toLowerCase();
  return (TIERS as readonly string[]).includes(t) ? (t as Tier) : 'standard';
}

function channelFrom(value: unknown): Channel {
  const c = String(value ?? '').trim().toLowerCase();
  return (CHANNELS as readonly string[]).includes(c) ? (c as Channel) : 'chat';
}

/** A money amount sent as a number or a numeric string; anything else is 0. */
function amountFrom(value: unknown): number {
  const n = typeof value === 'number' ? value : Number(String(value ?? '').replace(/[^0-9.-]/g, ''));
  return Number.isFinite(n) ? Math.round(n * 100) / 100 : 0;
}

/** Any date a CRM sends (ISO with offset, epoch ms string) as ISO 8601 UTC. */
export function utcFrom(value: unknown, fallback = '1970-01-01T00:00:00.000Z'): string {
  if (value === null || value === undefined || value === '') return fallback;
  const ms = typeof value === 'number' || /^\d+$/.test(String(value)) ? Number(value) : Date.parse(String(value));
  return Number.isFinite(ms) ? new Date(ms).toISOString() : fallback;
}

function clientSettings(options: UpstreamSettings) {
  return {
    ...(options.timeoutMs ? { timeoutMs: options.timeoutMs } : {}),
    ...(options.dailyBudget ? { dailyBudget: options.dailyBudget } : {}),
    ...(options.breaker ? { breaker: options.breaker } : {}),
    ...(options.fetch ? { fetch: options.fetch } : {}),
  };
}

/** A delete's answer (usually 204, no body): any 2xx means done; 404 becomes null before this runs. */
export const ERASED = v.pipe(v.unknown(), v.transform((): true => true));

/**
 * A CRM's contact details as a record holds them: email normalised, phone as
 * E.164 (CRMs store `(415) 555-0101`, `+1 415 555 0101`, …); unreadable values are dropped.
 */
export function contactFrom(email: string | null | undefined, ...phones: (string | null | undefined)[]): Pick<CustomerRecord, 'email' | 'phone'> {
  const normalEmail = email ? normaliseEmail(email) : null;
  const phone = phones.map((p) => (p ? normalisePhone(p) : null)).find((p) => p !== null);
  return { ...(normalEmail ? { email: normalEmail } : {}), ...(phone ? { phone } : {}) };
}

/** The digits CRMs search phones by: the national number of an E.164 phone (`4155550101`). */
export function nationalDigits(e164: string): string | null {
  return parsePhoneNumberFromString(e164)?.nationalNumber ?? null;
}

/** Whether any of a CRM record's phone values is this E.164 number; digit searches also hit other country codes. */
export function hasPhone(e164: string, ...values: (string | null | undefined)[]): boolean {
  return values.some((value) => value && normalisePhone(value) === e164);
}
