import * as v from 'valibot';
import { decodeBase64url, decodeJsonBase64url, encodeBase64url, encodeJsonBase64url } from './base64url.js';
import { constantTimeEqual, hmacSha256 } from './hmac.js';

/** Who holds a token: a site visitor, a human agent, or an agent's supervisor. */
export type Role = 'visitor' | 'agent' | 'supervisor';

const ClaimsSchema = v.object({
  /** Subject: the visitor's session id, or the agent's id. */
  sub: v.pipe(v.string(), v.minLength(1), v.maxLength(200)),
  role: v.picklist(['visitor', 'agent', 'supervisor']),
  /** The site (tenant) the token was issued for. */
  site: v.pipe(v.string(), v.minLength(1), v.maxLength(200)),
  /** Present when the token is scoped to one conversation (a handoff room). */
  conversationId: v.optional(v.pipe(v.string(), v.minLength(1), v.maxLength(200))),
  /** Present once the site's backend has vouched for who the visitor is (see verifyIdentity). */
  customerId: v.optional(v.pipe(v.string(), v.minLength(1), v.maxLength(200))),
  /** Display name for agents and supervisors. */
  name: v.optional(v.pipe(v.string(), v.maxLength(200))),
  /** Issued at, seconds since the Unix epoch. */
  iat: v.pipe(v.number(), v.integer()),
  /** Expires at, seconds since the Unix epoch. */
  exp: v.pipe(v.number(), v.integer()),
});

/** What a relay session token says about its holder. */
export type TokenClaims = v.InferOutput<typeof ClaimsSchema>;

/** The claims a caller chooses; the signer adds `iat` and `exp`. */
export type TokenSubject = Omit<TokenClaims, 'iat' | 'exp'>;

export type TokenFailure = 'malformed' | 'bad_signature' | 'expired' | 'invalid_claims';

export type TokenVerification =
  | { ok: true; claims: TokenClaims }
  | { ok: false; error: TokenFailure; message: string };

/** Seconds of clock skew tolerated between the relay's edge locations. */
const CLOCK_SKEW_SECONDS = 30;

const nowSeconds = () => Math.floor(Date.now() / 1000);

/**
 * Signs a compact relay token: `base64url(JSON claims).base64url(HMAC-SHA256)`.
 *
 * @example
 * const token = await signToken({ sub: 'v_123', role: 'visitor', site: 'demo-store' }, env.SESSION_SECRET, 3600);
 */
export async function signToken(
  subject: TokenSubject,
  secret: string,
  ttlSeconds: number,
  now = nowSeconds(),
): Promise<string> {
  if (!secret) throw new Error('signToken: secret is empty');
  if (!(ttlSeconds > 0)) throw new Error('signToken: ttlSeconds must be positive');
  const claims = v.parse(ClaimsSchema, { ...subject, iat: now, exp: now + Math.floor(ttlSeconds) });
  const payload = encodeJsonBase64url(claims);
  return `${payload}.${encodeBase64url(await hmacSha256(secret, payload))}`;
}

/**
 * Verifies a token made by {@link signToken}: signature (constant-time), expiry, then claim shapes.
 *
 * @example
 * const result = await verifyToken(bearer, env.SESSION_SECRET);
 * if (!result.ok) return c.json({ error: result.error, message: result.message }, 401);
 */
export async function verifyToken(token: string, secret: string, now = nowSeconds()): Promise<TokenVerification> {
  const parts = typeof token === 'string' ? token.split('.') : [];
  if (parts.length !== 2 || token.length > 4096) {
    return { ok: false, error: 'malformed', message: 'Token must be two base64url parts: payload.signature.' };
  }
  const [payload, signature] = parts as [string, string];
  const given = decodeBase64url(signature);
  if (!given) return { ok: false, error: 'malformed', message: 'Token signature is not base64url.' };
  if (!constantTimeEqual(given, await hmacSha256(secret, payload))) {
    return { ok: false, error: 'bad_signature', message: 'Token signature does not match.' };
  }
  const raw = decodeJsonBase64url(payload);
  const parsed = v.safeParse(ClaimsSchema, raw);
  if (!parsed.success) return { ok: false, error: 'invalid_claims', message: 'Token claims are not valid.' };
  if (parsed.output.exp + CLOCK_SKEW_SECONDS <= now) {
    return { ok: false, error: 'expired', message: 'Token has expired.' };
  }
  return { ok: true, claims: parsed.output };
}

/** Reads `Authorization: Bearer <token>`; null when the header is absent or not a bearer. */
export function bearerToken(authorization: string | null | undefined): string | null {
  const match = /^Bearer\s+(\S+)$/i.exec(authorization ?? '');
  return match ? match[1]! : null;
}
