import type { TextEmbedder } from '../../../relay/src/knowledge/document-vectors.js';
import { modelFingerprint } from '../../../relay/src/knowledge/query-encoder.js';
import { KernelIntentModel } from '../inference/kernel-model.js';
import { fetchModelFiles } from '../inference/model-files.js';

/**
 * The shipped intent model as the snapshot's query embedder, so the device
 * ranks by meaning as the relay does (the snapshot's vectors come from the
 * same model; a different model is simply not used). The files are the ones
 * the inference worker already loaded, so they come from the cache.
 *
 * @example
 * void loadModelEmbedder(modelUrl).then((e) => snapshot.setEmbedder(e), () => {}); // lexical until then
 */
export async function loadModelEmbedder(modelUrl: string, name = 'support-intent'): Promise<TextEmbedder> {
  const files = await fetchModelFiles(modelUrl);
  const model = KernelIntentModel.fromFiles(files);
  return { model: await modelFingerprint(name, files.onnx), embed: (text) => model.embed(text) };
}
