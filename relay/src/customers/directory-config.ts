import type { CircuitBreakerOptions } from '../integrations/index.js';
import type { CustomerDirectory } from './customer-directory.js';
import type { SourceKind } from './customer-record.js';
import { HubSpotDirectory } from './adapters/hubspot-directory.js';
import { SalesforceDirectory } from './adapters/salesforce-directory.js';
import { ZendeskDirectory } from './adapters/zendesk-directory.js';
import type { UpstreamSettings } from './adapters/adapter-options.js';

/**
 * The CRMs and helpdesks configured by PartyKit vars, queried beside the
 * embedded store:
 *
 * - HubSpot: `HUBSPOT_ACCESS_TOKEN` (`HUBSPOT_BASE_URL`)
 * - Salesforce: `SALESFORCE_INSTANCE_URL`, `SALESFORCE_ACCESS_TOKEN` (`SALESFORCE_API_VERSION`)
 * - Zendesk: `ZENDESK_BASE_URL` (or `ZENDESK_SUBDOMAIN`), `ZENDESK_EMAIL`, `ZENDESK_API_TOKEN`
 * - For each, `<NAME>_KIND` (`support`|`sales`|`social`) and `<NAME>_DAILY_BUDGET`
 * - For all: `UPSTREAM_TIMEOUT_MS` (default 2500), `UPSTREAM_BREAKER_FAILURES` (5),
 *   `UPSTREAM_BREAKER_COOLDOWN_MS` (30000), `CUSTOMER_CURRENCY` (GBP)
 *
 * Built once per isolate and env, so breakers and budgets persist across requests.
 */
export function upstreamDirectories(env: Record<string, unknown>): CustomerDirectory[] {
  const signature = JSON.stringify(Object.entries(env).filter(([k]) => /^(HUBSPOT|SALESFORCE|ZENDESK|UPSTREAM|CUSTOMER)_/.test(k)));
  if (cached?.signature !== signature) cached = { signature, directories: build(env) };
  return cached.directories;
}

let cached: { signature: string; directories: CustomerDirectory[] } | undefined;

function build(env: Record<string, unknown>): CustomerDirectory[] {
  const str = (name: string) => (typeof env[name] === 'string' && env[name] ? (env[name] as string) : undefined);
  const int = (name: string) => {
    const raw = str(name);
    if (raw === undefined) return undefined;
    const n = Number(raw);
    if (!Number.isInteger(n) || n < 1) throw new Error(`${name} must be a positive integer`);
    return n;
  };
  const kind = (name: string): SourceKind | undefined => {
    const raw = str(`${name}_KIND`);
    if (raw === undefined) return undefined;
    if (raw !== 'support' && raw !== 'sales' && raw !== 'social') throw new Error(`${name}_KIND must be support, sales or social`);
    return raw;
  };
  const failures = int('UPSTREAM_BREAKER_FAILURES');
  const cooldown = int('UPSTREAM_BREAKER_COOLDOWN_MS');
  const breaker: CircuitBreakerOptions | undefined =
    failures || cooldown ? { failureThreshold: failures ?? 5, cooldownMs: cooldown ?? 30_000 } : undefined;
  const common = (name: string): UpstreamSettings & { kind?: SourceKind; currency?: string } => ({
    ...(int('UPSTREAM_TIMEOUT_MS') ? { timeoutMs: int('UPSTREAM_TIMEOUT_MS')! } : {}),
    ...(int(`${name}_DAILY_BUDGET`) ? { dailyBudget: int(`${name}_DAILY_BUDGET`)! } : {}),
    ...(breaker ? { breaker } : {}),
    ...(kind(name) ? { kind: kind(name)! } : {}),
    ...(str('CUSTOMER_CURRENCY') ? { currency: str('CUSTOMER_CURRENCY')! } : {}),
  });

  const directories: CustomerDirectory[] = [];
  const hubspotToken = str('HUBSPOT_ACCESS_TOKEN');
  if (hubspotToken) {
    directories.push(new HubSpotDirectory({ accessToken: hubspotToken, ...optional('baseUrl', str('HUBSPOT_BASE_URL')), ...common('HUBSPOT') }));
  }
  const sfUrl = str('SALESFORCE_INSTANCE_URL');
  const sfToken = str('SALESFORCE_ACCESS_TOKEN');
  if (sfUrl && sfToken) {
    directories.push(
      new SalesforceDirectory({ instanceUrl: sfUrl, accessToken: sfToken, ...optional('apiVersion', str('SALESFORCE_API_VERSION')), ...common('SALESFORCE') }),
    );
  }
  const zdUrl = str('ZENDESK_BASE_URL') ?? (str('ZENDESK_SUBDOMAIN') ? `https://${str('ZENDESK_SUBDOMAIN')}.zendesk.com` : undefined);
  const zdEmail = str('ZENDESK_EMAIL');
  const zdToken = str('ZENDESK_API_TOKEN');
  if (zdUrl && zdEmail && zdToken) {
    directories.push(new ZendeskDirectory({ baseUrl: zdUrl, email: zdEmail, apiToken: zdToken, ...common('ZENDESK') }));
  }
  return directories;
}

function optional<K extends string>(key: K, value: string | undefined): Partial<Record<K, string>> {
  return value === undefined ? {} : ({ [key]: value } as Record<K, string>);
}
