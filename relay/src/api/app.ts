import { Hono } from 'hono';
import { customersRoutes } from './customers.js';
import { handoffRoutes } from './handoff.js';
import { identityRoutes } from './identity.js';
import { knowledgeRoutes } from './knowledge.js';

export function createApp() {
  const app = new Hono().basePath('/api');
  app.get('/health', (c) => c.json({ ok: true }));
  app.route('/', knowledgeRoutes);
  app.route('/', customersRoutes);
  app.route('/', identityRoutes);
  app.route('/', handoffRoutes);
  return app;
}
