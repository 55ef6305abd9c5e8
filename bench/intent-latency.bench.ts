/**
 * Node latency of one full Understanding (normalise + intent + sentiment,
 * frustration, entities, language, redaction) through UnderstandingPipeline
 * with the shipped model, on the kernel and on ONNX Runtime (transformers.js
 * pipeline, onnxruntime-node CPU). Messages: the project's customer-voice
 * eval set and Bitext val, cycled; the first 200 calls warm up. The rule
 * signals alone are timed too (they are most of an Understanding), and the
 * golden probes (empty, emoji, RTL, binary, 2.8 KB) are reported as a worst case.
 */
import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readLabeledCsv } from '../models/src/csv.js';
import { percentile } from '../models/src/metrics.js';
import { readDataset } from '../models/src/dataset.js';
import { GOLDEN_PROBES } from '../models/src/support-intent.js';
import { readSignals } from '../widget/src/understanding/signals.js';
import { loadKernelModel, SHIPPED_MODEL_DIR } from '../widget/src/inference/model-files-node.js';
import { TransformersIntentModel } from '../widget/src/inference/transformers-model.js';
import { UnderstandingPipeline } from '../widget/src/inference/understanding-pipeline.js';
import type { IntentModel } from '../widget/src/inference/intent-model.js';

const evalCsv = join(SHIPPED_MODEL_DIR, '..', 'eval', 'customer-voice-eval.csv');
const texts = [
  ...readLabeledCsv(readFileSync(evalCsv, 'utf8'), 'text', 'label').map((r) => r.text),
  ...readDataset('bitext', 'val.csv').map((r) => r.text),
];

async function measure(model: IntentModel, runs: number) {
  const pipeline = new UnderstandingPipeline(model);
  for (let i = 0; i < 200; i++) await pipeline.understand(texts[i % texts.length]!, []);
  const full: number[] = [];
  const intentOnly: number[] = [];
  const signalsOnly: number[] = [];
  for (let i = 0; i < runs; i++) {
    const text = texts[i % texts.length]!;
    let t0 = performance.now();
    await pipeline.understand(text, []);
    full.push((performance.now() - t0) * 1000);
    const normalised = pipeline.normalise(text);
    t0 = performance.now();
    await model.classify(normalised);
    intentOnly.push((performance.now() - t0) * 1000);
    t0 = performance.now();
    readSignals(text, []);
    signalsOnly.push((performance.now() - t0) * 1000);
  }
  let worstProbeUs = 0;
  for (const probe of GOLDEN_PROBES) {
    const t0 = performance.now();
    await pipeline.understand(probe, []);
    worstProbeUs = Math.max(worstProbeUs, (performance.now() - t0) * 1000);
  }
  const r = (v: number) => Math.round(v);
  return {
    understanding_p50_us: r(percentile(full, 50)),
    understanding_p95_us: r(percentile(full, 95)),
    intent_p50_us: r(percentile(intentOnly, 50)),
    intent_p95_us: r(percentile(intentOnly, 95)),
    signals_p50_us: r(percentile(signalsOnly, 50)),
    signals_p95_us: r(percentile(signalsOnly, 95)),
    worst_probe_us: r(worstProbeUs),
  };
}

const t0 = performance.now();
const kernel = await loadKernelModel();
const kernelLoadMs = performance.now() - t0;
const kernelStats = await measure(kernel, 3000);
console.log('kernel', JSON.stringify(kernelStats));
const t1 = performance.now();
const onnx = await TransformersIntentModel.load({ modelRoot: join(SHIPPED_MODEL_DIR, '..'), modelId: 'support-intent', device: 'cpu' });
const onnxLoadMs = performance.now() - t1;
const onnxStats = await measure(onnx, 1000);
await onnx.dispose();
console.log('onnx', JSON.stringify(onnxStats));
console.log(
  JSON.stringify({
    node_kernel_load_ms: Math.round(kernelLoadMs),
    ...Object.fromEntries(Object.entries(kernelStats).map(([k, v]) => [`node_kernel_${k}`, v])),
    node_onnx_load_ms: Math.round(onnxLoadMs),
    ...Object.fromEntries(Object.entries(onnxStats).map(([k, v]) => [`node_onnx_cpu_${k}`, v])),
  }),
);
