import type { Context } from 'hono';
import type { RelayEnv } from '../api/relay-env.js';
import { relayError } from '../api/relay-error.js';
import { relaySecrets } from './secrets.js';
import { bearerToken, verifyToken, type Role, type TokenClaims } from './session-token.js';

/**
 * The caller's verified session, or the 401 to answer with. Routes that need
 * a session start with it:
 *
 * @example
 * const session = await requireSession(c);
 * if (session instanceof Response) return session;
 */
export async function requireSession(c: Context<RelayEnv>, roles?: Role[]): Promise<TokenClaims | Response> {
  const token = bearerToken(c.req.header('authorization'));
  if (!token) {
    return relayError(c, 401, { error: 'session_required', message: 'Send a relay session token as `Authorization: Bearer <token>`.' }, {
      'WWW-Authenticate': 'Bearer',
    });
  }
  const result = await verifyToken(token, relaySecrets(c.env.lobby.env).sessionSecret);
  if (!result.ok) {
    return relayError(c, 401, { error: result.error === 'expired' ? 'session_expired' : 'session_invalid', message: result.message }, {
      'WWW-Authenticate': 'Bearer error="invalid_token"',
    });
  }
  if (roles && !roles.includes(result.claims.role)) {
    return relayError(c, 403, { error: 'forbidden', message: `This needs a ${roles.join(' or ')} session.` });
  }
  return result.claims;
}

/** The session of the request, if it carries a valid one; never an error. */
export async function optionalSession(c: Context<RelayEnv>): Promise<TokenClaims | null> {
  const token = bearerToken(c.req.header('authorization'));
  if (!token) return null;
  const result = await verifyToken(token, relaySecrets(c.env.lobby.env).sessionSecret);
  return result.ok ? result.claims : null;
}
