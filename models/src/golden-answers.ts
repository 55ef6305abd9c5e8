import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { loadKernelModel } from '../../widget/src/inference/model-files-node.js';
import { UnderstandingPipeline } from '../../widget/src/inference/understanding-pipeline.js';
import { GOLDEN_PROBES } from './support-intent.js';

export interface GoldenAnswer {
  text: string;
  normalised: string;
  label: string;
  confidence: number;
  rejected: boolean;
}

/**
 * Writes `golden.json` beside a model: the Node kernel's answer to each
 * probe (ordinary, misspelt, empty, emoji, RTL, binary and very long
 * messages). Every other backend (ONNX Runtime in Node, the browser worker's
 * kernel, ONNX WASM and WebGPU) must give the same answers.
 */
export async function writeGoldenAnswers(dir: string, probes: readonly string[] = GOLDEN_PROBES): Promise<GoldenAnswer[]> {
  const kernel = await loadKernelModel(dir);
  const pipeline = new UnderstandingPipeline(kernel);
  const golden = probes.map((text) => {
    const normalised = pipeline.normalise(text);
    const g = kernel.classifySync(normalised);
    return { text, normalised, label: g.label, confidence: g.confidence, rejected: g.rejected };
  });
  writeFileSync(join(dir, 'golden.json'), JSON.stringify(golden, null, 2) + '\n');
  return golden;
}
