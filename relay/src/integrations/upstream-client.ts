import * as v from 'valibot';
import { CallBudget } from './call-budget.js';
import { CircuitBreaker, DEFAULT_BREAKER, type CircuitBreakerOptions, type CircuitState } from './circuit-breaker.js';
import { backoffDelayMs, DEFAULT_RETRY, isIdempotentMethod, parseRetryAfter, type RetryPolicy } from './retry-policy.js';
import { UpstreamError, type UpstreamFailure } from './upstream-error.js';
import { logUpstreamError } from './upstream-log.js';

export interface UpstreamOptions {
  /** Short name used in logs and health: `hubspot`, `salesforce`, `zendesk`. */
  name: string;
  /** Origin and base path every request path is appended to. */
  baseUrl: string;
  /** Headers on every call (authorisation). */
  headers?: Record<string, string>;
  /** Per-attempt timeout; well under the 15 s that causes escalation avalanches. */
  timeoutMs?: number;
  /** Ceiling on one request including retries and Retry-After waits. */
  deadlineMs?: number;
  retry?: RetryPolicy;
  breaker?: CircuitBreakerOptions;
  /** Calls allowed per UTC day. */
  dailyBudget?: number;
  /** Injected for tests; defaults to the global fetch. */
  fetch?: typeof fetch;
  now?: () => number;
  random?: () => number;
}

export interface UpstreamRequest<T> {
  method: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  /** Path below `baseUrl`, e.g. `/crm/v3/objects/contacts/search`. */
  path: string;
  query?: Record<string, string>;
  body?: unknown;
  /** The documented response shape; a 2xx that does not match is a zombie answer. */
  schema: v.GenericSchema<unknown, T>;
  /** Overrides the method's default, e.g. a read-only search sent as POST. */
  idempotent?: boolean;
  /** Statuses that mean "no such record": the call resolves to null. Default [404]. */
  notFoundStatuses?: number[];
}

/** What health reports about one upstream. */
export interface UpstreamStatus {
  name: string;
  circuit: CircuitState;
  consecutiveFailures: number;
  budget: { day: string; used: number; limit: number; remaining: number };
  rateLimitedUntil: string | null;
  calls: number;
  failures: Partial<Record<UpstreamFailure, number>>;
  /** 2xx answers that failed schema validation and were not passed on. */
  zombieResponses: number;
  lastError: { failure: UpstreamFailure; message: string; at: string } | null;
}

export const DEFAULT_TIMEOUT_MS = 2_500;
export const DEFAULT_DEADLINE_MS = 6_000;
export const DEFAULT_DAILY_BUDGET = 100_000;
/** An attempt with less time than this left before the deadline is not worth starting. */
const MIN_ATTEMPT_MS = 50;

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * One upstream HTTP API behind every safeguard the relay promises: timeouts,
 * jittered retries for idempotent calls, Retry-After, a daily budget, a circuit
 * breaker, and schema validation. It either returns data that matches the
 * schema, null for a documented "not found", or throws an {@link UpstreamError}.
 *
 * @example
 * const hubspot = new UpstreamClient({ name: 'hubspot', baseUrl: 'https://api.hubapi.com', headers: { authorization: `Bearer ${token}` } });
 * const found = await hubspot.request({ method: 'POST', path: '/crm/v3/objects/contacts/search', body, schema: SearchResponse, idempotent: true });
 */
export class UpstreamClient {
  readonly name: string;
  readonly #options: Required<Omit<UpstreamOptions, 'headers'>> & { headers: Record<string, string> };
  readonly #breaker: CircuitBreaker;
  readonly #budget: CallBudget;
  #rateLimitedUntil = 0;
  #calls = 0;
  #failures: Partial<Record<UpstreamFailure, number>> = {};
  #zombies = 0;
  #lastError: UpstreamStatus['lastError'] = null;

  constructor(options: UpstreamOptions) {
    this.name = options.name;
    this.#options = {
      name: options.name,
      baseUrl: options.baseUrl.replace(/\/+$/, ''),
      headers: options.headers ?? {},
      timeoutMs: options.timeoutMs ?? DEFAULT_TIMEOUT_MS,
      deadlineMs: options.deadlineMs ?? DEFAULT_DEADLINE_MS,
      retry: options.retry ?? DEFAULT_RETRY,
      breaker: options.breaker ?? DEFAULT_BREAKER,
      dailyBudget: options.dailyBudget ?? DEFAULT_DAILY_BUDGET,
      fetch: options.fetch ?? ((input, init) => fetch(input, init)),
      now: options.now ?? Date.now,
      random: options.random ?? Math.random,
    };
    this.#breaker = new CircuitBreaker(this.#options.breaker);
    this.#budget = new CallBudget(this.#options.dailyBudget);
  }

  async request<T>(req: UpstreamRequest<T>): Promise<T | null> {
    const { now, retry } = this.#options;
    const started = now();
    const idempotent = req.idempotent ?? isIdempotentMethod(req.method);
    const maxAttempts = idempotent ? retry.retries + 1 : 1;
    let lastError: UpstreamError | null = null;

    for (let attempt = 0; attempt < maxAttempts; attempt++) {
      if (attempt > 0) {
        const wait =
          lastError?.failure === 'rate_limited'
            ? (lastError.retryAfterSeconds ?? 1) * 1000
            : backoffDelayMs(retry, attempt - 1, this.#options.random);
        if (now() - started + wait >= this.#options.deadlineMs) break;
        await sleep(wait);
      }
      // No attempt may run past the request's deadline.
      const timeoutMs = Math.min(this.#options.timeoutMs, this.#options.deadlineMs - (now() - started));
      if (timeoutMs < MIN_ATTEMPT_MS) break;
      try {
        return await this.#attempt(req, attempt, timeoutMs);
      } catch (error) {
        if (!(error instanceof UpstreamError)) throw error;
        lastError = error;
        if (!retryable(error)) break;
      }
    }
    throw lastError ?? new UpstreamError(this.name, 'timeout', `${this.name}: no time left before the ${this.#options.deadlineMs} ms deadline`);
  }

  status(): UpstreamStatus {
    const now = this.#options.now();
    return {
      name: this.name,
      circuit: this.#breaker.state(now),
      consecutiveFailures: this.#breaker.consecutiveFailures,
      budget: this.#budget.snapshot(now),
      rateLimitedUntil: this.#rateLimitedUntil > now ? new Date(this.#rateLimitedUntil).toISOString() : null,
      calls: this.#calls,
      failures: { ...this.#failures },
      zombieResponses: this.#zombies,
      lastError: this.#lastError,
    };
  }

  async #attempt<T>(req: UpstreamRequest<T>, attempt: number, timeoutMs: number): Promise<T | null> {
    const { now } = this.#options;
    const started = now();
    const fail = (failure: UpstreamFailure, message: string, status?: number, retryAfterSeconds?: number) => {
      this.#failures[failure] = (this.#failures[failure] ?? 0) + 1;
      this.#lastError = { failure, message, at: new Date(now()).toISOString() };
      logUpstreamError({
        upstream: this.name,
        failure,
        method: req.method,
        path: req.path,
        attempt,
        durationMs: now() - started,
        ...(status === undefined ? {} : { status }),
        message,
      });
      return new UpstreamError(this.name, failure, message, status, retryAfterSeconds);
    };

    if (this.#rateLimitedUntil > started) {
      const seconds = Math.ceil((this.#rateLimitedUntil - started) / 1000);
      throw fail('rate_limited', `${this.name} asked us to wait ${seconds}s (Retry-After)`, 429, seconds);
    }
    if (this.#budget.snapshot(started).remaining === 0) {
      throw fail(
        'budget_exhausted',
        `${this.name} daily call budget of ${this.#options.dailyBudget} is spent`,
        undefined,
        this.#budget.secondsUntilReset(started),
      );
    }
    if (!this.#breaker.allow(started)) {
      throw fail('circuit_open', `${this.name} circuit is open after repeated failures`);
    }
    this.#budget.take(started);
    this.#calls++;

    const controller = new AbortController();
    const timer = setTimeout(() => controller.abort(), timeoutMs);
    let response: Response;
    let text: string;
    try {
      response = await this.#options.fetch(this.#url(req), {
        method: req.method,
        headers: {
          accept: 'application/json',
          ...(req.body === undefined ? {} : { 'content-type': 'application/json' }),
          ...this.#options.headers,
        },
        body: req.body === undefined ? undefined : JSON.stringify(req.body),
        signal: controller.signal,
      });
      // The timeout covers the body too: a server that sends headers and then stalls is as dead as a silent one.
      text = await response.text();
    } catch (error) {
      this.#breaker.recordFailure(now());
      if (controller.signal.aborted) {
        throw fail('timeout', `${this.name} did not answer within ${timeoutMs} ms`);
      }
      throw fail('network', `${this.name} unreachable: ${(error as Error).message}`);
    } finally {
      clearTimeout(timer);
    }

    if (response.status === 429) {
      this.#breaker.recordSuccess();
      const seconds = parseRetryAfter(response.headers.get('retry-after'), now()) ?? 1;
      this.#rateLimitedUntil = now() + seconds * 1000;
      throw fail('rate_limited', `${this.name} answered 429; Retry-After ${seconds}s`, 429, seconds);
    }
    if ((req.notFoundStatuses ?? [404]).includes(response.status)) {
      this.#breaker.recordSuccess();
      return null;
    }
    if (response.status >= 500) {
      this.#breaker.recordFailure(now());
      throw fail('http', `${this.name} answered ${response.status}`, response.status);
    }
    if (!response.ok) {
      this.#breaker.recordSuccess();
      throw fail('http', `${this.name} refused the call with ${response.status}`, response.status);
    }

    let body: unknown = null;
    if (text.trim() !== '') {
      try {
        body = JSON.parse(text);
      } catch {
        this.#zombies++;
        this.#breaker.recordFailure(now());
        throw fail('invalid_response', `${this.name} answered ${response.status} with a body that is not JSON`, response.status);
      }
    }
    const parsed = v.safeParse(req.schema, body);
    if (!parsed.success) {
      this.#zombies++;
      this.#breaker.recordFailure(now());
      const where = parsed.issues
        .slice(0, 3)
        .map((issue) => `${v.getDotPath(issue) ?? '(root)'}: ${issue.expected ?? issue.kind}`)
        .join('; ');
      throw fail('invalid_response', `${this.name} answered ${response.status} with an unexpected shape (${where})`, response.status);
    }
    this.#breaker.recordSuccess();
    return parsed.output;
  }

  #url(req: UpstreamRequest<unknown>): string {
    const url = new URL(this.#options.baseUrl + req.path);
    for (const [key, value] of Object.entries(req.query ?? {})) url.searchParams.set(key, value);
    return url.toString();
  }
}

function retryable(error: UpstreamError): boolean {
  if (error.failure === 'timeout' || error.failure === 'network' || error.failure === 'rate_limited') return true;
  return error.failure === 'http' && (error.status ?? 0) >= 500;
}
