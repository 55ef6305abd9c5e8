import { Hono, type Context } from 'hono';
import * as v from 'valibot';
import type { SessionResponse } from '../../../protocol/identity.js';
import { toCustomerContext } from '../customers/customer-context.js';
import { resolveCustomer } from '../customers/customer-resolver.js';
import { fingerprintDevice, type DeviceFingerprint } from '../customers/device-match.js';
import { upstreamDirectories } from '../customers/directory-config.js';
import { localDirectoryFor } from '../customers/local/local-directory-for.js';
import { demoEnabled, identitySecretFor, relaySecrets } from '../identity/secrets.js';
import { optionalSession } from '../identity/session-auth.js';
import { signToken, type TokenSubject } from '../identity/session-token.js';
import { signIdentity, verifyIdentity } from '../identity/signed-identity.js';
import { clientIp } from './middleware/rate-limit.js';
import type { RelayEnv } from './relay-env.js';
import { relayError } from './relay-error.js';

const text = (max: number) => v.optional(v.pipe(v.string(), v.maxLength(max)));
const Device = v.optional(
  v.object({
    userAgent: text(512),
    language: text(35),
    timezone: text(64),
    screen: text(32),
    platform: text(64),
    hardwareConcurrency: v.optional(v.pipe(v.number(), v.integer(), v.minValue(1), v.maxValue(1024))),
  }),
);
const Site = v.optional(v.pipe(v.string(), v.regex(/^[a-z0-9][a-z0-9-]{0,63}$/i)));
const SessionBody = v.object({ site: Site, device: Device });
const IdentifyBody = v.object({ identityToken: v.pipe(v.string(), v.minLength(1), v.maxLength(8192)), site: Site, device: Device });
const DemoIdentityBody = v.object({
  site: Site,
  sub: v.pipe(v.string(), v.minLength(1), v.maxLength(200)),
  email: text(320),
  phone: text(40),
  name: text(200),
});

/** Visitor sessions last this long unless `SESSION_TTL_SECONDS` says otherwise. */
const DEFAULT_SESSION_TTL_SECONDS = 12 * 3600;

/**
 * Identity routes under `/api`:
 * - `POST /session`: an anonymous visitor gets a signed session token (and, from
 *   device signals, a probable-match score, never the customer).
 * - `POST /identify`: a site-signed identity becomes a session bound to the
 *   customer, with the compact CustomerContext. Bad or expired signature: 401.
 * - `POST /demo/identity`: DEMO ONLY (off unless `DEMO=1`): signs an identity
 *   the way a site's backend would, for the demo store.
 */
export const identityRoutes = new Hono<RelayEnv>();

// Tokens and customer context must never sit in a shared cache.
identityRoutes.use('/session', noStore);
identityRoutes.use('/identify', noStore);
identityRoutes.use('/demo/identity', noStore);

identityRoutes.post('/session', async (c) => {
  const body = await parseBody(c, SessionBody);
  if (body instanceof Response) return body;
  const site = siteFor(c, body.site);
  if (site instanceof Response) return site;
  const previous = await optionalSession(c);
  const sub = previous?.role === 'visitor' && previous.site === site ? previous.sub : newSessionId();
  const fingerprint = await deviceFingerprint(c, site, body.device);
  const local = await localDirectoryFor(c.env.lobby, site);
  const match = Object.keys(fingerprint).length >= 3 ? await local.matchDevice(fingerprint) : null;
  const issued = await issue(c, { sub, role: 'visitor', site });
  return c.json(
    { ...issued, site, customer: null, probableMatch: match ? { score: match.score, method: match.method } : null, degraded: false } satisfies SessionResponse,
    201,
  );
});

identityRoutes.post('/identify', async (c) => {
  const body = await parseBody(c, IdentifyBody);
  if (body instanceof Response) return body;
  const site = siteFor(c, body.site);
  if (site instanceof Response) return site;
  const verified = await verifyIdentity(body.identityToken, identitySecretFor(c.env.lobby.env, site));
  if (!verified.ok) {
    return relayError(c, 401, {
      error: verified.error === 'expired' ? 'identity_expired' : 'identity_invalid',
      message: verified.message,
    });
  }
  const { identity } = verified;
  const local = await localDirectoryFor(c.env.lobby, site);
  const { record, sources } = await resolveCustomer(local, upstreamDirectories(c.env.lobby.env), {
    customerId: identity.userId,
    ...(identity.email ? { email: identity.email } : {}),
    ...(identity.phone ? { phone: identity.phone } : {}),
  });
  if (record && body.device) await local.linkDevice(record.id, await deviceFingerprint(c, site, body.device));
  const previous = await optionalSession(c);
  const sub = previous?.role === 'visitor' && previous.site === site ? previous.sub : newSessionId();
  // A session bound to a customer lasts no longer than the site's vouching for them.
  const vouchedSeconds = Math.floor((Date.parse(identity.expiresAt) - Date.now()) / 1000);
  const issued = await issue(c, { sub, role: 'visitor', site, ...(record ? { customerId: record.id } : {}) }, record ? vouchedSeconds : undefined);
  return c.json({
    ...issued,
    site,
    customer: record ? toCustomerContext(record) : null,
    probableMatch: null,
    degraded: sources.some((s) => s.outcome !== 'found' && s.outcome !== 'not_found'),
  } satisfies SessionResponse);
});

identityRoutes.post('/demo/identity', async (c) => {
  if (!demoEnabled(c.env.lobby.env)) {
    return relayError(c, 404, { error: 'not_found', message: 'Demo identity signing is off (it is on only when DEMO=1, for local demos).' });
  }
  const body = await parseBody(c, DemoIdentityBody);
  if (body instanceof Response) return body;
  const site = siteFor(c, body.site);
  if (site instanceof Response) return site;
  const ttl = 3600;
  const claims = { sub: body.sub, ...(body.email ? { email: body.email } : {}), ...(body.phone ? { phone: body.phone } : {}), ...(body.name ? { name: body.name } : {}) };
  const identityToken = await signIdentity(claims, identitySecretFor(c.env.lobby.env, site), ttl);
  return c.json({ identityToken, expiresAt: new Date(Date.now() + ttl * 1000).toISOString(), demoOnly: true });
});

async function noStore(c: Context<RelayEnv>, next: () => Promise<void>) {
  await next();
  c.header('Cache-Control', 'no-store');
}

async function issue(c: Context<RelayEnv>, subject: TokenSubject, maxSeconds = Infinity) {
  const raw = Number(c.env.lobby.env.SESSION_TTL_SECONDS);
  const ttl = Math.max(1, Math.min(maxSeconds, Number.isInteger(raw) && raw > 0 ? raw : DEFAULT_SESSION_TTL_SECONDS));
  const token = await signToken(subject, relaySecrets(c.env.lobby.env).sessionSecret, ttl);
  return { token, expiresAt: new Date((Math.floor(Date.now() / 1000) + ttl) * 1000).toISOString(), sessionId: subject.sub };
}

function newSessionId(): string {
  return `v_${crypto.randomUUID()}`;
}

/**
 * The request's site. From a browser it is the site whose allow-list the
 * page's origin matched (RELAY_SITES is the security boundary, so a `site` in
 * the body cannot move a page into another tenant); from a server, the body's
 * `site`, else the first configured site.
 */
export function siteFor(c: Context<RelayEnv>, requested: string | undefined): string | Response {
  const sites = Object.keys(c.var.config.sites);
  const site = c.var.site ?? requested ?? sites[0];
  if (!site || !sites.includes(site)) {
    return relayError(c, 400, { error: 'unknown_site', message: `Site "${site}" is not configured (RELAY_SITES).` });
  }
  return site;
}

/** Parses the JSON body (already checked by the JSON middleware) against a schema; 400 with issues when it does not fit. */
export async function parseBody<T>(c: Context<RelayEnv>, schema: v.GenericSchema<unknown, T>): Promise<T | Response> {
  const raw: unknown = await c.req.json().catch(() => ({}));
  const parsed = v.safeParse(schema, raw ?? {});
  if (parsed.success) return parsed.output;
  return relayError(c, 400, {
    error: 'invalid_request',
    message: 'The request body does not have the expected fields.',
    issues: parsed.issues.slice(0, 5).map((issue) => ({ path: v.getDotPath(issue) ?? '(body)', message: issue.message })),
  });
}

async function deviceFingerprint(c: Context<RelayEnv>, site: string, device: v.InferOutput<typeof Device>): Promise<DeviceFingerprint> {
  if (!device) return {};
  const ip = clientIp(c);
  const ipPrefix = ip.includes(':') ? ip.split(':').slice(0, 3).join(':') : ip.split('.').slice(0, 3).join('.');
  return fingerprintDevice({ ...device, ...(ip !== 'unknown' ? { ipPrefix } : {}) }, site);
}
