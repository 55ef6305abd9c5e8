/**
 * The parts of the handoff protocol a client needs at run time: party names,
 * the server message types it accepts, and the labels of resolution codes.
 * Kept apart from the valibot schemas in `handoff.ts` (which re-exports all of
 * this), so the visitor's bundle carries no validation code it never runs.
 */
import type { ConversationServerMessage, QueueServerMessage, ResolutionCode } from './handoff.js';

export const RESOLUTION_LABELS: Record<ResolutionCode, string> = {
  solved: 'Solved',
  'follow-up': 'Solved, follow-up needed',
  unresolved: 'Not resolved',
  duplicate: 'Duplicate of another conversation',
  spam: 'Spam or abuse',
};

/** Server messages are validated by clients too: anything else on the socket is a bug to surface, not to render. */
export function parseServerMessage<T extends { type: string }>(raw: string, known: readonly T['type'][]): T | null {
  let value: unknown;
  try {
    value = JSON.parse(raw);
  } catch {
    return null;
  }
  if (!value || typeof value !== 'object') return null;
  const type = (value as { type?: unknown }).type;
  return typeof type === 'string' && (known as readonly string[]).includes(type) ? (value as T) : null;
}

export const CONVERSATION_SERVER_TYPES = [
  'snapshot',
  'message',
  'ack',
  'typing',
  'read',
  'agent-joined',
  'transferred',
  'closed',
  'wait',
  'error',
] as const satisfies readonly ConversationServerMessage['type'][];

export const QUEUE_SERVER_TYPES = ['queue', 'entry', 'removed', 'agents', 'claimed', 'error'] as const satisfies readonly QueueServerMessage['type'][];

/** PartyKit party names, as registered in partykit.json. */
export const PARTIES = { conversation: 'conversation', queue: 'queue' } as const;
