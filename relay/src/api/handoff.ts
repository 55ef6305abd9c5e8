import { Hono, type Context } from 'hono';
import * as v from 'valibot';
import { parsePhoneNumberFromString } from 'libphonenumber-js/min';
import {
  CallbackRequestSchema,
  DemoSignInRequestSchema,
  HandoffRequestSchema,
  VisitorTokenRequestSchema,
  type AgentSession,
  type CallbackRecord,
  type ConversationView,
  type HandoffResponse,
  type WaitEstimate,
} from '../../../protocol/handoff.js';
import { bearerToken, demoEnabled, relaySecrets, signToken, verifyToken } from '../identity/index.js';
import { sha256Hex } from '../identity/hmac.js';
import { optionalSession } from '../identity/session-auth.js';
import { localDirectoryFor } from '../customers/local/local-directory-for.js';
import { registerTranscriptKeeper } from '../privacy/transcript-keepers.js';
import { callRoom } from '../rooms/room-calls.js';
import { handoffTranscripts } from '../rooms/handoff-transcripts.js';
import { queueEntryFromPacket } from '../rooms/queue-room.js';
import type { RelayEnv } from './relay-env.js';
import { relayError } from './relay-error.js';

// Handoff rooms hold the only visitor text the relay keeps: privacy export and erasure follow the customer there.
registerTranscriptKeeper(handoffTranscripts);

/** Visitor tokens are short-lived; the widget asks for a fresh one on every reconnect. */
const VISITOR_TOKEN_SECONDS = 15 * 60;
const AGENT_TOKEN_SECONDS = 8 * 60 * 60;

/** The room id for a handoff key: only the key's holder can derive it, and retries land in the same room. */
export async function conversationIdFor(handoffKey: string): Promise<string> {
  return `h${(await sha256Hex(`handoff:${handoffKey}`)).slice(0, 32)}`;
}

function invalid(c: Context<RelayEnv>, issues: v.BaseIssue<unknown>[]) {
  return relayError(c, 400, {
    error: 'invalid_request',
    message: 'The request body does not match the handoff protocol.',
    issues: issues.slice(0, 10).map((i) => ({ path: v.getDotPath(i) ?? '', message: i.message })),
  });
}

async function visitorToken(c: Context<RelayEnv>, conversationId: string, site: string) {
  const token = await signToken(
    { sub: `visitor:${conversationId}`, role: 'visitor', site, conversationId },
    relaySecrets(c.env.lobby.env).sessionSecret,
    VISITOR_TOKEN_SECONDS,
  );
  return { token, expiresAt: Date.now() + VISITOR_TOKEN_SECONDS * 1000 };
}

/** The verified visitor token of `:id`'s conversation, or the error response to send. */
async function requireVisitor(c: Context<RelayEnv>) {
  const token = bearerToken(c.req.header('authorization'));
  if (!token) return relayError(c, 401, { error: 'unauthorized', message: 'Send the visitor token as Authorization: Bearer.' });
  const verified = await verifyToken(token, relaySecrets(c.env.lobby.env).sessionSecret);
  if (!verified.ok) return relayError(c, 401, { error: 'unauthorized', message: verified.message });
  if (verified.claims.role !== 'visitor' || verified.claims.conversationId !== c.req.param('id')) {
    return relayError(c, 403, { error: 'forbidden', message: 'This token is not for this conversation.' });
  }
  return verified.claims;
}

/**
 * Links the conversation to the customer of a signed-in visitor's session
 * (from `identify`), so `GET /api/customers/:id/export` and
 * `DELETE /api/customers/:id` reach its transcript. Only a verified session of
 * the same site counts: the packet's own customer id is the device's word.
 * A failed link never stops the handoff; it is logged.
 */
async function linkToCustomer(c: Context<RelayEnv>, conversationId: string, site: string): Promise<boolean> {
  const session = await optionalSession(c);
  if (session?.role !== 'visitor' || !session.customerId || session.site !== site) return false;
  try {
    return await (await localDirectoryFor(c.env.lobby, site)).linkConversation(session.customerId, conversationId);
  } catch (err) {
    const detail = err instanceof Error ? err.message : String(err);
    console.error(JSON.stringify({ level: 'error', event: 'handoff_link_failed', at: new Date().toISOString(), route: '/api/handoff', detail }));
    return false;
  }
}

/** Normalises a callback address: a lower-cased email, or an E.164 phone number. */
export function normaliseCallbackAddress(channel: 'email' | 'sms', address: string): string | null {
  if (channel === 'email') {
    const email = address.trim().toLowerCase();
    return /^[^\s@<>()[\]\\,;:"]+@[^\s@<>()[\]\\,;:"]+\.[a-z]{2,}$/i.test(email) ? email : null;
  }
  const phone = parsePhoneNumberFromString(address.trim(), { defaultCountry: undefined });
  return phone?.isValid() ? phone.number : null;
}

/**
 * Routes under `/api` for live handoff; mounted by app.ts.
 *
 * - `POST /api/handoff` `{handoffKey, packet}` → `HandoffResponse`: the conversation room is
 *   created and queued; retrying with the same key returns the same conversation. With the
 *   visitor's session token (`Authorization: Bearer`, from `identify`) it is linked to their customer.
 * - `POST /api/handoff/:id/token` `{handoffKey}` → a fresh visitor token.
 * - `POST /api/handoff/:id/callback` (visitor bearer) `{channel, address, note?}`: stores a callback request.
 * - `POST /api/agents/demo-sign-in` (DEMO only) `{name, role, site}` → `AgentSession`.
 * - `POST /api/agents/token` (agent bearer) → a fresh `AgentSession`.
 */
export const handoffRoutes = new Hono<RelayEnv>();

handoffRoutes.post('/handoff', async (c) => {
  const parsed = v.safeParse(HandoffRequestSchema, await c.req.json().catch(() => undefined));
  if (!parsed.success) return invalid(c, parsed.issues);
  const { handoffKey, packet } = parsed.output;
  const site = c.get('site');
  if (site !== undefined && site !== packet.site) {
    return relayError(c, 403, { error: 'forbidden', message: `This origin belongs to site "${site}", not "${packet.site}".` });
  }
  const parties = c.env.lobby.parties;
  const id = await conversationIdFor(handoffKey);
  const created = await callRoom<{ created: boolean; conversation: ConversationView }>(parties, 'conversation', id, '/create', { packet });
  await linkToCustomer(c, id, created.data.conversation.site);
  let wait: WaitEstimate = { agentsOnline: 0, position: 0, seconds: 0, basis: 'default' };
  if (created.data.conversation.status === 'waiting') {
    const queued = await callRoom<WaitEstimate>(parties, 'queue', packet.site, '/enqueue', {
      entry: queueEntryFromPacket(id, packet, created.data.conversation.createdAt),
    });
    wait = queued.data;
  }
  return c.json(
    { conversationId: id, ...(await visitorToken(c, id, created.data.conversation.site)), wait } satisfies HandoffResponse,
    created.data.created ? 201 : 200,
  );
});

handoffRoutes.post('/handoff/:id/token', async (c) => {
  const parsed = v.safeParse(VisitorTokenRequestSchema, await c.req.json().catch(() => undefined));
  if (!parsed.success) return invalid(c, parsed.issues);
  const id = c.req.param('id');
  if ((await conversationIdFor(parsed.output.handoffKey)) !== id) {
    return relayError(c, 403, { error: 'forbidden', message: 'This handoff key does not open this conversation.' });
  }
  const view = await callRoom<ConversationView>(c.env.lobby.parties, 'conversation', id, '/view');
  if (view.status !== 200) return relayError(c, 404, { error: 'not_found', message: 'No such conversation.' });
  return c.json(await visitorToken(c, id, view.data.site));
});

handoffRoutes.post('/handoff/:id/callback', async (c) => {
  const claims = await requireVisitor(c);
  if (claims instanceof Response) return claims;
  const parsed = v.safeParse(CallbackRequestSchema, await c.req.json().catch(() => undefined));
  if (!parsed.success) return invalid(c, parsed.issues);
  const { channel, address, note } = parsed.output;
  const normalised = normaliseCallbackAddress(channel, address);
  if (!normalised) {
    return relayError(c, 400, {
      error: 'invalid_request',
      message: channel === 'email' ? 'That does not look like an email address.' : 'That is not a valid phone number; include the country code, e.g. +44.',
      issues: [{ path: 'address', message: 'invalid' }],
    });
  }
  const callback: CallbackRecord = { channel, address: normalised, note: note ?? '', at: Date.now() };
  const id = c.req.param('id');
  const stored = await callRoom<{ ok: boolean }>(c.env.lobby.parties, 'conversation', id, '/callback', { callback });
  if (!stored.data.ok) return relayError(c, 404, { error: 'not_found', message: 'No such conversation.' });
  await callRoom(c.env.lobby.parties, 'queue', claims.site, '/callback', { conversationId: id, callback });
  return c.json({ ok: true, callback }, 201);
});

async function agentSession(c: Context<RelayEnv>, agent: { id: string; name: string }, role: 'agent' | 'supervisor', site: string) {
  const token = await signToken({ sub: agent.id, role, site, name: agent.name }, relaySecrets(c.env.lobby.env).sessionSecret, AGENT_TOKEN_SECONDS);
  return { token, expiresAt: Date.now() + AGENT_TOKEN_SECONDS * 1000, agent, role, site } satisfies AgentSession;
}

// DEMO ONLY: anyone who can reach this route becomes an agent. It answers 404 unless the relay runs with DEMO=1;
// a real deployment signs agents in through its own identity provider and mints the same token with signToken.
handoffRoutes.post('/agents/demo-sign-in', async (c) => {
  if (!demoEnabled(c.env.lobby.env)) {
    return relayError(c, 404, { error: 'not_found', message: 'Demo sign-in is off. Run the relay with --var DEMO=1 to enable it.' });
  }
  const parsed = v.safeParse(DemoSignInRequestSchema, await c.req.json().catch(() => undefined));
  if (!parsed.success) return invalid(c, parsed.issues);
  const { name, role, site } = parsed.output;
  return c.json(await agentSession(c, { id: `agent_${crypto.randomUUID()}`, name }, role, site));
});

handoffRoutes.post('/agents/token', async (c) => {
  const token = bearerToken(c.req.header('authorization'));
  const verified = token ? await verifyToken(token, relaySecrets(c.env.lobby.env).sessionSecret) : null;
  if (!verified?.ok) return relayError(c, 401, { error: 'unauthorized', message: 'Send a valid agent token as Authorization: Bearer.' });
  const { role, sub, name, site } = verified.claims;
  if (role === 'visitor') return relayError(c, 403, { error: 'forbidden', message: 'Visitor tokens are refreshed through /api/handoff/:id/token.' });
  return c.json(await agentSession(c, { id: sub, name: name ?? 'Agent' }, role, site));
});
