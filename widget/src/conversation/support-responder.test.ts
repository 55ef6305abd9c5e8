import assert from 'node:assert/strict';
import { readFile } from 'node:fs/promises';
import { before, describe, it } from 'node:test';
import type { KnowledgeSnapshot } from '../../../relay/src/knowledge/knowledge-snapshot.js';
import { AnswerEngine } from '../answers/answer-engine.js';
import { SnapshotKnowledgeSource } from '../answers/snapshot-knowledge.js';
import { EscalationPolicy } from '../escalation/policy.js';
import { loadKernelModel } from '../inference/model-files-node.js';
import { UnderstandingPipeline } from '../inference/understanding-pipeline.js';
import type { ConversationMessage } from './message.js';
import type { ResponderEvent, Turn } from './responder.js';
import { SupportResponder, type Understander } from './support-responder.js';

const snapshotUrl = new URL('../../../relay/src/knowledge/artifacts/demo-index.json', import.meta.url);

let pipeline: UnderstandingPipeline;
let answers: AnswerEngine;
const rulesOnly = new UnderstandingPipeline(null);

before(async () => {
  pipeline = new UnderstandingPipeline(await loadKernelModel(), { locale: 'en-GB' });
  // The fallback reads synchronously: complete only once the phone and date finders are in use.
  await rulesOnly.loadFinders();
  const snapshot = JSON.parse(await readFile(snapshotUrl, 'utf8')) as KnowledgeSnapshot;
  const knowledge = new SnapshotKnowledgeSource({ load: async () => snapshot });
  answers = new AnswerEngine({ knowledge, library: knowledge });
});

function responder(understander: Understander = pipeline) {
  return new SupportResponder({
    understander,
    policy: new EscalationPolicy(),
    answers,
    fallback: (text) => rulesOnly.understandNow(text),
  });
}

let seq = 0;
function visitor(text: string, extra: Partial<ConversationMessage> = {}): ConversationMessage {
  return { id: `m${++seq}`, conversationId: 'c1', role: 'visitor', text, at: Date.now(), status: 'delivered', ...extra };
}

async function run(text: string, history: ConversationMessage[] = [], understander?: Understander, escalated = false) {
  const turn: Turn = { conversationId: 'c1', message: visitor(text), history, escalated };
  const events: ResponderEvent[] = [];
  for await (const e of responder(understander).respond(turn, new AbortController().signal)) events.push(e);
  return events;
}

const reply = (events: ResponderEvent[]) =>
  events.flatMap((e) => (e.type === 'reply-delta' ? [e.text] : [])).join('');

describe('SupportResponder', () => {
  it('understands, then answers a help-centre question with a citation', async () => {
    const events = await run('how do I reset my password?');
    const understood = events.find((e) => e.type === 'understood');
    assert.ok(understood && understood.type === 'understood');
    assert.equal(understood.understanding.backend, 'kernel');
    const end = events.find((e) => e.type === 'reply-end');
    assert.ok(end && end.type === 'reply-end');
    assert.ok(end.citations.length > 0, 'a cited answer');
    assert.ok(reply(events).length > 20);
    assert.ok(!events.some((e) => e.type === 'escalate'));
  });

  it('hands an explicit request for a person straight to the handoff, without a bot answer', async () => {
    const events = await run('I want to talk to a real person please');
    const escalate = events.find((e) => e.type === 'escalate');
    assert.ok(escalate && escalate.type === 'escalate');
    assert.equal(escalate.decision.immediate, true);
    assert.ok(escalate.decision.reasons.some((r) => r.code === 'human-request'));
    assert.ok(!events.some((e) => e.type === 'reply-start'));
  });

  it('escalates a legal threat at once, and says why', async () => {
    const events = await run("This is unacceptable, I'm going to sue you");
    const escalate = events.find((e) => e.type === 'escalate');
    assert.ok(escalate && escalate.type === 'escalate');
    assert.ok(escalate.decision.reasons.some((r) => r.code === 'legal-threat'));
  });

  it('does not escalate a conversation a person already has', async () => {
    const events = await run('I want to talk to a human', [], undefined, true);
    assert.ok(!events.some((e) => e.type === 'escalate'));
  });

  it('understands but leaves the reply to a person who is chatting', async () => {
    const turn: Turn = { conversationId: 'c1', message: visitor('thank you!'), history: [], escalated: true, personActive: true };
    const events: ResponderEvent[] = [];
    for await (const e of responder().respond(turn, new AbortController().signal)) events.push(e);
    assert.deepEqual(events.map((e) => e.type), ['understood']);
  });

  it('keeps going on rules when the worker fails, and says so', async () => {
    const broken: Understander = { understand: () => Promise.reject(new Error('worker crashed')) };
    const events = await run('How do I reset my password?', [], broken);
    const understood = events.find((e) => e.type === 'understood');
    assert.ok(understood && understood.type === 'understood');
    assert.equal(understood.understanding.backend, 'rules');
    assert.match(understood.understanding.degraded ?? '', /worker crashed/);
    assert.ok(events.some((e) => e.type === 'reply-end'), 'the visitor still gets a reply (an answer or a plain decline)');
  });

  it('never sends the answer engine anything but the redacted view off the device', async () => {
    const events = await run('my card 4111 1111 1111 1111 was charged twice, email me at jo@example.com');
    const understood = events.find((e) => e.type === 'understood');
    assert.ok(understood && understood.type === 'understood');
    assert.ok(!understood.understanding.redacted.includes('4111'));
    assert.ok(!understood.understanding.redacted.includes('jo@example.com'));
  });
});
