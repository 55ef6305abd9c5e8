import { KernelIntentModel } from '../../../widget/src/inference/kernel-model.js';
import type { ModelFiles } from '../../../widget/src/inference/intent-model.js';
import type { TextEmbedder } from './document-vectors.js';

/**
 * The shipped model's files, carried inside an index artifact so the relay
 * embeds queries with exactly the model that embedded the documents (the
 * relay cannot read model files from disk on the edge, and an index fetched
 * from a URL brings its own). The ONNX bytes travel as base64.
 */
export interface QueryEncoder {
  /** `<name>@<first 16 hex of SHA-256 of model.onnx>`; equals `vectors.model` of the index. */
  model: string;
  config: ModelFiles['config'];
  tokenizer: object;
  tokenizerConfig: ModelFiles['tokenizerConfig'];
  onnxBase64: string;
}

/**
 * The id of a model: its name and a hash of its weights. A widget that loads
 * the same model gets the same id, so `KnowledgeSearcher` uses a snapshot's
 * vectors only when they came from the very model the visitor's device runs.
 *
 * @example
 * const files = await fetchModelFiles('/models/support-intent/');
 * const model = KernelIntentModel.fromFiles(files);
 * const embedder = { model: await modelFingerprint('support-intent', files.onnx), embed: (t) => model.embed(t) };
 * KnowledgeSearcher.fromSnapshot(snapshot, { embedder });
 */
export async function modelFingerprint(name: string, onnx: Uint8Array): Promise<string> {
  const digest = await crypto.subtle.digest('SHA-256', onnx as Uint8Array<ArrayBuffer>);
  return `${name}@${[...new Uint8Array(digest).slice(0, 8)].map((b) => b.toString(16).padStart(2, '0')).join('')}`;
}

/** A query encoder for `files`, ready to store in an index. */
export async function queryEncoder(name: string, files: ModelFiles): Promise<QueryEncoder> {
  let binary = '';
  for (let i = 0; i < files.onnx.length; i += 0x8000) binary += String.fromCharCode(...files.onnx.subarray(i, i + 0x8000));
  return {
    model: await modelFingerprint(name, files.onnx),
    config: files.config,
    tokenizer: files.tokenizer,
    tokenizerConfig: files.tokenizerConfig,
    onnxBase64: btoa(binary),
  };
}

/** The embedder the index's own model gives: the shipped kernel (plain TypeScript, no ONNX Runtime). */
export function embedderFrom(encoder: QueryEncoder): TextEmbedder {
  const binary = atob(encoder.onnxBase64);
  const onnx = new Uint8Array(binary.length);
  for (let i = 0; i < binary.length; i++) onnx[i] = binary.charCodeAt(i);
  const model = KernelIntentModel.fromFiles({
    config: encoder.config,
    tokenizer: encoder.tokenizer,
    tokenizerConfig: encoder.tokenizerConfig,
    onnx,
  });
  return { model: encoder.model, embed: (text) => model.embed(text) };
}
