import * as v from 'valibot';
import { decodeBase64url, decodeJsonBase64url, encodeBase64url, encodeJsonBase64url } from './base64url.js';
import { constantTimeEqual, hmacSha256 } from './hmac.js';

/**
 * The visitor identity a site's backend vouches for. The backend signs it as an
 * HS256 JWT with the site's identity secret (as Intercom's and Chatwoot's
 * identity verification do), so any JWT library on the site's server can make one:
 *
 *     jwt.sign({ sub: user.id, email: user.email, exp: now + 3600 }, IDENTITY_SECRET, { algorithm: 'HS256' })
 *
 * The relay trusts the identity only when the signature and `exp` check out.
 */
export interface VerifiedIdentity {
  /** The site's own id for the user (`sub`, or `user_id` as Intercom names it). */
  userId: string;
  email?: string;
  phone?: string;
  name?: string;
  /** When the signature stops being valid, ISO 8601 UTC. */
  expiresAt: string;
}

const IdentityClaimsSchema = v.object({
  sub: v.optional(v.pipe(v.string(), v.minLength(1), v.maxLength(200))),
  user_id: v.optional(v.pipe(v.string(), v.minLength(1), v.maxLength(200))),
  email: v.optional(v.pipe(v.string(), v.maxLength(320))),
  phone: v.optional(v.pipe(v.string(), v.maxLength(40))),
  name: v.optional(v.pipe(v.string(), v.maxLength(200))),
  exp: v.pipe(v.number(), v.integer()),
  iat: v.optional(v.pipe(v.number(), v.integer())),
});

export type IdentityFailure = 'malformed' | 'unsupported_algorithm' | 'bad_signature' | 'expired' | 'invalid_claims';

export type IdentityVerification =
  | { ok: true; identity: VerifiedIdentity }
  | { ok: false; error: IdentityFailure; message: string };

/** Identity signatures valid for longer than this are refused: a leaked one must not work for months. */
export const MAX_IDENTITY_LIFETIME_SECONDS = 30 * 24 * 3600;
const CLOCK_SKEW_SECONDS = 30;
const HEADER = { alg: 'HS256', typ: 'JWT' } as const;

const nowSeconds = () => Math.floor(Date.now() / 1000);

/**
 * Verifies a site-signed visitor identity (HS256 JWT with a required `exp`).
 *
 * @example
 * const result = await verifyIdentity(body.identityToken, env.IDENTITY_SECRET);
 * if (!result.ok) return c.json({ error: result.error, message: result.message }, 401);
 */
export async function verifyIdentity(token: string, secret: string, now = nowSeconds()): Promise<IdentityVerification> {
  const parts = typeof token === 'string' && token.length <= 8192 ? token.split('.') : [];
  if (parts.length !== 3) {
    return { ok: false, error: 'malformed', message: 'Identity must be a JWT: header.payload.signature.' };
  }
  const [headerPart, payloadPart, signaturePart] = parts as [string, string, string];
  const header = decodeJsonBase64url(headerPart);
  if (!header) return { ok: false, error: 'malformed', message: 'Identity header is not base64url JSON.' };
  // Only HS256: accepting the header's choice is how "alg: none" forgeries get in.
  if (header.alg !== 'HS256') {
    return { ok: false, error: 'unsupported_algorithm', message: `Identity must be signed with HS256, not ${String(header.alg)}.` };
  }
  const given = decodeBase64url(signaturePart);
  if (!given) return { ok: false, error: 'malformed', message: 'Identity signature is not base64url.' };
  if (!constantTimeEqual(given, await hmacSha256(secret, `${headerPart}.${payloadPart}`))) {
    return { ok: false, error: 'bad_signature', message: 'Identity signature does not match the site secret.' };
  }
  const parsed = v.safeParse(IdentityClaimsSchema, decodeJsonBase64url(payloadPart));
  if (!parsed.success) {
    return { ok: false, error: 'invalid_claims', message: 'Identity claims must include `exp` (seconds) and `sub` or `user_id`.' };
  }
  const claims = parsed.output;
  const userId = claims.sub ?? claims.user_id;
  if (!userId) return { ok: false, error: 'invalid_claims', message: 'Identity claims must include `sub` or `user_id`.' };
  if (claims.exp + CLOCK_SKEW_SECONDS <= now) {
    return { ok: false, error: 'expired', message: 'Identity signature has expired; sign a fresh one on the site backend.' };
  }
  if (claims.exp - now > MAX_IDENTITY_LIFETIME_SECONDS) {
    return { ok: false, error: 'invalid_claims', message: 'Identity `exp` is more than 30 days away.' };
  }
  const identity: VerifiedIdentity = { userId, expiresAt: new Date(claims.exp * 1000).toISOString() };
  if (claims.email) identity.email = claims.email;
  if (claims.phone) identity.phone = claims.phone;
  if (claims.name) identity.name = claims.name;
  return { ok: true, identity };
}

/**
 * Signs a visitor identity the way a site's backend would. The relay itself uses
 * it only for the demo store and in tests; real sites sign on their own server.
 */
export async function signIdentity(
  claims: { sub: string; email?: string; phone?: string; name?: string },
  secret: string,
  ttlSeconds: number,
  now = nowSeconds(),
): Promise<string> {
  const signingInput = `${encodeJsonBase64url(HEADER)}.${encodeJsonBase64url({ ...claims, iat: now, exp: now + ttlSeconds })}`;
  return `${signingInput}.${encodeBase64url(await hmacSha256(secret, signingInput))}`;
}
