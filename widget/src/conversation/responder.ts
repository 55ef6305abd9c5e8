import type { Understanding } from '../../../protocol/understanding.js';
import type { EscalationDecision } from '../../../protocol/escalation.js';
import type { AnswerOrigin, Citation, ConversationMessage } from './message.js';

/** One visitor message to respond to, with everything said before it. */
export interface Turn {
  conversationId: string;
  message: ConversationMessage;
  /** Earlier messages of this conversation, oldest first, with their understanding. */
  history: ConversationMessage[];
  /** True once this conversation was handed to a person, so nothing escalates it twice. */
  escalated?: boolean;
  /** True while a person is chatting with the visitor: understand the message, but leave the reply to them. */
  personActive?: boolean;
}

/** What a responder tells the widget while it works on a turn, in order. */
export type ResponderEvent =
  | { type: 'understood'; messageId: string; understanding: Understanding }
  | { type: 'typing' }
  | { type: 'reply-start'; replyId: string; origin: AnswerOrigin }
  | { type: 'reply-delta'; replyId: string; text: string }
  /** The whole text so far of a reply still streaming, replacing what was shown (a generated sentence its guardrails dropped after its first words showed). */
  | { type: 'reply-replace'; replyId: string; text: string }
  | { type: 'reply-end'; replyId: string; citations: Citation[]; quickReplies: string[]; askFeedback: boolean }
  | { type: 'escalate'; decision: EscalationDecision };

/**
 * Turns a visitor message into understanding, replies and escalations. The
 * widget element renders and stores whatever the responder yields.
 */
export interface Responder {
  respond(turn: Turn, signal: AbortSignal): AsyncIterable<ResponderEvent>;
}
