import { customerDirectoryCases } from './customer-directory.case.js';
import { DEMO_CUSTOMERS } from '../src/customers/fixtures/demo-customers.js';
import { HubSpotDirectory } from '../src/customers/adapters/hubspot-directory.js';
import { SalesforceDirectory } from '../src/customers/adapters/salesforce-directory.js';
import { ZendeskDirectory } from '../src/customers/adapters/zendesk-directory.js';
import { LocalDirectory } from '../src/customers/local/local-directory.js';
import { customersRoomKey } from '../src/customers/local/internal-key.js';
import { FakeUpstream } from './fake-crm/fake-upstream.js';
import { hubspot, salesforce, zendesk } from './fake-crm/vendors.js';
import { startRelay } from './relay-process.js';

const SESSION_SECRET = 'directory-suite-session-secret';

customerDirectoryCases('local store in a real partykit dev room', async () => {
  const relay = await startRelay({ SESSION_SECRET, CUSTOMERS_SEED: '*' });
  const room = `suite-${Date.now()}`;
  const stub = { fetch: (path: string, init?: RequestInit) => fetch(`${relay.url}/parties/customers/${room}${path}`, init) };
  return { directory: new LocalDirectory(stub, await customersRoomKey(SESSION_SECRET)), teardown: relay.stop };
});

customerDirectoryCases('HubSpot CRM v3 against a fake on loopback', async () => {
  const fake = await FakeUpstream.start(hubspot, DEMO_CUSTOMERS);
  return { directory: new HubSpotDirectory({ accessToken: 'pat-test', baseUrl: fake.url }), teardown: () => fake.close() };
});

customerDirectoryCases('Salesforce REST against a fake on loopback', async () => {
  const fake = await FakeUpstream.start(salesforce, DEMO_CUSTOMERS);
  return { directory: new SalesforceDirectory({ instanceUrl: fake.url, accessToken: '00Dtest' }), teardown: () => fake.close() };
});

customerDirectoryCases('Zendesk Support against a fake on loopback', async () => {
  const fake = await FakeUpstream.start(zendesk, DEMO_CUSTOMERS);
  return {
    directory: new ZendeskDirectory({ baseUrl: fake.url, email: 'agent@example.com', apiToken: 'zd-test' }),
    teardown: () => fake.close(),
  };
});
