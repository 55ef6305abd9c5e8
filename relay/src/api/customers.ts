import { Hono } from 'hono';

/** Routes under `/api` for customers; mounted by app.ts. */
export const customersRoutes = new Hono();
