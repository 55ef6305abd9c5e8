import { test } from 'node:test';
import assert from 'node:assert/strict';
import { upstreamDirectories } from '../src/customers/directory-config.js';

test('CRMs are configured from env vars, each only when all its credentials are present', () => {
  assert.deepEqual(upstreamDirectories({}), []);
  assert.deepEqual(upstreamDirectories({ SALESFORCE_INSTANCE_URL: 'https://x.my.salesforce.com' }).map((d) => d.name), []);
  const all = upstreamDirectories({
    HUBSPOT_ACCESS_TOKEN: 'pat',
    SALESFORCE_INSTANCE_URL: 'https://x.my.salesforce.com',
    SALESFORCE_ACCESS_TOKEN: '00D',
    ZENDESK_SUBDOMAIN: 'acme',
    ZENDESK_EMAIL: 'a@acme.com',
    ZENDESK_API_TOKEN: 'zd',
    HUBSPOT_KIND: 'social',
  });
  assert.deepEqual(all.map((d) => [d.name, d.kind]), [['hubspot', 'social'], ['salesforce', 'sales'], ['zendesk', 'support']]);
});

test('the same env gives the same clients, so breakers and budgets persist across requests', () => {
  const env = { HUBSPOT_ACCESS_TOKEN: 'pat-same' };
  assert.equal(upstreamDirectories(env)[0], upstreamDirectories({ ...env })[0]);
});

test('a bad value fails loudly with the variable name', () => {
  assert.throws(() => upstreamDirectories({ HUBSPOT_ACCESS_TOKEN: 'p', HUBSPOT_KIND: 'crm' }), /HUBSPOT_KIND/);
  assert.throws(() => upstreamDirectories({ HUBSPOT_ACCESS_TOKEN: 'p', UPSTREAM_TIMEOUT_MS: 'soon' }), /UPSTREAM_TIMEOUT_MS/);
  assert.throws(() => upstreamDirectories({ ZENDESK_SUBDOMAIN: 'a', ZENDESK_EMAIL: 'e', ZENDESK_API_TOKEN: 't', ZENDESK_DAILY_BUDGET: '-1' }), /ZENDESK_DAILY_BUDGET/);
});
