import type { Context, MiddlewareHandler } from 'hono';
import type { RelayEnv } from '../relay-env.js';
import type { RateRule } from '../relay-config.js';
import { relayError } from '../relay-error.js';
import { TokenBuckets } from './token-buckets.js';

export interface RateLimitOptions {
  /** Names the limit in the error message and log line (`ip`, `session`). */
  name: string;
  rule: RateRule;
  /** The key to count against; `undefined` skips this limit for the request. */
  key: (c: Context<RelayEnv>) => string | undefined;
}

/**
 * Answers 429 with `Retry-After` once a key has spent its budget. Buckets are
 * kept in this isolate's memory: on the edge each isolate counts on its own,
 * which bounds abuse per location without a round trip per request.
 *
 * @example
 * app.use('*', rateLimit({ name: 'ip', rule: { count: 600, seconds: 60 }, key: clientIp }));
 */
export function rateLimit(options: RateLimitOptions): MiddlewareHandler<RelayEnv> {
  const buckets = new TokenBuckets(options.rule);
  return async function rateLimitHandler(c, next) {
    const key = options.key(c);
    if (key === undefined) return next();
    const verdict = buckets.take(key, Date.now());
    if (verdict.ok) return next();
    const retryAfterSeconds = Math.max(1, Math.ceil(verdict.retryAfterMs / 1000));
    return relayError(
      c,
      429,
      {
        error: 'rate_limited',
        message: `Too many requests for this ${options.name} (limit ${options.rule.count} per ${options.rule.seconds} s).`,
        retryAfterSeconds,
      },
      { 'Retry-After': String(retryAfterSeconds) },
    );
  };
}

/** The caller's address as the edge reports it (Cloudflare sets `CF-Connecting-IP`). */
export function clientIp(c: Context): string {
  return (
    c.req.header('cf-connecting-ip') ??
    c.req.header('x-forwarded-for')?.split(',')[0]?.trim() ??
    c.req.header('x-real-ip') ??
    'unknown'
  );
}

/** The visitor's relay session: the bearer token the widget sends, if any. */
export function sessionKey(c: Context): string | undefined {
  const auth = c.req.header('authorization');
  const m = auth ? /^Bearer\s+(\S+)$/i.exec(auth) : null;
  return m?.[1];
}
