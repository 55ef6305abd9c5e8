import type { MiddlewareHandler } from 'hono';
import type { RelayEnv } from '../relay-env.js';
import { relayError } from '../relay-error.js';

const WITH_BODY = new Set(['POST', 'PUT', 'PATCH']);

/**
 * Every POST/PUT/PATCH with a body must be JSON that parses. Parsing here
 * answers malformed JSON with one clear 400 (415 for another media type) for
 * every route; routes then read the cached value with `c.req.json()`.
 */
export function jsonBody(): MiddlewareHandler<RelayEnv> {
  return async function jsonBodyHandler(c, next) {
    if (!WITH_BODY.has(c.req.method)) return next();
    const type = c.req.header('content-type') ?? '';
    const length = c.req.header('content-length');
    if (!type && (length === undefined || length === '0')) return next();
    if (!/^application\/([\w.+-]+\+)?json\b/i.test(type)) {
      return relayError(c, 415, {
        error: 'unsupported_media_type',
        message: 'Send the request body as JSON with Content-Type: application/json.',
      });
    }
    try {
      await c.req.json();
    } catch (err) {
      // The body limit aborts the read with its own error: let it answer 413.
      if (!(err instanceof SyntaxError)) throw err;
      return relayError(c, 400, {
        error: 'invalid_json',
        message: `Request body is not valid JSON (${err.message.replace(/"[^"]*"/g, '…')}).`,
      });
    }
    return next();
  };
}
