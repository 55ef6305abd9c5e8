import { Hono } from 'hono';

/** Routes under `/api` for knowledge; mounted by app.ts. */
export const knowledgeRoutes = new Hono();
