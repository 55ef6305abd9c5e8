/**
 * Why an upstream call failed. Every adapter turns these into a clear answer
 * (never a hang, never garbage passed on).
 */
export type UpstreamFailure =
  /** No answer within the per-call timeout. */
  | 'timeout'
  /** DNS, connection refused, reset. */
  | 'network'
  /** 429, or still inside a Retry-After window. */
  | 'rate_limited'
  /** A 5xx, or a 4xx the adapter did not expect. */
  | 'http'
  /** A 2xx whose body does not match the documented schema (a "zombie" API). */
  | 'invalid_response'
  /** The circuit breaker is open: recent calls failed, so this one is not tried. */
  | 'circuit_open'
  /** Today's call budget for this upstream is spent. */
  | 'budget_exhausted';

export class UpstreamError extends Error {
  override readonly name = 'UpstreamError';
  constructor(
    readonly upstream: string,
    readonly failure: UpstreamFailure,
    message: string,
    readonly status?: number,
    /** Seconds until the upstream will take calls again, when known. */
    readonly retryAfterSeconds?: number,
  ) {
    super(message);
  }
}
