import { describe, it, before, after } from 'node:test';
import assert from 'node:assert/strict';
import type { CustomerDirectory } from '../src/customers/customer-directory.js';
import { toCustomerContext } from '../src/customers/customer-context.js';
import { DEMO_CUSTOMERS } from '../src/customers/fixtures/demo-customers.js';

/**
 * The one suite every CustomerDirectory runs (the local store and each CRM
 * adapter), seeded with the demo customers. `setup` returns a directory whose
 * backing system holds exactly DEMO_CUSTOMERS.
 */
export function customerDirectoryCases(
  name: string,
  setup: () => Promise<{ directory: CustomerDirectory; teardown: () => Promise<void> }>,
): void {
  describe(`CustomerDirectory: ${name}`, () => {
    let directory: CustomerDirectory;
    let teardown: () => Promise<void>;
    const ana = DEMO_CUSTOMERS.find((c) => c.id === 'cus_0001')!;
    const hiro = DEMO_CUSTOMERS.find((c) => c.id === 'cus_0008')!;
    const grace = DEMO_CUSTOMERS.find((c) => c.id === 'cus_0007')!;

    before(async () => ({ directory, teardown } = await setup()));
    after(async () => teardown?.());

    it('finds a customer by email, whatever its case and spacing', async () => {
      const record = await directory.find({ email: '  ANA.Lima@example.com ' });
      assert.ok(record, 'found');
      assert.equal(record.source, directory.name);
      assert.equal(record.email, ana.email);
      assert.equal(record.name, ana.name);
      assert.equal(record.phone, ana.phone);
      assert.equal(record.tier, 'vip');
      assert.deepEqual(record.lifetimeValue, ana.lifetimeValue);
      assert.equal(record.preferredChannel, ana.preferredChannel);
    });

    it('finds a customer by E.164 phone', async () => {
      const record = await directory.find({ phone: hiro.phone! });
      assert.equal(record?.email, hiro.email);
    });

    it('returns their tickets with UTC timestamps, sorted into open and recent issues', async () => {
      const record = await directory.find({ email: hiro.email! });
      assert.ok(record);
      assert.equal(record.tickets.length, hiro.tickets.length);
      for (const t of record.tickets) assert.match(t.updatedAt, /^\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d\.\d{3}Z$/);
      const context = toCustomerContext(record);
      assert.deepEqual(
        context.openIssues.map((i) => i.subject),
        hiro.tickets.filter((t) => t.status === 'open' || t.status === 'pending').map((t) => t.subject),
      );
      assert.equal(context.recentIssues[0]?.subject, 'Late parcel, express delivery paid');
    });

    it('finds a customer by its own id', async () => {
      const byEmail = await directory.find({ email: hiro.email! });
      const byId = await directory.find({ customerId: byEmail!.id });
      assert.equal(byId?.email, hiro.email);
    });

    it('returns null for nobody, never a guess', async () => {
      assert.equal(await directory.find({ email: 'nobody@example.com' }), null);
      assert.equal(await directory.find({ phone: '+14155550199' }), null);
      assert.equal(await directory.find({}), null);
    });

    it('erases a customer: they are gone, and erasing again reports nobody', async () => {
      const record = await directory.find({ email: grace.email! });
      assert.ok(record);
      assert.equal(await directory.erase(record.id), true);
      assert.equal(await directory.find({ email: grace.email! }), null);
      assert.equal(await directory.erase(record.id), false);
    });
  });
}
