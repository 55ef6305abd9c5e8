/**
 * Live handoff between a visitor's device, the relay's rooms and the agent
 * console: the context packet, the HTTP bodies and every WebSocket message.
 * Messages are unions tagged by `type`; each side validates what it receives
 * with the schemas below and checks what it sends with `satisfies`.
 */
import * as v from 'valibot';

// What the widget needs at run time lives apart from the schemas, so the visitor's bundle carries no validation code.
export { CONVERSATION_SERVER_TYPES, PARTIES, QUEUE_SERVER_TYPES, RESOLUTION_LABELS, parseServerMessage } from './handoff-room.js';

const id = v.pipe(v.string(), v.minLength(1), v.maxLength(128));
const shortText = v.pipe(v.string(), v.maxLength(500));
/** A chat message body: long enough for any real message, short enough to stop abuse. */
export const MAX_MESSAGE_CHARS = 4000;
const messageText = v.pipe(v.string(), v.minLength(1), v.maxLength(MAX_MESSAGE_CHARS));
const epochMs = v.pipe(v.number(), v.integer(), v.minValue(0));
const seq = v.pipe(v.number(), v.integer(), v.minValue(0));

export const TierSchema = v.picklist(['free', 'standard', 'premium', 'vip']);
export const ChannelSchema = v.picklist(['chat', 'email', 'sms', 'phone']);

export const EscalationReasonSchema = v.object({
  code: v.picklist([
    'human-request',
    'legal-threat',
    'frustration',
    'negative-phrases',
    'sentiment-worsening',
    'low-confidence',
    'intent-loop',
    'high-value-customer',
    'sensitive-topic',
    'waiting-too-long',
  ]),
  text: shortText,
});

export const IssueSummarySchema = v.object({
  id,
  subject: shortText,
  status: v.picklist(['open', 'pending', 'solved', 'closed']),
  updatedAt: v.pipe(v.string(), v.maxLength(40)),
});

export const CitationSchema = v.object({ title: shortText, url: v.pipe(v.string(), v.maxLength(2000)) });

/** One line of the conversation as the agent first sees it. */
export const TranscriptLineSchema = v.object({
  role: v.picklist(['visitor', 'bot', 'agent', 'system']),
  text: v.pipe(v.string(), v.maxLength(MAX_MESSAGE_CHARS)),
  at: epochMs,
  /** True when `text` is the on-device redacted form (PII replaced by placeholders). */
  redacted: v.boolean(),
});

/**
 * Everything an agent needs so the visitor never repeats themselves, built on
 * the device. Visitor text is the redacted form unless `piiShared` is true
 * (the visitor agreed to share it).
 */
export const HandoffPacketSchema = v.object({
  version: v.literal(1),
  site: id,
  /** The widget's conversation id, so the transcript links back to the device's record. */
  conversationId: id,
  createdAt: epochMs,
  language: v.pipe(v.string(), v.maxLength(20)),
  customer: v.object({
    customerId: v.nullable(id),
    tier: v.nullable(TierSchema),
    lifetimeValue: v.nullable(v.object({ amount: v.number(), currency: v.pipe(v.string(), v.maxLength(8)) })),
    preferredChannel: ChannelSchema,
    openIssues: v.pipe(v.array(IssueSummarySchema), v.maxLength(20)),
    recentIssues: v.pipe(v.array(IssueSummarySchema), v.maxLength(20)),
  }),
  intent: v.nullable(
    v.object({
      label: v.pipe(v.string(), v.maxLength(100)),
      confidence: v.pipe(v.number(), v.minValue(0), v.maxValue(1)),
      rejected: v.boolean(),
      alternatives: v.pipe(
        v.array(v.object({ label: v.pipe(v.string(), v.maxLength(100)), confidence: v.number() })),
        v.maxLength(5),
      ),
    }),
  ),
  sentiment: v.object({
    trend: v.picklist(['improving', 'steady', 'worsening', 'unknown']),
    /** Visitor message sentiments in order, -1..1. */
    values: v.pipe(v.array(v.pipe(v.number(), v.minValue(-1), v.maxValue(1))), v.maxLength(50)),
  }),
  frustration: v.pipe(v.number(), v.minValue(0), v.maxValue(1)),
  entities: v.pipe(
    v.array(
      v.object({
        kind: v.picklist(['order_number', 'email', 'phone', 'amount', 'date']),
        value: shortText,
      }),
    ),
    v.maxLength(50),
  ),
  transcript: v.pipe(v.array(TranscriptLineSchema), v.maxLength(50)),
  piiShared: v.boolean(),
  answersTried: v.pipe(
    v.array(
      v.object({
        text: v.pipe(v.string(), v.maxLength(1000)),
        origin: v.picklist(['device', 'relay', 'llm']),
        citations: v.pipe(v.array(CitationSchema), v.maxLength(10)),
        feedback: v.nullable(v.picklist(['helpful', 'not-helpful'])),
      }),
    ),
    v.maxLength(20),
  ),
  reasons: v.pipe(v.array(EscalationReasonSchema), v.minLength(1), v.maxLength(20)),
  immediate: v.boolean(),
});
export type HandoffPacket = v.InferOutput<typeof HandoffPacketSchema>;

export const ResolutionCodeSchema = v.picklist(['solved', 'follow-up', 'unresolved', 'duplicate', 'spam']);
export type ResolutionCode = v.InferOutput<typeof ResolutionCodeSchema>;

// ---------------------------------------------------------------- HTTP

/** `POST /api/handoff`: the visitor escalates. */
export const HandoffRequestSchema = v.object({
  /**
   * A random secret the device generates once per escalation. The room id is
   * derived from it, so retrying the request never creates a second
   * conversation, and only its holder can ask for a fresh visitor token.
   */
  handoffKey: v.pipe(v.string(), v.minLength(16), v.maxLength(128)),
  packet: HandoffPacketSchema,
});
export type HandoffRequest = v.InferOutput<typeof HandoffRequestSchema>;

/** An honest estimate of the wait, and what it is based on. */
export interface WaitEstimate {
  agentsOnline: number;
  /** 1-based place in the queue; 0 once an agent has the conversation. */
  position: number;
  /** Null when nobody is online to give a number. */
  seconds: number | null;
  /** 'measured' from recent waits in this queue, 'default' before there are any, 'no-agents' when nobody is online. */
  basis: 'measured' | 'default' | 'no-agents';
}

export interface HandoffResponse {
  conversationId: string;
  /** Visitor token for this conversation's room only. */
  token: string;
  /** Epoch ms. */
  expiresAt: number;
  wait: WaitEstimate;
}

/** `POST /api/handoff/:id/token`: a fresh visitor token, proven by the handoff key. */
export const VisitorTokenRequestSchema = v.object({ handoffKey: HandoffRequestSchema.entries.handoffKey });

export const CallbackRequestSchema = v.object({
  channel: v.picklist(['email', 'sms']),
  address: v.pipe(v.string(), v.trim(), v.minLength(3), v.maxLength(254)),
  note: v.optional(v.pipe(v.string(), v.maxLength(1000))),
});
export type CallbackRequest = v.InferOutput<typeof CallbackRequestSchema>;

/** A callback the visitor asked for; `address` is a normalised email or E.164 phone. */
export interface CallbackRecord {
  channel: 'email' | 'sms';
  address: string;
  note: string;
  at: number;
}

/** `POST /api/agents/demo-sign-in` (demo only, enabled by the relay's DEMO var). */
export const DemoSignInRequestSchema = v.object({
  name: v.pipe(v.string(), v.trim(), v.minLength(1), v.maxLength(80)),
  role: v.picklist(['agent', 'supervisor']),
  site: id,
});

export interface AgentSession {
  token: string;
  expiresAt: number;
  agent: AgentRef;
  role: 'agent' | 'supervisor';
  site: string;
}

export interface AgentRef {
  id: string;
  name: string;
}

// ---------------------------------------------------------------- conversation room

/** A chat line stored in the room, in `seq` order. */
export interface RoomMessage {
  seq: number;
  /** The sender's own id, the dedupe key: the same clientId is stored once. */
  clientId: string;
  from: 'visitor' | 'agent' | 'system';
  author?: string;
  text: string;
  at: number;
}

export type ConversationStatus = 'waiting' | 'active' | 'closed';

export interface ConversationView {
  id: string;
  site: string;
  status: ConversationStatus;
  agent: AgentRef | null;
  createdAt: number;
  resolution: ResolutionCode | null;
  callback: CallbackRecord | null;
  /** Only agents and supervisors receive the packet. */
  packet?: HandoffPacket;
}

export const ConversationClientMessageSchema = v.variant('type', [
  /** Sent on every (re)connect: the room replays everything after `lastSeq`. */
  v.object({ type: v.literal('sync'), lastSeq: seq }),
  v.object({ type: v.literal('send'), clientId: id, text: messageText }),
  v.object({ type: v.literal('typing'), typing: v.boolean() }),
  v.object({ type: v.literal('read'), seq }),
  v.object({ type: v.literal('wait') }),
  v.object({ type: v.literal('transfer'), note: v.pipe(v.string(), v.maxLength(500)), toAgentId: v.optional(id) }),
  v.object({ type: v.literal('close'), resolution: ResolutionCodeSchema, note: v.optional(v.pipe(v.string(), v.maxLength(500))) }),
]);
export type ConversationClientMessage = v.InferOutput<typeof ConversationClientMessageSchema>;

export type ConversationServerMessage =
  | {
      type: 'snapshot';
      conversation: ConversationView;
      /** Messages after the client's `lastSeq`, oldest first. */
      messages: RoomMessage[];
      latestSeq: number;
      read: { visitor: number; agent: number };
    }
  | { type: 'message'; message: RoomMessage }
  | { type: 'ack'; clientId: string; seq: number; at: number }
  | { type: 'typing'; from: 'visitor' | 'agent'; typing: boolean; author?: string }
  | { type: 'read'; by: 'visitor' | 'agent'; seq: number }
  | { type: 'agent-joined'; agent: AgentRef }
  | { type: 'transferred'; from: AgentRef; note: string }
  | { type: 'closed'; resolution: ResolutionCode; at: number }
  | { type: 'wait'; wait: WaitEstimate }
  | { type: 'error'; code: RoomErrorCode; message: string; clientId?: string };

export type RoomErrorCode = 'bad-message' | 'forbidden' | 'closed' | 'not-found' | 'conflict' | 'rate-limited';

// ---------------------------------------------------------------- queue room

/** A conversation as the queue lists it; the full packet is only in the conversation room. */
export interface QueueEntry {
  conversationId: string;
  enqueuedAt: number;
  status: 'waiting' | 'assigned';
  tier: HandoffPacket['customer']['tier'];
  customerId: string | null;
  frustration: number;
  intent: string | null;
  reasons: HandoffPacket['reasons'];
  immediate: boolean;
  language: string;
  callback: CallbackRecord | null;
  /** Whether the visitor has the chat open right now: an agent can tell someone waiting from someone who left. */
  visitorOnline: boolean;
  agent: AgentRef | null;
  /** Set after a transfer: the note from the previous agent and, optionally, who should take it. */
  transfer: { from: AgentRef; note: string; toAgentId: string | null } | null;
}

export const QueueClientMessageSchema = v.variant('type', [
  v.object({ type: v.literal('sync') }),
  v.object({ type: v.literal('claim'), conversationId: id }),
]);
export type QueueClientMessage = v.InferOutput<typeof QueueClientMessageSchema>;

export type QueueServerMessage =
  | { type: 'queue'; entries: QueueEntry[]; agentsOnline: number; now: number }
  | { type: 'entry'; entry: QueueEntry }
  | { type: 'removed'; conversationId: string }
  | { type: 'agents'; agentsOnline: number }
  | { type: 'claimed'; conversationId: string }
  | { type: 'error'; code: RoomErrorCode; message: string; conversationId?: string };


const TIER_WEIGHT: Record<NonNullable<QueueEntry['tier']>, number> = { free: 0, standard: 1, premium: 3, vip: 5 };

/**
 * How urgently a waiting conversation needs a person: tier, frustration and
 * minutes waited, plus a bump for legal threats and explicit requests. Higher first.
 */
export function queuePriority(entry: Pick<QueueEntry, 'tier' | 'frustration' | 'enqueuedAt' | 'immediate' | 'reasons'>, now: number): number {
  const minutes = Math.max(0, now - entry.enqueuedAt) / 60_000;
  const legal = entry.reasons.some((r) => r.code === 'legal-threat') ? 3 : 0;
  return (entry.tier ? TIER_WEIGHT[entry.tier] : 0) + entry.frustration * 4 + Math.min(minutes, 30) * 0.5 + legal + (entry.immediate ? 1 : 0);
}

/** Waiting entries first, by priority, then oldest first; assigned entries after. */
export function orderQueue(entries: readonly QueueEntry[], now: number): QueueEntry[] {
  return [...entries].sort((a, b) => {
    if (a.status !== b.status) return a.status === 'waiting' ? -1 : 1;
    return queuePriority(b, now) - queuePriority(a, now) || a.enqueuedAt - b.enqueuedAt;
  });
}
