import type { IntentModelConfig, ModelFiles } from './intent-model.js';

/** Error loading a model's files: the message names the file and what was wrong. */
export class ModelLoadError extends Error {
  override name = 'ModelLoadError';
}

/** The four files of a model as raw bytes: what the main thread can prefetch and transfer to the worker. */
export interface ModelBytes {
  config: ArrayBuffer;
  tokenizer: ArrayBuffer;
  tokenizerConfig: ArrayBuffer;
  onnx: ArrayBuffer;
}

const FILES = {
  config: 'config.json',
  tokenizer: 'tokenizer.json',
  tokenizerConfig: 'tokenizer_config.json',
  onnx: 'onnx/model.onnx',
} as const;

function joinUrl(base: string, file: string): string {
  return base.endsWith('/') ? base + file : `${base}/${file}`;
}

/**
 * Fetches a model directory in the transformers.js layout (`config.json`,
 * `tokenizer.json`, `tokenizer_config.json`, `onnx/model.onnx`) from `baseUrl`, in parallel.
 */
export async function fetchModelBytes(baseUrl: string, init?: RequestInit): Promise<ModelBytes> {
  const get = async (file: string) => {
    let res: Response;
    try {
      res = await fetch(joinUrl(baseUrl, file), init);
    } catch (err) {
      throw new ModelLoadError(`${file}: ${(err as Error).message}`);
    }
    if (!res.ok) throw new ModelLoadError(`${file}: HTTP ${res.status}`);
    return res.arrayBuffer();
  };
  const [config, tokenizer, tokenizerConfig, onnx] = await Promise.all([
    get(FILES.config),
    get(FILES.tokenizer),
    get(FILES.tokenizerConfig),
    get(FILES.onnx),
  ]);
  return { config, tokenizer, tokenizerConfig, onnx };
}

/** Parses fetched model bytes; a file that is not valid JSON is named in the error. */
export function parseModelBytes(bytes: ModelBytes): ModelFiles {
  const json = (key: 'config' | 'tokenizer' | 'tokenizerConfig') => {
    try {
      return JSON.parse(new TextDecoder().decode(bytes[key])) as object;
    } catch {
      throw new ModelLoadError(`${FILES[key]}: not valid JSON`);
    }
  };
  return {
    config: json('config') as IntentModelConfig,
    tokenizer: json('tokenizer'),
    tokenizerConfig: json('tokenizerConfig') as ModelFiles['tokenizerConfig'],
    onnx: new Uint8Array(bytes.onnx),
  };
}

export async function fetchModelFiles(baseUrl: string, init?: RequestInit): Promise<ModelFiles> {
  return parseModelBytes(await fetchModelBytes(baseUrl, init));
}
