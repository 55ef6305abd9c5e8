import type { Understanding } from '../../../protocol/understanding.js';

/** Where an answer was made, shown as a small badge under it. */
export type AnswerOrigin = 'device' | 'relay' | 'llm';

export interface Citation {
  title: string;
  url: string;
}

/** One message of a conversation as the widget stores it in IndexedDB. */
export interface ConversationMessage {
  /** Client-generated id (crypto.randomUUID()); also the dedupe key for delivery. */
  id: string;
  conversationId: string;
  role: 'visitor' | 'bot' | 'agent' | 'system';
  /** Plain text for visitors; safe-Markdown source for bot and agent messages. */
  text: string;
  /** Epoch milliseconds. */
  at: number;
  /** Delivery state of a visitor message; bot and agent messages are 'delivered'. */
  status: 'pending' | 'sent' | 'delivered' | 'failed';
  understanding?: Understanding;
  answer?: {
    origin: AnswerOrigin;
    citations: Citation[];
    quickReplies: string[];
    /** The responder wants to know whether this answer helped; the panel asks "Did this help?". */
    askFeedback?: boolean;
    /** The visitor's answer to "Did this help?"; absent means no answer, never "yes". */
    feedback?: 'helpful' | 'not-helpful';
  };
  /** Display name of the agent who wrote it. */
  author?: string;
}
