import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { before, test } from 'node:test';
import type { Understanding } from '../../protocol/understanding.js';
import type { IntentModel } from '../src/inference/intent-model.js';
import { KernelIntentModel } from '../src/inference/kernel-model.js';
import { loadKernelModel, readModelFiles, SHIPPED_MODEL_DIR } from '../src/inference/model-files-node.js';
import { ModelLoadError } from '../src/inference/model-files.js';
import { OnnxFormatError } from '../src/inference/onnx-initializers.js';
import { NO_INTENT, UnderstandingPipeline } from '../src/inference/understanding-pipeline.js';

let kernel: KernelIntentModel;
before(async () => {
  kernel = await loadKernelModel();
});

function assertValid(u: Understanding): void {
  assert.equal(typeof u.intent.label, 'string');
  assert.ok(u.intent.confidence >= 0 && u.intent.confidence <= 1);
  assert.equal(typeof u.intent.rejected, 'boolean');
  assert.ok(Array.isArray(u.intent.alternatives));
  assert.ok(u.sentiment >= -1 && u.sentiment <= 1);
  assert.ok(u.frustration.score >= 0 && u.frustration.score <= 1);
  assert.ok(Array.isArray(u.entities));
  assert.equal(typeof u.language, 'string');
  assert.equal(typeof u.redacted, 'string');
  assert.ok(Array.isArray(u.pii));
  assert.ok(['kernel', 'onnx-wasm', 'onnx-webgpu', 'rules'].includes(u.backend));
  assert.doesNotThrow(() => JSON.stringify(u));
}

test('visitor wording reaches the right intent through normalisation and the shipped model', async () => {
  const pipeline = new UnderstandingPipeline(kernel, { locale: 'en-GB' });
  const cases: [string, string][] = [
    ['wheres my stuff??', 'track_order'],
    ['me parcel still hasnt come', 'track_order'],
    ["I can't pay my bill", 'payment_issue'],
    ['i want my money back', 'get_refund'],
    ['get me a human', 'contact_human_agent'],
    ['hiya', 'greeting'],
    ['Thanks!!!!', 'thanks'],
  ];
  for (const [text, label] of cases) {
    const u = await pipeline.understand(text, []);
    assert.equal(u.intent.label, label, text);
    assert.equal(u.intent.rejected, false, text);
    assert.equal(u.backend, 'kernel');
  }
  const weather = await pipeline.understand('what will the weather be in Paris tomorrow', []);
  assert.equal(weather.intent.rejected, true);
});

test('signals come from what the visitor wrote: PII is redacted, entities found', async () => {
  const pipeline = new UnderstandingPipeline(kernel);
  const u = await pipeline.understand('where is order 12345678? email me at jo@example.com', []);
  assert.ok(!u.redacted.includes('jo@example.com'));
  assert.ok(u.pii.includes('email'));
  assertValid(u);
});

test('bad input of every kind gives a valid Understanding quickly', async () => {
  const pipeline = new UnderstandingPipeline(kernel);
  const inputs: unknown[] = [
    '',
    '   ',
    'x'.repeat(100_000),
    'where is my order '.repeat(6000),
    '\u0000\u0001\u0002\u0003\ufffd\ufffd\u0007'.repeat(50),
    'hello مرحبا 你好 Привет שלום',
    '😡😡😡🔥🔥',
    'أين طلبي؟ لم يصل بعد',
    '\u202eredro ym si erehw',
    undefined,
    42,
  ];
  for (const input of inputs) {
    const t0 = performance.now();
    const u = await pipeline.understand(input, []);
    assert.ok(performance.now() - t0 < 1000, `slow on ${JSON.stringify(String(input).slice(0, 20))}`);
    assertValid(u);
    assert.equal(u.backend, 'kernel');
  }
});

test('without a model, or with a model that throws, the rules still answer and say why', async () => {
  const rules = new UnderstandingPipeline(null);
  const u = await rules.understand('this is unacceptable, I will sue', []);
  assertValid(u);
  assert.equal(u.backend, 'rules');
  assert.deepEqual(u.intent, NO_INTENT);
  assert.match(u.degraded ?? '', /no intent model/);
  assert.ok(u.frustration.signals.some((s) => s.kind === 'legal-threat'));

  const broken: IntentModel = {
    backend: 'onnx-wasm',
    labels: ['a'],
    classify: () => Promise.reject(new Error('session lost')),
  };
  const b = await new UnderstandingPipeline(broken).understand('where is my order', []);
  assert.equal(b.backend, 'rules');
  assert.match(b.degraded ?? '', /intent model failed: session lost/);
});

test('a corrupt or mismatched model fails to load with a clear error, never a half-working model', async () => {
  const files = await readModelFiles(SHIPPED_MODEL_DIR);
  assert.throws(() => KernelIntentModel.fromFiles({ ...files, onnx: new Uint8Array([0x08, 0x07, 0x3a, 0xff, 0xff]) }), OnnxFormatError);
  assert.throws(() => KernelIntentModel.fromFiles({ ...files, onnx: files.onnx.subarray(0, files.onnx.length / 2) }), OnnxFormatError);
  assert.throws(
    () => KernelIntentModel.fromFiles({ ...files, config: { ...files.config, support_widget: { ...files.config.support_widget!, dim: 7 } } }),
    OnnxFormatError,
  );
  assert.throws(() => KernelIntentModel.fromFiles({ ...files, config: { id2label: { 0: 'a' } } }), /embedding-bag-v1/);
  await assert.rejects(readModelFiles(join(SHIPPED_MODEL_DIR, 'missing')), ModelLoadError);
  assert.ok((await readFile(join(SHIPPED_MODEL_DIR, 'onnx/model.onnx'))).length > 0);
});

test('rejection profiles: high-risk is stricter than default', async () => {
  const config = kernel.config.support_widget!;
  assert.ok(config.profiles['high-risk']!.threshold > config.profiles.default!.threshold);
  const strict = await loadKernelModel(SHIPPED_MODEL_DIR, 'high-risk');
  assert.equal(strict.activeThreshold, config.profiles['high-risk']!.threshold);
  strict.useProfile('no-such-profile');
  assert.equal(strict.activeThreshold, config.threshold);
});

test('embed gives unit-length sentence vectors whose similarity follows meaning', () => {
  const dot = (a: Float32Array, b: Float32Array) => a.reduce((s, v, i) => s + v * b[i]!, 0);
  const order = kernel.embed('where is my order');
  const parcel = kernel.embed('track my package');
  const account = kernel.embed('delete my account');
  assert.equal(order.length, kernel.dimensions);
  assert.ok(Math.abs(dot(order, order) - 1) < 1e-5);
  assert.ok(dot(order, parcel) > dot(order, account));
  assert.ok(kernel.embed('').every((v) => v === 0));
});

const PHONE_AND_DATE = 'call me on 07700 900123 about my order from 3rd March';

test('the very first message of a fresh pipeline, with a phone and a date, is complete', async () => {
  for (const loadFinders of ['now', 'on-demand'] as const) {
    const u = await new UnderstandingPipeline(kernel, { locale: 'en-GB', loadFinders }).understand(PHONE_AND_DATE, []);
    assertValid(u);
    assert.equal(u.degraded, undefined, loadFinders);
    assert.deepEqual(u.entities.map((e) => e.kind), ['phone', 'date'], loadFinders);
    assert.equal(u.entities[0]!.value, '+447700900123');
    assert.equal(u.redacted, 'call me on [PHONE] about my order from 3rd March');
  }
});

test('a message with no digits or dates does not wait for the phone and date libraries', async () => {
  const pipeline = new UnderstandingPipeline(kernel, { locale: 'en-GB', loadFinders: 'on-demand' });
  const u = pipeline.understandNow('hi, where is my order?', []);
  assert.equal(u.degraded, undefined);
  assert.equal(u.intent.label, 'track_order');
  assert.deepEqual(await pipeline.understand('hi, where is my order?', []), u);
});

test('until loadFinders() resolves, loaded now or on demand, a synchronous read hides phones by shape and says so', async () => {
  for (const loadFinders of ['now', 'on-demand'] as const) {
    const pipeline = new UnderstandingPipeline(kernel, { locale: 'en-GB', loadFinders });
    const early = pipeline.understandNow(PHONE_AND_DATE, []);
    assertValid(early);
    assert.equal(early.redacted, 'call me on [PHONE] about my order from 3rd March', loadFinders);
    assert.deepEqual(early.entities, [], loadFinders);
    assert.match(early.degraded ?? '', /phone and date finders not loaded/, loadFinders);
    await pipeline.loadFinders();
    const later = pipeline.understandNow(PHONE_AND_DATE, []);
    assert.equal(later.degraded, undefined, loadFinders);
    assert.deepEqual(later.entities.map((e) => e.kind), ['phone', 'date'], loadFinders);
  }
});
