import type { ConversationMessage } from '../conversation/message.js';
import { DeliveryRefused, type MessageTransport } from '../conversation/message-transport.js';
import type { ConversationStore } from './conversation-store.js';

export interface RetrySchedule {
  baseMs: number;
  maxMs: number;
}

export const defaultRetry: RetrySchedule = { baseMs: 1000, maxMs: 30_000 };

/** Exponential backoff with ±20% jitter so many tabs coming back online do not retry in step. */
export function retryDelay(attempts: number, schedule: RetrySchedule, random = Math.random): number {
  const exact = Math.min(schedule.maxMs, schedule.baseMs * 2 ** Math.max(0, attempts - 1));
  return Math.round(exact * (0.8 + 0.4 * random()));
}

export interface OutboxOptions {
  store: ConversationStore;
  /** Read on every flush: the transport may be attached after the outbox started. */
  transport: () => MessageTransport | undefined;
  /** A message left the device (status 'sent') or was refused for good (status 'failed'). */
  onSettled: (message: ConversationMessage) => void;
  /** Web Locks name shared by the site's tabs, so only one tab delivers at a time. */
  lockName: string;
  isOnline?: () => boolean;
  retry?: RetrySchedule;
}

/**
 * Delivers queued visitor messages once each, oldest first. Messages are in
 * the store before they reach the outbox, so a closed tab or a dead network
 * loses nothing: the next flush (on start, on `online`, on a backoff timer)
 * picks them up. A failure stops the run so later messages never overtake it.
 */
export class Outbox {
  #abort = new AbortController();
  #timer: ReturnType<typeof setTimeout> | undefined;
  #offlineChecks = 0;
  #running: Promise<void> | null = null;
  #again = false;
  readonly #isOnline: () => boolean;
  readonly #retry: RetrySchedule;
  readonly #onOnline = () => void this.flush();

  constructor(private readonly options: OutboxOptions) {
    this.#isOnline = options.isOnline ?? (() => globalThis.navigator?.onLine ?? true);
    this.#retry = options.retry ?? defaultRetry;
    globalThis.addEventListener?.('online', this.#onOnline);
  }

  /** Delivers what is pending; resolves when this run is over (delivered, or waiting to retry). */
  flush(): Promise<void> {
    if (this.#running) {
      this.#again = true;
      return this.#running;
    }
    clearTimeout(this.#timer);
    this.#running = (async () => {
      do {
        this.#again = false;
        await this.#withLock(() => this.#drain());
      } while (this.#again && !this.#abort.signal.aborted);
    })().finally(() => {
      this.#running = null;
    });
    return this.#running;
  }

  #schedule(delayMs: number): void {
    clearTimeout(this.#timer);
    this.#timer = setTimeout(() => void this.flush(), delayMs);
  }

  stop(): void {
    this.#abort.abort();
    clearTimeout(this.#timer);
    globalThis.removeEventListener?.('online', this.#onOnline);
  }

  async #withLock(run: () => Promise<void>): Promise<void> {
    const locks = globalThis.navigator?.locks;
    if (locks) await locks.request(this.options.lockName, run);
    else await run();
  }

  async #drain(): Promise<void> {
    const { store, onSettled } = this.options;
    const signal = this.#abort.signal;
    const transport = this.options.transport();
    if (!transport || signal.aborted) return;
    const queued = await store.outbox();
    if (!queued.length) {
      this.#offlineChecks = 0;
      return;
    }
    if (!this.#isOnline()) {
      // `online` usually flushes us, but the event is not guaranteed (emulated or flaky networks): look again later too.
      this.#schedule(retryDelay(++this.#offlineChecks, this.#retry));
      return;
    }
    this.#offlineChecks = 0;
    for (const entry of queued) {
      const message = await store.message(entry.messageId);
      if (!message) {
        await store.removeOutbox(entry.messageId);
        continue;
      }
      try {
        await transport.deliver(message, signal);
      } catch (error) {
        if (signal.aborted) return;
        if (error instanceof DeliveryRefused) {
          const failed: ConversationMessage = { ...message, status: 'failed' };
          await store.putMessage(failed);
          await store.removeOutbox(entry.messageId);
          onSettled(failed);
          continue;
        }
        const attempts = entry.attempts + 1;
        await store.putOutbox({ ...entry, attempts });
        this.#schedule(retryDelay(attempts, this.#retry));
        return;
      }
      // Stopped meanwhile (conversation forgotten, element gone): write nothing back; the receiver dedupes a resend.
      if (signal.aborted) return;
      const sent: ConversationMessage = { ...message, status: 'sent' };
      await store.putMessage(sent);
      await store.removeOutbox(entry.messageId);
      onSettled(sent);
    }
  }
}
