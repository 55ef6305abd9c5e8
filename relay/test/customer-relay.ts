import { startRelay, type RelayOptions, type RelayProcess } from './relay-process.js';

export interface CustomerRelay {
  relay: RelayProcess;
  /** A site of its own: partykit dev keeps room storage on disk between runs, so each run gets a fresh customers room. */
  site: string;
  sessionSecret: string;
  identitySecret: string;
}

/**
 * A real `partykit dev` relay for customer and identity tests and benches:
 * known secrets, one fresh site seeded with the demo customers, rate limits
 * out of the way. `vars` adds PartyKit vars (CRM settings).
 */
export async function startCustomerRelay(name: string, vars: Record<string, string> = {}, options: RelayOptions = {}): Promise<CustomerRelay> {
  const site = `${name}-${Date.now().toString(36)}`;
  const sessionSecret = `${name}-session-secret`;
  const identitySecret = `${name}-identity-secret`;
  const relay = await startRelay({
    SESSION_SECRET: sessionSecret,
    IDENTITY_SECRET: identitySecret,
    RELAY_SITES: JSON.stringify({ [site]: ['http://localhost:*'] }),
    CUSTOMERS_SEED: site,
    RELAY_RATE_IP: '100000000/1',
    RELAY_RATE_SESSION: '100000000/1',
    ...vars,
  }, options);
  return { relay, site, sessionSecret, identitySecret };
}
