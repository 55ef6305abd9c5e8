import { AnswerEngine, type AnswerEvent } from '../src/answers/answer-engine.js';
import { RacingKnowledgeSource } from '../src/answers/racing-knowledge.js';
import { RelayKnowledgeSource } from '../src/answers/relay-knowledge.js';
import { SnapshotKnowledgeSource } from '../src/answers/snapshot-knowledge.js';
import { SnapshotStore } from '../src/answers/snapshot-store.js';
import { registerOfflineSupport } from '../src/offline/register-offline.js';
import { KernelIntentModel } from '../src/inference/kernel-model.js';
import { fetchModelFiles } from '../src/inference/model-files.js';
import { UnderstandingPipeline } from '../src/inference/understanding-pipeline.js';
import { modelFingerprint } from '../../relay/src/knowledge/query-encoder.js';

/**
 * The page behind `serveAnswersPage`: the shipped intent model and the answer
 * engine wired as the widget wires them (the snapshot searched with the same
 * model's vectors as the relay), driven from playwright.
 */
const relayUrl = (window as unknown as { RELAY_URL: string }).RELAY_URL;
const MODEL_URL = '/models/support-intent/';
const store = new SnapshotStore();
const relay = new RelayKnowledgeSource(relayUrl, { timeoutMs: 1500 });
let pipeline: UnderstandingPipeline;
let engine: AnswerEngine;

export interface PageAnswer {
  text: string;
  citations: { title: string; url: string }[];
  origin: string;
  kind: string;
  /** ms from the call to the first reply-delta. */
  firstCharMs: number;
}


const api = {
  ready: (async () => {
    const modelFiles = ['config.json', 'tokenizer.json', 'tokenizer_config.json', 'onnx/model.onnx'].map((f) => MODEL_URL + f);
    const registration = await registerOfflineSupport({
      serviceWorkerUrl: '/sw.js',
      relayUrl,
      scope: '/',
      precache: ['/', '/app.js', ...modelFiles],
      assetPrefixes: ['/app.js', MODEL_URL],
      cachePages: true,
    });
    if (registration) await navigator.serviceWorker.ready;
    const files = await fetchModelFiles(MODEL_URL);
    const kernel = KernelIntentModel.fromFiles(files);
    pipeline = new UnderstandingPipeline(kernel, { locale: 'en' });
    // ask() reads synchronously, as the worker does once warm: with the phone and date finders, not without.
    await pipeline.loadFinders();
    // This page understands on its own thread, so its kernel embeds the queries too (the widget's worker does both).
    const model = await modelFingerprint('support-intent', files.onnx);
    const snapshot = new SnapshotKnowledgeSource(store);
    snapshot.setEmbedder({ embed: async (text) => ({ model, vector: kernel.embed(text) }) });
    engine = new AnswerEngine({ knowledge: new RacingKnowledgeSource(relay, snapshot), library: snapshot });
    if (navigator.onLine) await store.refresh(relayUrl).catch(() => undefined);
    return { serviceWorker: !!registration, snapshot: (await store.load())?.version ?? null };
  })(),
  controlled: () => !!navigator.serviceWorker?.controller,
  /** Sends `text` as the visitor would: understanding on the device, then the answer; timed from the send. */
  async ask(text: string): Promise<PageAnswer> {
    const started = performance.now();
    const u = pipeline.understandNow(text, []);
    let firstCharMs = -1;
    let answer = '';
    const result: PageAnswer = { text: '', citations: [], origin: '', kind: '', firstCharMs: -1 };
    const message = { id: crypto.randomUUID(), conversationId: 'bench', role: 'visitor' as const, text, at: Date.now(), status: 'sent' as const, understanding: u };
    for await (const e of engine.answer({ message, understanding: u, history: [] }) as AsyncIterable<AnswerEvent>) {
      if (e.type === 'reply-delta') {
        if (firstCharMs < 0) firstCharMs = performance.now() - started;
        answer += e.text;
      } else if (e.type === 'reply-end') result.citations = e.citations;
      else if (e.type === 'answer-outcome') {
        result.origin = e.outcome.origin;
        result.kind = e.outcome.kind;
      }
    }
    return { ...result, text: answer, firstCharMs };
  },
  /** A second, empty snapshot store filled through fetch: offline, only the service worker's cache can answer. */
  async snapshotViaServiceWorker(): Promise<number> {
    const fresh = new SnapshotStore({ dbName: `fresh-${Date.now()}` });
    await fresh.refresh(relayUrl);
    return (await fresh.load())?.documents.length ?? 0;
  },
};

(window as unknown as { answers: typeof api }).answers = api;
