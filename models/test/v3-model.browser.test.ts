import { expect } from 'chai';
import type { UnderstandingBackend } from '../../protocol/understanding.js';
import { UnderstandingClient } from '../../widget/src/inference/understanding-client.js';
import type { UnderstandingWorkerConfig } from '../../widget/src/inference/worker-protocol.js';

/**
 * A model with every part a trained model can have (`embedding-bag-v3`:
 * averaged and max-pooled bag, lexical head) runs the same in
 * the browser worker's kernel, ONNX Runtime WASM and ONNX Runtime WebGPU as
 * in the Node kernel that wrote its golden.json. The fixture was written by
 * `npm run models -- train` on `tiny-intents.csv` (see its README.md).
 */
const MODEL_URL = '/models/test/fixtures/v3-model/';
const ONNX = { modelRoot: '/models/test/fixtures/', modelId: 'v3-model', wasmBaseUrl: '/node_modules/onnxruntime-web/dist/' };

interface Golden {
  text: string;
  label: string;
  confidence: number;
  rejected: boolean;
}

describe('a model with maxima and a lexical head in the browser', function () {
  this.timeout(60_000);
  let golden: Golden[];
  const clients: UnderstandingClient[] = [];

  before(async () => {
    golden = await (await fetch(`${MODEL_URL}golden.json`)).json();
    expect(golden.length).to.be.greaterThan(10);
  });

  after(() => clients.forEach((c) => c.terminate()));

  /** A worker on `config`, once it reports `want` as its backend. */
  function workerOn(config: UnderstandingWorkerConfig, want: UnderstandingBackend): Promise<UnderstandingClient> {
    return new Promise((resolve, reject) => {
      const c: UnderstandingClient = new UnderstandingClient({
        config,
        timeoutMs: 30_000,
        onBackendChange: (backend, degraded) => (backend === want ? resolve(c) : reject(new Error(`${backend}: ${degraded}`))),
      });
      clients.push(c);
      if (want === 'kernel') c.ready.then((r) => (r.backend === 'kernel' ? resolve(c) : reject(new Error(`${r.backend}: ${r.degraded}`))), reject);
    });
  }

  async function expectGolden(c: UnderstandingClient, backend: UnderstandingBackend, tolerance: number): Promise<void> {
    for (const g of golden) {
      const u = await c.understand(g.text, []);
      expect(u.backend, `${g.text}: ${JSON.stringify(u.degraded)}`).to.equal(backend);
      expect(u.intent.label, g.text).to.equal(g.label);
      expect(u.intent.rejected, g.text).to.equal(g.rejected);
      expect(Math.abs(u.intent.confidence - g.confidence), g.text).to.be.below(tolerance);
    }
  }

  it('on the worker\'s TypeScript kernel', async () => {
    await expectGolden(await workerOn({ modelUrl: MODEL_URL }, 'kernel'), 'kernel', 1e-5);
  });

  it('on ONNX Runtime WASM', async () => {
    await expectGolden(await workerOn({ modelUrl: MODEL_URL, onnx: { ...ONNX, device: 'wasm' } }, 'onnx-wasm'), 'onnx-wasm', 1e-4);
  });

  it('on ONNX Runtime WebGPU (SwiftShader adapter)', async () => {
    await expectGolden(await workerOn({ modelUrl: MODEL_URL, onnx: { ...ONNX, device: 'webgpu' } }, 'onnx-webgpu'), 'onnx-webgpu', 1e-3);
  });
});
