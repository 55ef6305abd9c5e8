/**
 * Intent accuracy on public data, measured the way a site owner would see it:
 * `trainCalibratedModel` (what `npm run models -- train` runs), export to the
 * transformers.js layout, then scoring through the widget's UnderstandingPipeline.
 * - Banking77: trained on a stratified, seeded 90% of train.csv; accuracy on the other 10% (test split never used),
 *   both top-1 (comparable to published figures) and with the calibrated "don't know" rejections counted wrong.
 *   One 1,005-row split moves by about ±0.5 points with the seed that carves it, so three more seeded splits
 *   are scored the same way and the mean of the four is reported beside the first.
 * - CLINC150: trained on train.csv (150 intents + its 100 oos rows); in-scope accuracy and oos recall on val.csv.
 * - Training time of the full Banking77 CLI path (train, calibrate, retrain on everything).
 * Unlabelled text for the distributional vectors (`--corpus` in the CLI): the other datasets' train text, never
 * their labels, and never the rows scored (Banking77's dev rows and CLINC150 val stay out of every corpus).
 */
import { mkdtempSync, rmSync, statSync } from 'node:fs';
import { loadavg, tmpdir } from 'node:os';
import { join } from 'node:path';
import { readDataset, stratifiedSplit } from '../models/src/dataset.js';
import { evaluateModelOnRows } from '../models/src/evaluate-model.js';
import { DEFAULT_TRAINING } from '../models/src/intent-trainer.js';
import { writeModelDirectory } from '../models/src/model-directory.js';
import { trainCalibratedModel } from '../models/src/train-intent-model.js';
import type { LabeledText } from '../models/src/csv.js';

const work = mkdtempSync(join(tmpdir(), 'intent-bench-'));

async function trainAndScore(name: string, train: LabeledText[], dev: LabeledText[], corpus: string[]) {
  const trained = await trainCalibratedModel(train, { ...DEFAULT_TRAINING, corpus, heldOutShare: 0.1, refit: true });
  const dir = join(work, name);
  writeModelDirectory(dir, {
    labels: trained.model.labels,
    tokenizerJson: trained.model.tokenizerJson,
    tokenizerConfig: trained.model.tokenizerConfig,
    weights: trained.weights,
    supportWidget: trained.supportWidget,
    metrics: {},
    card: '',
  });
  const { metrics, confused } = await evaluateModelOnRows(dir, dev);
  console.log(`${name}: ${JSON.stringify(metrics)}`);
  console.log(`${name} most confused: ${confused.slice(0, 5).map((c) => `${c.truth}->${c.answer} (${c.count})`).join(', ')}`);
  const modelBytes = statSync(join(dir, 'onnx', 'model.onnx')).size;
  return { metrics, trainSeconds: trained.report.seconds, trainCpuSeconds: trained.report.cpuSeconds, threshold: trained.supportWidget.threshold, oosOffset: trained.report.oosOffset, modelBytes };
}

// Training time depends on what else the 2 cores are doing: record the load it was measured under.
const loadAtStart = loadavg()[0];
try {
  const banking = readDataset('banking77', 'train.csv', 'category');
  const split = stratifiedSplit(banking, 0.1, 2024);
  const clincTrain = readDataset('clinc150', 'train.csv');
  const bitextText = readDataset('bitext', 'train.csv').map((r) => r.text);
  const bankingCorpus = [...clincTrain.map((r) => r.text), ...bitextText];
  const b = await trainAndScore('banking77', split.train, split.heldOut, bankingCorpus);
  const splitTop1 = [b.metrics.top1_accuracy];
  for (const seed of [1, 2, 3]) {
    const other = stratifiedSplit(banking, 0.1, seed);
    splitTop1.push((await trainAndScore(`banking77-split-${seed}`, other.train, other.heldOut, bankingCorpus)).metrics.top1_accuracy);
  }
  const c = await trainAndScore('clinc150', clincTrain, readDataset('clinc150', 'val.csv'), [...split.train.map((r) => r.text), ...bitextText]);
  console.log(
    JSON.stringify({
      banking77_dev_top1_accuracy: b.metrics.top1_accuracy,
      banking77_dev_top1_accuracy_by_split: splitTop1,
      banking77_dev_top1_accuracy_mean_of_4_splits: splitTop1.reduce((a, v) => a + v, 0) / splitTop1.length,
      banking77_dev_accuracy_with_rejection: b.metrics.accuracy,
      banking77_default_threshold: b.threshold,
      banking77_dev_macro_f1: b.metrics.macro_f1,
      banking77_dev_rows: b.metrics.n,
      banking77_train_seconds: b.trainSeconds,
      banking77_train_cpu_seconds: b.trainCpuSeconds,
      load_average_1m_at_start: Math.round(loadAtStart! * 100) / 100,
      banking77_model_bytes: b.modelBytes,
      clinc150_val_in_scope_accuracy: c.metrics.in_scope_accuracy,
      clinc150_val_oos_recall: c.metrics.oos_recall,
      clinc150_val_accuracy: c.metrics.accuracy,
      clinc150_val_in_scope_top1_accuracy: c.metrics.top1_accuracy,
      clinc150_threshold: c.threshold,
      clinc150_oos_logit_offset: c.oosOffset,
      clinc150_train_seconds: c.trainSeconds,
      clinc150_model_bytes: c.modelBytes,
      training: {
        dim: DEFAULT_TRAINING.dim,
        distributional_dim: DEFAULT_TRAINING.distributionalDim,
        ensemble: DEFAULT_TRAINING.ensemble,
        lexical_buckets: DEFAULT_TRAINING.lexicalBuckets,
        max_pool_rate: DEFAULT_TRAINING.maxPoolRate,
        epochs: DEFAULT_TRAINING.epochs,
        optimizer: DEFAULT_TRAINING.optimizer,
      },
    }),
  );
} finally {
  rmSync(work, { recursive: true, force: true });
}
