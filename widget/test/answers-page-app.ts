import { AnswerEngine, type AnswerEvent } from '../src/answers/answer-engine.js';
import { RacingKnowledgeSource } from '../src/answers/racing-knowledge.js';
import { RelayKnowledgeSource } from '../src/answers/relay-knowledge.js';
import { SnapshotKnowledgeSource } from '../src/answers/snapshot-knowledge.js';
import { SnapshotStore } from '../src/answers/snapshot-store.js';
import { registerOfflineSupport } from '../src/offline/register-offline.js';
import type { Understanding } from '../../protocol/understanding.js';

/** The page behind `serveAnswersPage`: the answer engine wired as the widget wires it, driven from playwright. */
const relayUrl = (window as unknown as { RELAY_URL: string }).RELAY_URL;
const store = new SnapshotStore();
const snapshot = new SnapshotKnowledgeSource(store);
const relay = new RelayKnowledgeSource(relayUrl, { timeoutMs: 1500 });
const engine = new AnswerEngine({ knowledge: new RacingKnowledgeSource(relay, snapshot, { relayBudgetMs: 250 }), library: snapshot });

export interface PageAnswer {
  text: string;
  citations: { title: string; url: string }[];
  origin: string;
  kind: string;
  /** ms from the call to the first reply-delta. */
  firstCharMs: number;
}

function understanding(text: string, label: string, confidence: number, rejected: boolean): Understanding {
  return {
    intent: { label, confidence, rejected, alternatives: [] },
    sentiment: 0,
    frustration: { score: 0, signals: [] },
    entities: [],
    language: 'en',
    redacted: text,
    pii: [],
    backend: 'rules',
  };
}

const api = {
  ready: (async () => {
    const registration = await registerOfflineSupport({ serviceWorkerUrl: '/sw.js', relayUrl, scope: '/', precache: ['/', '/app.js'], assetPrefixes: ['/app.js'], cachePages: true });
    if (registration) await navigator.serviceWorker.ready;
    if (navigator.onLine) await store.refresh(relayUrl).catch(() => undefined);
    return { serviceWorker: !!registration, snapshot: (await store.load())?.version ?? null };
  })(),
  controlled: () => !!navigator.serviceWorker?.controller,
  async ask(text: string, label = 'track_order', confidence = 0.9, rejected = false): Promise<PageAnswer> {
    const u = understanding(text, label, confidence, rejected);
    const started = performance.now();
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
