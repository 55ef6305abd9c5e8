/**
 * Customer resolve speed against a real `partykit dev` on loopback, with the
 * embedded store (30 demo customers) and no CRM configured:
 * - `resolve`: `GET /api/customers/me/context` for an identified visitor:
 *   session token check, customers-room lookup, CustomerContext (what the
 *   widget asks on every page load). Target p95 ≤ 10 ms.
 * - `identify`: `POST /api/identify`: site signature check, deterministic
 *   match by email hash, new session token.
 *   `resolve_server_*` is the route's own Server-Timing (token check and store round trip inside the relay).
 * - `floor`: an unknown `/api` route (404, which also writes the relay's error
 *   log line) and `health_floor` (`GET /api/health`, the cheapest route),
 *   interleaved with the resolves, so the relay's own floor on this machine at
 *   this moment is reported beside them.
 * Sequential requests over one keep-alive connection (node:http: Node's
 * fetch adds latency of its own, seen but not measured here),
 * client-measured round trip. Prints one JSON line.
 * `CUSTOMERS_BENCH_REQUESTS` changes the sample size (default 2000).
 */
import os from 'node:os';
import { Agent } from 'node:http';
import { signIdentity } from '../relay/src/identity/index.js';
import { DEMO_CUSTOMERS } from '../relay/src/customers/fixtures/demo-customers.js';
import { startCustomerRelay } from '../relay/test/customer-relay.js';
import { quantile, round, send, type HttpCall } from './relay-load.js';

const requests = Number(process.env.CUSTOMERS_BENCH_REQUESTS ?? 2000);
const warmup = 200;

const { relay, identitySecret: IDENTITY_SECRET } = await startCustomerRelay('bench', {}, { frozen: true });

const serverMs: number[] = [];

/** Times `partykit dev` rebuilt and restarted under the bench (it watches the source tree); those samples are retaken. */
let relayRestarts = 0;

const agent = new Agent({ keepAlive: true, maxSockets: 1 });

async function timed(call: HttpCall, expected = 200): Promise<number> {
  const t0 = performance.now();
  let res: Awaited<ReturnType<typeof send>>;
  try {
    res = await send(relay.url, call, agent);
  } catch {
    relayRestarts++;
    if (relayRestarts > 10) throw new Error('the relay keeps restarting; measure on a quiet tree');
    await relayBack();
    return timed(call, expected);
  }
  const ms = performance.now() - t0;
  if (res.status !== expected) throw new Error(`bench request answered ${res.status}, expected ${expected}`);
  const server = /resolve;dur=([\d.]+)/.exec(String(res.headers['server-timing'] ?? ''));
  if (server) serverMs.push(Number(server[1]));
  return ms;
}

async function relayBack(): Promise<void> {
  for (let i = 0; i < 300; i++) {
    await new Promise((r) => setTimeout(r, 200));
    if (await fetch(`${relay.url}/api/health`).then((r) => r.ok, () => false)) return;
  }
  throw new Error('the relay did not come back');
}

const summary = (ms: number[]) => {
  const sorted = [...ms].sort((a, b) => a - b);
  return { p50: round(quantile(sorted, 0.5)), p95: round(quantile(sorted, 0.95)), p99: round(quantile(sorted, 0.99)) };
};

try {
  const customers = DEMO_CUSTOMERS.filter((c) => c.email);
  const identifyOnce = async (i: number): Promise<HttpCall> => {
    const c = customers[i % customers.length]!;
    const identityToken = await signIdentity({ sub: `site-user-${i}`, email: c.email! }, IDENTITY_SECRET, 600);
    return { path: '/api/identify', method: 'POST', headers: { 'content-type': 'application/json' }, body: JSON.stringify({ identityToken }) };
  };

  // Sessions for every customer, so resolves spread across the store.
  const tokens: string[] = [];
  for (let i = 0; i < customers.length; i++) {
    const res = await send(relay.url, await identifyOnce(i), agent);
    const body = JSON.parse(res.body) as { token: string; customer: unknown };
    if (!body.customer) throw new Error('bench customer was not resolved');
    tokens.push(body.token);
  }

  const resolve = (i: number): HttpCall => ({ path: '/api/customers/me/context', headers: { authorization: `Bearer ${tokens[i % tokens.length]}` } });
  const floor: HttpCall = { path: '/api/bench-floor' };
  const health: HttpCall = { path: '/api/health' };
  for (let i = 0; i < warmup; i++) await timed(resolve(i));
  serverMs.length = 0;
  const resolveMs: number[] = [];
  const floorMs: number[] = [];
  const healthMs: number[] = [];
  for (let i = 0; i < requests; i++) {
    resolveMs.push(await timed(resolve(i)));
    floorMs.push(await timed(floor, 404));
    healthMs.push(await timed(health));
  }

  const identifyMs: number[] = [];
  for (let i = 0; i < Math.min(500, requests); i++) {
    const run = await identifyOnce(i);
    identifyMs.push(await timed(run));
  }

  const r = summary(resolveMs);
  const id = summary(identifyMs);
  const f = summary(floorMs);
  const h = summary(healthMs);
  const server = summary(serverMs);
  console.log(
    JSON.stringify({
      customers: DEMO_CUSTOMERS.length,
      resolve_requests: resolveMs.length,
      resolve_p50_ms: r.p50,
      resolve_p95_ms: r.p95,
      resolve_p99_ms: r.p99,
      resolve_target_p95_ms: 10,
      resolve_within_target: r.p95 <= 10,
      resolve_server_p50_ms: server.p50,
      resolve_server_p95_ms: server.p95,
      floor_p50_ms: f.p50,
      floor_p95_ms: f.p95,
      health_floor_p50_ms: h.p50,
      health_floor_p95_ms: h.p95,
      client: 'node:http, one keep-alive connection',
      identify_requests: identifyMs.length,
      identify_p50_ms: id.p50,
      identify_p95_ms: id.p95,
      // Other work on the machine moves every latency here; the floor and this say how much.
      load_average_1m: round(os.loadavg()[0]!),
      relay_restarts: relayRestarts,
    }),
  );
} finally {
  agent.destroy();
  await relay.stop();
}
