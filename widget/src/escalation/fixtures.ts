import type { FrustrationSignal, Understanding } from '../../../protocol/understanding.js';
import type { ConversationMessage } from '../conversation/message.js';

/** Test fixtures: an Understanding with only the fields a test cares about. */
export function understanding(over: Partial<Understanding> & { signals?: FrustrationSignal[]; frustrationScore?: number } = {}): Understanding {
  const { signals = [], frustrationScore = 0, ...rest } = over;
  return {
    intent: { label: 'greeting', confidence: 0.9, rejected: false, alternatives: [] },
    sentiment: 0,
    frustration: { score: frustrationScore, signals },
    entities: [],
    language: 'en',
    redacted: 'where is my order',
    pii: [],
    backend: 'rules',
    ...rest,
  };
}

let counter = 0;

/** A stored conversation message; visitor messages get an understanding unless one is given. */
export function message(over: Partial<ConversationMessage> = {}): ConversationMessage {
  counter += 1;
  return {
    id: `m${counter}`,
    conversationId: 'c1',
    role: 'visitor',
    text: 'where is my order',
    at: 1_700_000_000_000 + counter * 1000,
    status: 'delivered',
    ...over,
  };
}

export const signal = (kind: FrustrationSignal['kind'], match: string, weight = 0.3): FrustrationSignal => ({ kind, match, weight });
