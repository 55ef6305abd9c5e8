import type { Context } from 'hono';
import type { ContentfulStatusCode } from 'hono/utils/http-status';
import type { RelayErrorBody } from '../../../protocol/relay-error.js';

/**
 * Answers with the relay's one error shape and tags the context so the error
 * log line names the failure.
 *
 * @example
 * return relayError(c, 400, { error: 'invalid_request', message: '`query` must not be empty' });
 */
export function relayError(
  c: Context,
  status: ContentfulStatusCode,
  body: RelayErrorBody,
  headers?: Record<string, string>,
): Response {
  c.set('errorCode', body.error);
  return c.json(body satisfies RelayErrorBody, status, headers);
}
