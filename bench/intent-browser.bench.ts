/**
 * The understanding worker in headless Chromium (playwright-core, Debian's
 * Chromium), each scenario in a fresh context (cold cache), served over HTTP
 * with gzip like a production CDN would. The worker and its chunks are the
 * production build (`vite build`), exactly what a visitor downloads.
 * - kernel: "panel open" (the client is made, which starts the worker and the
 *   model download) → first Understanding, gzipped bytes downloaded for it,
 *   then p50/p95 of 300 round trips. Twice: a first message with no digits or
 *   dates, and one with a phone number and a date, which waits for the phone
 *   and date libraries' chunk (checked complete: both entities, nothing degraded).
 *   Three more traced runs give the CPU time the worker and the page spent
 *   until the first Understanding, which the machine's load does not inflate.
 * - widget: the whole built widget on a page, no prefetch: launcher click →
 *   message box on screen → a message sent at once → its Understanding stored
 *   (panel chunk, responder chunk, IndexedDB, worker, model, all of it).
 *   Again with `prefetch="hover"` and the pointer on the launcher REACH_MS
 *   before the click, which starts the panel's code and the worker; the clock
 *   still starts at the click, and the bytes count from the pointer. Bytes are
 *   those of requests that reached the server before the first Understanding
 *   was stored, listed file by file (a file fetched twice shows `×2`); every
 *   run is traced for the CPU time the page's thread and the worker spent
 *   until then. The same without the reach over an emulated connection
 *   (NETWORK: round trip and bandwidth), where bytes and chained chunks cost
 *   time as they do for a visitor. `INTENT_BROWSER_SCENARIOS=widget` (or
 *   `network`, `kernel`, `onnx`, comma separated) runs only those scenarios.
 * - onnx-wasm / onnx-webgpu: the same worker switching to transformers.js +
 *   ONNX Runtime Web in the background: time until it took over, bytes it
 *   pulled (runtime wasm included), and its round-trip p50/p95.
 */
import { build } from 'esbuild';
import { createServer, type IncomingMessage, type ServerResponse } from 'node:http';
import { mkdtempSync, readdirSync, readFileSync, rmSync, statSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import { gzipSync } from 'node:zlib';
import { chromium } from 'playwright-core';
import { freePort } from '../relay/test/relay-process.js';
import { chromiumArgs, chromiumPath } from '../scripts/chromium.js';
import { buildWidget } from '../scripts/widget-build.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const out = mkdtempSync(join(tmpdir(), 'intent-browser-bench-'));

const PAGE = `
import { UnderstandingClient } from './understanding-client.js';
const texts = ['hi, where is my order?', 'wheres me parcel??', "I can't pay my bill", 'i want my money back', 'get me a human', 'Thanks!!!!', 'what is the weather', 'cancel order 12345 please, email jo@example.com'];
window.runScenario = async (onnx, workerUrl, firstText) => {
  const started = performance.now();
  await fetch('/__mark');
  let swapped;
  const backendReady = new Promise((resolve) => (swapped = resolve));
  const client = new UnderstandingClient({
    config: { modelUrl: '/models/support-intent/', ...(onnx ? { onnx } : {}) },
    worker: new Worker(workerUrl, { type: 'module' }),
    timeoutMs: 60000,
    onBackendChange: (backend, degraded) => swapped({ backend, degraded, at: performance.now() - started }),
  });
  const ready = await client.ready;
  const readyMs = performance.now() - started;
  const first = await client.understand(firstText ?? texts[0], []);
  const firstMs = performance.now() - started;
  performance.mark('first-understood');
  const firstEntities = first.entities.map((e) => e.kind);
  const firstAt = performance.timeOrigin + performance.now();
  let upgrade = null;
  if (onnx) upgrade = await backendReady;
  const times = [];
  for (let i = 0; i < 300; i++) {
    const t0 = performance.now();
    await client.understand(texts[i % texts.length], []);
    times.push(performance.now() - t0);
  }
  client.terminate();
  times.sort((a, b) => a - b);
  return { readyMs, modelLoadMs: ready.loadMs, firstMs, firstBackend: first.backend, firstEntities, firstRedacted: first.redacted, firstDegraded: first.degraded ?? null, firstAt, upgrade, p50: times[149], p95: times[284] };
};
`;

/**
 * The whole widget from the production build, as a site embeds it, with no
 * prefetch: the launcher is clicked, a message is sent the moment the message
 * box exists, and the clock stops when that message's Understanding is stored.
 */
const WIDGET_PAGE = `<!doctype html><html lang="en"><body>
<script type="module" src="/bundle/support-widget.js"></script>
<support-widget site="bench" locale="en-GB" prefetch="none"></support-widget>
<script type="module">
window.openAndAsk = async (text, reachMs) => {
  await customElements.whenDefined('support-widget');
  const widget = document.querySelector('support-widget');
  await widget.updateComplete;
  await fetch('/__mark');
  if (reachMs) {
    widget.prefetch = 'hover';
    await widget.updateComplete;
    widget.shadowRoot.querySelector('[part=launcher]').dispatchEvent(new PointerEvent('pointerenter'));
    await new Promise((r) => setTimeout(r, reachMs));
  }
  const started = performance.now();
  const understood = new Promise((resolve) => widget.addEventListener('support-widget:message', (e) => {
    const m = e.detail.message;
    if (m.role === 'visitor' && m.understanding) {
      performance.mark('first-understood');
      resolve({ ms: performance.now() - started, understanding: m.understanding });
    }
  }));
  widget.shadowRoot.querySelector('[part=launcher]').click();
  let box;
  while (!(box = widget.shadowRoot.querySelector('[part=input]'))) await new Promise((r) => setTimeout(r, 1));
  const panelMs = performance.now() - started;
  box.value = text;
  widget.shadowRoot.querySelector('[part=send]').click();
  const { ms, understanding } = await understood;
  return { panelMs, ms, understoodAt: performance.timeOrigin + started + ms, backend: understanding.backend, entities: understanding.entities.map((e) => e.kind), degraded: understanding.degraded ?? null };
};
</script></body></html>`;

/** The page (the client, as the built-in responder uses it) and the production build's worker; returns the worker's URL. */
async function bundle(): Promise<string> {
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
  await buildWidget('vite.config.ts', out);
  const worker = readdirSync(join(out, 'assets')).find((f) => /^understanding\.worker-.*\.js$/.test(f));
  if (!worker) throw new Error('the production build has no understanding worker');
  workerScriptGzip = gzipSync(readFileSync(join(out, 'assets', worker)), { level: 6 }).length;
  return `/bundle/assets/${worker}`;
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
let workerScriptGzip = 0;
/** Every file served since the page's last `/__mark`: path, gzipped bytes, and when the request arrived (epoch ms). */
let servedSinceMark: { path: string; bytes: number; at: number }[] = [];

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
  if (url === '/widget') {
    res.writeHead(200, { 'content-type': 'text/html' }).end(WIDGET_PAGE);
    return;
  }
  if (url === '/') {
    res.writeHead(200, { 'content-type': 'text/html' }).end('<!doctype html><script type="module" src="/bundle/page.js"></script>');
    return;
  }
  if (url === '/__mark') {
    servedSinceMark = [];
    res.writeHead(204).end();
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
  servedSinceMark.push({ path: url.split('?')[0]!, bytes: body.length, at: Date.now() });
  res
    .writeHead(200, {
      'content-type': TYPES[extname(file)] ?? 'application/octet-stream',
      'content-encoding': 'gzip',
      'cache-control': 'no-store',
    })
    .end(body);
}

const workerUrl = await bundle();
const port = await freePort();
const server = createServer(serve);
await new Promise<void>((resolve) => server.listen(port, '127.0.0.1', resolve));
const browser = await chromium.launch({ executablePath: chromiumPath(), args: chromiumArgs, headless: true });
// Warm the server's gzip cache so compression time is not charged to the browser.
const builtScripts = ['assets', 'chunks'].flatMap((d) => readdirSync(join(out, d)).filter((f) => f.endsWith('.js')).map((f) => join(out, d, f)));
for (const file of [...['models/support-intent/onnx/model.onnx', 'models/support-intent/tokenizer.json', 'node_modules/onnxruntime-web/dist/ort-wasm-simd-threaded.asyncify.wasm'].map((f) => join(root, f)), ...builtScripts]) {
  gzCache.set(file, gzipSync(readFileSync(file), { level: 6 }));
}

type Scenario = {
  readyMs: number;
  modelLoadMs: number;
  firstMs: number;
  /** Epoch ms (the page's clock) when the first Understanding arrived. */
  firstAt: number;
  firstBackend: string;
  firstEntities: string[];
  firstRedacted: string;
  firstDegraded: string | null;
  firstBytes: number;
  upgrade: { backend: string; degraded?: string; at: number } | null;
  totalBytes: number;
  p50: number;
  p95: number;
};
type Served = { path: string; bytes: number; at: number };

const WIDGET_RUNS = 7;
/** Pointer on the launcher this long before the click (`prefetch="hover"`): a scenario parameter, not a measured human figure. */
const REACH_MS = 150;
const PHONE_AND_DATE = 'call me on 07700 900123 about my order from 3rd March';

type WidgetRun = {
  panelMs: number;
  ms: number;
  understoodAt: number;
  /** Files requested before the first Understanding (from the mark: the click, or the pointer with a reach). */
  before: Served[];
  bytes: number;
  backend: string;
  entities: string[];
  degraded: string | null;
  workerCpuMs?: number;
  mainCpuMs?: number;
};

/** What the server sent for requests that arrived before `at`: only those count for the first Understanding. */
const requestedBefore = (at: number) => servedSinceMark.filter((f) => f.at <= at);
const sum = (files: Served[]) => files.reduce((n, f) => n + f.bytes, 0);

/** A visitor's connection rather than loopback: round trip and bandwidth, as Chromium's network emulation applies them. */
const NETWORK = { latencyMs: 50, mbps: 20 };

async function widgetScenario(reachMs = 0, trace = false, network = false): Promise<WidgetRun> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(`http://localhost:${port}/widget`);
  await page.waitForFunction(() => 'openAndAsk' in window);
  if (network) {
    const cdp = await context.newCDPSession(page);
    await cdp.send('Network.enable');
    const bytesPerSecond = (NETWORK.mbps * 1e6) / 8;
    await cdp.send('Network.emulateNetworkConditions', { offline: false, latency: NETWORK.latencyMs, downloadThroughput: bytesPerSecond, uploadThroughput: bytesPerSecond });
  }
  if (trace) await browser.startTracing(page, { categories: ['toplevel', 'blink.user_timing'] });
  const result = (await page.evaluate(
    ([t, reach]) => (window as unknown as { openAndAsk(t: string, reach: number): Promise<unknown> }).openAndAsk(t, reach),
    ['hi, where is my order?', reachMs] as const,
  )) as WidgetRun;
  if (trace) Object.assign(result, cpuUntilFirstUnderstanding(JSON.parse((await browser.stopTracing()).toString()).traceEvents));
  result.before = requestedBefore(result.understoodAt);
  result.bytes = sum(result.before);
  await context.close();
  console.log(JSON.stringify({ widget: true, reachMs, network, ...result, before: result.before.map((f) => `${f.path} ${round(f.bytes / 1024, 1)} +${Math.round(f.at - result.understoodAt + result.ms)}`) }));
  return result;
}

async function scenario(onnx: object | null, firstText?: string, trace = false): Promise<Scenario & { workerCpuMs?: number; mainCpuMs?: number }> {
  const context = await browser.newContext();
  const page = await context.newPage();
  await page.goto(`http://localhost:${port}/`);
  await page.waitForFunction(() => 'runScenario' in window);
  if (trace) await browser.startTracing(page, { categories: ['toplevel', 'blink.user_timing'] });
  const result: Scenario & { workerCpuMs?: number; mainCpuMs?: number } = (await page.evaluate(
    ([o, url, text]) => (window as unknown as { runScenario(...a: unknown[]): Promise<unknown> }).runScenario(o, url, text),
    [onnx, workerUrl, firstText] as const,
  )) as Scenario;
  if (trace) Object.assign(result, cpuUntilFirstUnderstanding(JSON.parse((await browser.stopTracing()).toString()).traceEvents));
  result.firstBytes = sum(requestedBefore(result.firstAt));
  result.totalBytes = sum(servedSinceMark);
  await context.close();
  console.log(JSON.stringify({ onnx: onnx ? (onnx as { device: string }).device : null, firstText: firstText ?? null, ...result }));
  return result;
}

interface TraceEvent {
  name: string;
  ph: string;
  pid: number;
  tid: number;
  ts: number;
  tdur?: number;
  args?: { name?: string };
}

/**
 * CPU time (thread time, not wall time) the worker and the page's main thread
 * spent in tasks until the first Understanding: what the cold start costs
 * whatever else the machine is doing, beside the wall-clock numbers.
 */
function cpuUntilFirstUnderstanding(events: TraceEvent[]): { workerCpuMs: number; mainCpuMs: number } {
  const threads = new Map(events.filter((e) => e.name === 'thread_name').map((e) => [`${e.pid}:${e.tid}`, e.args?.name ?? '']));
  const until = events.find((e) => e.name === 'first-understood')?.ts ?? Infinity;
  const cpu = (thread: RegExp) =>
    events
      .filter((e) => e.name === 'ThreadControllerImpl::RunTask' && e.ph === 'X' && e.ts <= until && thread.test(threads.get(`${e.pid}:${e.tid}`) ?? ''))
      .reduce((sum, e) => sum + (e.tdur ?? 0) / 1000, 0);
  return { workerCpuMs: cpu(/DedicatedWorker/), mainCpuMs: cpu(/CrRendererMain/) };
}

const round = (v: number, d = 2) => Math.round(v * 10 ** d) / 10 ** d;
/** The middle item when sorted by `key` (the upper one of an even count). */
const medianBy = <T>(items: T[], key: (item: T) => number) => [...items].sort((a, b) => key(a) - key(b))[Math.floor(items.length / 2)]!;
const medianOf = (values: number[]) => medianBy(values, (v) => v);
const range = (values: number[]) => [round(Math.min(...values), 1), round(Math.max(...values), 1)];
/** The files one run requested before its first Understanding, largest first, as `path: KB` (`path ×2` when fetched twice). */
function fileList(files: Served[]): Record<string, number> {
  const byPath = new Map<string, { n: number; bytes: number }>();
  for (const f of files) {
    const path = f.path.replace(/-[\w-]{8}\.js$/, '.js');
    const seen = byPath.get(path) ?? { n: 0, bytes: 0 };
    byPath.set(path, { n: seen.n + 1, bytes: seen.bytes + f.bytes });
  }
  return Object.fromEntries(
    [...byPath].sort((a, b) => b[1].bytes - a[1].bytes).map(([path, { n, bytes }]) => [n > 1 ? `${path} ×${n}` : path, round(bytes / 1024, 1)]),
  );
}
// `INTENT_BROWSER_SCENARIOS=widget` runs only the whole-widget scenarios (quicker while working on the cold start).
const only = process.env.INTENT_BROWSER_SCENARIOS?.split(',');
const runs = (name: string) => !only || only.includes(name);
try {
  const loadAtStart = loadavg()[0]!;
  const summary: Record<string, unknown> = {};
  const widgetSummary = async (prefix: string, reachMs: number, network = false) => {
    // Every run traced ('toplevel' tasks only, a small overhead): the CPU time is what varies least on a busy machine.
    const all: WidgetRun[] = [];
    for (let i = 0; i < WIDGET_RUNS; i++) all.push(await widgetScenario(reachMs, true, network));
    const mid = [...all].sort((a, b) => a.ms - b.ms)[Math.floor(WIDGET_RUNS / 2)]!;
    Object.assign(summary, {
      [`${prefix}click_to_first_understanding_ms`]: round(mid.ms, 1),
      [`${prefix}click_to_first_understanding_range_ms`]: range(all.map((r) => r.ms)),
      [`${prefix}click_to_message_box_ms`]: round(medianOf(all.map((r) => r.panelMs)), 1),
      [`${prefix}click_to_message_box_range_ms`]: range(all.map((r) => r.panelMs)),
      // The clock: from the panel being open (its message box shown, the message sent at once) to the Understanding.
      [`${prefix}message_box_to_first_understanding_ms`]: round(medianOf(all.map((r) => r.ms - r.panelMs)), 1),
      [`${prefix}message_box_to_first_understanding_range_ms`]: range(all.map((r) => r.ms - r.panelMs)),
      [`${prefix}main_thread_cpu_to_first_understanding_ms`]: round(medianOf(all.map((r) => r.mainCpuMs!)), 1),
      [`${prefix}main_thread_cpu_to_first_understanding_range_ms`]: range(all.map((r) => r.mainCpuMs!)),
      [`${prefix}worker_cpu_to_first_understanding_ms`]: round(medianOf(all.map((r) => r.workerCpuMs!)), 1),
      [`${prefix}worker_cpu_to_first_understanding_range_ms`]: range(all.map((r) => r.workerCpuMs!)),
      [`${prefix}first_understanding_gzip_kb`]: round(medianOf(all.map((r) => r.bytes)) / 1024, 1),
      [`${prefix}first_understanding_gzip_kb_range`]: range(all.map((r) => r.bytes / 1024)),
      [`${prefix}first_understanding_files_gzip_kb`]: fileList(mid.before),
      [`${prefix}first_backend`]: mid.backend,
    });
  };
  if (runs('widget')) {
    await widgetSummary('widget_', 0);
    summary.widget_reach_ms = REACH_MS;
    await widgetSummary('widget_reach_', REACH_MS);
  }
  if (runs('network')) {
    summary.widget_network = NETWORK;
    await widgetSummary('widget_network_', 0, true);
  }
  if (runs('kernel')) {
    const kernelRuns: Scenario[] = [];
    const phoneDateRuns: Scenario[] = [];
    for (let i = 0; i < 5; i++) {
      kernelRuns.push(await scenario(null));
      phoneDateRuns.push(await scenario(null, PHONE_AND_DATE));
    }
    const traced = [await scenario(null, undefined, true), await scenario(null, undefined, true), await scenario(null, undefined, true)];
    const kernel = medianBy(kernelRuns, (r) => r.firstMs);
    const phoneDate = medianBy(phoneDateRuns, (r) => r.firstMs);
    const complete = (r: Scenario) =>
      r.firstEntities.includes('phone') && r.firstEntities.includes('date') && r.firstRedacted.includes('[PHONE]') && r.firstDegraded === null;
    Object.assign(summary, {
      kernel_first_understanding_ms: round(kernel.firstMs, 1),
      kernel_first_understanding_range_ms: range(kernelRuns.map((r) => r.firstMs)),
      kernel_worker_ready_ms: round(kernel.readyMs, 1),
      kernel_worker_cpu_to_first_understanding_ms: round(medianOf(traced.map((r) => r.workerCpuMs!)), 1),
      kernel_main_thread_cpu_to_first_understanding_ms: round(medianOf(traced.map((r) => r.mainCpuMs!)), 1),
      kernel_model_fetch_parse_ms: round(kernel.modelLoadMs, 1),
      kernel_first_understanding_gzip_kb: round(kernel.firstBytes / 1024, 1),
      kernel_first_backend: kernel.firstBackend,
      kernel_worker_script_gzip_kb: round(workerScriptGzip / 1024, 1),
      kernel_first_with_phone_and_date_ms: round(phoneDate.firstMs, 1),
      kernel_first_with_phone_and_date_range_ms: range(phoneDateRuns.map((r) => r.firstMs)),
      kernel_first_with_phone_and_date_gzip_kb: round(phoneDate.firstBytes / 1024, 1),
      kernel_first_with_phone_and_date_complete: phoneDateRuns.every(complete),
      kernel_worker_p50_ms: round(kernel.p50, 3),
      kernel_worker_p95_ms: round(kernel.p95, 3),
    });
  }
  if (runs('onnx')) {
    const onnxBase = { modelRoot: '/models/', modelId: 'support-intent', wasmBaseUrl: '/ort/' };
    const wasm = await scenario({ ...onnxBase, device: 'wasm' });
    const webgpu = await scenario({ ...onnxBase, device: 'webgpu' });
    Object.assign(summary, {
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
    });
  }
  console.log(
    JSON.stringify({
      ...summary,
      load_average_1m: round(loadAtStart, 2),
      note:
        'medians (ranges: min-max) of 7 cold widget runs and 5 kernel runs per scenario, each in a fresh browser context; CPU = thread time in tasks until the first Understanding (widget: every run; kernel: 3 traced runs); ' +
        'bytes = gzip as served, for requests that reached the server before the first Understanding; worker from the production build',
    }),
  );
} finally {
  await browser.close();
  server.close();
  rmSync(out, { recursive: true, force: true });
}
