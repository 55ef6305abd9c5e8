import { bodyLimit as honoBodyLimit } from 'hono/body-limit';
import type { MiddlewareHandler } from 'hono';
import type { RelayEnv } from '../relay-env.js';
import { relayError } from '../relay-error.js';

/**
 * Refuses request bodies over `maxBytes` with a 413 in the relay's error
 * shape. Counts streamed bytes too, so a missing or lying `Content-Length`
 * does not get past it.
 */
export function bodyLimit(maxBytes: number): MiddlewareHandler<RelayEnv> {
  return honoBodyLimit({
    maxSize: maxBytes,
    onError: (c) =>
      relayError(c, 413, {
        error: 'payload_too_large',
        message: `Request body is larger than the relay's limit of ${maxBytes} bytes.`,
      }),
  });
}
