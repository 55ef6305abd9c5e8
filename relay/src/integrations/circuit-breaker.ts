/** Where a breaker stands: passing calls, refusing them, or letting one probe through. */
export type CircuitState = 'closed' | 'open' | 'half_open';

export interface CircuitBreakerOptions {
  /** Consecutive failures that open the circuit. */
  failureThreshold: number;
  /** How long the circuit stays open before one probe call is let through. */
  cooldownMs: number;
}

export const DEFAULT_BREAKER: CircuitBreakerOptions = { failureThreshold: 5, cooldownMs: 30_000 };

/**
 * A consecutive-failure circuit breaker. Pure: the caller passes the clock, so
 * it is tested without timers. While open, calls fail at once instead of
 * piling up behind a dead upstream; after the cooldown one probe decides.
 *
 * @example
 * if (!breaker.allow(Date.now())) throw new UpstreamError(name, 'circuit_open', '…');
 * try { …; breaker.recordSuccess(); } catch (e) { breaker.recordFailure(Date.now()); throw e; }
 */
export class CircuitBreaker {
  #state: CircuitState = 'closed';
  #failures = 0;
  #openedAt = 0;
  #probeInFlight = false;

  constructor(readonly options: CircuitBreakerOptions = DEFAULT_BREAKER) {}

  state(now: number): CircuitState {
    if (this.#state === 'open' && now - this.#openedAt >= this.options.cooldownMs) return 'half_open';
    return this.#state;
  }

  get consecutiveFailures(): number {
    return this.#failures;
  }

  /** Whether a call may go out now. In half-open, only one probe at a time. */
  allow(now: number): boolean {
    const state = this.state(now);
    if (state === 'closed') return true;
    if (state === 'open' || this.#probeInFlight) return false;
    this.#state = 'half_open';
    this.#probeInFlight = true;
    return true;
  }

  recordSuccess(): void {
    this.#state = 'closed';
    this.#failures = 0;
    this.#probeInFlight = false;
  }

  recordFailure(now: number): void {
    this.#failures++;
    this.#probeInFlight = false;
    if (this.#state === 'half_open' || this.#failures >= this.options.failureThreshold) {
      this.#state = 'open';
      this.#openedAt = now;
    }
  }

  /** When an open circuit will let a probe through (epoch ms), else null. */
  reopensAt(now: number): number | null {
    return this.state(now) === 'open' ? this.#openedAt + this.options.cooldownMs : null;
  }
}
