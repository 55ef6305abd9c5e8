import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { CustomerRecord } from '../../src/customers/customer-record.js';

/** How the fake answers: like the real API, or like a sick one. */
export type FakeBehaviour =
  | { kind: 'normal' }
  /** Never answers. */
  | { kind: 'hang' }
  | { kind: 'status'; status: number; retryAfter?: string }
  /** 200 with a body that is not what the API documents (a "zombie"). */
  | { kind: 'garbage'; body: string };

export interface FakeRequest {
  method: string;
  path: string;
  at: number;
}

/** A vendor's API over the fake's customer list: returns [status, body] or null for "no such route". */
export type VendorHandler = (
  req: { method: string; url: URL; body: unknown; headers: IncomingMessage['headers'] },
  customers: CustomerRecord[],
) => [number, unknown] | null;

/**
 * A CRM on 127.0.0.1 for tests: a real HTTP server speaking a vendor's API
 * subset over a customer list, which can be told to misbehave for the next
 * requests (hang, 429 with Retry-After, 500, 200 with garbage).
 */
export class FakeUpstream {
  readonly requests: FakeRequest[] = [];
  #queue: FakeBehaviour[] = [];
  #always: FakeBehaviour = { kind: 'normal' };
  #hung: ServerResponse[] = [];
  readonly #server = createServer((req, res) => void this.#serve(req, res));

  private constructor(
    readonly handler: VendorHandler,
    readonly customers: CustomerRecord[],
  ) {}

  static async start(handler: VendorHandler, customers: CustomerRecord[]): Promise<FakeUpstream> {
    const fake = new FakeUpstream(handler, structuredClone(customers));
    await new Promise<void>((resolve) => fake.#server.listen(0, '127.0.0.1', resolve));
    return fake;
  }

  get url(): string {
    return `http://127.0.0.1:${(this.#server.address() as AddressInfo).port}`;
  }

  /** The next `times` requests behave so; then back to the standing behaviour. */
  next(behaviour: FakeBehaviour, times = 1): void {
    for (let i = 0; i < times; i++) this.#queue.push(behaviour);
  }

  /** Every request from now on behaves so (until changed). */
  always(behaviour: FakeBehaviour): void {
    this.#queue = [];
    this.#always = behaviour;
  }

  async close(): Promise<void> {
    for (const res of this.#hung) res.destroy();
    this.#server.closeAllConnections();
    await new Promise<void>((resolve) => this.#server.close(() => resolve()));
  }

  async #serve(req: IncomingMessage, res: ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', this.url);
    this.requests.push({ method: req.method ?? 'GET', path: url.pathname, at: Date.now() });
    let raw = '';
    for await (const chunk of req) raw += chunk;
    const behaviour = this.#queue.shift() ?? this.#always;
    if (behaviour.kind === 'hang') {
      this.#hung.push(res);
      return;
    }
    if (behaviour.kind === 'status') {
      res.writeHead(behaviour.status, {
        'content-type': 'application/json',
        ...(behaviour.retryAfter ? { 'retry-after': behaviour.retryAfter } : {}),
      });
      res.end(JSON.stringify({ status: 'error', message: `fake ${behaviour.status}` }));
      return;
    }
    if (behaviour.kind === 'garbage') {
      res.writeHead(200, { 'content-type': 'application/json' });
      res.end(behaviour.body);
      return;
    }
    let body: unknown = undefined;
    try {
      body = raw ? JSON.parse(raw) : undefined;
    } catch {
      res.writeHead(400).end();
      return;
    }
    const answer = this.handler({ method: req.method ?? 'GET', url, body, headers: req.headers }, this.customers);
    const [status, payload] = answer ?? [404, { message: `no fake route for ${req.method} ${url.pathname}` }];
    if (payload === undefined) {
      res.writeHead(status).end();
      return;
    }
    res.writeHead(status, { 'content-type': 'application/json' });
    res.end(JSON.stringify(payload));
  }
}
