import type { RateRule } from '../relay-config.js';

/**
 * One token bucket per key: `rule.count` requests of burst, refilled at
 * `count / seconds` per second. Pure (time is passed in) so it is tested
 * without a clock. Keeps at most `maxKeys` buckets; when full it first drops
 * buckets that have refilled completely (they hold no information), then the
 * oldest, so a flood of fresh keys cannot grow memory without bound.
 */
export class TokenBuckets {
  readonly #capacity: number;
  readonly #perMs: number;
  readonly #maxKeys: number;
  readonly #buckets = new Map<string, { tokens: number; at: number }>();

  constructor(rule: RateRule, maxKeys = 50_000) {
    this.#capacity = rule.count;
    this.#perMs = rule.count / (rule.seconds * 1000);
    this.#maxKeys = maxKeys;
  }

  /** Spends one token for `key`; on refusal, says how long until the next one. */
  take(key: string, now: number): { ok: true } | { ok: false; retryAfterMs: number } {
    const bucket = this.#buckets.get(key);
    let tokens = this.#capacity;
    if (bucket) tokens = Math.min(this.#capacity, bucket.tokens + (now - bucket.at) * this.#perMs);
    if (tokens < 1) {
      this.#buckets.set(key, { tokens, at: now });
      return { ok: false, retryAfterMs: Math.ceil((1 - tokens) / this.#perMs) };
    }
    this.#buckets.delete(key);
    this.#buckets.set(key, { tokens: tokens - 1, at: now });
    if (this.#buckets.size > this.#maxKeys) this.#evict(now);
    return { ok: true };
  }

  get size(): number {
    return this.#buckets.size;
  }

  #evict(now: number): void {
    for (const [key, b] of this.#buckets) {
      if (b.tokens + (now - b.at) * this.#perMs >= this.#capacity) this.#buckets.delete(key);
    }
    // Map iteration is insertion order, and `take` re-inserts: the first keys are the least recently seen.
    for (const key of this.#buckets.keys()) {
      if (this.#buckets.size <= this.#maxKeys) break;
      this.#buckets.delete(key);
    }
  }
}
