import type { RoomMessage } from '../../../protocol/handoff.js';

/**
 * A conversation's messages in `seq` order with at-most-once storage per
 * client id: a resend after a lost ack gets the stored message back instead
 * of a second copy. Pure: the room persists what `append` returns.
 *
 * @example
 * const { message, duplicate } = log.append({ clientId, from: 'visitor', text, at: Date.now() });
 * if (!duplicate) await storage.put(storageKey(message.seq), message);
 */
export class DeliveryLog {
  readonly #messages: RoomMessage[] = [];
  /** Keyed by sender and client id, so one side can never shadow the other's message. */
  readonly #byClientId = new Map<string, RoomMessage>();

  /** `messages` as loaded from storage, in any order. */
  constructor(messages: Iterable<RoomMessage> = []) {
    for (const m of [...messages].sort((a, b) => a.seq - b.seq)) {
      this.#messages.push(m);
      this.#byClientId.set(dedupeKey(m), m);
    }
  }

  get latestSeq(): number {
    return this.#messages.at(-1)?.seq ?? 0;
  }

  get size(): number {
    return this.#messages.length;
  }

  append(input: Omit<RoomMessage, 'seq'>): { message: RoomMessage; duplicate: boolean } {
    const known = this.#byClientId.get(dedupeKey(input));
    if (known) return { message: known, duplicate: true };
    const message: RoomMessage = { ...input, seq: this.latestSeq + 1 };
    this.#messages.push(message);
    this.#byClientId.set(dedupeKey(message), message);
    return { message, duplicate: false };
  }

  /** Messages after `seq`, oldest first. */
  since(seq: number): RoomMessage[] {
    // seqs are 1..n without gaps, so the index is seq itself.
    return this.#messages.slice(Math.max(0, Math.min(seq, this.latestSeq)));
  }

  all(): readonly RoomMessage[] {
    return this.#messages;
  }
}

/** Storage key of one message; zero-padded so `storage.list()` returns them in order. */
export const messageKey = (seq: number) => `m:${String(seq).padStart(10, '0')}`;

const dedupeKey = (m: Pick<RoomMessage, 'from' | 'clientId'>) => `${m.from}:${m.clientId}`;
