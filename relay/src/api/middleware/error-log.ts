import type { MiddlewareHandler } from 'hono';
import { matchedRoutes } from 'hono/route';
import type { RelayEnv } from '../relay-env.js';

/** One structured log line; what the relay prints for every failed request. */
export interface RelayErrorLogLine {
  level: 'warn' | 'error';
  event: 'http_error';
  at: string;
  method: string;
  /** The matched route pattern (`/api/customers/:id`), never the raw URL: paths and queries can carry personal data. */
  route: string;
  status: number;
  code: string | undefined;
  detail?: string;
  site?: string;
  ms: number;
}

/**
 * Logs one JSON line for every response with status ≥ 400, whoever produced
 * it. Mount it first so it sees errors from every later middleware.
 */
export function errorLog(write: (line: string) => void = (l) => console.error(l)): MiddlewareHandler<RelayEnv> {
  return async function errorLogHandler(c, next) {
    const started = Date.now();
    await next();
    const status = c.res.status;
    if (status < 400) return;
    const line: RelayErrorLogLine = {
      level: status >= 500 ? 'error' : 'warn',
      event: 'http_error',
      at: new Date().toISOString(),
      method: c.req.method,
      // The route the request was for, even when a middleware refused it before the handler ran.
      route: matchedRoutes(c).findLast((r) => r.method !== 'ALL')?.path ?? c.req.routePath,
      status,
      code: c.get('errorCode'),
      ms: Date.now() - started,
    };
    const detail = c.get('errorDetail');
    if (detail) line.detail = detail;
    const site = c.get('site');
    if (site) line.site = site;
    write(JSON.stringify(line));
  };
}
