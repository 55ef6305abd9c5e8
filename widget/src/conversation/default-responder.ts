import type { Understanding } from '../../../protocol/understanding.js';
import { AnswerEngine } from '../answers/answer-engine.js';
import type { GenerativeModel } from '../answers/generative-model.js';
import type { KnowledgeSource } from '../answers/knowledge-source.js';
import { RacingKnowledgeSource } from '../answers/racing-knowledge.js';
import { RelayKnowledgeSource } from '../answers/relay-knowledge.js';
import { SnapshotKnowledgeSource } from '../answers/snapshot-knowledge.js';
import { SnapshotStore } from '../answers/snapshot-store.js';
import { customerSessionFor } from '../customer/customer-session.js';
import { EscalationPolicy } from '../escalation/policy.js';
import type { UnderstandingClient } from '../inference/understanding-client.js';
import { answerText } from '../locale/answer-text.js';
import { sayFor, type TextSource } from '../locale/ui-text.js';
import type { Responder } from './responder.js';
import { SupportResponder } from './support-responder.js';

/** What a responder may need to know about the site it answers for. */
export interface ResponderSettings {
  site: string;
  /** The relay's base URL, empty when the site runs without one. */
  relay: string;
  locale: string;
  product: string;
  /** Where the widget's text comes from (locale, translation, overrides), for the answer engine's own sentences; English when absent. */
  textSource?: TextSource;
  /** Tier 2: the on-device language model once the visitor agreed and it loaded; read on every answer. */
  generative?: () => GenerativeModel | undefined;
  /** Resolves when the widget is quiet (nothing being understood or answered): the knowledge snapshot's refresh waits for it. */
  quiet?: Promise<void>;
}

/**
 * The responder a widget uses unless the page sets `widget.responder`. Loaded
 * with the panel, never before: it understands with the element's inference
 * worker (`understander`: the shipped model's TypeScript kernel, no ONNX
 * Runtime; usually warm already), opens the visitor's relay session, and
 * refreshes the cached knowledge snapshot once the widget is quiet, all in
 * the background.
 */
export function createDefaultResponder(settings: ResponderSettings, understander: UnderstandingClient): Responder {
  const { relay, site } = settings;
  const session = customerSessionFor({ relay, site });
  void session.start();

  const store = new SnapshotStore({ dbName: `support-widget-knowledge:${site}` });
  if (relay) void (settings.quiet ?? Promise.resolve()).then(() => store.refresh(relay)).catch(() => undefined);
  const snapshot = new SnapshotKnowledgeSource(store);
  // Offline ranking by meaning too, as the relay ranks: the worker embeds queries with the model it already
  // holds, so this thread never fetches or parses the model a second time.
  snapshot.setEmbedder(understander);
  const knowledge: KnowledgeSource = relay ? new RacingKnowledgeSource(new RelayKnowledgeSource(relay), snapshot) : snapshot;

  return new SupportResponder({
    understander,
    policy: new EscalationPolicy(),
    answers: new AnswerEngine({
      knowledge,
      library: snapshot,
      ...(settings.generative ? { generative: settings.generative } : {}),
      say: sayFor(settings.textSource, answerText),
    }),
    customer: () => session.context,
    fallback: unanalysed,
  });
}

/** When the worker cannot answer at all: nothing is known, and nothing unredacted may leave. */
function unanalysed(): Understanding {
  return {
    intent: { label: 'unknown', confidence: 0, rejected: true, alternatives: [] },
    sentiment: 0,
    frustration: { score: 0, signals: [] },
    entities: [],
    language: 'und',
    redacted: '[message not analysed]',
    pii: [],
    backend: 'rules',
  };
}
