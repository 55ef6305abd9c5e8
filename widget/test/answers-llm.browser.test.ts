import { expect } from 'chai';
import { AnswerEngine, type AnswerEvent, type AnswerOutcome } from '../src/answers/answer-engine.js';
import { GROUNDED_ANSWER_SCHEMA, groundedPrompt } from '../src/answers/grounded-prompt.js';
import { SnapshotKnowledgeSource } from '../src/answers/snapshot-knowledge.js';
import { canRunLlm, probeWebGpu, SMALL_LLM_REQUIREMENTS } from '../src/answers/webgpu-capability.js';
import { WebLlmModel } from '../src/answers/web-llm-model.js';
import { offerGenerativeTier } from '../src/answers/generative-tier.js';
import { ChromeLanguageModel } from '../src/answers/chrome-language-model.js';
import type { GenerativeModel } from '../src/answers/generative-model.js';
import { FIXTURE_SNAPSHOT, understand, visitorMessage } from './answers-fixtures.js';
import { PromptApiStandIn } from './prompt-api-stand-in.js';

const deterministicWorker = () => new Worker(new URL('./answers-deterministic-llm.worker.ts', import.meta.url), { type: 'module' });
const config = { modelId: 'det-0.1B-q4f16_1-MLC', modelUrl: '/models/det-0.1B/', modelLibUrl: '/models/det-0.1B.wasm' };

async function collect(engine: AnswerEngine, text: string, label = 'get_refund') {
  const u = understand(text, { label });
  const events: AnswerEvent[] = [];
  const started = performance.now();
  let firstText = Infinity;
  for await (const e of engine.answer({ message: visitorMessage(text, u), understanding: u, history: [] })) {
    if (e.type === 'reply-delta') firstText = Math.min(firstText, performance.now() - started);
    events.push(e);
  }
  const replies = events.flatMap((e) => (e.type === 'reply-start' ? [{ id: e.replyId, origin: e.origin }] : []));
  /** Every state of a reply's text as the visitor saw it while it streamed, last one final. */
  const statesOf = (id: string | undefined) =>
    events.reduce<string[]>((states, e) => {
      if (e.type === 'reply-delta' && e.replyId === id) states.push((states.at(-1) ?? '') + e.text);
      if (e.type === 'reply-replace' && e.replyId === id) states.push(e.text);
      return states;
    }, []);
  const textOf = (id: string | undefined) => statesOf(id).at(-1) ?? '';
  return {
    events,
    replies,
    firstText,
    /** The tier-2 reply's text ('' when there was none), and each state it showed on the way. */
    text: textOf(replies.find((r) => r.origin === 'llm')?.id),
    states: statesOf(replies.find((r) => r.origin === 'llm')?.id),
    tier1: textOf(replies[0]?.id),
    /** The last reply's outcome. */
    outcome: events.flatMap((e) => (e.type === 'answer-outcome' ? [e.outcome] : [])).at(-1) as AnswerOutcome,
  };
}

describe('tier 2: web-llm through its real worker protocol', () => {
  let model: WebLlmModel;
  const progress: number[] = [];

  before(async () => {
    model = new WebLlmModel(config, deterministicWorker);
    expect(model.state).to.equal('unloaded');
    await model.load((p) => progress.push(p.progress));
  });
  after(() => model.unload());

  it('loads through CreateWebWorkerMLCEngine with the self-hosted appConfig, reporting progress', () => {
    expect(model.state).to.equal('ready');
    expect(progress[0]).to.equal(0);
    expect(progress.at(-1)).to.equal(1);
    expect(progress.length).to.be.at.least(3);
  });

  it('streams a JSON-constrained reply token by token', async () => {
    const tokens: string[] = [];
    const messages = groundedPrompt('where do I print a returns label', [{ title: 'Returns', sentences: ['Print a returns label from Account.'] }], {});
    for await (const t of model.stream({ messages, jsonSchema: GROUNDED_ANSWER_SCHEMA as never })) tokens.push(t);
    expect(tokens.length).to.be.greaterThan(5);
    const reply = JSON.parse(tokens.join(''));
    expect(reply).to.deep.equal({ answer: 'Print a returns label from Account.', sources: [1], answerable: true });
  });

  it('answers with tier 1 at once, then tier 2 in a second reply: grounded, cited, the injected instruction never reaching the model', async () => {
    const snapshot = new SnapshotKnowledgeSource({ load: async () => FIXTURE_SNAPSHOT });
    const engine = new AnswerEngine({ knowledge: snapshot, library: snapshot, generative: () => model });
    const r = await collect(engine, 'how do I return an item?');
    expect(r.replies.map((x) => x.origin)).to.deep.equal(['device', 'llm']);
    expect(r.tier1).to.match(/within 60 days/);
    expect(r.outcome.origin).to.equal('llm');
    expect(r.outcome.tier).to.equal(2);
    expect(r.text).to.match(/return unworn items within 60 days/);
    expect(r.text).not.to.match(/instructed|voucher|full refund/i);
    expect(r.outcome.citations).to.deep.equal([{ title: 'How returns work', url: '/help/returns' }]);
    const llmId = r.replies[1]!.id;
    // Token by token, not a sentence at a time: far more steps than the answer has sentences.
    expect(r.events.filter((e) => e.type === 'reply-delta' && e.replyId === llmId).length).to.be.greaterThan(8);
    const end = r.events.find((e) => e.type === 'reply-end' && e.replyId === llmId);
    expect(end && 'askFeedback' in end && end.askFeedback).to.equal(false);
  });

  it('adds nothing when the model says it cannot answer: nothing of its reply is shown', async () => {
    const unsure: GenerativeModel = {
      id: 'unsure',
      state: 'ready',
      load: async () => {},
      unload: async () => {},
      async *stream() {
        for (const token of ['{"answer', 'able": false, ', '"answer": "I\'m not', ' sure at all.", ', '"sources": []}']) yield token;
      },
    };
    const snapshot = new SnapshotKnowledgeSource({ load: async () => FIXTURE_SNAPSHOT });
    const engine = new AnswerEngine({ knowledge: snapshot, library: snapshot, generative: unsure });
    const r = await collect(engine, 'how do I return an item?');
    expect(r.replies.map((x) => x.origin)).to.deep.equal(['device']);
    expect(r.outcome.tier).to.equal(1);
  });

  it('drops a promise the model makes and says a person can confirm instead', async () => {
    const snapshot = new SnapshotKnowledgeSource({ load: async () => FIXTURE_SNAPSHOT });
    const engine = new AnswerEngine({ knowledge: snapshot, library: snapshot, generative: model });
    const r = await collect(engine, 'can you promise how I return an item?');
    expect(r.outcome.origin).to.equal('llm');
    expect(r.text).not.to.match(/You will get a full refund/);
    expect(r.text).to.match(/A person from our team can confirm/);
    // Not even for a moment: the sentence's words showed only up to "will", and were taken back.
    expect(r.states.filter((t) => /will|full refund/.test(t))).to.deep.equal([]);
    expect(r.states.some((t) => t.startsWith('You '))).to.equal(true);
    expect(r.events.some((e) => e.type === 'reply-replace')).to.equal(true);
  });

  it('never makes the visitor wait: tier 1 is on screen at once, and a model slower than its budget adds nothing', async () => {
    const snapshot = new SnapshotKnowledgeSource({ load: async () => FIXTURE_SNAPSHOT });
    const engine = new AnswerEngine({ knowledge: snapshot, library: snapshot, generative: model, generativeFirstSentenceMs: 150 });
    const started = performance.now();
    const r = await collect(engine, 'slowly: how do I return an item?');
    expect(r.firstText).to.be.below(500);
    expect(r.outcome.tier).to.equal(1);
    expect(r.replies.map((x) => x.origin)).to.deep.equal(['device']);
    expect(performance.now() - started).to.be.below(1500);
  });
});

describe('WebGPU capability check', () => {
  it('finds the SwiftShader adapter, reports its limits, and keeps visitors off a software GPU', async () => {
    const capability = await probeWebGpu();
    expect(capability.webgpu).to.equal(true);
    expect(capability.adapter?.software).to.equal(true);
    expect(capability.maxStorageBufferBindingSize).to.be.greaterThan(0);
    const verdict = canRunLlm(capability);
    expect(verdict.ok).to.equal(false);
    expect((verdict as { reason: string }).reason).to.match(/software/);
    const forDemo = canRunLlm(capability, { ...SMALL_LLM_REQUIREMENTS, allowSoftwareAdapter: true });
    expect(forDemo.ok).to.equal(capability.maxStorageBufferBindingSize >= SMALL_LLM_REQUIREMENTS.minStorageBufferBindingSize);
    expect(canRunLlm(capability, { ...SMALL_LLM_REQUIREMENTS, allowSoftwareAdapter: true, requiredFeatures: ['no-such-feature'] }).ok).to.equal(false);
  });

  it('reports no WebGPU when the browser has none', async () => {
    expect((await probeWebGpu(null)).webgpu).to.equal(false);
  });

  it('offers no tier 2 unless the site enables it, and never on a software adapter', async () => {
    expect((await offerGenerativeTier({ enabled: false })).available).to.equal(false);
    const offer = await offerGenerativeTier({ enabled: true, useBrowserModel: false, webLlm: config });
    expect(offer.available).to.equal(false);
    expect((offer as { reason: string }).reason).to.match(/software/);
  });
});

describe("tier 2: Chrome's built-in LanguageModel", () => {
  const PromptApi = new PromptApiStandIn(() => '{"answer":"Print a label.","sources":[1],"answerable":true}');
  const global = globalThis as { LanguageModel?: unknown };
  before(() => (global.LanguageModel = PromptApi));
  after(() => delete global.LanguageModel);

  it('is offered first when the browser has it, asks consent before its download, reports progress and streams with the schema', async () => {
    const offer = await offerGenerativeTier({ enabled: true });
    expect(offer.available).to.equal(true);
    if (!offer.available) return;
    expect(offer.model).to.be.instanceOf(ChromeLanguageModel);
    expect(offer.needsConsent).to.equal(true);
    const progress: number[] = [];
    await offer.model.load((p) => progress.push(p.progress));
    expect(progress).to.deep.equal([0, 0.5, 1]);
    const messages = groundedPrompt('label?', [{ title: 'Returns', sentences: ['Print a label.'] }], {});
    let text = '';
    for await (const chunk of offer.model.stream({ messages, jsonSchema: GROUNDED_ANSWER_SCHEMA as never })) text += chunk;
    expect(JSON.parse(text).answer).to.equal('Print a label.');
    expect(PromptApi.constraint).to.deep.equal(GROUNDED_ANSWER_SCHEMA);
    expect(PromptApi.created.at(-1)?.initialPrompts?.length).to.equal(1);
  });
});
