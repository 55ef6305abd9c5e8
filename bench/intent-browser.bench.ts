/**
 * The understanding worker in headless Chromium (playwright-core, Debian's
 * Chromium), each scenario in a fresh context (cold cache), served over HTTP
 * with gzip like a production CDN would:
 * - kernel: "panel open" → first Understanding (worker script + shipped model
 *   files), gzipped bytes downloaded for it, then p50/p95 of 300 round trips.
 * - onnx-wasm / onnx-webgpu: the same worker switching to transformers.js +
 *   ONNX Runtime Web in the background: time until it took over, bytes it
 *   pulled (runtime wasm included), and its round-trip p50/p95.
 */
import { build } from 'esbuild';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { chromium } from 'playwright-core';
import { freePort } from '../relay/test/relay-process.js';
import { chromiumArgs, chromiumPath } from '../scripts/chromium.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const out = mkdtempSync(join(tmpdir(), 'intent-browser-bench-'));

const PAGE = `
import { UnderstandingClient } from './understanding-client.js';
const texts = ['hi, where is my order?', 'wheres me parcel??', "I can't pay my bill", 'i want my money back', 'get me a human', 'Thanks!!!!', 'what is the weather', 'cancel order 12345 please, email jo@example.com'];
window.runScenario = async (onnx) => {
  const started = performance.now();
  await fetch('/__mark');
  let swapped;
  const backendReady = new Promise((resolve) => (swapped = resolve));
  const client = new UnderstandingClient({
    config: { modelUrl: '/models/support-intent/', ...(onnx ? { onnx } : {}) },
    worker: new Worker('/bundle/understanding.worker.js', { type: 'module' }),
    timeoutMs: 60000,
    onBackendChange: (backend, degraded) => swapped({ backend, degraded, at: performance.now() - started }),
  });
  const ready = await client.ready;
  const readyMs = performance.now() - started;
  const first = await client.understand(texts[0], []);
  const firstMs = performance.now() - started;
  const firstBytes = await (await fetch('/__bytes')).json();
  let upgrade = null;
  if (onnx) upgrade = await backendReady;
  const times = [];
  for (let i = 0; i < 300; i++) {
    const t0 = performance.now();
    await client.understand(texts[i % texts.length], []);
    times.push(performance.now() - t0);
  }
  const totalBytes = await (await fetch('/__bytes')).json();
  client.terminate();
  times.sort((a, b) => a - b);
  return { readyMs, modelLoadMs: ready.loadMs, firstMs, firstBackend: first.backend, firstBytes, upgrade, totalBytes, p50: times[149], p95: times[284] };
};
`;

async function bundle(): Promise<void> {
  const page = join(root, 'widget/src/inference/bench-page.ts');
  await build({
    stdin: { contents: PAGE, resolveDir: join(root, 'widget/src/inference'), sourcefile: 'bench-page.js', loader: 'js' },
    bundle: true,
    format: 'esm',
    minify: true,
    outfile: join(out, 'page.js'),
    platform: 'browser',
    conditions: ['browser', 'production'],
    logLevel: 'warning',
  });
  void page;
  await build({
    entryPoints: [join(root, 'widget/src/inference/understanding.worker.ts')],
    bundle: true,
    splitting: true,
    format: 'esm',
    minify: true,
    outdir: out,
    platform: 'browser',
    conditions: ['browser', 'production'],
    logLevel: 'warning',
  });
}

const TYPES: Record<string, string> = {
  '.js': 'text/javascript',
  '.mjs': 'text/javascript',
  '.json': 'application/json',
  '.onnx': 'application/octet-stream',
  '.wasm': 'application/wasm',
  '.html': 'text/html',
};
const gzCache = new Map<string, Buffer>();
let bytesSinceMark = 0;

function resolvePath(url: string): string | null {
  const path = decodeURIComponent(url.split('?')[0]!);
  const map: [string, string][] = [
    ['/bundle/', out],
    ['/models/', join(root, 'models')],
    ['/ort/', join(root, 'node_modules/onnxruntime-web/dist')],
  ];
  for (const [prefix, dir] of map) {
    if (path.startsWith(prefix)) {
      const file = normalize(join(dir, path.slice(prefix.length)));
      return file.startsWith(dir) ? file : null;
    }
  }
  return null;
}

function serve(req: IncomingMessage, res: ServerResponse): void {
  const url = req.url ?? '/';
  if (url === '/') {
    res.writeHead(200, { 'content-type': 'text/html' }).end('<!doctype html><script type="module" src="/bundle/page.js"></script>');
    return;
  }
  if (url === '/__mark') {
    bytesSinceMark = 0;
    res.writeHead(204).end();
    return;
  }
  if (url === '/__bytes') {
    res.writeHead(200, { 'content-type': 'application/json' }).end(String(bytesSinceMark));
    return;
  }
  const file = resolvePath(url);
  if (!file || !statSync(file, { throwIfNoEntry: false })?.isFile()) {
    res.writeHead(404).end();
    return;
  }
  let body = gzCache.get(file);
  if (!body) {
    body = gzipSync(readFileSync(file), { level: 6 });
    gzCache.set(file, body);
  }
  bytesSinceMark += body.length;
  res
    .writeHead(200, {
      'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
      'content-encoding': 'gzip',
      'cache-control': 'no-store',
    })
    .end(body);
}

await bundle();
const port = await freePort();
const server = createServer(serve);
await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
const browser = await chromium.launch({ executablePath: chromiumPath(), args: chromiumArgs, headless: true });
// Warm the server's gzip cache so compression time is not charged to the browser.
for (const f of ['models/support-intent/onnx/model.onnx', 'models/support-intent/tokenizer.json', 'node_modules/onnxruntime-web/dist/ort-wasm-simd-threaded.asyncify.wasm']) {
  gzCache.set(join(root, f), gzipSync(readFileSync(join(root, f)), { level: 6 }));
}

type Scenario = {
  readyMs: number;
  modelLoadMs: number;
  firstMs: number;
  firstBackend: string;
  firstBytes: number;
  upgrade: { backend: string; degraded?: string; at: number } | null;
  totalBytes: number;
  p50: number;
  p95: number;
};

async function scenario(onnx: object | null): Promise<Scenario> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(`http://localhost:${port}/`);
  await page.waitForFunction(() => 'runScenario' in window);
  const result = (await page.evaluate((o) => (window as unknown as { runScenario(o: unknown): Promise<unknown> }).runScenario(o), onnx)) as Scenario;
  await context.close();
  console.log(JSON.stringify({ onnx: onnx ? (onnx as { device: string }).device : null, ...result }));
  return result;
}

const round = (v: number, d = 2) => Math.round(v * 10 ** d) / 10 ** d;
try {
  const kernelRuns = [await scenario(null), await scenario(null), await scenario(null)];
  const kernel = kernelRuns.sort((a, b) => a.firstMs - b.firstMs)[1]!;
  const onnxBase = { modelRoot: '/models/', modelId: 'support-intent', wasmBaseUrl: '/ort/' };
  const wasm = await scenario({ ...onnxBase, device: 'wasm' });
  const webgpu = await scenario({ ...onnxBase, device: 'webgpu' });
  console.log(
    JSON.stringify({
      kernel_first_understanding_ms: round(kernel.firstMs, 1),
      kernel_worker_ready_ms: round(kernel.readyMs, 1),
      kernel_model_fetch_parse_ms: round(kernel.modelLoadMs, 1),
      kernel_first_understanding_gzip_kb: round(kernel.firstBytes / 1024, 1),
      kernel_first_backend: kernel.firstBackend,
      kernel_worker_p50_ms: round(kernel.p50, 3),
      kernel_worker_p95_ms: round(kernel.p95, 3),
      onnx_wasm_ready_ms: wasm.upgrade ? round(wasm.upgrade.at, 0) : null,
      onnx_wasm_backend: wasm.upgrade?.backend,
      onnx_wasm_degraded: wasm.upgrade?.degraded,
      onnx_wasm_total_gzip_kb: round(wasm.totalBytes / 1024, 0),
      onnx_wasm_worker_p50_ms: round(wasm.p50, 3),
      onnx_wasm_worker_p95_ms: round(wasm.p95, 3),
      onnx_webgpu_ready_ms: webgpu.upgrade ? round(webgpu.upgrade.at, 0) : null,
      onnx_webgpu_backend: webgpu.upgrade?.backend,
      onnx_webgpu_degraded: webgpu.upgrade?.degraded,
      onnx_webgpu_worker_p50_ms: round(webgpu.p50, 3),
      onnx_webgpu_worker_p95_ms: round(webgpu.p95, 3),
      first_understanding_while_onnx_loads_ms: round(wasm.firstMs, 1),
      note: 'median of 3 cold kernel starts; each scenario a fresh browser context; gzip sizes as served',
    }),
  );
} finally {
  await browser.close();
  server.close();
  rmSync(out, { recursive: true, force: true });
}
