/**
 * The only module that imports `@huggingface/transformers`: an
 * {@link IntentModel} over any transformers.js text-classification model
 * (ours, or a site owner's hosted MiniLM), run by ONNX Runtime on WASM or
 * WebGPU. The runtime's wasm is served from the site's own origin
 * (`wasmBaseUrl`, e.g. node_modules/onnxruntime-web/dist/), never a CDN.
 */
import { env, pipeline, type TextClassificationPipeline } from '@huggingface/transformers';
import type { IntentGuess } from '../../../protocol/understanding.js';
import { DEFAULT_MAX_CHARS, intentGuess, profileThreshold, type IntentModel, type IntentModelConfig } from './intent-model.js';
import { ModelLoadError } from './model-files.js';

/** `cpu` is Node's onnxruntime-node (CLI, tests); browsers use `wasm` or `webgpu`. */
export type OnnxDevice = 'wasm' | 'webgpu' | 'cpu';

export interface TransformersModelOptions {
  /**
   * Folder that holds model folders: a URL in the browser (`/models/`,
   * `https://cdn.example.com/models/`) or a directory in Node.
   */
  modelRoot: string;
  /** Model folder name under `modelRoot`, e.g. `support-intent`. */
  modelId: string;
  device: OnnxDevice;
  /** Browser only: URL of the folder holding `ort-wasm-simd-threaded.asyncify.wasm` (onnxruntime-web's `dist/`). */
  wasmBaseUrl?: string;
  profile?: string;
}

function withSlash(s: string): string {
  return s.endsWith('/') ? s : s + '/';
}

/** True where a WebGPU adapter can actually be obtained (SwiftShader counts). */
export async function webGpuAvailable(): Promise<boolean> {
  const gpu = (globalThis.navigator as Navigator & { gpu?: { requestAdapter(): Promise<unknown> } } | undefined)?.gpu;
  if (!gpu) return false;
  try {
    return (await gpu.requestAdapter()) !== null;
  } catch {
    return false;
  }
}

export class TransformersIntentModel implements IntentModel {
  readonly backend: 'onnx-wasm' | 'onnx-webgpu';
  readonly labels: readonly string[];
  private readonly threshold: number;
  private readonly oosLabel: string | null;
  private readonly maxChars: number;

  private constructor(
    private readonly classifier: TextClassificationPipeline,
    config: IntentModelConfig,
    device: OnnxDevice,
    profile: string | undefined,
  ) {
    // ONNX Runtime on the CPU: WASM in a browser, its native build in Node.
    this.backend = device === 'webgpu' ? 'onnx-webgpu' : 'onnx-wasm';
    this.labels = Object.keys(config.id2label)
      .map(Number)
      .sort((a, b) => a - b)
      .map((i) => config.id2label[String(i)]!);
    this.threshold = profileThreshold(config, profile);
    this.oosLabel = config.support_widget?.oos_label ?? (this.labels.includes('oos') ? 'oos' : null);
    this.maxChars = config.support_widget?.max_chars ?? DEFAULT_MAX_CHARS;
  }

  /** Loads the model through the real transformers.js `pipeline()`, local files only. */
  static async load(options: TransformersModelOptions): Promise<TransformersIntentModel> {
    env.allowRemoteModels = false;
    env.allowLocalModels = true;
    env.localModelPath = withSlash(options.modelRoot);
    const wasm = env.backends.onnx.wasm;
    if (options.wasmBaseUrl && wasm) {
      const base = withSlash(options.wasmBaseUrl);
      // Only the binary's URL: the bundled ONNX Runtime build then uses its own embedded loader script.
      wasm.wasmPaths = { wasm: `${base}ort-wasm-simd-threaded.asyncify.wasm` };
    }
    if (options.device === 'webgpu' && !(await webGpuAvailable())) {
      throw new ModelLoadError('WebGPU is not available in this browser');
    }
    let classifier: TextClassificationPipeline;
    try {
      classifier = (await pipeline('text-classification', options.modelId, {
        device: options.device,
        dtype: 'fp32',
      })) as TextClassificationPipeline;
    } catch (err) {
      throw new ModelLoadError(`${options.modelId} (${options.device}): ${(err as Error).message}`);
    }
    const config = classifier.model.config as unknown as IntentModelConfig;
    return new TransformersIntentModel(classifier, config, options.device, options.profile);
  }

  /** Probability of every label in `labels` order, as transformers.js computes it. */
  async probabilities(text: string): Promise<Float32Array> {
    const out = (await this.classifier(text.slice(0, this.maxChars), { top_k: null })) as { label: string; score: number }[];
    const probs = new Float32Array(this.labels.length);
    const index = new Map(this.labels.map((l, i) => [l, i]));
    for (const { label, score } of out) {
      const i = index.get(label);
      if (i !== undefined) probs[i] = score;
    }
    return probs;
  }

  async classify(text: string): Promise<IntentGuess> {
    return intentGuess(await this.probabilities(text), this.labels, this.threshold, this.oosLabel);
  }

  async dispose(): Promise<void> {
    await this.classifier.dispose();
  }
}
