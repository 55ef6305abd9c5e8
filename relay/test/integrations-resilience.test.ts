import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { signIdentity, signToken } from '../src/identity/index.js';
import { DEMO_CUSTOMERS } from '../src/customers/fixtures/demo-customers.js';
import { FakeUpstream } from './fake-crm/fake-upstream.js';
import { hubspot, salesforce, zendesk } from './fake-crm/vendors.js';
import type { RelayProcess } from './relay-process.js';
import { startCustomerRelay } from './customer-relay.js';

const SALESFORCE_BUDGET = 40;
/** Per-call timeout: short to keep the test quick, long enough for a loaded CI machine to answer healthy calls. */
const TIMEOUT_MS = 800;

/** HubSpot disagrees with the store on purpose: a higher tier for Ben, a phone the store lacks for Grace. */
const hubspotCustomers = DEMO_CUSTOMERS.map((c) =>
  c.id === 'cus_0002' ? { ...c, tier: 'vip' as const } : c.id === 'cus_0007' ? { ...c, phone: '+14155550107' } : c,
);

let relay: RelayProcess;
let SITE: string;
let SESSION_SECRET: string;
let IDENTITY_SECRET: string;
let hs: FakeUpstream;
let sf: FakeUpstream;
let zd: FakeUpstream;
let agent: string;

const emailOf = (id: string) => DEMO_CUSTOMERS.find((c) => c.id === id)!.email!;
async function identify(id: string) {
  const identityToken = await signIdentity({ sub: id, email: emailOf(id) }, IDENTITY_SECRET, 600);
  const started = Date.now();
  const res = await fetch(`${relay.url}/api/identify`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ identityToken }),
  });
  return { status: res.status, body: await res.json(), ms: Date.now() - started };
}
const health = async () => (await fetch(`${relay.url}/api/health`)).json();
const exportOf = async (id: string) =>
  (await fetch(`${relay.url}/api/customers/${id}/export`, { headers: { authorization: `Bearer ${agent}` } })).json();

before(async () => {
  [hs, sf, zd] = await Promise.all([
    FakeUpstream.start(hubspot, hubspotCustomers),
    FakeUpstream.start(salesforce, DEMO_CUSTOMERS),
    FakeUpstream.start(zendesk, DEMO_CUSTOMERS),
  ]);
  ({ relay, site: SITE, sessionSecret: SESSION_SECRET, identitySecret: IDENTITY_SECRET } = await startCustomerRelay('resilience', {
    HUBSPOT_ACCESS_TOKEN: 'pat-test',
    HUBSPOT_BASE_URL: hs.url,
    SALESFORCE_INSTANCE_URL: sf.url,
    SALESFORCE_ACCESS_TOKEN: '00Dtest',
    SALESFORCE_DAILY_BUDGET: String(SALESFORCE_BUDGET),
    ZENDESK_BASE_URL: zd.url,
    ZENDESK_EMAIL: 'agent@example.com',
    ZENDESK_API_TOKEN: 'zd-test',
    UPSTREAM_TIMEOUT_MS: String(TIMEOUT_MS),
    UPSTREAM_BREAKER_FAILURES: '4',
    UPSTREAM_BREAKER_COOLDOWN_MS: '600000',
  }));
  agent = await signToken({ sub: 'agent_1', role: 'agent', site: SITE }, SESSION_SECRET, 3600);
});
after(async () => {
  await relay?.stop();
  await Promise.all([hs?.close(), sf?.close(), zd?.close()]);
});

describe('CRM integrations through a real partykit dev relay', { concurrency: false }, () => {
  it('health lists every configured CRM from startup, before any lookup', async () => {
    const report = await health();
    assert.deepEqual(Object.keys(report.upstreams).sort(), ['hubspot', 'salesforce', 'zendesk']);
    for (const name of ['hubspot', 'salesforce', 'zendesk']) assert.equal(report.upstreams[name].state, 'ok', name);
    assert.equal(hs.requests.length + sf.requests.length + zd.requests.length, 0, 'listing them calls nobody');
  });

  it('healthy CRMs are asked, and what they add is merged by source weight and audited', async () => {
    const grace = await identify('cus_0007');
    assert.equal(grace.status, 200);
    assert.equal(grace.body.degraded, false);
    const graceExport = await exportOf('cus_0007');
    assert.equal(graceExport.customer.phone, '+14155550107', 'the empty field was filled from HubSpot');
    assert.equal(graceExport.provenance.phone.source, 'hubspot');
    assert.deepEqual(Object.keys(graceExport.externalIds).sort(), ['hubspot', 'salesforce', 'zendesk']);
    assert.ok(graceExport.audit.some((e: { action: string; field?: string; source?: string }) => e.action === 'merge' && e.field === 'phone' && e.source === 'hubspot'));

    const ben = await identify('cus_0002');
    assert.equal(ben.body.customer.tier, 'standard', 'support (0.7) outweighs sales (0.3)');
    const benExport = await exportOf('cus_0002');
    const conflict = benExport.audit.find((e: { action: string }) => e.action === 'conflict_kept');
    assert.deepEqual(
      { field: conflict.field, source: conflict.source, weight: conflict.weight, previousSource: conflict.previousSource, previousWeight: conflict.previousWeight },
      { field: 'tier', source: 'hubspot', weight: 0.3, previousSource: 'local', previousWeight: 0.7 },
    );
    const report = await health();
    for (const name of ['hubspot', 'salesforce', 'zendesk']) assert.equal(report.upstreams[name].state, 'ok', name);
  });

  it('a 200 with garbage (a zombie API) is rejected, reported, and never passed on', async () => {
    const before = zd.requests.length;
    zd.next({ kind: 'garbage', body: '{"users":"<html>maintenance</html>"}' });
    const chloe = await identify('cus_0003');
    assert.equal(chloe.status, 200);
    assert.equal(chloe.body.degraded, true);
    assert.equal(chloe.body.customer.tier, 'premium');
    assert.equal(zd.requests.length - before, 1, 'a zombie answer is not retried');
    const report = await health();
    assert.equal(report.upstreams.zendesk.state, 'degraded');
    assert.match(report.upstreams.zendesk.detail, /invalid_response/);
  });

  it('429 with a short Retry-After: waits that long, then retries', async () => {
    const before = zd.requests.length;
    zd.next({ kind: 'status', status: 429, retryAfter: '1' });
    const emma = await identify('cus_0005');
    assert.equal(emma.body.degraded, false);
    const [limited, retried] = zd.requests.slice(before, before + 2);
    assert.ok(retried!.at - limited!.at >= 950, `retried after ${retried!.at - limited!.at} ms`);
  });

  it('429 with a long Retry-After: no call goes out until it has passed', async () => {
    zd.next({ kind: 'status', status: 429, retryAfter: '120' });
    const first = await identify('cus_0006');
    assert.equal(first.body.degraded, true);
    const count = zd.requests.length;
    const second = await identify('cus_0009');
    assert.equal(second.body.degraded, true);
    assert.equal(zd.requests.length, count, 'zendesk was not called inside the Retry-After window');
    const report = await health();
    assert.match(report.upstreams.zendesk.detail, /rate limited/);
  });

  it('a hanging CRM times out fast, idempotent calls are retried, and the breaker opens', async () => {
    hs.always({ kind: 'hang' });
    const before = hs.requests.length;
    const first = await identify('cus_0008');
    assert.equal(first.status, 200);
    assert.equal(first.body.degraded, true);
    assert.equal(first.body.customer.customerId, 'cus_0008', 'the store still answers');
    assert.ok(first.ms < 3 * TIMEOUT_MS + 1500, `answered in ${first.ms} ms: three timed-out attempts plus backoff`);
    assert.equal(hs.requests.length - before, 3, 'first try and two retries');

    await identify('cus_0013');
    assert.equal(hs.requests.length - before, 4, 'the fourth consecutive failure opens the circuit');
    const report = await health();
    assert.equal(report.upstreams.hubspot.state, 'down');
    assert.match(report.upstreams.hubspot.detail, /circuit open/);
    assert.equal(report.ok, false);

    const third = await identify('cus_0015');
    assert.equal(hs.requests.length - before, 4, 'an open circuit sends nothing');
    assert.equal(third.body.degraded, true);
  });

  it('a 500 is retried for an idempotent call and reported', async () => {
    const before = sf.requests.length;
    sf.next({ kind: 'status', status: 500 }, 3);
    const res = await identify('cus_0016');
    assert.equal(res.body.degraded, true);
    assert.equal(sf.requests.length - before, 3);
    const report = await health();
    assert.equal(report.upstreams.salesforce.state, 'degraded');
  });

  it('the daily call budget, once spent, stops every call until the next UTC day', async () => {
    const ids = ['cus_0017', 'cus_0018', 'cus_0020', 'cus_0021', 'cus_0022', 'cus_0024', 'cus_0025', 'cus_0026', 'cus_0029', 'cus_0030'];
    for (let i = 0; i < 40 && sf.requests.length < SALESFORCE_BUDGET; i++) await identify(ids[i % ids.length]!);
    assert.equal(sf.requests.length, SALESFORCE_BUDGET);
    const after = await identify('cus_0001');
    assert.equal(sf.requests.length, SALESFORCE_BUDGET, 'no call past the budget');
    assert.equal(after.body.degraded, true);
    const report = await health();
    assert.match(report.upstreams.salesforce.detail, /budget/);
  });
});
