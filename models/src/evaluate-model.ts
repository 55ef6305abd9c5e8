import { KernelIntentModel, kernelCanRun } from '../../widget/src/inference/kernel-model.js';
import { readModelFiles } from '../../widget/src/inference/model-files-node.js';
import type { IntentModel } from '../../widget/src/inference/intent-model.js';
import { UnderstandingPipeline } from '../../widget/src/inference/understanding-pipeline.js';
import type { LabeledText } from './csv.js';
import { OOS_LABEL } from './dataset.js';
import { confusedPairs, intentMetrics, percentile, type IntentMetrics, type Judgement } from './metrics.js';

export interface EvaluationResult {
  /** `top1_accuracy`: in-scope rows whose top label is right, ignoring the rejection threshold (how Banking77-style figures are usually quoted). */
  metrics: IntentMetrics & { p50_us: number; p95_us: number; top1_accuracy: number; backend: string };
  confused: ReturnType<typeof confusedPairs>;
}

/** The kernel for our own models; any other transformers.js classifier through ONNX Runtime. */
export async function loadModelForEvaluation(dir: string, profile?: string): Promise<IntentModel> {
  const files = await readModelFiles(dir);
  if (kernelCanRun(files.config)) return KernelIntentModel.fromFiles(files, profile);
  const { TransformersIntentModel } = await import('../../widget/src/inference/transformers-model.js');
  const root = dir.replace(/[/\\]+$/, '');
  const cut = Math.max(root.lastIndexOf('/'), root.lastIndexOf('\\'));
  return TransformersIntentModel.load({ modelRoot: root.slice(0, cut + 1) || './', modelId: root.slice(cut + 1), device: 'cpu', profile });
}

/**
 * Scores a model on labeled rows through the same {@link UnderstandingPipeline}
 * the widget runs (normalisation, signals, intent), timing each message.
 */
export async function evaluateModelOnRows(dir: string, rows: readonly LabeledText[], profile?: string): Promise<EvaluationResult> {
  const model = await loadModelForEvaluation(dir, profile);
  const pipeline = new UnderstandingPipeline(model);
  for (const r of rows.slice(0, 50)) await pipeline.understand(r.text, []);
  const judgements: Judgement[] = [];
  let inScope = 0;
  let top1 = 0;
  const micros: number[] = [];
  for (const r of rows) {
    const t0 = performance.now();
    const u = await pipeline.understand(r.text, []);
    micros.push((performance.now() - t0) * 1000);
    judgements.push({ truth: r.label, predicted: u.intent.label, rejected: u.intent.rejected });
    if (r.label !== OOS_LABEL) {
      inScope++;
      if (u.intent.label === r.label) top1++;
    }
  }
  await model.dispose?.();
  return {
    metrics: {
      ...intentMetrics(judgements),
      p50_us: Math.round(percentile(micros, 50)),
      p95_us: Math.round(percentile(micros, 95)),
      top1_accuracy: inScope ? top1 / inScope : 0,
      backend: model.backend,
    },
    confused: confusedPairs(judgements),
  };
}
