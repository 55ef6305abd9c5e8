import type { AppConfig, ChatCompletionChunk, InitProgressReport, WebWorkerMLCEngine } from '@mlc-ai/web-llm';
import type { GenerationRequest, GenerativeModel, LoadProgress, ModelState } from './generative-model.js';

/** A self-hosted web-llm model: nothing is fetched from a CDN the site did not choose. */
export interface WebLlmModelConfig {
  /** The model's id, e.g. `Qwen2.5-0.5B-Instruct-q4f16_1-MLC`. */
  modelId: string;
  /** Base URL of the weights (the folder holding `mlc-chat-config.json`, `tensor-cache.json` and the shards). */
  modelUrl: string;
  /** URL of the compiled model library (`.wasm`) matching the weights. */
  modelLibUrl: string;
  /** GPU features the library needs, e.g. `['shader-f16']`. */
  requiredFeatures?: string[];
  /** Where downloaded weights are kept between visits. Default: the Cache API. */
  cacheBackend?: 'cache' | 'indexeddb';
  /** Context window in tokens; smaller saves memory. */
  contextWindowSize?: number;
}

/** The Cache API cache web-llm keeps weights (and their manifest) in. */
const WEIGHTS_CACHE = 'webllm/model';

/**
 * Tier 2 on WebGPU: web-llm's `MLCEngine` in its own Web Worker, driven from
 * the page by `CreateWebWorkerMLCEngine`. Replies stream token by token and
 * may be JSON-constrained (`response_format` with a schema).
 *
 * @example
 * const llm = new WebLlmModel({ modelId, modelUrl: '/models/qwen/', modelLibUrl: '/models/qwen.wasm' });
 * await llm.load(({ progress, text }) => showProgress(progress, text)); // only after the visitor agreed
 */
export class WebLlmModel implements GenerativeModel {
  readonly id: string;
  private current: ModelState = 'unloaded';
  private engine?: WebWorkerMLCEngine;
  private worker?: Worker;

  constructor(
    private readonly config: WebLlmModelConfig,
    private readonly createWorker: () => Worker = () =>
      new Worker(new URL('./llm.worker.ts', import.meta.url), { type: 'module', name: 'support-widget-llm' }),
  ) {
    this.id = config.modelId;
  }

  get state(): ModelState {
    return this.current;
  }

  /** web-llm's app config for this one self-hosted model, with absolute URLs (web-llm refuses relative ones). */
  get appConfig(): AppConfig {
    const { config } = this;
    return {
      model_list: [
        {
          model: absolute(config.modelUrl),
          model_id: config.modelId,
          model_lib: absolute(config.modelLibUrl),
          ...(config.requiredFeatures ? { required_features: config.requiredFeatures } : {}),
          ...(config.contextWindowSize ? { overrides: { context_window_size: config.contextWindowSize } } : {}),
        },
      ],
      cacheBackend: config.cacheBackend ?? 'cache',
    };
  }

  /**
   * Whether the weights are already in the browser's cache, so a load
   * downloads nothing. Reads web-llm's Cache API storage directly (the
   * manifest and every shard it lists), as web-llm's `hasModelInCache` does,
   * without loading web-llm's page-side client (`model_runtime_gzip_kb` in bench/results.json) before the visitor agreed.
   */
  async isCached(): Promise<boolean> {
    if ((this.config.cacheBackend ?? 'cache') !== 'cache' || typeof caches === 'undefined') return false;
    try {
      if (!(await caches.has(WEIGHTS_CACHE))) return false;
      const cache = await caches.open(WEIGHTS_CACHE);
      const folder = weightsFolder(this.config.modelUrl);
      const manifest = await cache.match(new URL('tensor-cache.json', folder).href);
      if (!manifest) return false;
      const { records = [] } = (await manifest.json()) as { records?: { dataPath: string }[] };
      const shards = await Promise.all(records.map((r) => cache.match(new URL(r.dataPath, folder).href)));
      return shards.every(Boolean);
    } catch {
      return false;
    }
  }

  /**
   * What a load downloads, in bytes: the weight shards listed in the model's
   * `tensor-cache.json` plus the model library. Reads only the small manifest
   * (and a HEAD of the library); undefined when the manifest cannot be read.
   */
  async downloadSize(fetchImpl: typeof fetch = (...args) => fetch(...args)): Promise<number | undefined> {
    let weights: number;
    try {
      const res = await fetchImpl(new URL('tensor-cache.json', weightsFolder(this.config.modelUrl)));
      const manifest = (await res.json()) as { records?: { nbytes?: unknown }[] };
      weights = (manifest.records ?? []).reduce((n, r) => n + (typeof r.nbytes === 'number' ? r.nbytes : 0), 0);
    } catch {
      return undefined;
    }
    const library = await fetchImpl(absolute(this.config.modelLibUrl), { method: 'HEAD' }).then(
      (res) => (res.ok ? Number(res.headers.get('content-length')) || 0 : 0),
      () => 0,
    );
    return weights + library || undefined;
  }

  async load(onProgress?: (p: LoadProgress) => void, signal?: AbortSignal): Promise<void> {
    if (this.current === 'ready') return;
    this.current = 'loading';
    // Loaded on demand: the visitor who never agrees to the download never pays for web-llm's code either.
    const { CreateWebWorkerMLCEngine } = await import('@mlc-ai/web-llm');
    const worker = this.createWorker();
    this.worker = worker;
    const abort = () => this.terminate();
    signal?.addEventListener('abort', abort, { once: true });
    try {
      this.engine = await CreateWebWorkerMLCEngine(worker, this.config.modelId, {
        appConfig: this.appConfig,
        initProgressCallback: (r: InitProgressReport) => onProgress?.({ progress: r.progress, text: r.text }),
      });
      signal?.throwIfAborted();
      this.current = 'ready';
    } catch (err) {
      this.terminate();
      this.current = 'failed';
      throw err;
    } finally {
      signal?.removeEventListener('abort', abort);
    }
  }

  async *stream(request: GenerationRequest): AsyncGenerator<string> {
    const engine = this.engine;
    if (!engine || this.current !== 'ready') throw new Error(`${this.id} is not loaded`);
    request.signal?.throwIfAborted();
    const chunks = (await engine.chat.completions.create({
      messages: request.messages,
      stream: true,
      temperature: 0,
      max_tokens: request.maxTokens ?? 256,
      ...(request.jsonSchema ? { response_format: { type: 'json_object', schema: JSON.stringify(request.jsonSchema) } } : {}),
    })) as AsyncIterable<ChatCompletionChunk>;
    const interrupt = () => engine.interruptGenerate();
    request.signal?.addEventListener('abort', interrupt, { once: true });
    try {
      for await (const chunk of chunks) {
        if (request.signal?.aborted) break;
        const delta = chunk.choices[0]?.delta?.content;
        if (delta) yield delta;
      }
    } finally {
      request.signal?.removeEventListener('abort', interrupt);
    }
    request.signal?.throwIfAborted();
  }

  async unload(): Promise<void> {
    try {
      await this.engine?.unload();
    } finally {
      this.terminate();
    }
  }

  /**
   * Unloads, then deletes the weights, model library and chat config web-llm
   * cached for this model, and the shard manifest it leaves behind.
   */
  async remove(): Promise<void> {
    await this.unload();
    const { deleteModelAllInfoInCache } = await import('@mlc-ai/web-llm');
    await deleteModelAllInfoInCache(this.config.modelId, this.appConfig);
    if (typeof caches !== 'undefined') {
      await (await caches.open(WEIGHTS_CACHE)).delete(new URL('tensor-cache.json', weightsFolder(this.config.modelUrl)).href);
    }
  }

  private terminate(): void {
    this.worker?.terminate();
    this.worker = undefined;
    this.engine = undefined;
    this.current = 'unloaded';
  }
}

function absolute(url: string): string {
  return new URL(url, globalThis.location?.href).href;
}

/** Where web-llm reads the weights from: like its own `cleanModelUrl`, it adds `resolve/main/` unless the URL has it. */
function weightsFolder(modelUrl: string): string {
  let url = absolute(modelUrl);
  if (!url.endsWith('/')) url += '/';
  return /.+\/resolve\/.+\//.test(url) ? url : `${url}resolve/main/`;
}
