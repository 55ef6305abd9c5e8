import type { Responder, ResponderEvent, Turn } from './responder.js';

/**
 * The responder a widget has before anything that understands is plugged
 * in: it says honestly that the message is saved and points to a person.
 * It never pretends to answer.
 */
export class OfflineAcknowledger implements Responder {
  async *respond(turn: Turn, signal: AbortSignal): AsyncIterable<ResponderEvent> {
    if (signal.aborted) return;
    const replyId = `ack-${turn.message.id}`;
    yield { type: 'reply-start', replyId, origin: 'device' };
    yield {
      type: 'reply-delta',
      replyId,
      text: "Thanks, your message is saved. I can't answer questions here yet: choose **Talk to a person** and the team will pick it up.",
    };
    yield { type: 'reply-end', replyId, citations: [], quickReplies: [], askFeedback: false };
  }
}
