import * as v from 'valibot';
import type { CircuitBreakerOptions } from '../../integrations/index.js';
import type { Channel, Tier } from '../customer-record.js';

/** The resilience knobs every adapter passes to its UpstreamClient. */
export interface UpstreamSettings {
  timeoutMs?: number;
  dailyBudget?: number;
  breaker?: CircuitBreakerOptions;
  /** Injected in tests; the global fetch otherwise. */
  fetch?: typeof fetch;
}

const TIERS: readonly Tier[] = ['free', 'standard', 'premium', 'vip'];
const CHANNELS: readonly Channel[] = ['chat', 'email', 'sms', 'phone'];

/** A CRM's free-text tier (`VIP`, `Premium `) as ours; unknown values count as `standard`. */
export function tierFrom(value: unknown): Tier {
  const t = String(value ?? '').trim().toLowerCase();
  return (TIERS as readonly string[]).includes(t) ? (t as Tier) : 'standard';
}

export function channelFrom(value: unknown): Channel {
  const c = String(value ?? '').trim().toLowerCase();
  return (CHANNELS as readonly string[]).includes(c) ? (c as Channel) : 'chat';
}

/** A money amount sent as a number or a numeric string; anything else is 0. */
export function amountFrom(value: unknown): number {
  const n = typeof value === 'number' ? value : Number(String(value ?? '').replace(/[^0-9.-]/g, ''));
  return Number.isFinite(n) ? Math.round(n * 100) / 100 : 0;
}

/** Any date a CRM sends (ISO with offset, epoch ms string) as ISO 8601 UTC. */
export function utcFrom(value: unknown, fallback = '1970-01-01T00:00:00.000Z'): string {
  if (value === null || value === undefined || value === '') return fallback;
  const ms = typeof value === 'number' || /^\d+$/.test(String(value)) ? Number(value) : Date.parse(String(value));
  return Number.isFinite(ms) ? new Date(ms).toISOString() : fallback;
}

/** The options an UpstreamClient takes from an adapter's settings. */
export function clientSettings(options: UpstreamSettings) {
  return {
    ...(options.timeoutMs ? { timeoutMs: options.timeoutMs } : {}),
    ...(options.dailyBudget ? { dailyBudget: options.dailyBudget } : {}),
    ...(options.breaker ? { breaker: options.breaker } : {}),
    ...(options.fetch ? { fetch: options.fetch } : {}),
  };
}

/** A delete's answer (usually 204, no body): any 2xx means done; 404 becomes null before this runs. */
export const ERASED = v.pipe(v.unknown(), v.transform((): true => true));
