import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import type { CustomerContext } from '../../../protocol/customer.js';
import { EscalationPolicy } from './policy.js';
import { sentimentTrend } from './sentiment-trend.js';
import { message, signal, understanding } from './fixtures.js';
import { FRUSTRATED_AT } from '../understanding/frustrated-at.js';
import { readSignals } from '../understanding/signals.js';

const now = 1_700_000_100_000;
const policy = new EscalationPolicy();
const codes = (d: { reasons: { code: string }[] }) => d.reasons.map((r) => r.code).sort();

const customer = (over: Partial<CustomerContext> = {}): CustomerContext => ({
  customerId: 'cus_1',
  tier: 'standard',
  lifetimeValue: { amount: 120, currency: 'USD' },
  openIssues: [],
  recentIssues: [],
  preferredChannel: 'chat',
  ...over,
});

describe('EscalationPolicy: immediate', () => {
  it('escalates at once on an explicit request for a person, quoting it', () => {
    const d = policy.decide({
      messages: [message({ understanding: understanding({ signals: [signal('human-request', 'talk to a human')] }) })],
      now,
    });
    assert.equal(d.escalate, true);
    assert.equal(d.immediate, true);
    assert.deepEqual(codes(d), ['human-request']);
    assert.match(d.reasons[0]!.text, /talk to a human/);
  });

  it('treats a confident contact_human_agent intent in any language as a request', () => {
    const u = understanding({
      language: 'es',
      redacted: 'quiero hablar con una persona',
      intent: { label: 'contact_human_agent', confidence: 0.83, rejected: false, alternatives: [] },
    });
    const d = policy.decide({ messages: [message({ understanding: u })], now });
    assert.equal(d.immediate, true);
    assert.match(d.reasons[0]!.text, /quiero hablar con una persona/);
  });

  it('does not treat an unsure contact_human_agent guess as a request', () => {
    const u = understanding({ intent: { label: 'contact_human_agent', confidence: 0.4, rejected: true, alternatives: [] } });
    assert.equal(policy.decide({ messages: [message({ understanding: u })], now }).escalate, false);
  });

  it('only the latest message counts as a request: a later message that moved on does not re-fire', () => {
    const d = policy.decide({
      messages: [
        message({ understanding: understanding({ signals: [signal('human-request', 'agent please')] }) }),
        message({ understanding: understanding({ redacted: 'never mind, found it' }) }),
      ],
      now,
    });
    assert.equal(d.escalate, false);
  });

  it("counts legal threats across the conversation: \"mentioned 'sue' twice\"", () => {
    const d = policy.decide({
      messages: [
        message({ understanding: understanding({ signals: [signal('legal-threat', 'sue')] }) }),
        message({ understanding: understanding() }),
        message({ understanding: understanding({ signals: [signal('legal-threat', 'SUE'), signal('legal-threat', 'lawyer')] }) }),
      ],
      now,
    });
    assert.equal(d.immediate, true);
    const legal = d.reasons.find((r) => r.code === 'legal-threat');
    assert.equal(legal?.text, "mentioned 'sue' twice and 'lawyer'");
  });

  it('the button always escalates, immediately', () => {
    const d = EscalationPolicy.requested();
    assert.deepEqual([d.escalate, d.immediate], [true, true]);
    assert.match(d.reasons[0]!.text, /Talk to a person/);
    const resumed = EscalationPolicy.requested('resumed');
    assert.deepEqual([resumed.escalate, resumed.immediate, resumed.reasons[0]!.code], [true, true, 'human-request']);
    assert.match(resumed.reasons[0]!.text, /before reloading/);
  });
});

describe('EscalationPolicy: combined signals', () => {
  it('one signal alone is not enough, but its reason is reported', () => {
    const d = policy.decide({ messages: [message({ understanding: understanding({ frustrationScore: 0.9 }) })], now });
    assert.equal(d.escalate, false);
    assert.deepEqual(codes(d), ['frustration']);
    assert.match(d.reasons[0]!.text, /0\.90/);
  });

  it('frustration and three or more negative phrases are one signal, not two', () => {
    const d = policy.decide({
      messages: [
        message({ understanding: understanding({ signals: [signal('negative-phrase', 'useless')] }) }),
        message({ understanding: understanding({ signals: [signal('negative-phrase', 'terrible'), signal('negative-phrase', 'useless')] }) }),
        message({ understanding: understanding({ frustrationScore: 0.8 }) }),
      ],
      now,
    });
    assert.deepEqual(codes(d), ['frustration', 'negative-phrases']);
    assert.equal(d.escalate, false);
    assert.match(d.reasons.find((r) => r.code === 'negative-phrases')!.text, /used 3 negative phrases \('useless' and 'terrible'\)/);
  });

  it("escalates on a loop plus a high-value customer: \"asked about delivery three times\"", () => {
    const labels = ['track_order', 'delivery_period', 'track_order'];
    const d = policy.decide({
      messages: labels.map((label) => message({ understanding: understanding({ intent: { label, confidence: 0.9, rejected: false, alternatives: [] } }) })),
      customer: customer({ tier: 'vip', lifetimeValue: { amount: 4200, currency: 'USD' } }),
      now,
    });
    assert.equal(d.escalate, true);
    assert.equal(d.immediate, false);
    assert.deepEqual(codes(d), ['high-value-customer', 'intent-loop']);
    assert.equal(d.reasons.find((r) => r.code === 'intent-loop')!.text, 'asked about delivery three times');
    assert.equal(d.reasons.find((r) => r.code === 'high-value-customer')!.text, 'VIP customer, lifetime value $4,200');
  });

  it('greetings and thanks never form a loop; site topics rename labels', () => {
    const greet = () => message({ understanding: understanding({ intent: { label: 'greeting', confidence: 0.99, rejected: false, alternatives: [] } }) });
    assert.equal(policy.decide({ messages: [greet(), greet(), greet()], now }).reasons.length, 0);
    const site = new EscalationPolicy({ intentTopics: { warranty_claim: 'the warranty' }, intentLoop: 2 });
    const claim = () => message({ understanding: understanding({ intent: { label: 'warranty_claim', confidence: 0.9, rejected: false, alternatives: [] } }) });
    assert.equal(site.decide({ messages: [claim(), claim()], now }).reasons[0]!.text, 'asked about the warranty twice');
  });

  it('low confidence twice in a row plus worsening sentiment escalates', () => {
    const unsure = (sentiment: number) =>
      message({ understanding: understanding({ sentiment, intent: { label: 'oos', confidence: 0.2, rejected: true, alternatives: [] } }) });
    const d = policy.decide({ messages: [message({ understanding: understanding({ sentiment: 0.3 }) }), unsure(-0.1), unsure(-0.6)], now });
    assert.equal(d.escalate, true);
    assert.deepEqual(codes(d), ['low-confidence', 'sentiment-worsening']);
    assert.match(d.reasons.find((r) => r.code === 'sentiment-worsening')!.text, /0\.3 → -0\.6/);
  });

  it('one unsure message between sure ones is not a streak', () => {
    const msgs = [0.9, 0.2, 0.9].map((confidence) =>
      message({ understanding: understanding({ intent: { label: 'get_refund', confidence, rejected: confidence < 0.5, alternatives: [] } }) }),
    );
    assert.ok(!codes(policy.decide({ messages: msgs, now })).includes('low-confidence'));
  });

  it('finds sensitive topics in the redacted text and names them', () => {
    const d = policy.decide({
      messages: [message({ understanding: understanding({ redacted: 'there is an unauthorised charge on [CARD]', frustrationScore: 0.7 }) })],
      now,
    });
    assert.equal(d.escalate, true);
    assert.match(d.reasons.find((r) => r.code === 'sensitive-topic')!.text, /fraud \('unauthorised charge'\)/);
  });

  it('counts waiting time from the first unresolved visitor message, and a helpful answer resets it', () => {
    const start = now - 15 * 60_000;
    const messages = [
      message({ at: start, understanding: understanding() }),
      message({ role: 'bot', at: start + 1000, answer: { origin: 'device', citations: [], quickReplies: [] } }),
    ];
    const d = policy.decide({ messages, now, customer: customer({ tier: 'premium' }) });
    assert.deepEqual(codes(d), ['high-value-customer', 'waiting-too-long']);
    assert.equal(d.escalate, true);
    assert.match(d.reasons.find((r) => r.code === 'waiting-too-long')!.text, /waiting 15 minutes/);

    const resolved = [
      ...messages,
      message({ role: 'bot', at: start + 2000, answer: { origin: 'device', citations: [], quickReplies: [], feedback: 'helpful' } }),
      message({ at: now - 60_000, understanding: understanding() }),
    ];
    assert.ok(!codes(policy.decide({ messages: resolved, now })).includes('waiting-too-long'));
  });

  it('is configurable per site: thresholds and the number of signals needed', () => {
    const strict = new EscalationPolicy({ signalsNeeded: 1, frustrationThreshold: 0.3 });
    const d = strict.decide({ messages: [message({ understanding: understanding({ frustrationScore: 0.4 }) })], now });
    assert.equal(d.escalate, true);
    assert.equal(new EscalationPolicy().decide({ messages: [message({ understanding: understanding({ frustrationScore: 0.4 }) })], now }).reasons.length, 0);
  });

  it('counts frustration from the score the understanding calls frustrated (FRUSTRATED_AT), not a stricter one of its own', () => {
    const reasons = (frustrationScore: number) => codes(policy.decide({ messages: [message({ understanding: understanding({ frustrationScore }) })], now }));
    assert.deepEqual(reasons(FRUSTRATED_AT), ['frustration']);
    assert.deepEqual(reasons(FRUSTRATED_AT - 0.01), []);
    // A message the signals read as frustrated is a frustration signal for the policy too.
    const { score } = readSignals('this is useless!!', []).frustration;
    assert.ok(score >= FRUSTRATED_AT, `read at ${score}`);
    assert.deepEqual(reasons(score), ['frustration']);
  });

  it('a calm, answered conversation does not escalate and gives no reasons', () => {
    const d = policy.decide({ messages: [message({ understanding: understanding() })], customer: customer(), now });
    assert.deepEqual(d, { escalate: false, immediate: false, reasons: [] });
  });

  it('ignores messages that have no understanding yet and empty conversations', () => {
    assert.equal(policy.decide({ messages: [], now }).escalate, false);
    assert.equal(policy.decide({ messages: [message()], now }).escalate, false);
  });
});

describe('sentimentTrend', () => {
  it('needs two points and resists a single outlier', () => {
    assert.equal(sentimentTrend([0.5]).trend, 'unknown');
    assert.equal(sentimentTrend([0.5, 0.1]).trend, 'worsening');
    assert.equal(sentimentTrend([-0.6, 0.0, 0.4]).trend, 'improving');
    assert.equal(sentimentTrend([0.1, -0.5, 0.1]).trend, 'steady');
  });
});

describe('EscalationPolicy on the device’s own signals', () => {
  // The rule-based half of Understanding, as the worker computes it; the intent is a stand-in.
  const understood = (texts: string[], label = 'track_order') => {
    const out: ReturnType<typeof message>[] = [];
    for (const text of texts) {
      const previous = out.map((m) => m.understanding!);
      const signals = readSignals(text, previous, { locale: 'en-GB' });
      out.push(message({ text, understanding: { ...signals, intent: { label, confidence: 0.9, rejected: false, alternatives: [] }, backend: 'rules' } }));
    }
    return out;
  };

  for (const text of ['Can I talk to a human please', 'quiero hablar con una persona', 'je veux parler à un humain', 'أريد التحدث مع شخص']) {
    it(`escalates at once on "${text}"`, () => {
      const d = policy.decide({ messages: understood([text]), now });
      assert.equal(d.immediate, true, JSON.stringify(d));
      assert.equal(d.reasons[0]!.code, 'human-request');
    });
  }

  it('escalates at once on a legal threat and says how often it came up', () => {
    const d = policy.decide({ messages: understood(['This is a joke, I will sue you', 'My lawyer will hear about this. I will sue.']), now });
    assert.equal(d.immediate, true);
    assert.match(d.reasons.find((r) => r.code === 'legal-threat')!.text, /mentioned .*sue.* twice/);
  });

  it('a calm question does not escalate', () => {
    assert.equal(policy.decide({ messages: understood(['Hi, when will my order arrive?']), now }).escalate, false);
  });
});
