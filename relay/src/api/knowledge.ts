import { Hono, type Context } from 'hono';
import * as v from 'valibot';
import type { SearchResponse } from '../../../protocol/knowledge.js';
import type { RelayEnv } from './relay-env.js';
import { relayError } from './relay-error.js';
import { MAX_K } from '../knowledge/knowledge-searcher.js';
import type { KnowledgeStore, LoadedKnowledge } from '../knowledge/knowledge-store.js';

const LOCALE = /^[A-Za-z]{2,3}([-_][A-Za-z0-9]{2,8}){0,3}$/;

const SearchBody = v.object({
  query: v.pipe(
    v.string('`query` must be a string'),
    v.trim(),
    v.minLength(1, '`query` must not be empty'),
    v.maxLength(1000, '`query` must be at most 1000 characters'),
  ),
  k: v.optional(
    v.pipe(
      v.number('`k` must be a number'),
      v.integer('`k` must be a whole number'),
      v.minValue(1, '`k` must be at least 1'),
      v.maxValue(MAX_K, `\`k\` must be at most ${MAX_K}`),
    ),
  ),
  product: v.optional(v.pipe(v.string('`product` must be a string'), v.maxLength(64, '`product` is too long'))),
  locale: v.optional(
    v.pipe(
      v.string('`locale` must be a string'),
      v.regex(LOCALE, '`locale` must be a language tag like "en" or "en-GB"'),
    ),
  ),
  source: v.optional(v.picklist(['article', 'ticket'], '`source` must be "article" or "ticket"')),
}, '`query` is required: the body must be a JSON object like {"query": "where is my order"}');

/**
 * Knowledge routes under `/api`:
 * - `POST /search {query, k?, product?, locale?, source?}` → `{results, version}`
 * - `GET /knowledge/snapshot[?locale=fr]` → the cacheable article snapshot (all or one language), with an ETag
 */
export function knowledgeRoutes(store: KnowledgeStore) {
  const routes = new Hono<RelayEnv>();

  const loaded = async (c: Context<RelayEnv>): Promise<LoadedKnowledge | Response> => {
    try {
      return await store.get();
    } catch {
      return relayError(c, 503, {
        error: 'knowledge_unavailable',
        message: 'The knowledge index could not be loaded; see GET /api/health.',
      });
    }
  };

  routes.post('/search', async (c) => {
    const parsed = v.safeParse(SearchBody, await c.req.json().catch(() => undefined));
    if (!parsed.success) {
      return relayError(c, 400, {
        error: 'invalid_request',
        message: 'Search needs a JSON body like {"query": "where is my order", "k": 5}.',
        issues: parsed.issues.map((i) => ({ path: v.getDotPath(i) ?? '', message: i.message })),
      });
    }
    const kb = await loaded(c);
    if (kb instanceof Response) return kb;
    const results = kb.searcher.search(parsed.output);
    c.header('X-Knowledge-Version', kb.searcher.version);
    return c.json({ results, version: kb.searcher.version } satisfies SearchResponse);
  });

  routes.get('/knowledge/snapshot', async (c) => {
    const locale = c.req.query('locale');
    if (locale !== undefined && !LOCALE.test(locale)) {
      return relayError(c, 400, {
        error: 'invalid_request',
        message: '`locale` must be a language tag like "en" or "en-GB"',
        issues: [{ path: 'locale', message: 'not a language tag' }],
      });
    }
    const kb = await loaded(c);
    if (kb instanceof Response) return kb;
    const { etag, json } = kb.snapshot(locale);
    const headers = {
      ETag: etag,
      'X-Knowledge-Version': kb.searcher.version,
      'Cache-Control': 'public, max-age=300, stale-while-revalidate=86400',
    };
    if (c.req.header('if-none-match')?.split(/\s*,\s*/).includes(etag)) return c.body(null, 304, headers);
    return c.body(json, 200, { ...headers, 'Content-Type': 'application/json; charset=utf-8' });
  });

  return routes;
}
