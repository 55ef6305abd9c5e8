import type { ConversationMessage } from '../conversation/message.js';

/**
 * How a visitor message leaves the device (the relay's handoff room, in
 * practice). `deliver` resolves once the other side has accepted the message
 * and rejects when it could not; the outbox retries. Receivers must treat
 * `message.id` as an idempotency key: a tab closed between acceptance and
 * bookkeeping delivers the same id again on its next visit.
 */
export interface MessageTransport {
  deliver(message: ConversationMessage, signal: AbortSignal): Promise<void>;
}

/** Thrown by a transport for a message the other side will never accept (too large, malformed): retrying cannot help. */
export class DeliveryRefused extends Error {
  override name = 'DeliveryRefused';
}
