import type { CustomerContext } from '../../../protocol/customer.js';
import type { EscalationDecision, EscalationReason } from '../../../protocol/escalation.js';
import type { Understanding } from '../../../protocol/understanding.js';
import type { ConversationMessage } from '../conversation/message.js';
import { FRUSTRATED_AT } from '../understanding/frustrated-at.js';
import { DEFAULT_IGNORED_INTENTS, intentTopic } from './intent-topics.js';
import { personRequested, type PersonRequest } from './person-request.js';
import { sentimentTrend } from './sentiment-trend.js';

/** A topic a site wants a person on early, found by intent or by words in the redacted text. */
export interface SensitiveTopic {
  name: string;
  intents: string[];
  pattern: RegExp;
}

/** Per-site settings; every field has a default a support team would start from. */
export interface EscalationPolicyConfig {
  /** Intents that mean "let me talk to a person" when the model is sure of them. */
  humanRequestIntents: string[];
  humanRequestMinConfidence: number;
  /** Frustration score (0..1) on the latest message that counts as a signal; default: the one the signals bench measures, FRUSTRATED_AT. */
  frustrationThreshold: number;
  /** Negative phrases across the conversation that count as a signal. */
  negativePhrases: number;
  /** Visitor messages the sentiment trend looks at, and the drop that makes it "worsening". */
  sentimentWindow: number;
  sentimentDrop: number;
  /** Confidence under which an intent counts as "unsure" (a rejected intent always does). */
  lowConfidenceThreshold: number;
  /** Unsure answers in a row that count as a signal. */
  lowConfidenceStreak: number;
  /** Times the same topic may be asked before it counts as a loop. */
  intentLoop: number;
  highValue: { tiers: CustomerContext['tier'][]; lifetimeValueAtLeast: number };
  sensitiveTopics: SensitiveTopic[];
  /** Minutes since the visitor's first unresolved message that count as a signal. */
  waitingMinutes: number;
  /** Distinct signals needed to escalate when nothing is immediate. */
  signalsNeeded: number;
  /** Site-specific intent label → topic words ("track_order" → "delivery"). */
  intentTopics: Record<string, string>;
  /** Intents that never form a loop (greetings, thanks, out-of-scope). */
  ignoredIntents: string[];
}

export const DEFAULT_ESCALATION_CONFIG: EscalationPolicyConfig = {
  humanRequestIntents: ['contact_human_agent', 'contact_customer_service'],
  humanRequestMinConfidence: 0.6,
  frustrationThreshold: FRUSTRATED_AT,
  negativePhrases: 3,
  sentimentWindow: 3,
  sentimentDrop: 0.3,
  lowConfidenceThreshold: 0.5,
  lowConfidenceStreak: 2,
  intentLoop: 3,
  highValue: { tiers: ['vip', 'premium'], lifetimeValueAtLeast: 1000 },
  sensitiveTopics: [
    {
      name: 'fraud',
      intents: [],
      pattern:
        /\b(fraud\w*|scam\w*|unauthori[sz]ed (?:charges?|payments?|transactions?|purchases?)|stolen (?:card|identity|account)|identity theft|hacked|phishing|charge ?backs?)\b/i,
    },
    {
      name: 'health privacy',
      intents: [],
      pattern:
        /\b(medical (?:records?|history|conditions?|data)|health (?:data|information|records?)|diagnos(?:is|ed)|prescriptions?|hipaa|disabilit(?:y|ies)|pregnan(?:t|cy))\b/i,
    },
  ],
  waitingMinutes: 10,
  signalsNeeded: 2,
  intentTopics: {},
  ignoredIntents: [...DEFAULT_IGNORED_INTENTS],
};

export interface EscalationInput {
  /** The conversation so far, oldest first, the message just understood last. */
  messages: readonly ConversationMessage[];
  customer?: CustomerContext | null;
  /** Epoch ms; passed in so the policy stays pure. */
  now: number;
}

/** The signal groups the issue counts; frustration and negative phrases are one group. */
type SignalGroup = 'frustration' | 'sentiment' | 'low-confidence' | 'loop' | 'high-value' | 'sensitive' | 'waiting';

const COUNT_WORDS = ['never', 'once', 'twice', 'three times', 'four times', 'five times'];
const times = (n: number) => COUNT_WORDS[n] ?? `${n} times`;
const quote = (s: string) => `'${s.trim().slice(0, 60)}'`;
const listOf = (items: string[]) =>
  items.length <= 1 ? (items[0] ?? '') : `${items.slice(0, -1).join(', ')} and ${items[items.length - 1]}`;

/**
 * Decides, on the device, whether a person should take over, and says why in
 * words a visitor and an agent can read. Immediate on an explicit request for
 * a person or a legal threat; otherwise it needs `signalsNeeded` distinct
 * signals (frustration, worsening sentiment, repeated low confidence, a loop,
 * a high-value customer, a sensitive topic, a long wait).
 *
 * @example
 * const policy = new EscalationPolicy({ waitingMinutes: 5 });
 * const decision = policy.decide({ messages, customer, now: Date.now() });
 * if (decision.escalate) showHandoff(decision.reasons);
 */
export class EscalationPolicy {
  readonly config: EscalationPolicyConfig;

  constructor(config: Partial<EscalationPolicyConfig> = {}) {
    this.config = { ...DEFAULT_ESCALATION_CONFIG, ...config };
  }

  /** The decision for a visitor who pressed "Talk to a person" (or had, before a reload): always yes, at once. */
  static requested(how: PersonRequest = 'button'): EscalationDecision {
    return personRequested(how);
  }

  decide(input: EscalationInput): EscalationDecision {
    const visitor = input.messages.filter(
      (m): m is ConversationMessage & { understanding: Understanding } => m.role === 'visitor' && !!m.understanding,
    );
    const immediate = [...this.humanRequest(visitor), ...this.legalThreat(visitor)];
    const signals = new Map<SignalGroup, EscalationReason[]>();
    const add = (group: SignalGroup, reason: EscalationReason | null) => {
      if (reason) signals.set(group, [...(signals.get(group) ?? []), reason]);
    };
    add('frustration', this.frustration(visitor));
    add('frustration', this.negativePhrases(visitor));
    add('sentiment', this.worseningSentiment(visitor));
    add('low-confidence', this.lowConfidence(visitor));
    add('loop', this.intentLoop(visitor));
    add('high-value', this.highValue(input.customer ?? null));
    add('sensitive', this.sensitiveTopic(visitor));
    add('waiting', this.waiting(input.messages, input.now));

    const combined = [...signals.values()].flat();
    if (immediate.length) return { escalate: true, immediate: true, reasons: [...immediate, ...combined] };
    return { escalate: signals.size >= this.config.signalsNeeded, immediate: false, reasons: combined };
  }

  private humanRequest(visitor: (ConversationMessage & { understanding: Understanding })[]): EscalationReason[] {
    const last = visitor.at(-1);
    if (!last) return [];
    const u = last.understanding;
    const signal = u.frustration.signals.find((s) => s.kind === 'human-request');
    const byIntent =
      this.config.humanRequestIntents.includes(u.intent.label) &&
      !u.intent.rejected &&
      u.intent.confidence >= this.config.humanRequestMinConfidence;
    if (!signal && !byIntent) return [];
    return [{ code: 'human-request', text: `asked for a person: ${quote(signal?.match ?? u.redacted)}` }];
  }

  private legalThreat(visitor: (ConversationMessage & { understanding: Understanding })[]): EscalationReason[] {
    const counts = new Map<string, number>();
    for (const m of visitor) {
      for (const s of m.understanding.frustration.signals) {
        if (s.kind !== 'legal-threat') continue;
        const key = s.match.trim().toLowerCase();
        counts.set(key, (counts.get(key) ?? 0) + 1);
      }
    }
    if (!counts.size) return [];
    // "sue you" and "sue" are one threat said twice: a phrase counts under a shorter one it contains.
    const grouped = new Map<string, number>();
    for (const [phrase, n] of [...counts].sort((a, b) => a[0].length - b[0].length)) {
      const shorter = [...grouped.keys()].find((k) => ` ${phrase} `.includes(` ${k} `));
      grouped.set(shorter ?? phrase, (grouped.get(shorter ?? phrase) ?? 0) + n);
    }
    const parts = [...grouped].map(([word, n]) => (n > 1 ? `${quote(word)} ${times(n)}` : quote(word)));
    return [{ code: 'legal-threat', text: `mentioned ${listOf(parts)}` }];
  }

  private frustration(visitor: (ConversationMessage & { understanding: Understanding })[]): EscalationReason | null {
    const score = visitor.at(-1)?.understanding.frustration.score ?? 0;
    if (score < this.config.frustrationThreshold) return null;
    return { code: 'frustration', text: `frustration at ${score.toFixed(2)} (threshold ${this.config.frustrationThreshold})` };
  }

  private negativePhrases(visitor: (ConversationMessage & { understanding: Understanding })[]): EscalationReason | null {
    const phrases = visitor.flatMap((m) =>
      m.understanding.frustration.signals.filter((s) => s.kind === 'negative-phrase').map((s) => s.match.trim().toLowerCase()),
    );
    if (phrases.length < this.config.negativePhrases) return null;
    const distinct = [...new Set(phrases)].slice(0, 4).map(quote);
    return { code: 'negative-phrases', text: `used ${phrases.length} negative phrases (${listOf(distinct)})` };
  }

  private worseningSentiment(visitor: (ConversationMessage & { understanding: Understanding })[]): EscalationReason | null {
    const values = visitor.map((m) => m.understanding.sentiment);
    const { trend, from, to } = sentimentTrend(values, this.config.sentimentWindow, this.config.sentimentDrop);
    if (trend !== 'worsening') return null;
    const n = Math.min(values.length, this.config.sentimentWindow);
    return { code: 'sentiment-worsening', text: `mood worsened over the last ${n} messages (${from.toFixed(1)} → ${to.toFixed(1)})` };
  }

  private lowConfidence(visitor: (ConversationMessage & { understanding: Understanding })[]): EscalationReason | null {
    const streak = this.config.lowConfidenceStreak;
    const recent = visitor.slice(-streak);
    if (recent.length < streak) return null;
    const unsure = recent.every((m) => m.understanding.intent.rejected || m.understanding.intent.confidence < this.config.lowConfidenceThreshold);
    if (!unsure) return null;
    return { code: 'low-confidence', text: `the assistant did not understand the last ${streak} messages` };
  }

  private intentLoop(visitor: (ConversationMessage & { understanding: Understanding })[]): EscalationReason | null {
    const counts = new Map<string, number>();
    for (const m of visitor) {
      const { label, rejected } = m.understanding.intent;
      if (rejected || this.config.ignoredIntents.includes(label)) continue;
      const topic = intentTopic(label, this.config.intentTopics);
      counts.set(topic, (counts.get(topic) ?? 0) + 1);
    }
    const [topic, n] = [...counts].sort((a, b) => b[1] - a[1])[0] ?? ['', 0];
    if (n < this.config.intentLoop) return null;
    return { code: 'intent-loop', text: `asked about ${topic} ${times(n)}` };
  }

  private highValue(customer: CustomerContext | null): EscalationReason | null {
    if (!customer) return null;
    const { tiers, lifetimeValueAtLeast } = this.config.highValue;
    const ltv = customer.lifetimeValue;
    const byTier = tiers.includes(customer.tier);
    const byValue = ltv.amount >= lifetimeValueAtLeast;
    if (!byTier && !byValue) return null;
    let money: string;
    try {
      money = new Intl.NumberFormat('en', { style: 'currency', currency: ltv.currency, maximumFractionDigits: 0 }).format(ltv.amount);
    } catch {
      money = `${Math.round(ltv.amount)} ${ltv.currency}`;
    }
    const tier = customer.tier === 'vip' ? 'VIP' : customer.tier;
    return { code: 'high-value-customer', text: `${tier} customer, lifetime value ${money}` };
  }

  private sensitiveTopic(visitor: (ConversationMessage & { understanding: Understanding })[]): EscalationReason | null {
    for (const topic of this.config.sensitiveTopics) {
      for (const m of visitor) {
        if (topic.intents.includes(m.understanding.intent.label) && !m.understanding.intent.rejected) {
          return { code: 'sensitive-topic', text: `sensitive topic: ${topic.name}` };
        }
        const match = topic.pattern.exec(m.understanding.redacted);
        if (match) return { code: 'sensitive-topic', text: `sensitive topic: ${topic.name} (${quote(match[0])})` };
      }
    }
    return null;
  }

  private waiting(messages: readonly ConversationMessage[], now: number): EscalationReason | null {
    // The clock starts at the first visitor message after the last answer the visitor said helped.
    let resolvedAt = -1;
    messages.forEach((m, i) => {
      if (m.answer?.feedback === 'helpful') resolvedAt = i;
    });
    const start = messages.slice(resolvedAt + 1).find((m) => m.role === 'visitor');
    if (!start) return null;
    const minutes = Math.floor((now - start.at) / 60_000);
    if (minutes < this.config.waitingMinutes) return null;
    return { code: 'waiting-too-long', text: `waiting ${minutes} minutes without a resolution` };
  }
}
