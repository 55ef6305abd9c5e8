import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import { AnswerEngine, type AnswerEvent, type AnswerOutcome } from '../src/answers/answer-engine.js';
import { SnapshotKnowledgeSource } from '../src/answers/snapshot-knowledge.js';
import { TALK_TO_A_PERSON } from '../src/answers/quick-replies.js';
import { FIXTURE_SNAPSHOT, orderNumber, understand, visitorMessage } from './answers-fixtures.js';
import type { Understanding } from '../../protocol/understanding.js';
import type { ConversationMessage } from '../src/conversation/message.js';

const snapshot = new SnapshotKnowledgeSource({ load: async () => FIXTURE_SNAPSHOT });
const engine = new AnswerEngine({ knowledge: snapshot, library: snapshot });

async function ask(text: string, understanding: Understanding = understand(text), history: ConversationMessage[] = []) {
  const events: AnswerEvent[] = [];
  for await (const e of engine.answer({ message: visitorMessage(text, understanding), understanding, history })) events.push(e);
  const text_ = events.flatMap((e) => (e.type === 'reply-delta' ? [e.text] : [])).join('');
  const end = events.find((e) => e.type === 'reply-end');
  const outcome = (events.at(-1) as { outcome: AnswerOutcome }).outcome;
  return { events, text: text_, end: end?.type === 'reply-end' ? end : undefined, outcome };
}

describe('AnswerEngine', () => {
  it('answers from the knowledge with the article’s words, a citation, quick replies and "Did this help?"', async () => {
    const r = await ask('how can I track my parcel?');
    assert.deepEqual(r.events.map((e) => e.type).slice(0, 1), ['reply-start']);
    assert.match(r.text, /open Account, then Orders, and choose Track parcel/);
    assert.deepEqual(r.end?.citations, [{ title: 'Tracking your order', url: '/help/track-order' }]);
    assert.ok(r.end?.quickReplies.includes(TALK_TO_A_PERSON));
    assert.equal(r.end?.askFeedback, true);
    assert.equal(r.outcome.kind, 'answer');
    assert.equal(r.outcome.origin, 'device');
  });

  it('uses the order number given three turns ago instead of asking for it', async () => {
    const history = [
      visitorMessage('hi, I ordered boots, order A12345', understand('hi, I ordered boots, order A12345', { label: 'greeting', entities: [orderNumber('A12345', 26)] })),
      visitorMessage('do you take paypal?', understand('do you take paypal?', { label: 'check_payment_methods' })),
      visitorMessage('thanks', understand('thanks', { label: 'thanks' })),
    ];
    const r = await ask('how do I track my parcel', understand('how do I track my parcel'), history);
    assert.match(r.text, /A12345/);
    assert.doesNotMatch(r.text, /tell me the order number/);
    assert.equal(r.outcome.remembered.order_number?.value, 'A12345');
    const fresh = await ask('how do I track my parcel');
    assert.match(fresh.text, /tell me the order number/);
  });

  it('declines plainly and offers a person when neither the intent nor the knowledge is clear', async () => {
    const r = await ask('the thing with the stuff again', understand('the thing with the stuff again', { confidence: 0.2, rejected: true }));
    assert.match(r.text, /not sure/);
    assert.deepEqual(r.end?.citations, []);
    assert.deepEqual(r.end?.quickReplies, [TALK_TO_A_PERSON]);
    assert.equal(r.end?.askFeedback, false);
    assert.equal(r.outcome.kind, 'decline');
    assert.equal(r.outcome.offersHuman, true);
  });

  it('declines what the knowledge does not answer', async () => {
    const r = await ask('do you sell bitcoin mining rigs', understand('do you sell bitcoin mining rigs', { label: 'check_payment_methods' }));
    assert.equal(r.outcome.kind, 'decline');
  });

  it('ignores an instruction planted in an article and promises nothing', async () => {
    const r = await ask('how do I return an item?', understand('how do I return an item?', { label: 'get_refund' }));
    assert.equal(r.outcome.kind, 'answer');
    assert.doesNotMatch(r.text, /voucher|full refund|ignore/i);
    assert.match(r.text, /returns label|return unworn items/);
    assert.equal(r.outcome.neutralised, 1);
  });

  it('never quotes a resolved ticket (another customer’s conversation)', async () => {
    const r = await ask('my parcel 99887766 has not arrived');
    assert.doesNotMatch(r.text, /reshipped|99887766/);
  });

  it('sends questions about the visitor’s own account state to a person', async () => {
    const r = await ask('Has my order A12345 left the warehouse yet?', understand('Has my order A12345 left the warehouse yet?', { entities: [orderNumber('A12345', 13)] }));
    assert.deepEqual([r.outcome.kind, r.outcome.declineReason], ['decline', 'needs-account-data']);
    assert.match(r.text, /can't check live order or account details/);
    assert.deepEqual(r.end?.quickReplies, [TALK_TO_A_PERSON]);
  });

  it('mentions the visitor’s open request from the relay’s customer context, never one it made up', async () => {
    const customer = {
      customerId: 'c-1',
      tier: 'standard' as const,
      lifetimeValue: { amount: 120, currency: 'GBP' },
      openIssues: [{ id: 'T-1', subject: 'Refund for *boots* [link](javascript:x)', status: 'pending' as const, updatedAt: '2026-11-20T10:00:00Z' }],
      recentIssues: [],
      preferredChannel: 'email' as const,
    };
    const u = understand('Has my refund been approved yet?', { label: 'track_refund' });
    const events: AnswerEvent[] = [];
    for await (const e of engine.answer({ message: visitorMessage('Has my refund been approved yet?', u), understanding: u, history: [], customer })) events.push(e);
    const text = events.flatMap((e) => (e.type === 'reply-delta' ? [e.text] : [])).join('');
    assert.match(text, /^I can't check live order or account details from here\. You have an open request with us: "Refund for boots link javascript:x" \(pending, last updated 2026-11-20\)\. A person/);
    const plain = await ask('Has my refund been approved yet?', u);
    assert.doesNotMatch(plain.text, /open request/);
  });

  it('greets and thanks without retrieval or a feedback question', async () => {
    const r = await ask('hello!', understand('hello!', { label: 'greeting' }));
    assert.equal(r.outcome.kind, 'smalltalk');
    assert.equal(r.end?.askFeedback, false);
  });

  it('gives a plain reply to empty, emoji-only, RTL and 100 KB messages, quickly', async () => {
    const huge = `how do I track my parcel ${'lorem ipsum dolor '.repeat(6000)}`;
    for (const text of ['', '   ', '😡😡😡', 'أين طلبي؟', huge]) {
      const started = Date.now();
      const r = await ask(text, understand(text, { label: 'oos', rejected: true, confidence: 0.1 }));
      assert.ok(['answer', 'decline'].includes(r.outcome.kind), text.slice(0, 20));
      assert.ok(r.text.length > 0);
      assert.ok(Date.now() - started < 1000, `took ${Date.now() - started} ms for ${text.slice(0, 20)}`);
    }
  });

  it('stops without a reply when the visitor leaves mid-answer', async () => {
    const slow = new SnapshotKnowledgeSource({ load: () => new Promise((r) => setTimeout(() => r(FIXTURE_SNAPSHOT), 100)) });
    const stopping = new AnswerEngine({ knowledge: slow, library: slow });
    const controller = new AbortController();
    setTimeout(() => controller.abort(new DOMException('visitor left', 'AbortError')), 10);
    const u = understand('how do I track my parcel');
    const events: AnswerEvent[] = [];
    await assert.rejects(async () => {
      for await (const e of stopping.answer({ message: visitorMessage('how do I track my parcel', u), understanding: u, history: [] }, controller.signal)) events.push(e);
    }, { name: 'AbortError' });
    assert.deepEqual(events, []);
  });

  it('declines with a person offered when no knowledge can be reached', async () => {
    const nowhere = new AnswerEngine({ knowledge: new SnapshotKnowledgeSource({ load: async () => null }) });
    const u = understand('how do I track my parcel');
    const events: AnswerEvent[] = [];
    for await (const e of nowhere.answer({ message: visitorMessage('how do I track my parcel', u), understanding: u, history: [] })) events.push(e);
    const outcome = (events.at(-1) as { outcome: AnswerOutcome }).outcome;
    assert.deepEqual([outcome.kind, outcome.declineReason], ['decline', 'retrieval-failed']);
  });
});
