import type { ConversationMessage } from '../conversation/message.js';
import { DeliveryRefused, type MessageTransport } from '../conversation/message-transport.js';
import { defaultRetry, pageNetwork, retryDelay, type NetworkReturn, type RetrySchedule } from '../offline/network-return.js';
import type { ConversationStore } from './conversation-store.js';

export interface OutboxOptions {
  store: ConversationStore;
  /** Read on every flush: the transport may be attached after the outbox started. */
  transport: () => MessageTransport | undefined;
  /** A message left the device (status 'sent') or was refused for good (status 'failed'). */
  onSettled: (message: ConversationMessage) => void;
  /** Web Locks name shared by the site's tabs, so only one tab delivers at a time. */
  lockName: string;
  /** What says the network is back; the page's one by default. */
  network?: NetworkReturn;
  /** Backoff after a failed delivery. */
  retry?: RetrySchedule;
}

/**
 * Delivers queued visitor messages once each, oldest first. Messages are in
 * the store before they reach the outbox, so a closed tab or a dead network
 * loses nothing: the next flush (on start, when the network is back, on a
 * backoff timer) picks them up. A failure stops the run so later messages never overtake it.
 */
export class Outbox {
  #abort = new AbortController();
  #timer: ReturnType<typeof setTimeout> | undefined;
  #stopWaiting: (() => void) | undefined;
  #running: Promise<void> | null = null;
  #again = false;
  readonly #network: NetworkReturn;
  readonly #retry: RetrySchedule;

  constructor(private readonly options: OutboxOptions) {
    this.#network = options.network ?? pageNetwork;
    this.#retry = options.retry ?? defaultRetry;
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
    this.#stopWaiting?.();
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
    if (!queued.length) return;
    if (!this.#network.isOnline()) {
      this.#stopWaiting?.();
      this.#stopWaiting = this.#network.whenOnline(() => void this.flush());
      return;
    }
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
