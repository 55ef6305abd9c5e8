/// <reference lib="webworker" />
/**
 * The inference worker: every visitor message becomes one Understanding off
 * the main thread. The kernel answers first (its files are small and need no
 * ONNX Runtime); a configured transformers.js model loads in the background
 * and takes over when ready. Any load failure leaves a working pipeline with
 * `degraded` set.
 *
 * Cold start: this script holds only the kernel and the light rules; the
 * phone and date libraries are a chunk of their own, loaded once the worker
 * is idle (nothing asked for 1.5 s since it got ready or last answered) and
 * then warmed up, so they never delay, or download beside, a first message
 * that does not need them. A message that does need them before then waits
 * for the chunk.
 *
 * The kernel also embeds the widget's search queries (`embed`), so the page
 * never loads the model a second time to rank its cached knowledge by meaning.
 */
import { modelFingerprint } from '../../../relay/src/knowledge/query-encoder.js';
import { reportWorkerLoads } from '../offline/worker-loads.js';
import type { IntentModel } from './intent-model.js';
import { KernelIntentModel } from './kernel-model.js';
import { fetchModelFiles, ModelLoadError, parseModelBytes, type ModelBytes } from './model-files.js';
import { UnderstandingPipeline } from './understanding-pipeline.js';
import type { FromUnderstandingWorker, ToUnderstandingWorker, UnderstandingWorkerConfig } from './worker-protocol.js';

declare const self: DedicatedWorkerGlobalScope;

/**
 * How long the worker must go unasked (since it got ready or last answered)
 * before it loads the phone and date libraries: long enough that a worker
 * started early (the visitor's pointer on the launcher) is not busy with them
 * when the first message arrives, and that they download after its answer.
 */
const FINDERS_WHEN_IDLE_MS = 1500;

let pipeline: Promise<UnderstandingPipeline> | null = null;
let findersRequested = false;
let findersTimer: ReturnType<typeof setTimeout> | undefined;
/** The kernel and its fingerprint (computed on the first `embed`), for query vectors. */
let embedder: { model: KernelIntentModel; onnx: Uint8Array; name: string; id?: Promise<string> } | null = null;
let deliverBytes: ((bytes: ModelBytes | Error) => void) | null = null;

const post = (message: FromUnderstandingWorker) => self.postMessage(message);

// Files this worker fetches are invisible to the page; the offline cache learns of them this way.
reportWorkerLoads();

/** The main thread's prefetched files, when it said it would send them. */
function prefetchedBytes(): Promise<ModelBytes> {
  return new Promise((resolve, reject) => {
    deliverBytes = (bytes) => (bytes instanceof Error ? reject(bytes) : resolve(bytes));
  });
}

/**
 * Browsers load their locale data (ICU) once per process, on its first use: the page
 * would pay it on its own thread as it shows the first message's time. While the model's bytes are still
 * on their way, this worker has nothing else to do, so it makes the first date formatter instead.
 */
function loadLocaleDataWhileWaiting(locale: string | undefined): void {
  if (!locale) return;
  setTimeout(() => {
    if (deliverBytes === null) return;
    try {
      new Intl.DateTimeFormat(locale, { hour: 'numeric', minute: '2-digit' }).format(0);
    } catch {
      // An unknown locale: the page will find out itself.
    }
  }, 0);
}

async function loadKernel(
  config: UnderstandingWorkerConfig,
  prefetched: Promise<ModelBytes> | null,
): Promise<{ model: IntentModel | null; degraded?: string }> {
  if (!config.modelUrl) return { model: null, degraded: 'no model configured: rules only' };
  try {
    const files = prefetched ? parseModelBytes(await prefetched) : await fetchModelFiles(config.modelUrl);
    const model = KernelIntentModel.fromFiles(files, config.profile);
    embedder = { model, onnx: files.onnx, name: new URL(config.modelUrl, self.location.href).pathname.split('/').filter(Boolean).at(-1) ?? 'model' };
    return { model };
  } catch (err) {
    return { model: null, degraded: `intent model failed to load: ${(err as Error).message}` };
  }
}

async function upgradeToOnnx(config: UnderstandingWorkerConfig, ready: UnderstandingPipeline): Promise<void> {
  const onnx = config.onnx;
  if (!onnx) return;
  try {
    const { TransformersIntentModel, webGpuAvailable } = await import('./transformers-model.js');
    const device = onnx.device === 'auto' ? ((await webGpuAvailable()) ? 'webgpu' : 'wasm') : onnx.device;
    const model = await TransformersIntentModel.load({ ...onnx, device, profile: config.profile });
    await model.classify('hello');
    ready.setModel(model);
    post({ type: 'backend', backend: model.backend });
  } catch (err) {
    const degraded = `ONNX model failed to load: ${(err as Error).message}`;
    post({ type: 'backend', backend: ready.backend, degraded });
  }
}

async function configure(config: UnderstandingWorkerConfig, prefetched: Promise<ModelBytes> | null): Promise<UnderstandingPipeline> {
  const started = performance.now();
  const { model, degraded } = await loadKernel(config, prefetched);
  const ready = new UnderstandingPipeline(model, { locale: config.locale, synonyms: config.synonyms, loadFinders: 'on-demand' }, degraded);
  post({ type: 'ready', backend: ready.backend, ...(ready.degradedReason ? { degraded: ready.degradedReason } : {}), loadMs: performance.now() - started });
  loadFindersWhenIdle(ready);
  void upgradeToOnnx(config, ready);
  return ready;
}

/**
 * Once the worker has gone FINDERS_WHEN_IDLE_MS unasked, loads the phone and date libraries, then compiles the
 * rules' patterns so the next message does not pay for it. Each answer starts the wait again.
 */
function loadFindersWhenIdle(ready: UnderstandingPipeline): void {
  if (findersRequested) return;
  clearTimeout(findersTimer);
  findersTimer = setTimeout(() => {
    findersRequested = true;
    void ready.loadFinders().then(() => setTimeout(() => ready.warmUp(), 0));
  }, FINDERS_WHEN_IDLE_MS);
}

async function embed(text: string): Promise<{ model: string; vector: Float32Array }> {
  await pipeline;
  if (!embedder) throw new Error('no kernel model to embed with');
  embedder.id ??= modelFingerprint(embedder.name, embedder.onnx);
  return { model: await embedder.id, vector: embedder.model.embed(text) };
}

self.onmessage = async (event: MessageEvent<ToUnderstandingWorker>) => {
  const message = event.data;
  if (message?.type === 'configure') {
    pipeline = configure(message.config, message.prefetched ? prefetchedBytes() : null);
    if (message.prefetched) loadLocaleDataWhileWaiting(message.config.locale);
    return;
  }
  if (message?.type === 'model-bytes') {
    deliverBytes?.('bytes' in message ? message.bytes : new ModelLoadError(message.error));
    deliverBytes = null;
    return;
  }
  if (message?.type === 'embed') {
    embed(message.text).then(
      (embedded) => post({ type: 'embedded', id: message.id, ...embedded }),
      (err: Error) => post({ type: 'failed', id: message.id, message: err.message }),
    );
    return;
  }
  if (message?.type !== 'understand') return;
  try {
    const p = await (pipeline ?? (pipeline = configure({ modelUrl: null }, null)));
    post({ type: 'understood', id: message.id, understanding: await p.understand(message.text, message.previous ?? []) });
    loadFindersWhenIdle(p);
  } catch (err) {
    post({ type: 'failed', id: message.id, message: (err as Error).message });
  }
};
