import { Hono } from 'hono';
import type { RelayEnv } from './relay-env.js';
import type { RelayConfig } from './relay-config.js';
import { relayError } from './relay-error.js';
import { errorLog } from './middleware/error-log.js';
import { siteCors } from './middleware/site-cors.js';
import { bodyLimit } from './middleware/body-limit.js';
import { jsonBody } from './middleware/json-body.js';
import { clientIp, rateLimit, sessionKey } from './middleware/rate-limit.js';
import { upstreamStatus, type UpstreamRegistry } from './upstream-status.js';
import type { KnowledgeStore } from '../knowledge/knowledge-store.js';
import { healthRoutes } from './health.js';
import { knowledgeRoutes } from './knowledge.js';
import { customersRoutes } from './customers.js';
import { identityRoutes } from './identity.js';
import { handoffRoutes } from './handoff.js';

export interface RelayDependencies {
  knowledge: KnowledgeStore;
  upstreams?: UpstreamRegistry;
}

/**
 * The relay's HTTP API under `/api`. Every request passes, in order: the
 * error log, the site CORS allow-list, the body size limit and JSON parsing;
 * every route but health then passes the per-IP and per-session rate limits.
 */
export function createApp(config: RelayConfig, deps: RelayDependencies) {
  const app = new Hono<RelayEnv>().basePath('/api');

  app.use('*', errorLog());
  app.use('*', async (c, next) => {
    c.set('config', config);
    await next();
  });
  app.use('*', siteCors(config.sites));
  app.use('*', bodyLimit(config.maxBodyBytes));
  app.use('*', jsonBody());

  // Monitors poll health: it sits before the rate limits so they never see it refused.
  app.route('/', healthRoutes(deps.knowledge, deps.upstreams ?? upstreamStatus));

  app.use('*', rateLimit({ name: 'IP address', rule: config.rateLimits.ip, key: clientIp }));
  app.use('*', rateLimit({ name: 'session', rule: config.rateLimits.session, key: sessionKey }));

  app.route('/', knowledgeRoutes(deps.knowledge));
  app.route('/', customersRoutes);
  app.route('/', identityRoutes);
  app.route('/', handoffRoutes);

  app.notFound((c) => relayError(c, 404, { error: 'not_found', message: `No route for ${c.req.method} ${c.req.path}.` }));
  app.onError((err, c) => {
    c.set('errorDetail', err instanceof Error ? `${err.name}: ${err.message}` : String(err));
    return relayError(c, 500, { error: 'internal_error', message: 'The relay failed to handle this request.' });
  });
  return app;
}
