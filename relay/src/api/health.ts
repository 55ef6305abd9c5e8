import { Hono } from 'hono';
import type { RelayEnv } from './relay-env.js';
import type { KnowledgeStore, KnowledgeStatus } from '../knowledge/knowledge-store.js';
import type { UpstreamRegistry, UpstreamStatus } from './upstream-status.js';

/** `GET /api/health`. `ok` is false when anything the relay needs is down. */
export interface HealthReport {
  ok: boolean;
  version: string;
  knowledge: KnowledgeStatus;
  upstreams: Record<string, UpstreamStatus>;
}

/** Health of the relay: its version, the knowledge index's version and every registered upstream. */
export function healthRoutes(store: KnowledgeStore, upstreams: UpstreamRegistry) {
  const routes = new Hono<RelayEnv>();
  routes.get('/health', async (c) => {
    // Health is the first thing a deployment asks: load the index now so it reports a real version.
    await store.get().catch(() => undefined);
    const knowledge = store.status();
    const upstreamReport = await upstreams.snapshot();
    const ok = knowledge.state === 'ready' && Object.values(upstreamReport).every((u) => u.state !== 'down');
    c.header('Cache-Control', 'no-store');
    return c.json({ ok, version: c.var.config.version, knowledge, upstreams: upstreamReport } satisfies HealthReport);
  });
  return routes;
}
