import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import type { IntentModelConfig, ModelFiles } from './intent-model.js';
import { KernelIntentModel } from './kernel-model.js';
import { ModelLoadError } from './model-files.js';

/** The shipped default model directory (`models/support-intent/`). */
export const SHIPPED_MODEL_DIR = fileURLToPath(new URL('../../../models/support-intent/', import.meta.url));

/** Reads a model directory in the transformers.js layout from disk (Node only: CLI, relay, tests, benchmarks). */
export async function readModelFiles(dir: string): Promise<ModelFiles> {
  const read = async (file: string) => {
    try {
      return await readFile(join(dir, file));
    } catch (err) {
      throw new ModelLoadError(`${join(dir, file)}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
    }
  };
  const json = async (file: string) => {
    const text = (await read(file)).toString('utf8');
    try {
      return JSON.parse(text) as object;
    } catch {
      throw new ModelLoadError(`${join(dir, file)}: not valid JSON`);
    }
  };
  const [config, tokenizer, tokenizerConfig, onnx] = await Promise.all([
    json('config.json'),
    json('tokenizer.json'),
    json('tokenizer_config.json'),
    read('onnx/model.onnx'),
  ]);
  return {
    config: config as IntentModelConfig,
    tokenizer,
    tokenizerConfig: tokenizerConfig as ModelFiles['tokenizerConfig'],
    onnx: new Uint8Array(onnx.buffer, onnx.byteOffset, onnx.byteLength),
  };
}

/**
 * The kernel over a model directory on disk; defaults to the shipped model.
 *
 * @example
 * const model = await loadKernelModel();
 * const vector = model.embed('how do I return a jacket'); // unit-length Float32Array
 */
export async function loadKernelModel(dir = SHIPPED_MODEL_DIR, profile?: string): Promise<KernelIntentModel> {
  return KernelIntentModel.fromFiles(await readModelFiles(dir), profile);
}
