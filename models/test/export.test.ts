import assert from 'node:assert/strict';
import { mkdtempSync, readFileSync, rmSync, statSync, readdirSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { fileURLToPath } from 'node:url';
import { pipeline } from '@huggingface/transformers';
import { KernelIntentModel } from '../../widget/src/inference/kernel-model.js';
import { loadKernelModel, SHIPPED_MODEL_DIR } from '../../widget/src/inference/model-files-node.js';
import { TransformersIntentModel } from '../../widget/src/inference/transformers-model.js';
import { UnderstandingPipeline } from '../../widget/src/inference/understanding-pipeline.js';
import { readLabeledCsv } from '../src/csv.js';
import { DEFAULT_TRAINING } from '../src/intent-trainer.js';
import { writeModelDirectory } from '../src/model-directory.js';
import { trainCalibratedModel } from '../src/train-intent-model.js';

const dir = mkdtempSync(join(tmpdir(), 'models-export-'));
after(() => rmSync(dir, { recursive: true, force: true }));
const rows = readLabeledCsv(
  readFileSync(fileURLToPath(new URL('./fixtures/tiny-intents.csv', import.meta.url)), 'utf8'),
  'message',
  'intent',
);
const probes = [
  ...rows.map((r) => r.text),
  '',
  'a',
  'wheres me parcel mate??',
  '😡😡😡',
  'مرحبا',
  '你好 where is my order',
  'refund '.repeat(300),
  'ÉLÈVE Ünïcödé ß',
];

function maxDiff(a: Float32Array, b: Float32Array): number {
  let m = 0;
  for (let i = 0; i < a.length; i++) m = Math.max(m, Math.abs(a[i]! - b[i]!));
  return m;
}

test('an exported model, maxima and lexical head included, runs in the real transformers.js pipeline and agrees with the kernel', async () => {
  const trained = await trainCalibratedModel(rows, {
    ...DEFAULT_TRAINING,
    dim: 16,
    epochs: 20,
    vocabSize: 3000,
    bigramBuckets: 512,
    ngramBuckets: 5000,
    lexicalBuckets: 2000,
    heldOutShare: 0.1,
    refit: true,
  });
  assert.equal(trained.supportWidget.format, 'embedding-bag-v3');
  assert.equal(trained.supportWidget.max_pooled, 3 * 16, 'every member max-pools its learned columns');
  writeModelDirectory(join(dir, 'tiny'), {
    labels: trained.model.labels,
    tokenizerJson: trained.model.tokenizerJson,
    tokenizerConfig: trained.model.tokenizerConfig,
    weights: trained.weights,
    supportWidget: trained.supportWidget,
    metrics: {},
    card: '# tiny\n',
  });
  const kernel = await loadKernelModel(join(dir, 'tiny'));
  const onnx = await TransformersIntentModel.load({ modelRoot: dir, modelId: 'tiny', device: 'cpu' });
  const batchPipeline = await pipeline('text-classification', 'tiny', { device: 'cpu', dtype: 'fp32' });
  try {
    assert.deepEqual(onnx.labels, kernel.labels);
    for (const text of probes) {
      const a = await onnx.probabilities(text);
      const b = kernel.probabilities(text);
      assert.ok(maxDiff(a, b) < 1e-4, `${JSON.stringify(text.slice(0, 30))}: ${maxDiff(a, b)}`);
      assert.equal((await onnx.classify(text)).label, kernel.classifySync(text).label);
    }
    assert.equal(kernel.classifySync('where is my order').label, 'track_order');
    const { lexical, ...bag } = kernel.weights;
    assert.ok(lexical, 'the kernel read the lexical head');
    const bagOnly = new KernelIntentModel(kernel.config, kernel.tokenizer, bag);
    assert.ok(probes.some((t) => maxDiff(bagOnly.probabilities(t), kernel.probabilities(t)) > 1e-2), 'the head moves the answers');
    const width = bag.dim + bag.maxPooled!;
    const meanOnly = bag.weight.map((v, i) => (i % width >= bag.dim ? 0 : v));
    const withoutMaxima = new KernelIntentModel(kernel.config, kernel.tokenizer, { ...kernel.weights, weight: meanOnly });
    assert.ok(probes.some((t) => maxDiff(withoutMaxima.probabilities(t), kernel.probabilities(t)) > 1e-2), 'the maxima move the answers');
    // In a batch, short texts are padded: padding must not win a maximum or change the mean.
    const batch = ['where is my order', 'i want my money back for the boots i returned last week', ''];
    const together = (await batchPipeline(batch, { top_k: null })) as { label: string; score: number }[][];
    batch.forEach((text, i) => {
      const alone = kernel.probabilities(text);
      for (const { label, score } of together[i]!) assert.ok(Math.abs(alone[kernel.labels.indexOf(label)]! - score) < 1e-4, `${JSON.stringify(text)} ${label}`);
    });
  } finally {
    await onnx.dispose();
    await batchPipeline.dispose();
  }
});

test('the shipped model reproduces its golden answers on the kernel and on ONNX Runtime', async () => {
  const golden = JSON.parse(readFileSync(join(SHIPPED_MODEL_DIR, 'golden.json'), 'utf8')) as {
    text: string;
    normalised: string;
    label: string;
    confidence: number;
    rejected: boolean;
  }[];
  const kernel = await loadKernelModel();
  const pipeline = new UnderstandingPipeline(kernel);
  const onnx = await TransformersIntentModel.load({ modelRoot: join(SHIPPED_MODEL_DIR, '..'), modelId: 'support-intent', device: 'cpu' });
  try {
    for (const g of golden) {
      assert.equal(pipeline.normalise(g.text), g.normalised, 'normaliseText changed: rebuild with `npm run models -- build-support-intent`');
      const k = kernel.classifySync(g.normalised);
      assert.equal(k.label, g.label, g.text);
      assert.ok(Math.abs(k.confidence - g.confidence) < 1e-6);
      const o = await onnx.classify(g.normalised);
      assert.equal(o.label, g.label, g.text);
      assert.equal(o.rejected, g.rejected, g.text);
      assert.ok(Math.abs(o.confidence - g.confidence) < 1e-4);
    }
  } finally {
    await onnx.dispose();
  }
});

test('the shipped model stays small', () => {
  const size = (p: string): number => (statSync(p).isDirectory() ? readdirSync(p).reduce((s, f) => s + size(join(p, f)), 0) : statSync(p).size);
  assert.ok(size(SHIPPED_MODEL_DIR) < 5 * 1024 * 1024);
});
