import type { Understanding, UnderstandingBackend } from '../../../protocol/understanding.js';
import type { ModelBytes } from './model-files.js';

/** Where and how the understanding worker finds its models. */
export interface UnderstandingWorkerConfig {
  /**
   * URL of the shipped model folder the TypeScript kernel reads
   * (`config.json`, `tokenizer.json`, `tokenizer_config.json`, `onnx/model.onnx`);
   * `null` runs rules only.
   */
  modelUrl: string | null;
  /**
   * A transformers.js text-classification model to load in the background
   * (ONNX Runtime, WASM or WebGPU) and switch to once ready: a site owner's
   * hosted model, or the shipped one. The kernel answers until then.
   */
  onnx?: {
    /** Folder URL holding model folders, e.g. `https://cdn.example.com/models/`. */
    modelRoot: string;
    /** Model folder name, e.g. `support-intent`. */
    modelId: string;
    /** `auto` picks WebGPU where an adapter exists, else WASM. */
    device: 'wasm' | 'webgpu' | 'auto';
    /** Same-origin URL of onnxruntime-web's `dist/` folder (never a CDN). */
    wasmBaseUrl: string;
  };
  /** The visitor's locale (BCP 47). */
  locale?: string;
  /** The site owner's slang/synonym map. */
  synonyms?: Record<string, string>;
  /** Rejection profile from the model's config (`default`, `high-risk`). */
  profile?: string;
}

export type ToUnderstandingWorker =
  /** `prefetched`: the main thread is fetching the kernel's files and will send them as `model-bytes`. */
  | { type: 'configure'; config: UnderstandingWorkerConfig; prefetched?: boolean }
  | { type: 'model-bytes'; bytes: ModelBytes }
  | { type: 'model-bytes'; error: string }
  | { type: 'understand'; id: number; text: string; previous: Understanding[] }
  /** A search query's vector from the kernel model, for ranking the cached knowledge by meaning. */
  | { type: 'embed'; id: number; text: string };

export type FromUnderstandingWorker =
  /** The first model (or rules) is ready: answers flow from now on. */
  | { type: 'ready'; backend: UnderstandingBackend; degraded?: string; loadMs: number }
  /** The background ONNX model took over, or failed to load (then `degraded` says why and the previous backend stays). */
  | { type: 'backend'; backend: UnderstandingBackend; degraded?: string }
  | { type: 'understood'; id: number; understanding: Understanding }
  /** `model` is the kernel's fingerprint (`<folder name>@<hash of model.onnx>`), which a snapshot's vectors must match. */
  | { type: 'embedded'; id: number; model: string; vector: Float32Array }
  | { type: 'failed'; id: number; message: string };
