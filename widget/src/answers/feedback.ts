import type { ConversationMessage } from '../conversation/message.js';

export interface ResolutionCount {
  /** Bot answers in the conversations. */
  answers: number;
  /** Answers the visitor marked "Yes, this helped". */
  helpful: number;
  /** Answers the visitor marked "No". */
  notHelpful: number;
  /** Answers the visitor never rated: counted as unknown, never as resolved. */
  unrated: number;
  conversations: number;
  /** Conversations whose last rated answer was helpful and that no person had to take over after it. */
  resolvedConversations: number;
  /** resolvedConversations / conversations; 0 when there are none. */
  resolutionRate: number;
}

/**
 * Counts resolution honestly: only an explicit "Yes" resolves; silence,
 * "thanks" or leaving never do, and a conversation a person took over after
 * the "Yes" is not counted as resolved by the AI.
 */
export function countResolved(messages: readonly ConversationMessage[]): ResolutionCount {
  const byConversation = new Map<string, ConversationMessage[]>();
  for (const m of messages) {
    const list = byConversation.get(m.conversationId) ?? [];
    list.push(m);
    byConversation.set(m.conversationId, list);
  }
  const count: ResolutionCount = {
    answers: 0,
    helpful: 0,
    notHelpful: 0,
    unrated: 0,
    conversations: byConversation.size,
    resolvedConversations: 0,
    resolutionRate: 0,
  };
  for (const list of byConversation.values()) {
    list.sort((a, b) => a.at - b.at);
    let lastRated: 'helpful' | 'not-helpful' | undefined;
    let agentAfterHelpful = false;
    for (const m of list) {
      if (m.role === 'agent' && lastRated === 'helpful') agentAfterHelpful = true;
      if (m.role !== 'bot' || !m.answer) continue;
      count.answers++;
      const f = m.answer.feedback;
      if (f === 'helpful') count.helpful++;
      else if (f === 'not-helpful') count.notHelpful++;
      else count.unrated++;
      if (f) {
        lastRated = f;
        agentAfterHelpful = false;
      }
    }
    if (lastRated === 'helpful' && !agentAfterHelpful) count.resolvedConversations++;
  }
  count.resolutionRate = count.conversations ? count.resolvedConversations / count.conversations : 0;
  return count;
}
