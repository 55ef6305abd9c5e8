import type { IntentModelConfig, ModelFiles } from './intent-model.js';

/** Error loading a model's files: the message names the file and what was wrong. */
export class ModelLoadError extends Error {
  override name = 'ModelLoadError';
}

function joinUrl(base: string, file: string): string {
  return base.endsWith('/') ? base + file : `${base}/${file}`;
}

/**
 * Fetches a model directory in the transformers.js layout (`config.json`,
 * `tokenizer.json`, `tokenizer_config.json`, `onnx/model.onnx`) from `baseUrl`.
 */
export async function fetchModelFiles(baseUrl: string, init?: RequestInit): Promise<ModelFiles> {
  const get = async (file: string) => {
    const url = joinUrl(baseUrl, file);
    let res: Response;
    try {
      res = await fetch(url, init);
    } catch (err) {
      throw new ModelLoadError(`${file}: ${(err as Error).message}`);
    }
    if (!res.ok) throw new ModelLoadError(`${file}: HTTP ${res.status}`);
    return res;
  };
  const json = async (file: string) => {
    const res = await get(file);
    try {
      return (await res.json()) as object;
    } catch {
      throw new ModelLoadError(`${file}: not valid JSON`);
    }
  };
  const [config, tokenizer, tokenizerConfig, onnx] = await Promise.all([
    json('config.json'),
    json('tokenizer.json'),
    json('tokenizer_config.json'),
    get('onnx/model.onnx').then(async (r) => new Uint8Array(await r.arrayBuffer())),
  ]);
  return {
    config: config as IntentModelConfig,
    tokenizer,
    tokenizerConfig: tokenizerConfig as ModelFiles['tokenizerConfig'],
    onnx,
  };
}
