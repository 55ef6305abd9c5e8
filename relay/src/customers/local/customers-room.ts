import type * as Party from 'partykit/server';
import { constantTimeEqual } from '../../identity/hmac.js';
import { relaySecrets } from '../../identity/secrets.js';
import { DEMO_CUSTOMERS, DEMO_CUSTOMERS_VERSION } from '../fixtures/demo-customers.js';
import { parseSourceWeights } from '../source-weights.js';
import { CustomerStore } from './customer-store.js';
import { customersRoomKey } from './internal-key.js';
import { INTERNAL_HEADER, type StoreRequest } from './store-request.js';

/**
 * The embedded customer directory: one room per site (`/parties/customers/:site`),
 * its customers, indexes and audit log in the room's storage. Only the relay's
 * own routes may call it (see internal-key.ts); it takes no websockets.
 *
 * Seeding: rooms named in `CUSTOMERS_SEED` (comma list, `*` for all; default
 * `demo`) start with the demo store's customers.
 */
export default class CustomersRoom implements Party.Server {
  store!: CustomerStore;

  constructor(readonly room: Party.Room) {}

  async onStart(): Promise<void> {
    this.store = new CustomerStore(this.room.storage, parseSourceWeights(this.room.env.CUSTOMER_SOURCE_WEIGHTS));
    this.store.load(await this.room.storage.list());
    if (this.#seedsDemo() && this.store.seeded !== DEMO_CUSTOMERS_VERSION) {
      for (const customer of DEMO_CUSTOMERS) await this.store.observe(customer, 'support');
      await this.store.markSeeded(DEMO_CUSTOMERS_VERSION);
    }
  }

  static onBeforeConnect(): Response {
    return new Response('The customers room takes no connections.', { status: 403 });
  }

  async onRequest(req: Party.Request): Promise<Response> {
    const given = new TextEncoder().encode(req.headers.get(INTERNAL_HEADER) ?? '');
    const expected = new TextEncoder().encode(await customersRoomKey(relaySecrets(this.room.env).sessionSecret));
    if (!constantTimeEqual(given, expected)) return Response.json({ error: 'forbidden' }, { status: 403 });
    if (req.method !== 'POST') return Response.json({ error: 'method_not_allowed' }, { status: 405 });
    let body: StoreRequest;
    try {
      body = (await req.json()) as StoreRequest;
    } catch {
      return Response.json({ error: 'invalid_json' }, { status: 400 });
    }
    return Response.json(await this.#handle(body));
  }

  async #handle(req: StoreRequest): Promise<unknown> {
    switch (req.type) {
      case 'find':
        return { record: this.store.find(req) };
      case 'match_device':
        return { match: this.store.matchDevice(req.fingerprint) };
      case 'observe':
        return { record: await this.store.observe(req.record, req.kind) };
      case 'link_device':
        return { linked: await this.store.linkDevice(req.customerId, req.fingerprint) };
      case 'link_conversation':
        return { linked: await this.store.linkConversation(req.customerId, req.conversationId) };
      case 'export':
        return { export: this.store.export(req.customerId) };
      case 'erase':
        return { erasure: await this.store.erase(req.customerId) };
      case 'verify_audit':
        return { audit: await this.store.auditIntact() };
      default:
        return { error: 'unknown_request' };
    }
  }

  #seedsDemo(): boolean {
    const raw = typeof this.room.env.CUSTOMERS_SEED === 'string' ? this.room.env.CUSTOMERS_SEED : 'demo';
    const rooms = raw.split(',').map((s) => s.trim());
    return rooms.includes('*') || rooms.includes(this.room.id);
  }
}
