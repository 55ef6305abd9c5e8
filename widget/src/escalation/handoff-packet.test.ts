import assert from 'node:assert/strict';
import { describe, it } from 'node:test';
import * as v from 'valibot';
import { HandoffPacketSchema } from '../../../protocol/handoff.js';
import { buildHandoffPacket } from './handoff-packet.js';
import { EscalationPolicy } from './policy.js';
import { message, understanding } from './fixtures.js';

const visitorSaid = message({
  text: 'My order A-1001 never came, email me at jo@example.com or call +44 7700 900123',
  understanding: understanding({
    redacted: 'My order A-1001 never came, email me at [EMAIL] or call [PHONE]',
    pii: ['email', 'phone'],
    sentiment: -0.2,
    intent: { label: 'track_order', confidence: 0.91, rejected: false, alternatives: [{ label: 'delivery_period', confidence: 0.05 }] },
    entities: [
      { kind: 'order_number', text: 'A-1001', value: 'A-1001', start: 9, end: 15 },
      { kind: 'email', text: 'jo@example.com', value: 'jo@example.com', start: 40, end: 54 },
      { kind: 'phone', text: '+44 7700 900123', value: '+447700900123', start: 63, end: 78 },
    ],
  }),
});
const botAnswered = message({
  role: 'bot',
  text: 'Orders usually arrive in 3-5 days; I will email jo@example.com. [Tracking your order](https://shop.example/help/tracking)',
  answer: { origin: 'device', citations: [{ title: 'Tracking your order', url: 'https://shop.example/help/tracking' }], quickReplies: [], feedback: 'not-helpful' },
});
const visitorAngry = message({
  text: 'Still nothing. Where is A-1001??',
  understanding: understanding({
    redacted: 'Still nothing. Where is A-1001??',
    sentiment: -0.7,
    frustrationScore: 0.7,
    intent: { label: 'track_order', confidence: 0.88, rejected: false, alternatives: [] },
    entities: [{ kind: 'order_number', text: 'A-1001', value: 'A-1001', start: 24, end: 30 }],
  }),
});
const unanalysed = message({ text: 'my card is 4111 1111 1111 1111' });

const customer = {
  customerId: 'cus_42',
  tier: 'vip' as const,
  lifetimeValue: { amount: 5200, currency: 'EUR' },
  openIssues: [{ id: 't1', subject: 'Damaged blender', status: 'open' as const, updatedAt: '2026-11-20T10:00:00Z' }],
  recentIssues: [],
  preferredChannel: 'email' as const,
};

const build = (shareUnredacted: boolean, messages = [visitorSaid, botAnswered, visitorAngry, unanalysed]) =>
  buildHandoffPacket({
    site: 'acme',
    conversationId: 'conv-1',
    messages,
    customer,
    decision: new EscalationPolicy().decide({ messages, customer, now: 1_700_000_100_000 }),
    shareUnredacted,
    now: 1_700_000_100_000,
  });

describe('buildHandoffPacket', () => {
  it('sends only redacted visitor text and no personal entities without consent', () => {
    const p = build(false);
    const json = JSON.stringify(p);
    assert.ok(!json.includes('jo@example.com'));
    assert.ok(!json.includes('7700'));
    assert.ok(!json.includes('4111'));
    assert.equal(p.transcript[0]!.text, 'My order A-1001 never came, email me at [EMAIL] or call [PHONE]');
    assert.equal(p.transcript[0]!.redacted, true);
    assert.match(p.transcript[3]!.text, /^\[withheld/, 'a message not analysed yet is withheld, never sent raw');
    assert.match(p.transcript[1]!.text, /^\[withheld/, 'a bot line cannot be checked while a visitor message is unanalysed');
    assert.deepEqual(p.entities, [{ kind: 'order_number', value: 'A-1001' }]);
    assert.equal(p.piiShared, false);
  });

  it('removes from bot lines the details the visitor gave, found by lining up each message with its redacted form', () => {
    const p = build(false, [visitorSaid, botAnswered, visitorAngry]);
    assert.equal(p.transcript[1]!.text.startsWith('Orders usually arrive in 3-5 days; I will email [REDACTED].'), true);
    assert.ok(!JSON.stringify(p).includes('jo@example.com'));
    assert.ok(p.answersTried.every((a) => !a.text.includes('jo@example.com')));
  });

  it('shares the visitor’s own words and contact details when they agree', () => {
    const p = build(true);
    assert.match(p.transcript[0]!.text, /jo@example\.com/);
    assert.deepEqual(
      p.entities.map((e) => e.kind),
      ['order_number', 'email', 'phone'],
    );
    assert.equal(p.piiShared, true);
  });

  it('carries customer, intent, sentiment trend, answers tried with sources, and the reasons', () => {
    const p = build(false);
    assert.deepEqual(p.customer.customerId, 'cus_42');
    assert.equal(p.customer.tier, 'vip');
    assert.deepEqual(p.customer.lifetimeValue, { amount: 5200, currency: 'EUR' });
    assert.equal(p.customer.preferredChannel, 'email');
    assert.equal(p.customer.openIssues[0]!.subject, 'Damaged blender');
    assert.deepEqual(p.intent?.label, 'track_order');
    assert.equal(p.intent?.confidence, 0.88);
    assert.deepEqual(p.sentiment, { trend: 'worsening', values: [-0.2, -0.7] });
    assert.equal(p.frustration, 0.7);
    assert.equal(p.answersTried.length, 1);
    assert.equal(p.answersTried[0]!.citations[0]!.url, 'https://shop.example/help/tracking');
    assert.equal(p.answersTried[0]!.feedback, 'not-helpful');
    assert.ok(p.reasons.some((r) => r.code === 'high-value-customer'));
    assert.ok(p.reasons.some((r) => r.code === 'frustration'));
  });

  it('always validates against the protocol schema the relay checks on receipt', () => {
    for (const share of [true, false]) assert.ok(v.safeParse(HandoffPacketSchema, build(share)).success);
    const huge = message({ text: 'x'.repeat(20_000), understanding: understanding({ redacted: 'x'.repeat(20_000) }) });
    const many = Array.from({ length: 80 }, () => huge);
    const p = build(false, many);
    assert.equal(p.transcript.length, 20);
    assert.ok(v.safeParse(HandoffPacketSchema, p).success);
    assert.ok(JSON.stringify({ handoffKey: 'k'.repeat(64), packet: p }).length < 48 * 1024, 'fits the relay body limit with room to spare');
  });

  it('an anonymous visitor with no messages still gives a valid packet with a reason', () => {
    const p = buildHandoffPacket({
      site: 'acme',
      conversationId: 'c',
      messages: [],
      customer: null,
      decision: EscalationPolicy.requested(),
      shareUnredacted: false,
      now: 1,
    });
    assert.equal(p.customer.customerId, null);
    assert.equal(p.intent, null);
    assert.equal(p.sentiment.trend, 'unknown');
    assert.ok(v.safeParse(HandoffPacketSchema, p).success);
  });
});
