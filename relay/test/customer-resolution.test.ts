import { test } from 'node:test';
import assert from 'node:assert/strict';
import { deviceMatchScore, fingerprintDevice, matchDevice } from '../src/customers/device-match.js';
import { identityKeys, normaliseEmail, normalisePhone } from '../src/customers/identity-keys.js';
import { DEFAULT_SOURCE_WEIGHTS, mergeIntoProfile, parseSourceWeights } from '../src/customers/source-weights.js';
import { CustomerStore } from '../src/customers/local/customer-store.js';
import type { CustomerRecord } from '../src/customers/customer-record.js';
import { toCustomerContext } from '../src/customers/customer-context.js';

const base: CustomerRecord = {
  id: 'cus_1',
  source: 'local',
  name: 'Ana Lima',
  email: 'ana@example.com',
  tier: 'standard',
  lifetimeValue: { amount: 100, currency: 'GBP' },
  preferredChannel: 'chat',
  tickets: [],
  updatedAt: '2026-01-01T00:00:00.000Z',
};

test('deterministic keys: the same person in any spelling hashes the same', async () => {
  assert.equal(normaliseEmail('  Ana@Example.COM '), 'ana@example.com');
  assert.equal(normaliseEmail('not an email'), null);
  assert.equal(normalisePhone('+1 (415) 555-0101'), '+14155550101');
  assert.equal(normalisePhone('020 7946 0958'), '+442079460958');
  assert.equal(normalisePhone('12'), null);
  const a = await identityKeys({ email: 'ANA@example.com', phone: '+1 415 555 0101' });
  const b = await identityKeys({ email: 'ana@example.com ', phone: '+14155550101' });
  assert.deepEqual(a, b);
  assert.match(a.emailHash!, /^[0-9a-f]{64}$/);
  assert.notEqual(a.emailHash, a.phoneHash);
});

test('device match: identical devices score high, a different browser low, and ties are refused', async () => {
  const signals = { userAgent: 'UA/1', language: 'en-GB', timezone: 'Europe/London', screen: '1440x900@2', platform: 'Linux', ipPrefix: '203.0.113' };
  const known = await fingerprintDevice(signals, 'shop');
  const same = await fingerprintDevice(signals, 'shop');
  const otherSite = await fingerprintDevice(signals, 'elsewhere');
  const otherBrowser = await fingerprintDevice({ ...signals, userAgent: 'UA/2', screen: '390x844@3', ipPrefix: '198.51.100' }, 'shop');
  assert.ok(deviceMatchScore(same, known) > 0.99);
  assert.ok(deviceMatchScore(otherSite, known) < 0.01, 'salted per site');
  assert.ok(deviceMatchScore(otherBrowser, known) < 0.01);
  assert.equal(matchDevice(same, [{ customerId: 'a', devices: [known] }])?.customerId, 'a');
  assert.equal(matchDevice(same, [{ customerId: 'a', devices: [known] }, { customerId: 'b', devices: [known] }]), null, 'ambiguous');
  assert.equal(matchDevice(otherBrowser, [{ customerId: 'a', devices: [known] }]), null);
});

test('source weights: a heavier source overwrites, a lighter one is kept out, equal weight goes to newer data', () => {
  const { profile } = mergeIntoProfile(null, base, 'support', DEFAULT_SOURCE_WEIGHTS);
  const sales = { ...base, id: '1001', source: 'hubspot', tier: 'vip' as const, phone: '+14155550101', updatedAt: '2026-06-01T00:00:00.000Z' };
  const afterSales = mergeIntoProfile(profile, sales, 'sales', DEFAULT_SOURCE_WEIGHTS);
  assert.equal(afterSales.profile.record.tier, 'standard');
  assert.equal(afterSales.profile.record.phone, '+14155550101');
  assert.deepEqual(
    afterSales.audit.map((a) => [a.action, a.field]),
    [['merge', 'phone'], ['conflict_kept', 'tier']],
  );
  const helpdesk = { ...base, id: '5001', source: 'zendesk', tier: 'premium' as const, updatedAt: '2026-07-01T00:00:00.000Z' };
  const afterHelpdesk = mergeIntoProfile(afterSales.profile, helpdesk, 'support', DEFAULT_SOURCE_WEIGHTS);
  assert.equal(afterHelpdesk.profile.record.tier, 'premium', 'equal weight, newer');
  assert.equal(afterHelpdesk.profile.provenance.tier?.source, 'zendesk');
  assert.deepEqual(afterHelpdesk.audit[0], { action: 'overwrite', field: 'tier', source: 'zendesk', weight: 0.7, previousSource: 'local', previousWeight: 0.7 });
  const stale = mergeIntoProfile(afterHelpdesk.profile, { ...helpdesk, source: 'local', tier: 'free', updatedAt: '2025-01-01T00:00:00.000Z' }, 'support', DEFAULT_SOURCE_WEIGHTS);
  assert.equal(stale.profile.record.tier, 'premium', 'equal weight, older data loses');
});

test('source weights are configurable and validated', () => {
  assert.deepEqual(parseSourceWeights('sales=0.9, social=0'), { support: 0.7, sales: 0.9, social: 0 });
  assert.throws(() => parseSourceWeights('crm=1'), /CUSTOMER_SOURCE_WEIGHTS/);
  assert.throws(() => parseSourceWeights('sales=2'), /CUSTOMER_SOURCE_WEIGHTS/);
});

test('the store writes through, reloads to the same state, and erasure leaves only tombstones', async () => {
  const disk = new Map<string, unknown>();
  const storage = {
    put: async (entries: Record<string, unknown>) => void Object.entries(entries).forEach(([k, v]) => disk.set(k, structuredClone(v))),
    delete: async (keys: string[]) => keys.forEach((k) => disk.delete(k)),
  };
  const clock = () => new Date('2026-11-23T10:00:00+02:00');
  const store = new CustomerStore(storage, DEFAULT_SOURCE_WEIGHTS, clock);
  await store.observe({ ...base, tickets: [{ id: 't1', subject: 'Late parcel', status: 'open', updatedAt: '2026-11-01T00:00:00.000Z' }] }, 'support');
  await store.observe({ ...base, id: '1001', source: 'hubspot', phone: '+14155550101' }, 'sales');
  const { emailHash, phoneHash } = await identityKeys({ email: 'ana@example.com', phone: '+14155550101' });

  const reloaded = new CustomerStore(storage, DEFAULT_SOURCE_WEIGHTS, clock);
  reloaded.load(disk);
  assert.equal(reloaded.find({ emailHash })?.id, 'cus_1');
  assert.equal(reloaded.find({ phoneHash })?.id, 'cus_1');
  assert.equal(toCustomerContext(reloaded.find({ customerId: 'cus_1' })!).openIssues.length, 1);
  const exported = reloaded.export('cus_1');
  assert.deepEqual(exported.externalIds, { hubspot: '1001' });
  assert.equal(exported.audit[0]!.at, '2026-11-23T08:00:00.000Z', 'UTC');

  const erasure = await reloaded.erase('cus_1');
  assert.equal(erasure?.tickets, 1);
  assert.equal(reloaded.find({ emailHash }), null);
  assert.equal([...disk.keys()].some((k) => k.startsWith('c:') || k.startsWith('e:') || k.startsWith('p:')), false);
  const afterReload = new CustomerStore(storage, DEFAULT_SOURCE_WEIGHTS, clock);
  afterReload.load(disk);
  const left = afterReload.export('cus_1');
  assert.equal(left.customer, null);
  assert.ok(left.audit.length >= 3);
  assert.ok(left.audit.every((e) => e.tombstone === true && e.field === undefined && e.source === undefined));
  assert.equal(JSON.stringify([...disk.values()]).includes('ana@example.com'), false);
  assert.deepEqual(await afterReload.auditIntact(), { intact: true, brokenAt: null, entries: left.audit.length }, 'erasure keeps the chain');
});

test('the audit log is hash-chained: an edited, removed or reordered entry is detected', async () => {
  const disk = new Map<string, unknown>();
  const storage = {
    put: async (entries: Record<string, unknown>) => void Object.entries(entries).forEach(([k, v]) => disk.set(k, structuredClone(v))),
    delete: async (keys: string[]) => keys.forEach((k) => disk.delete(k)),
  };
  const store = new CustomerStore(storage, DEFAULT_SOURCE_WEIGHTS);
  await Promise.all([
    store.observe(base, 'support'),
    store.observe({ ...base, id: 'cus_2', email: 'ben@example.com' }, 'support'),
    store.observe({ ...base, id: '1001', source: 'hubspot', tier: 'vip', phone: '+14155550101' }, 'sales'),
  ]);
  assert.deepEqual(await store.auditIntact(), { intact: true, brokenAt: null, entries: 4 });
  const reload = () => {
    const copy = new CustomerStore(storage, DEFAULT_SOURCE_WEIGHTS);
    copy.load(disk);
    return copy.auditIntact();
  };
  assert.equal((await reload()).intact, true);

  const keys = [...disk.keys()].filter((k) => k.startsWith('a:')).sort();
  const original = structuredClone(disk.get(keys[2]!)) as { source?: string };
  disk.set(keys[2]!, { ...original, source: 'social' });
  assert.equal((await reload()).brokenAt, 3, 'edited details');
  disk.set(keys[2]!, original);
  disk.delete(keys[1]!);
  assert.equal((await reload()).brokenAt, 3, 'a removed entry breaks the next link');
});
