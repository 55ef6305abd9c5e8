import { expect } from 'chai';
import type { Understanding, UnderstandingBackend } from '../../protocol/understanding.js';
import { UnderstandingClient, UnderstandingTimeoutError } from '../src/inference/understanding-client.js';
import { startUnderstanding } from '../src/inference/understanding-start.js';
import type { UnderstandingWorkerConfig } from '../src/inference/worker-protocol.js';

interface Golden {
  text: string;
  label: string;
  confidence: number;
  rejected: boolean;
}

const MODEL_URL = '/models/support-intent/';
const ONNX = { modelRoot: '/models/', modelId: 'support-intent', wasmBaseUrl: '/node_modules/onnxruntime-web/dist/' };
let golden: Golden[];
const clients: UnderstandingClient[] = [];

function client(config: UnderstandingWorkerConfig, onBackendChange?: (b: UnderstandingBackend, d?: string) => void) {
  const c = new UnderstandingClient({ config, timeoutMs: 30_000, onBackendChange });
  clients.push(c);
  return c;
}

function backendChange(config: UnderstandingWorkerConfig): Promise<{ client: UnderstandingClient; backend: UnderstandingBackend; degraded?: string }> {
  return new Promise((resolve) => {
    const c: UnderstandingClient = client(config, (backend, degraded) => resolve({ client: c, backend, degraded }));
  });
}

function expectValid(u: Understanding): void {
  expect(u.intent.label).to.be.a('string');
  expect(u.intent.confidence).to.be.within(0, 1);
  expect(u.sentiment).to.be.within(-1, 1);
  expect(u.frustration.score).to.be.within(0, 1);
  expect(u.redacted).to.be.a('string');
  expect(u.entities).to.be.an('array');
}

async function expectGolden(c: UnderstandingClient, tolerance: number): Promise<void> {
  for (const g of golden) {
    const u = await c.understand(g.text, []);
    expect(u.intent.label, `${g.text} ${JSON.stringify(u.intent)}`).to.equal(g.label);
    expect(u.intent.rejected, g.text).to.equal(g.rejected);
    expect(Math.abs(u.intent.confidence - g.confidence), g.text).to.be.below(tolerance);
  }
}

describe('understanding worker', function () {
  this.timeout(60_000);

  before(async () => {
    golden = await (await fetch(`${MODEL_URL}golden.json`)).json();
  });

  after(() => {
    for (const c of clients) c.terminate();
  });

  it('answers with the TypeScript kernel, agreeing with the Node kernel that wrote golden.json', async () => {
    const c = client({ modelUrl: MODEL_URL });
    const ready = await c.ready;
    expect(ready.backend).to.equal('kernel');
    expect(ready.degraded).to.equal(undefined);
    await expectGolden(c, 1e-5);
    const u = await c.understand('wheres me parcel?? my email is jo@example.com', []);
    expect(u.intent.label).to.equal('track_order');
    expect(u.redacted).not.to.contain('jo@example.com');
    expect(u.backend).to.equal('kernel');
  });

  it('answers a first message with a phone number and a date completely, loading those libraries for it', async () => {
    const c = client({ modelUrl: MODEL_URL, locale: 'en-GB' });
    const u = await c.understand('call me on 07700 900123 about my order from 3rd March', []);
    expect(u.degraded, u.degraded).to.equal(undefined);
    expect(u.backend).to.equal('kernel');
    expect(u.entities.map((e) => e.kind)).to.deep.equal(['phone', 'date']);
    expect(u.entities[0]!.value).to.equal('+447700900123');
    expect(u.redacted).to.equal('call me on [PHONE] about my order from 3rd March');
  });

  it('starts one worker per configuration, shared by whoever asks first and later', async () => {
    const config = { modelUrl: MODEL_URL, locale: 'en-AU' };
    const early = startUnderstanding({ config, timeoutMs: 30_000 });
    clients.push(early);
    expect(startUnderstanding({ config: { ...config }, timeoutMs: 5 })).to.equal(early);
    const other = startUnderstanding({ config: { modelUrl: MODEL_URL, locale: 'en-US' } });
    clients.push(other);
    expect(other).not.to.equal(early);
    expect((await early.understand('wheres me parcel??', [])).intent.label).to.equal('track_order');
    early.terminate();
    const fresh = startUnderstanding({ config, timeoutMs: 30_000 });
    clients.push(fresh);
    expect(fresh).not.to.equal(early);
    expect((await fresh.ready).backend).to.equal('kernel');
  });

  it('runs the shipped model through transformers.js on WASM (runtime from node_modules) and agrees', async () => {
    const { client: c, backend, degraded } = await backendChange({ modelUrl: MODEL_URL, onnx: { ...ONNX, device: 'wasm' } });
    expect(degraded, degraded).to.equal(undefined);
    expect(backend).to.equal('onnx-wasm');
    await expectGolden(c, 1e-4);
    expect((await c.understand('where is my order', [])).backend).to.equal('onnx-wasm');
  });

  it('runs it on WebGPU (SwiftShader adapter) and agrees', async () => {
    const gpu = (navigator as Navigator & { gpu?: { requestAdapter(): Promise<unknown> } }).gpu;
    expect(gpu, 'navigator.gpu').to.not.equal(undefined);
    expect(await gpu!.requestAdapter(), 'WebGPU adapter').to.not.equal(null);
    const { client: c, backend, degraded } = await backendChange({ modelUrl: MODEL_URL, onnx: { ...ONNX, device: 'webgpu' } });
    expect(degraded).to.equal(undefined);
    expect(backend).to.equal('onnx-webgpu');
    await expectGolden(c, 1e-3);
  });

  it('falls back to rules with a visible reason when the model is missing or corrupt', async () => {
    for (const modelUrl of ['/models/no-such-model/', '/widget/test/fixtures/inference/corrupt-model/']) {
      const c = client({ modelUrl });
      const ready = await c.ready;
      expect(ready.backend).to.equal('rules');
      expect(ready.degraded).to.match(/failed to load/);
      const u = await c.understand('I will sue you, this is unacceptable!!!', []);
      expectValid(u);
      expect(u.backend).to.equal('rules');
      expect(u.degraded).to.match(/failed to load/);
      expect(u.intent.rejected).to.equal(true);
    }
  });

  it('keeps the kernel when the background ONNX model cannot load', async () => {
    const { client: c, backend, degraded } = await backendChange({
      modelUrl: MODEL_URL,
      onnx: { ...ONNX, modelId: 'no-such-model', device: 'wasm' },
    });
    expect(backend).to.equal('kernel');
    expect(degraded).to.match(/ONNX model failed to load/);
    expect((await c.understand('where is my order', [])).intent.label).to.equal('track_order');
  });

  it('gives a valid Understanding for empty, huge, binary, mixed-script, emoji-only and RTL messages', async () => {
    const c = client({ modelUrl: MODEL_URL });
    await c.ready;
    for (const text of ['', 'x'.repeat(100_000), '\u0000\u0001\ufffd'.repeat(100), 'hi مرحبا 你好 Привет', '😡😡🔥', 'أين طلبي؟']) {
      const t0 = performance.now();
      const u = await c.understand(text, []);
      expect(performance.now() - t0).to.be.below(1000);
      expectValid(u);
    }
  });

  it('times out a request the worker never answers, and rejects pending ones on terminate', async () => {
    const silent = new Worker(URL.createObjectURL(new Blob(['onmessage = () => {}'], { type: 'text/javascript' })));
    const c = new UnderstandingClient({ config: { modelUrl: null }, worker: silent, timeoutMs: 50 });
    let error: unknown;
    try {
      await c.understand('hello');
    } catch (err) {
      error = err;
    }
    expect(error).to.be.instanceOf(UnderstandingTimeoutError);
    const pending = c.understand('hello again');
    c.terminate();
    let terminated: unknown;
    try {
      await pending;
    } catch (err) {
      terminated = err;
    }
    expect(String(terminated)).to.match(/terminated/);
  });
});
