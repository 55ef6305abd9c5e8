import { cors } from 'hono/cors';
import type { MiddlewareHandler } from 'hono';
import type { RelayEnv } from '../relay-env.js';
import type { SiteOrigins } from '../relay-config.js';
import { relayError } from '../relay-error.js';

/**
 * CORS with an allow-list per site. A browser request whose `Origin` is on a
 * site's list gets CORS headers and `c.var.site`; any other origin is refused
 * with 403 before a route runs (preflight included), so a page we do not serve
 * cannot even spend our rate budget. Requests without `Origin` (a site's
 * backend, curl) pass: CORS only governs browsers.
 *
 * @example
 * app.use('*', siteCors({ shop: ['https://shop.example.com', 'https://*.shop.example.com'] }));
 */
export function siteCors(sites: SiteOrigins): MiddlewareHandler<RelayEnv> {
  const matchers = Object.entries(sites).flatMap(([site, origins]) =>
    origins.map((pattern) => ({ site, test: originPattern(pattern) })),
  );
  const siteOf = (origin: string) => matchers.find((m) => m.test.test(origin))?.site;
  const allowed = cors({
    origin: (origin) => origin,
    allowMethods: ['GET', 'POST', 'PUT', 'PATCH', 'DELETE', 'OPTIONS'],
    allowHeaders: ['Content-Type', 'Authorization', 'If-None-Match'],
    exposeHeaders: ['ETag', 'Retry-After', 'X-Knowledge-Version'],
    maxAge: 600,
  });
  return async function siteCorsHandler(c, next) {
    const origin = c.req.header('origin');
    if (origin === undefined) return next();
    const site = siteOf(origin);
    if (site === undefined) {
      return relayError(c, 403, {
        error: 'origin_not_allowed',
        message: 'This origin is not on any site allow-list (RELAY_SITES).',
      });
    }
    c.set('site', site);
    return allowed(c, next);
  };
}

function originPattern(pattern: string): RegExp {
  const escaped = pattern
    .replace(/\/+$/, '')
    .replace(/[.+?^${}()|[\]\\]/g, '\\$&')
    .replace(/:\\?\*$/, ':\\d{1,5}')
    .replace(/\/\/\*\\\./, '//[a-z0-9-]+\\.');
  return new RegExp(`^${escaped}$`, 'i');
}
