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

/**
 * Tells whoever waits for the network when it is back: the outbox with
 * queued messages, a request for a person made offline. The `online` event
 * usually says so, but it is not guaranteed (emulated or flaky networks), so
 * while anyone waits the browser is asked again with backoff. One per page
 * (`pageNetwork`), so one job has one watcher.
 */
export class NetworkReturn {
  readonly #waiting = new Set<() => void>();
  #timer: ReturnType<typeof setTimeout> | undefined;
  #checks = 0;

  constructor(
    readonly isOnline: () => boolean = () => globalThis.navigator?.onLine ?? true,
    private readonly schedule: RetrySchedule = defaultRetry,
  ) {}

  /** Calls `then` once, when the browser says it is online (now, if it is); returns what cancels the wait. */
  whenOnline(then: () => void): () => void {
    const waiter = () => then();
    this.#waiting.add(waiter);
    if (this.#waiting.size === 1) globalThis.addEventListener?.('online', this.#check);
    this.#check();
    return () => this.#release(waiter);
  }

  #check = (): void => {
    clearTimeout(this.#timer);
    if (!this.#waiting.size) return;
    if (!this.isOnline()) {
      this.#timer = setTimeout(this.#check, retryDelay(++this.#checks, this.schedule));
      return;
    }
    const waiting = [...this.#waiting];
    for (const waiter of waiting) this.#release(waiter);
    for (const waiter of waiting) waiter();
  };

  #release(waiter: () => void): void {
    if (!this.#waiting.delete(waiter) || this.#waiting.size) return;
    clearTimeout(this.#timer);
    this.#checks = 0;
    globalThis.removeEventListener?.('online', this.#check);
  }
}

export const pageNetwork = new NetworkReturn();
