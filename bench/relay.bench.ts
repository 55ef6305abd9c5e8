/**
 * Relay speed against a real `partykit dev` on loopback:
 * 1. search latency with 10,000 articles and tickets indexed (a synthetic
 *    corpus grown from the demo content, served to the relay by
 *    KNOWLEDGE_INDEX_URL), sequential requests, client-measured round trip;
 * 2. sustained load: 1,000 requests/s for 30 s (open loop over 32 keep-alive
 *    connections, latency counted from when each request was due), counting
 *    5xx and connection errors, then what the relay sustains here with 32
 *    requests always in flight, and the CPU the relay (workerd, and partykit
 *    dev's own Node process) and the generator used.
 * 3. the Hono app called in process, to separate the relay's own cost.
 * The machine's load average is reported: `partykit dev` and the load
 * generator share its cores with everything else running.
 * Prints one JSON line. `RELAY_BENCH_SECONDS` shortens the load phase.
 */
import { Agent, createServer } from 'node:http';
import os from 'node:os';
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { startRelay } from '../relay/test/relay-process.js';
import { buildKnowledgeIndex } from '../relay/src/knowledge/build-index.js';
import { KnowledgeSearcher } from '../relay/src/knowledge/knowledge-searcher.js';
import { embedderFrom } from '../relay/src/knowledge/query-encoder.js';
import type { KnowledgeIndexArtifact } from '../relay/src/knowledge/knowledge-snapshot.js';
import { syntheticCorpus } from './relay-synthetic-corpus.js';
import { createApp } from '../relay/src/api/app.js';
import { readRelayConfig } from '../relay/src/api/relay-config.js';
import { KnowledgeStore } from '../relay/src/knowledge/knowledge-store.js';
import { relayCpuSeconds, quantile, round, runCapacity, runLoad, send } from './relay-load.js';

const file = (p: string) => fileURLToPath(new URL(p, import.meta.url));
const demo = JSON.parse(readFileSync(file('../relay/src/knowledge/artifacts/demo-index.json'), 'utf8')) as KnowledgeIndexArtifact;
const queries = readFileSync(file('../demo/content/queries/retrieval.jsonl'), 'utf8')
  .trim()
  .split('\n')
  .map((l) => (JSON.parse(l) as { query: string }).query);
const UNLIMITED = { RELAY_RATE_IP: '100000000/1', RELAY_RATE_SESSION: '100000000/1' };
const loadSeconds = Number(process.env.RELAY_BENCH_SECONDS ?? 30);

// Three searches in four ask for articles only, as the widget and the agent console do; the rest search
// tickets too. Half carry the visitor's locale, one in eight a product.
const searchBody = (i: number) =>
  JSON.stringify({
    query: queries[i % queries.length],
    k: 5,
    ...(i % 2 ? { locale: 'en' } : {}),
    ...(i % 4 !== 3 ? { source: 'article' } : {}),
    ...(i % 8 === 5 ? { product: 'camping' } : {}),
  });

// A keep-alive `node:http` client: Node's `fetch` adds latency of its own (seen, not measured here).
const client = new Agent({ keepAlive: true, maxSockets: 1 });
async function post(url: string, body: string): Promise<number> {
  const t0 = performance.now();
  const { status } = await send(url, { path: '/api/search', method: 'POST', headers: { 'Content-Type': 'application/json' }, body }, client);
  if (status !== 200) throw new Error(`search answered ${status}`);
  return performance.now() - t0;
}

// 1. Search latency with 10,000 documents.
const corpus = syntheticCorpus(demo.documents, 10_000);
const buildStarted = performance.now();
const big = await buildKnowledgeIndex(corpus, demo.encoder ? { encoder: demo.encoder } : {});
const buildSeconds = (performance.now() - buildStarted) / 1000;
const bigJson = JSON.stringify(big);
const indexServer = createServer((_req, res) => {
  res.writeHead(200, { 'Content-Type': 'application/json' });
  res.end(bigJson);
});
await new Promise<void>((resolve) => indexServer.listen(0, '127.0.0.1', resolve));
const indexUrl = `http://127.0.0.1:${(indexServer.address() as { port: number }).port}/index.json`;

const bigRelay = await startRelay({ ...UNLIMITED, KNOWLEDGE_INDEX_URL: indexUrl }, { frozen: true });
let search;
try {
  const health = (await (await fetch(`${bigRelay.url}/api/health`)).json()) as { knowledge: { documents?: number } };
  if (health.knowledge.documents !== corpus.length) throw new Error(`relay loaded ${health.knowledge.documents} documents`);
  for (let i = 0; i < 200; i++) await post(bigRelay.url, searchBody(i));
  const times: number[] = [];
  for (let i = 0; i < 1000; i++) times.push(await post(bigRelay.url, searchBody(i)));
  times.sort((a, b) => a - b);
  search = { requests: times.length, p50Ms: round(quantile(times, 0.5)), p95Ms: round(quantile(times, 0.95)), p99Ms: round(quantile(times, 0.99)) };
} finally {
  await bigRelay.stop();
  indexServer.close();
}

// The same searches in process: what the search itself costs, without HTTP and the dev server.
const searcher = KnowledgeSearcher.fromSnapshot(big, big.encoder ? { embedder: embedderFrom(big.encoder) } : {});
const inProcess: number[] = [];
for (let i = 0; i < 1200; i++) {
  const t0 = performance.now();
  searcher.search(JSON.parse(searchBody(i)));
  if (i >= 200) inProcess.push(performance.now() - t0);
}
inProcess.sort((a, b) => a - b);

// 2. Sustained load on the relay as the demo ships it (bundled demo index).
const relay = await startRelay(UNLIMITED, { frozen: true });
let load;
let capacity;
const searchRequest = (i: number) => ({
  path: '/api/search',
  method: 'POST',
  headers: { 'Content-Type': 'application/json' },
  body: searchBody(i),
});
try {
  for (let i = 0; i < 200; i++) await post(relay.url, searchBody(i));
  // Cores the relay's processes kept busy while `run` ran, and CPU per completed request.
  const relayCores = async <T extends { completed: number }>(run: () => Promise<T>) => {
    const cpu0 = relayCpuSeconds(relay.pid);
    const t0 = performance.now();
    const result = await run();
    const cpu1 = relayCpuSeconds(relay.pid);
    const seconds = (performance.now() - t0) / 1000;
    if (!cpu0 || !cpu1) return { ...result, relayCores: null, relayCpuMsPerRequest: null };
    const used = (k: keyof typeof cpu0) => cpu1[k] - cpu0[k];
    const perRequest = (k: keyof typeof cpu0) => round((used(k) * 1000) / result.completed, 3);
    return {
      ...result,
      relayCores: round(used('total') / seconds),
      relayCpuMsPerRequest: { total: perRequest('total'), workerd: perRequest('workerd'), devServerNode: perRequest('devServerNode') },
    };
  };
  load = await relayCores(() =>
    runLoad({ url: relay.url, ratePerSecond: 1000, seconds: loadSeconds, connections: 32, maxQueued: 1000, request: searchRequest }),
  );
  capacity = await relayCores(() => runCapacity({ url: relay.url, seconds: 10, concurrency: 32, request: searchRequest }));
} finally {
  await relay.stop();
}

// 3. The same Hono app called directly in this process (no dev server, no sockets): what one core of
// relay code sustains, to tell the relay's cost from the local dev server's. Requests carry Content-Length, as
// every HTTP client sends it for a JSON body (without it the body limit must stream and copy the body).
const app = createApp(readRelayConfig(UNLIMITED), {
  knowledge: new KnowledgeStore({ source: 'bench', load: async () => demo }),
});
const appRequest = (i: number) => {
  const body = searchBody(i);
  const headers = { 'Content-Type': 'application/json', 'Content-Length': String(Buffer.byteLength(body)) };
  return app.fetch(new Request('http://relay.local/api/search', { method: 'POST', headers, body }), { lobby: { env: {} } } as never);
};
for (let i = 0; i < 500; i++) await appRequest(i);
let appRequests = 0;
const appCpu = process.cpuUsage();
const appStarted = performance.now();
while (performance.now() - appStarted < 5000) {
  const res = await appRequest(appRequests++);
  if (res.status !== 200) throw new Error(`app answered ${res.status}`);
  await res.arrayBuffer();
}
const appRps = appRequests / ((performance.now() - appStarted) / 1000);
const appCpuMs = (({ user, system }) => (user + system) / 1000 / appRequests)(process.cpuUsage(appCpu));

const result = {
  corpus: {
    documents: corpus.length,
    articles: corpus.filter((d) => d.source === 'article').length,
    tickets: corpus.filter((d) => d.source === 'ticket').length,
    indexMB: round(bigJson.length / 1e6, 1),
    buildSeconds: round(buildSeconds, 1),
    hybrid: searcher.hybrid,
  },
  search_10k_http: search,
  search_10k_in_process: {
    p50Ms: round(quantile(inProcess, 0.5), 3),
    p95Ms: round(quantile(inProcess, 0.95), 3),
  },
  load_demo_index: { endpoint: 'POST /api/search', ...load },
  capacity_demo_index: capacity,
  app_in_process_demo_index: { rps: round(appRps, 0), msPerRequest: round(1000 / appRps, 3), cpuMsPerRequest: round(appCpuMs, 3) },
  loadAverage: os.loadavg().map((x) => round(x, 1)),
  targets: {
    search_p95_ms: 15,
    search_p95_met: search.p95Ms <= 15,
    load_1000rps_no_5xx_met: load.fiveXx === 0 && load.networkErrors === 0 && load.skipped === 0 && load.achievedRps >= 990,
  },
};
console.log(JSON.stringify(result));
