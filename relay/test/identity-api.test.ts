import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import { signIdentity, signToken } from '../src/identity/index.js';
import type { RelayProcess } from './relay-process.js';
import { startCustomerRelay } from './customer-relay.js';

const DEVICE = { userAgent: 'Mozilla/5.0 (X11; Linux x86_64) Test/1.0', language: 'en-GB', timezone: 'Europe/London', screen: '1440x900@2', platform: 'Linux', hardwareConcurrency: 8 };

let relay: RelayProcess;
let SITE: string;
let SESSION_SECRET: string;
let IDENTITY_SECRET: string;
const post = (path: string, body: unknown, headers: Record<string, string> = {}) =>
  fetch(`${relay.url}/api${path}`, { method: 'POST', headers: { 'content-type': 'application/json', ...headers }, body: JSON.stringify(body) });
const get = (path: string, token?: string) => fetch(`${relay.url}/api${path}`, token ? { headers: { authorization: `Bearer ${token}` } } : {});
const del = (path: string, token: string) => fetch(`${relay.url}/api${path}`, { method: 'DELETE', headers: { authorization: `Bearer ${token}` } });
const identify = async (claims: { sub: string; email?: string; phone?: string }, extra: Record<string, unknown> = {}, ttl = 600) =>
  post('/identify', { identityToken: await signIdentity(claims, IDENTITY_SECRET, ttl), ...extra }, { 'x-forwarded-for': '203.0.113.7' });

before(async () => {
  ({ relay, site: SITE, sessionSecret: SESSION_SECRET, identitySecret: IDENTITY_SECRET } = await startCustomerRelay('identity'));
});
after(async () => relay?.stop());

describe('signed identity', () => {
  it('an anonymous visitor gets a signed session token', async () => {
    const res = await post('/session', {});
    assert.equal(res.status, 201);
    const body = await res.json();
    assert.match(body.token, /^[\w-]+\.[\w-]+$/);
    assert.match(body.sessionId, /^v_/);
    assert.equal(body.site, SITE);
    assert.equal(body.customer, null);
    assert.ok(Date.parse(body.expiresAt) > Date.now());
    assert.equal(res.headers.get('cache-control'), 'no-store');
    const context = await (await get('/customers/me/context', body.token)).json();
    assert.deepEqual(context, { customer: null });
  });

  it('from a browser, the site is the one whose allow-list the origin matched, whatever the body says', async () => {
    const res = await post('/session', { site: 'another-tenant' }, { origin: 'http://localhost:5173' });
    assert.equal(res.status, 201);
    assert.equal((await res.json()).site, SITE);
    assert.equal(res.headers.get('access-control-allow-origin'), 'http://localhost:5173');
  });

  it('a valid signature yields a session bound to the customer and the compact context only', async () => {
    const res = await identify({ sub: 'cus_0003', email: 'chloe.martin@example.net' });
    assert.equal(res.status, 200);
    const body = await res.json();
    assert.deepEqual(Object.keys(body.customer).sort(), ['customerId', 'lifetimeValue', 'openIssues', 'preferredChannel', 'recentIssues', 'tier']);
    assert.equal(body.customer.customerId, 'cus_0003');
    assert.equal(body.customer.tier, 'premium');
    assert.deepEqual(body.customer.openIssues.map((i: { status: string }) => i.status), ['pending']);
    assert.equal(JSON.stringify(body).includes('chloe.martin'), false, 'no email goes back to the widget');
    const meRes = await get('/customers/me/context', body.token);
    assert.equal(meRes.headers.get('cache-control'), 'no-store');
    const me = await meRes.json();
    assert.equal(me.customer.customerId, 'cus_0003');
  });

  it('matches by email when the site user id is unknown to the store, and by E.164 phone in any format', async () => {
    const byEmail = await (await identify({ sub: 'site-user-77', email: 'Hiro.Tanaka@EXAMPLE.com' })).json();
    assert.equal(byEmail.customer.customerId, 'cus_0008');
    const byPhone = await (await identify({ sub: 'site-user-78', phone: '+1 (415) 555-0113' })).json();
    assert.equal(byPhone.customer.customerId, 'cus_0013');
  });

  it('a session bound to a customer lasts no longer than the signed identity', async () => {
    const body = await (await identify({ sub: 'cus_0004', email: 'dev.patel@example.com' }, {}, 120)).json();
    assert.equal(body.customer.customerId, 'cus_0004');
    const left = Date.parse(body.expiresAt) - Date.now();
    assert.ok(left > 60_000 && left <= 121_000, `session expires in ${left} ms`);
  });

  it('an identity nobody knows is verified but has no context', async () => {
    const body = await (await identify({ sub: 'new-user', email: 'new.person@example.com' })).json();
    assert.equal(body.customer, null);
    assert.match(body.token, /\./);
  });

  it('a signature made with another secret is refused with 401', async () => {
    const forged = await signIdentity({ sub: 'cus_0001' }, 'not-the-secret', 600);
    const res = await post('/identify', { identityToken: forged });
    assert.equal(res.status, 401);
    const body = await res.json();
    assert.equal(body.error, 'identity_invalid');
    assert.match(body.message, /signature/);
  });

  it('an expired signature is refused with 401 identity_expired', async () => {
    const res = await identify({ sub: 'cus_0001' }, {}, -120);
    assert.equal(res.status, 401);
    assert.equal((await res.json()).error, 'identity_expired');
  });

  it('malformed identity and bodies get clear errors', async () => {
    assert.equal((await post('/identify', { identityToken: 'not-a-jwt' })).status, 401);
    const missing = await post('/identify', {});
    assert.equal(missing.status, 400);
    assert.equal((await missing.json()).error, 'invalid_request');
    assert.equal((await post('/session', { site: 'elsewhere' })).status, 400);
  });

  it('the demo identity signer is off unless DEMO is set', async () => {
    const res = await post('/demo/identity', { sub: 'cus_0001' });
    assert.equal(res.status, 404);
  });

  it('a device seen with a verified identity is probably recognised later, with its score but not the customer', async () => {
    await identify({ sub: 'cus_0010', email: 'jonas.weber@example.net' }, { device: DEVICE });
    const res = await post('/session', { device: DEVICE }, { 'x-forwarded-for': '203.0.113.99' });
    const body = await res.json();
    assert.ok(body.probableMatch, 'matched');
    assert.equal(body.probableMatch.method, 'device');
    assert.ok(body.probableMatch.score >= 0.9 && body.probableMatch.score <= 1);
    assert.equal(JSON.stringify(body).includes('cus_0010'), false);
    const other = await (await post('/session', { device: { ...DEVICE, userAgent: 'Other/2.0', screen: '390x844@3' } }, { 'x-forwarded-for': '198.51.100.1' })).json();
    assert.equal(other.probableMatch, null);
  });

  it('a tampered or expired session token is refused', async () => {
    const { token } = await (await post('/session', {})).json();
    const tampered = token.slice(0, -2) + (token.endsWith('AA') ? 'BB' : 'AA');
    assert.equal((await get('/customers/me/context', tampered)).status, 401);
    const expired = await signToken({ sub: 'v_x', role: 'visitor', site: SITE }, SESSION_SECRET, 1, Math.floor(Date.now() / 1000) - 3600);
    const res = await get('/customers/me/context', expired);
    assert.equal(res.status, 401);
    assert.equal((await res.json()).error, 'session_expired');
    assert.equal((await get('/customers/me/context')).status, 401);
  });
});

describe('loading customers into the embedded store', () => {
  const put = (id: string, body: unknown, token: string) =>
    fetch(`${relay.url}/api/customers/${id}`, { method: 'PUT', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body: JSON.stringify(body) });
  const customer = {
    name: 'Nia Okafor',
    email: 'Nia.Okafor@example.com',
    phone: '+1 415 555 0177',
    tier: 'premium',
    lifetimeValue: { amount: 880, currency: 'GBP' },
    tickets: [{ id: 'T-1', subject: 'Where is my order?', status: 'open', updatedAt: '2026-11-20T10:00:00+01:00' }],
  };

  it('a supervisor adds a customer, who is then recognised by email with UTC timestamps', async () => {
    const supervisor = await signToken({ sub: 'sup_1', role: 'supervisor', site: SITE }, SESSION_SECRET, 600);
    const res = await put('acme_42', customer, supervisor);
    assert.equal(res.status, 200);
    const body = await (await identify({ sub: 'acme_42', email: 'nia.okafor@example.com' })).json();
    assert.equal(body.customer.customerId, 'acme_42');
    assert.equal(body.customer.tier, 'premium');
    assert.equal(body.customer.openIssues[0].updatedAt, '2026-11-20T09:00:00.000Z');
  });

  it('agents and visitors may not, and bad contact data is refused', async () => {
    const agent = await signToken({ sub: 'agent_9', role: 'agent', site: SITE }, SESSION_SECRET, 600);
    assert.equal((await put('acme_43', customer, agent)).status, 403);
    const supervisor = await signToken({ sub: 'sup_1', role: 'supervisor', site: SITE }, SESSION_SECRET, 600);
    assert.equal((await put('acme_43', { ...customer, email: 'not-an-email' }, supervisor)).status, 400);
    assert.equal((await put('acme_43', { ...customer, tier: 'platinum' }, supervisor)).status, 400);
  });
});

describe('privacy: export and erasure', () => {
  it('only the customer themself or an agent may export', async () => {
    const other = await (await identify({ sub: 'cus_0002', email: 'ben.carter@example.org' })).json();
    assert.equal((await get('/customers/cus_0005/export', other.token)).status, 403);
    const anonymous = await (await post('/session', {})).json();
    assert.equal((await get('/customers/cus_0005/export', anonymous.token)).status, 403);
    assert.equal((await del('/customers/cus_0005', anonymous.token)).status, 403);
    const agent = await signToken({ sub: 'agent_1', role: 'agent', site: SITE }, SESSION_SECRET, 600);
    const res = await get('/customers/cus_0005/export', agent);
    assert.equal(res.status, 200);
    assert.equal((await res.json()).customer.email, 'emma.novak@example.com');
  });

  it('GDPR: export everything, erase following dependencies, then export shows only tombstones', async () => {
    const session = await (await identify({ sub: 'cus_0011', email: 'kemi.adeyemi@example.com' }, { device: DEVICE })).json();
    const unscoped = await post('/customers/cus_0011/conversations', { conversationId: 'conv-gdpr-1' }, { authorization: `Bearer ${session.token}` });
    assert.equal(unscoped.status, 403, 'a visitor cannot pull someone else\'s conversation into their erasure');
    const agent = await signToken({ sub: 'agent_2', role: 'agent', site: SITE }, SESSION_SECRET, 600);
    const linked = await post('/customers/cus_0011/conversations', { conversationId: 'conv-gdpr-1' }, { authorization: `Bearer ${agent}` });
    assert.equal(linked.status, 200);

    const exported = await (await get('/customers/cus_0011/export', session.token)).json();
    assert.equal(exported.customer.name, 'Kemi Adeyemi');
    assert.equal(exported.customer.tickets.length, 2);
    assert.equal(exported.devicesLinked, 1);
    assert.deepEqual(exported.conversations, ['conv-gdpr-1']);
    const actions = exported.audit.map((e: { action: string }) => e.action);
    assert.deepEqual(actions, ['create', 'link_device', 'link_conversation']);
    for (const entry of exported.audit) assert.match(entry.at, /Z$/);

    const erased = await del('/customers/cus_0011', session.token);
    assert.equal(erased.status, 200);
    const report = await erased.json();
    assert.equal(report.store.tickets, 2);
    assert.equal(report.store.devices, 1);
    assert.equal(report.store.conversations, 1);
    assert.equal(report.store.auditTombstoned, 3);

    const after = await (await get('/customers/cus_0011/export', session.token)).json();
    assert.equal(after.customer, null);
    assert.equal(after.devicesLinked, 0);
    assert.deepEqual(after.conversations, []);
    assert.equal(after.audit.length, 4);
    for (const entry of after.audit) {
      assert.equal(entry.tombstone, true);
      assert.deepEqual(Object.keys(entry).sort(), ['action', 'at', 'customerId', 'detailHash', 'hash', 'seq', 'tombstone']);
    }
    assert.equal(after.audit.at(-1).action, 'erase');
    assert.equal(JSON.stringify(after).includes('Kemi'), false);

    assert.equal((await get('/customers/me/context', session.token)).status, 200);
    assert.deepEqual(await (await get('/customers/me/context', session.token)).json(), { customer: null });
    assert.equal((await del('/customers/cus_0011', session.token)).status, 404);
    const again = await (await identify({ sub: 'cus_0011', email: 'kemi.adeyemi@example.com' })).json();
    assert.equal(again.customer, null, 'an erased customer is not recognised again');
  });

  it('after all of that the audit log still verifies, and only a supervisor may ask', async () => {
    const supervisor = await signToken({ sub: 'sup_1', role: 'supervisor', site: SITE }, SESSION_SECRET, 600);
    const report = await (await get('/customers/audit/verify', supervisor)).json();
    assert.equal(report.intact, true);
    assert.ok(report.entries > 30);
    const agent = await signToken({ sub: 'agent_1', role: 'agent', site: SITE }, SESSION_SECRET, 600);
    assert.equal((await get('/customers/audit/verify', agent)).status, 403);
  });

  it('the customers room refuses calls that do not come from the relay', async () => {
    const res = await fetch(`${relay.url}/parties/customers/${SITE}`, { method: 'POST', body: JSON.stringify({ type: 'export', customerId: 'cus_0001' }) });
    assert.equal(res.status, 403);
  });
});
