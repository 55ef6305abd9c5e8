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
 * is idle (after its first answer, or 1.5 s after it is ready) and then warmed
 * up, so they never delay a first message that does not need them. A message
 * that does need them before then waits for the chunk.
 */
import type { IntentModel } from './intent-model.js';
import { KernelIntentModel } from './kernel-model.js';
import { fetchModelFiles, ModelLoadError, parseModelBytes, type ModelBytes } from './model-files.js';
import { UnderstandingPipeline } from './understanding-pipeline.js';
import type { FromUnderstandingWorker, ToUnderstandingWorker, UnderstandingWorkerConfig } from './worker-protocol.js';

declare const self: DedicatedWorkerGlobalScope;

/**
 * How long after it is ready the worker waits for a first message before it
 * loads the phone and date libraries anyway: long enough that a worker started
 * early (the visitor's pointer on the launcher) is not busy with them when the
 * first message arrives.
 */
const FINDERS_WHEN_IDLE_MS = 1500;

let pipeline: Promise<UnderstandingPipeline> | null = null;
let findersRequested = false;
let deliverBytes: ((bytes: ModelBytes | Error) => void) | null = null;

const post = (message: FromUnderstandingWorker) => self.postMessage(message);

/** The main thread's prefetched files, when it said it would send them. */
function prefetchedBytes(): Promise<ModelBytes> {
  return new Promise((resolve, reject) => {
    deliverBytes = (bytes) => (bytes instanceof Error ? reject(bytes) : resolve(bytes));
  });
}

async function loadKernel(
  config: UnderstandingWorkerConfig,
  prefetched: Promise<ModelBytes> | null,
): Promise<{ model: IntentModel | null; degraded?: string }> {
  if (!config.modelUrl) return { model: null, degraded: 'no model configured: rules only' };
  try {
    const files = prefetched ? parseModelBytes(await prefetched) : await fetchModelFiles(config.modelUrl);
    return { model: KernelIntentModel.fromFiles(files, config.profile) };
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
  setTimeout(() => loadFindersWhenIdle(ready), FINDERS_WHEN_IDLE_MS);
  void upgradeToOnnx(config, ready);
  return ready;
}

/** Loads the phone and date libraries once, then compiles the rules' patterns so the next message does not pay for it. */
function loadFindersWhenIdle(ready: UnderstandingPipeline): void {
  if (findersRequested) return;
  findersRequested = true;
  void ready.loadFinders().then(() => setTimeout(() => ready.warmUp(), 0));
}

self.onmessage = async (event: MessageEvent<ToUnderstandingWorker>) => {
  const message = event.data;
  if (message?.type === 'configure') {
    pipeline = configure(message.config, message.prefetched ? prefetchedBytes() : null);
    return;
  }
  if (message?.type === 'model-bytes') {
    deliverBytes?.('bytes' in message ? message.bytes : new ModelLoadError(message.error));
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
