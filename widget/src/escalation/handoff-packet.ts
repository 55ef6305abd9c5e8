import type { CustomerContext } from '../../../protocol/customer.js';
import type { EscalationDecision } from '../../../protocol/escalation.js';
import type { HandoffPacket } from '../../../protocol/handoff.js';
import type { Entity } from '../../../protocol/understanding.js';
import type { ConversationMessage } from '../conversation/message.js';
import { redactEchoes, visitorPiiValues } from './echoed-pii.js';
import { sentimentTrend } from './sentiment-trend.js';

export interface HandoffPacketInput {
  site: string;
  conversationId: string;
  /** The whole conversation, oldest first. */
  messages: readonly ConversationMessage[];
  customer: CustomerContext | null;
  decision: EscalationDecision;
  /** The visitor agreed to share their own words and contact details unredacted. */
  shareUnredacted: boolean;
  now: number;
  /** How many of the latest messages go into the transcript. */
  transcriptLines?: number;
}

/** Entity kinds that are personal data and leave the device only with consent. */
const PERSONAL_ENTITIES: readonly Entity['kind'][] = ['email', 'phone'];

const WITHHELD = '[withheld: not yet checked for personal details]';

const clip = (text: string, max: number) => (text.length > max ? `${text.slice(0, max - 1)}…` : text);

/**
 * Builds the context an agent receives, on the device, so the visitor never
 * repeats themselves and nothing personal leaves without consent: every line
 * is the redacted form unless `shareUnredacted`, and emails and phones found
 * in the conversation are dropped unless shared. Lines are clipped so the
 * packet stays well under the relay's 64 KB body limit.
 *
 * @example
 * const packet = buildHandoffPacket({ site, conversationId, messages, customer, decision, shareUnredacted: false, now: Date.now() });
 */
export function buildHandoffPacket(input: HandoffPacketInput): HandoffPacket {
  const { messages, customer, decision, shareUnredacted } = input;
  const visitor = messages.filter((m) => m.role === 'visitor' && m.understanding);
  const latest = [...visitor].reverse().find((m) => m.understanding && !m.understanding.intent.rejected) ?? visitor.at(-1);
  const sentiments = visitor.map((m) => m.understanding!.sentiment);

  // Bot and system lines can echo what the visitor typed ("I've noted jo@example.com"): those values are removed
  // from them too. Agent lines came through the relay already. What cannot be checked is withheld, never sent.
  const echoed = shareUnredacted ? [] : visitorPiiValues(messages);
  const transcript = messages.slice(-(input.transcriptLines ?? 20)).map((m) => {
    if (shareUnredacted || m.role === 'agent') return { role: m.role, text: clip(m.text, 1500), at: m.at, redacted: !shareUnredacted };
    const redacted =
      m.role === 'visitor'
        ? (m.understanding?.redacted ?? WITHHELD)
        : echoed
          ? redactEchoes(m.text, echoed)
          : WITHHELD;
    return { role: m.role, text: clip(redacted, 1500), at: m.at, redacted: true };
  });

  const seen = new Set<string>();
  const entities: HandoffPacket['entities'] = [];
  for (const m of visitor) {
    for (const e of m.understanding!.entities) {
      if (!shareUnredacted && PERSONAL_ENTITIES.includes(e.kind)) continue;
      const key = `${e.kind}:${e.value}`;
      if (seen.has(key) || entities.length >= 50) continue;
      seen.add(key);
      entities.push({ kind: e.kind, value: clip(e.value, 500) });
    }
  }

  const answersTried = messages
    .filter((m) => m.role === 'bot' && m.answer)
    .slice(-10)
    .map((m) => ({
      text: clip(shareUnredacted ? m.text : echoed ? redactEchoes(m.text, echoed) : WITHHELD, 600),
      origin: m.answer!.origin,
      citations: m.answer!.citations.slice(0, 10).map((c) => ({ title: clip(c.title, 500), url: clip(c.url, 2000) })),
      feedback: m.answer!.feedback ?? null,
    }));

  const u = latest?.understanding;
  return {
    version: 1,
    site: input.site,
    conversationId: input.conversationId,
    createdAt: input.now,
    language: visitor.at(-1)?.understanding?.language ?? 'und',
    customer: {
      customerId: customer?.customerId ?? null,
      tier: customer?.tier ?? null,
      lifetimeValue: customer ? { ...customer.lifetimeValue } : null,
      preferredChannel: customer?.preferredChannel ?? 'chat',
      openIssues: (customer?.openIssues ?? []).slice(0, 20).map((i) => ({ ...i, subject: clip(i.subject, 500) })),
      recentIssues: (customer?.recentIssues ?? []).slice(0, 20).map((i) => ({ ...i, subject: clip(i.subject, 500) })),
    },
    intent: u
      ? {
          label: u.intent.label,
          confidence: u.intent.confidence,
          rejected: u.intent.rejected,
          alternatives: u.intent.alternatives.slice(0, 5),
        }
      : null,
    sentiment: { trend: sentimentTrend(sentiments).trend, values: sentiments.slice(-50) },
    frustration: visitor.at(-1)?.understanding?.frustration.score ?? 0,
    entities,
    transcript,
    piiShared: shareUnredacted,
    answersTried,
    reasons: decision.reasons.length ? decision.reasons.slice(0, 20) : [{ code: 'human-request', text: 'asked for a person' }],
    immediate: decision.immediate,
  };
}
