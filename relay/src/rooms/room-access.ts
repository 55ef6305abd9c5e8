import type * as Party from 'partykit/server';
import { relaySecrets, verifyToken, type TokenClaims } from '../identity/index.js';

/**
 * Set by `onBeforeConnect` on the request it forwards to the room, after the
 * token checked out; always overwritten, so a client cannot supply its own.
 */
const CLAIMS_HEADER = 'x-handoff-claims';

/** Refusals carry a reason a developer can act on; the body never says anything about the room. */
export function refuse(status: 401 | 403 | 404, message: string): Response {
  return new Response(JSON.stringify({ error: status === 401 ? 'unauthorized' : status === 403 ? 'forbidden' : 'not_found', message }), {
    status,
    headers: { 'content-type': 'application/json' },
  });
}

/** Verifies the `token` query parameter (partysocket sends it on every (re)connect). */
export async function verifyConnectToken(req: Party.Request, lobby: Party.Lobby): Promise<TokenClaims | Response> {
  const token = new URL(req.url).searchParams.get('token');
  if (!token) return refuse(401, 'A room token is required (?token=).');
  const result = await verifyToken(token, relaySecrets(lobby.env).sessionSecret);
  if (!result.ok) return refuse(401, result.message);
  return result.claims;
}

/** The request the room receives, with the verified claims attached. */
export function withClaims(req: Party.Request, claims: TokenClaims): Party.Request {
  // PartyKit hands onBeforeConnect a mutable copy of the upgrade request.
  req.headers.set(CLAIMS_HEADER, JSON.stringify(claims));
  return req;
}

/** The claims `onBeforeConnect` verified; null when the request did not come through it. */
export function claimsOf(request: Party.Request): TokenClaims | null {
  const raw = request.headers.get(CLAIMS_HEADER);
  if (!raw) return null;
  try {
    return JSON.parse(raw) as TokenClaims;
  } catch {
    return null;
  }
}

/** Rooms answer HTTP only to the relay itself (party stubs skip `onBeforeRequest`); from outside, nobody reads a room. */
export function refuseOutsideRequests(): Response {
  return refuse(403, 'Rooms are reached over WebSocket with a token; use the /api routes.');
}
