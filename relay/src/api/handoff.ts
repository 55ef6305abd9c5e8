import { Hono } from 'hono';

/** Routes under `/api` for handoff; mounted by app.ts. */
export const handoffRoutes = new Hono();
