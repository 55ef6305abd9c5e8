/**
 * A daily call budget for one upstream, reset at 00:00 UTC (Salesforce-style
 * 24-hour API limits). Pure: the caller passes the clock. Counted per relay
 * isolate, so set the limit with the number of edge isolates in mind.
 */
export class CallBudget {
  #day = '';
  #used = 0;

  constructor(readonly dailyLimit: number) {}

  /** Takes one call from today's budget; false when none is left. */
  take(now: number): boolean {
    this.#roll(now);
    if (this.#used >= this.dailyLimit) return false;
    this.#used++;
    return true;
  }

  snapshot(now: number): { day: string; used: number; limit: number; remaining: number } {
    this.#roll(now);
    return { day: this.#day, used: this.#used, limit: this.dailyLimit, remaining: Math.max(0, this.dailyLimit - this.#used) };
  }

  /** Seconds until the budget resets at the next UTC midnight. */
  secondsUntilReset(now: number): number {
    const next = new Date(now);
    next.setUTCHours(24, 0, 0, 0);
    return Math.ceil((next.getTime() - now) / 1000);
  }

  #roll(now: number): void {
    const day = new Date(now).toISOString().slice(0, 10);
    if (day !== this.#day) {
      this.#day = day;
      this.#used = 0;
    }
  }
}
