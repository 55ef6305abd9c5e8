import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { startRelay, type RelayProcess } from '../../../relay/test/relay-process.js';
import { DEMO_IDENTITY_SECRET } from '../../../relay/src/identity/secrets.js';
import { signIdentity } from '../../../relay/src/identity/signed-identity.js';
import { CustomerSession } from './customer-session.js';

class MemoryStorage {
  readonly items = new Map<string, string>();
  getItem = (k: string) => this.items.get(k) ?? null;
  setItem = (k: string, v: string) => void this.items.set(k, v);
  removeItem = (k: string) => void this.items.delete(k);
}

let relay: RelayProcess;
before(async () => {
  relay = await startRelay();
});
after(() => relay.stop());

describe('CustomerSession against a real relay', () => {
  it('gives an anonymous visitor a session token and no customer', async () => {
    const session = new CustomerSession({ relay: relay.url, site: 'demo', storage: new MemoryStorage() });
    await session.start();
    assert.ok(session.token, 'a signed session token');
    assert.equal(session.context, null);
  });

  it('turns a site-signed identity into the compact customer context', async () => {
    const storage = new MemoryStorage();
    const session = new CustomerSession({ relay: relay.url, site: 'demo', storage });
    await session.start();
    const token = await signIdentity({ sub: 'cus_0001', email: 'ana.lima@example.com' }, DEMO_IDENTITY_SECRET, 600);
    await session.identify({ token });
    assert.equal(session.context?.tier, 'vip');
    assert.deepEqual(Object.keys(session.context ?? {}).sort(), ['customerId', 'lifetimeValue', 'openIssues', 'preferredChannel', 'recentIssues', 'tier']);

    const reloaded = new CustomerSession({ relay: relay.url, site: 'demo', storage });
    await reloaded.start();
    assert.equal(reloaded.context?.customerId, session.context?.customerId, 'a reload reuses the session and fetches the context again');
  });

  it('refuses a forged identity without breaking the widget', async () => {
    const session = new CustomerSession({ relay: relay.url, site: 'demo', storage: new MemoryStorage() });
    const forged = await signIdentity({ sub: 'cus_0001' }, 'not-the-secret', 600);
    await session.identify({ token: forged });
    assert.equal(session.context, null);
    assert.match(session.problem, /./);
  });

  it('goes on without context when the relay is unreachable', async () => {
    const session = new CustomerSession({ relay: 'http://127.0.0.1:9', site: 'demo', storage: new MemoryStorage(), timeoutMs: 500 });
    await session.start();
    assert.equal(session.token, null);
    assert.match(session.problem, /could not be reached/);
  });
});
