/**
 * The body of every error the relay answers with (4xx and 5xx), so a client
 * can branch on `error` and show `message`.
 */
export interface RelayErrorBody {
  /** Stable machine-readable code, e.g. `invalid_json`, `rate_limited`. */
  error: RelayErrorCode;
  /** One sentence a developer can act on. Never echoes visitor text. */
  message: string;
  /** For `rate_limited`: seconds to wait (also sent as `Retry-After`). */
  retryAfterSeconds?: number;
  /** For `invalid_request`: which fields were wrong and why. */
  issues?: { path: string; message: string }[];
}

export type RelayErrorCode =
  | 'invalid_json'
  | 'invalid_request'
  | 'unsupported_media_type'
  | 'payload_too_large'
  | 'origin_not_allowed'
  | 'rate_limited'
  | 'not_found'
  | 'knowledge_unavailable'
  | 'internal_error'
  | (string & {});
