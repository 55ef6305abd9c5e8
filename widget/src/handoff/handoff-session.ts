/** What a device remembers about its live handoff, so a reload reconnects instead of queueing again. */
export interface HandoffSession {
  /** The secret the room id was derived from; proves this device owns the conversation. */
  handoffKey: string;
  /** Set once the relay accepted the escalation. */
  roomId?: string;
  lastSeq: number;
  /** The conversation ended; a reload must not reconnect or queue it again. */
  closed?: boolean;
  /** The visitor's messages the room stored that the agent has not read yet: message id → room `seq`. */
  unread?: Record<string, number>;
  /** The visitor's latest message the agent has read (its id), shown as "Seen". */
  seen?: string;
}

/** Where sessions live: localStorage, or memory when storage is blocked (private mode, sandboxed iframes). */
export class HandoffSessions {
  readonly #memory = new Map<string, string>();

  constructor(private readonly prefix = 'support-widget:handoff:') {}

  get(conversationId: string): HandoffSession | null {
    const raw = this.#read(this.prefix + conversationId);
    if (!raw) return null;
    try {
      const value = JSON.parse(raw) as HandoffSession;
      return typeof value.handoffKey === 'string' && typeof value.lastSeq === 'number' ? value : null;
    } catch {
      return null;
    }
  }

  put(conversationId: string, session: HandoffSession): void {
    const raw = JSON.stringify(session);
    try {
      localStorage.setItem(this.prefix + conversationId, raw);
    } catch {
      this.#memory.set(this.prefix + conversationId, raw);
    }
  }

  delete(conversationId: string): void {
    this.#memory.delete(this.prefix + conversationId);
    try {
      localStorage.removeItem(this.prefix + conversationId);
    } catch {
      // storage blocked: the memory copy was the only one
    }
  }

  #read(key: string): string | null {
    try {
      return localStorage.getItem(key) ?? this.#memory.get(key) ?? null;
    } catch {
      return this.#memory.get(key) ?? null;
    }
  }
}
