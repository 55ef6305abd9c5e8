import type { ConversationMessage } from '../conversation/message.js';

/** How much of a conversation the device keeps. */
export interface RetentionPolicy {
  /** Messages older than this are dropped. */
  maxAgeDays: number;
  /** Only the newest this many messages are kept. */
  maxMessages: number;
}

/**
 * The ids of messages the policy no longer allows, given the messages oldest
 * first. Messages still waiting to be delivered are never dropped: losing an
 * unsent message is worse than keeping one too many.
 */
export function expiredMessageIds(
  messages: readonly ConversationMessage[],
  policy: RetentionPolicy,
  now: number,
): string[] {
  const oldestAllowed = now - policy.maxAgeDays * 86_400_000;
  const overflow = Math.max(0, messages.length - policy.maxMessages);
  return messages
    .filter((m, i) => m.status !== 'pending' && (i < overflow || m.at < oldestAllowed))
    .map((m) => m.id);
}
