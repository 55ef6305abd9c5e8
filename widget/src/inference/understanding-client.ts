import type { Understanding, UnderstandingBackend } from '../../../protocol/understanding.js';
import { fetchModelBytes } from './model-files.js';
import type { FromUnderstandingWorker, ToUnderstandingWorker, UnderstandingWorkerConfig } from './worker-protocol.js';

export class UnderstandingTimeoutError extends Error {
  override name = 'UnderstandingTimeoutError';
}

export interface UnderstandingClientOptions {
  config: UnderstandingWorkerConfig;
  /** How long one message may take before `understand` rejects (default 5 s; the first waits for the model too). */
  timeoutMs?: number;
  /**
   * Fetch the kernel's model files on this thread while the worker script
   * boots, then hand them over without copying (default true): the first
   * Understanding does not wait for the worker to start before the download does.
   */
  prefetch?: boolean;
  /** A worker to talk to; by default the bundled `understanding.worker.ts` as a module worker. */
  worker?: Worker;
  /** Called whenever the answering backend changes (kernel → ONNX) or a background load fails. */
  onBackendChange?: (backend: UnderstandingBackend, degraded?: string) => void;
}

export interface WorkerReady {
  backend: UnderstandingBackend;
  degraded?: string;
  /** Time the worker took to fetch and parse the first model. */
  loadMs: number;
}

/**
 * The main thread's handle on the inference worker: `understand(text, previous)`
 * resolves with the message's {@link Understanding}. Requests carry ids, so
 * answers can arrive in any order; each one times out on its own.
 *
 * @example
 * const client = new UnderstandingClient({ config: { modelUrl: '/models/support-intent/', locale: 'en-GB' } });
 * const u = await client.understand('wheres me parcel??', previousUnderstandings);
 * client.terminate();
 */
export class UnderstandingClient {
  /** Resolves when the worker can answer (kernel loaded, or rules only if it could not be). */
  readonly ready: Promise<WorkerReady>;
  backend: UnderstandingBackend = 'rules';
  degraded: string | undefined;
  private readonly worker: Worker;
  private readonly timeoutMs: number;
  private nextId = 1;
  private readonly pending = new Map<number, { resolve: (answer: FromUnderstandingWorker) => void; reject: (e: Error) => void; timer: ReturnType<typeof setTimeout> }>();
  #terminated = false;

  constructor(private readonly options: UnderstandingClientOptions) {
    this.timeoutMs = options.timeoutMs ?? 5000;
    this.worker = options.worker ?? new Worker(new URL('./understanding.worker.ts', import.meta.url), { type: 'module', name: 'understanding' });
    let markReady!: (r: WorkerReady) => void;
    this.ready = new Promise((resolve) => (markReady = resolve));
    this.worker.addEventListener('message', (event: MessageEvent<FromUnderstandingWorker>) => {
      const m = event.data;
      if (m.type === 'ready') {
        this.backend = m.backend;
        this.degraded = m.degraded;
        markReady({ backend: m.backend, degraded: m.degraded, loadMs: m.loadMs });
      } else if (m.type === 'backend') {
        this.backend = m.backend;
        this.degraded = m.degraded;
        this.options.onBackendChange?.(m.backend, m.degraded);
      } else {
        const p = this.pending.get(m.id);
        if (!p) return;
        this.pending.delete(m.id);
        clearTimeout(p.timer);
        if (m.type === 'failed') p.reject(new Error(m.message));
        else p.resolve(m);
      }
    });
    this.worker.addEventListener('error', (event) => {
      this.failAll(new Error(`understanding worker error: ${event.message || 'failed to start'}`));
    });
    const modelUrl = options.config.modelUrl;
    const prefetch = (options.prefetch ?? true) && modelUrl !== null;
    this.send({ type: 'configure', config: options.config, prefetched: prefetch });
    if (prefetch) {
      fetchModelBytes(modelUrl).then(
        (bytes) => this.worker.postMessage({ type: 'model-bytes', bytes } satisfies ToUnderstandingWorker, [bytes.config, bytes.tokenizer, bytes.tokenizerConfig, bytes.onnx]),
        (err: Error) => this.send({ type: 'model-bytes', error: err.message }),
      );
    }
  }

  private send(message: ToUnderstandingWorker): void {
    this.worker.postMessage(message);
  }

  private failAll(error: Error): void {
    for (const [id, p] of this.pending) {
      clearTimeout(p.timer);
      p.reject(error);
      this.pending.delete(id);
    }
  }

  /** The Understanding of one visitor message, given the conversation's earlier ones (for frustration that builds up). */
  async understand(text: string, previous: readonly Understanding[] = []): Promise<Understanding> {
    const answer = await this.#request('understood', (id) => ({ type: 'understand', id, text: typeof text === 'string' ? text : '', previous: [...previous] }));
    return answer.understanding;
  }

  /**
   * A search query's unit-length vector from the kernel model, and the model's
   * fingerprint (`<folder>@<hash>`): cached knowledge is ranked by meaning with
   * the model the worker already loaded. Rejects when no kernel model loaded.
   */
  async embed(text: string): Promise<{ model: string; vector: Float32Array }> {
    const { model, vector } = await this.#request('embedded', (id) => ({ type: 'embed', id, text }));
    return { model, vector };
  }

  /** Sends `message` with a fresh id; resolves with the worker's answer to it, which must be of type `answer`. */
  #request<T extends FromUnderstandingWorker['type']>(
    answer: T,
    message: (id: number) => ToUnderstandingWorker,
  ): Promise<Extract<FromUnderstandingWorker, { type: T }>> {
    if (this.#terminated) return Promise.reject(new Error('understanding client was terminated'));
    const id = this.nextId++;
    return new Promise((resolve, reject) => {
      const timer = setTimeout(() => {
        this.pending.delete(id);
        reject(new UnderstandingTimeoutError(`no answer from the understanding worker within ${this.timeoutMs} ms`));
      }, this.timeoutMs);
      const settle = (m: FromUnderstandingWorker) =>
        m.type === answer ? resolve(m as Extract<FromUnderstandingWorker, { type: T }>) : reject(new Error(`understanding worker answered "${m.type}" to a request for "${answer}"`));
      this.pending.set(id, { resolve: settle, reject, timer });
      this.send(message(id));
    });
  }

  /** True once `terminate()` was called. */
  get terminated(): boolean {
    return this.#terminated;
  }

  /** Stops the worker; pending requests reject. */
  terminate(): void {
    this.#terminated = true;
    this.worker.terminate();
    this.failAll(new Error('understanding client was terminated'));
  }
}
