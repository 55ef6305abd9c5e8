import { Hono } from 'hono';

/** Routes under `/api` for identity; mounted by app.ts. */
export const identityRoutes = new Hono();
