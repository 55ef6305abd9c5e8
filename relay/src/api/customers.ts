import { Hono, type Context } from 'hono';
import * as v from 'valibot';
import { toCustomerContext } from '../customers/customer-context.js';
import { normaliseEmail, normalisePhone } from '../customers/identity-keys.js';
import { upstreamDirectories } from '../customers/directory-config.js';
import { localDirectoryFor } from '../customers/local/local-directory-for.js';
import { requireSession } from '../identity/session-auth.js';
import type { TokenClaims } from '../identity/session-token.js';
import { eraseCustomer, exportCustomer } from '../privacy/customer-privacy.js';
import { parseBody } from './identity.js';
import type { RelayEnv } from './relay-env.js';
import { relayError } from './relay-error.js';

const CustomerId = v.pipe(v.string(), v.regex(/^[A-Za-z0-9_.:-]{1,200}$/));
const Conversation = v.object({ conversationId: v.pipe(v.string(), v.regex(/^[A-Za-z0-9_.:-]{1,200}$/)) });
const Utc = v.pipe(v.string(), v.isoTimestamp(), v.transform((at) => new Date(at).toISOString()));
const CustomerBody = v.object({
  name: v.optional(v.pipe(v.string(), v.maxLength(200))),
  email: v.optional(v.pipe(v.string(), v.maxLength(320))),
  phone: v.optional(v.pipe(v.string(), v.maxLength(40))),
  tier: v.picklist(['free', 'standard', 'premium', 'vip']),
  lifetimeValue: v.object({ amount: v.pipe(v.number(), v.minValue(0)), currency: v.pipe(v.string(), v.regex(/^[A-Z]{3}$/)) }),
  preferredChannel: v.optional(v.picklist(['chat', 'email', 'sms', 'phone']), 'chat'),
  tickets: v.optional(
    v.pipe(
      v.array(
        v.object({
          id: v.pipe(v.string(), v.minLength(1), v.maxLength(200)),
          subject: v.pipe(v.string(), v.maxLength(300)),
          status: v.picklist(['open', 'pending', 'solved', 'closed']),
          updatedAt: Utc,
        }),
      ),
      v.maxLength(200),
    ),
    [],
  ),
  updatedAt: v.optional(Utc),
});

/**
 * Customer routes under `/api`, all behind a relay session token:
 * - `GET /customers/me/context`: the signed-in visitor's compact CustomerContext.
 * - `GET /customers/:id/context`: the same for an agent or supervisor (handoff).
 * - `POST /customers/:id/conversations`: links a handoff conversation, so privacy requests reach its transcript
 *   (agents, or the customer's own session scoped to that conversation).
 * - `GET /customers/:id/export`, `DELETE /customers/:id`: the customer themself or an agent/supervisor of the site.
 * - `GET /customers/audit/verify`: a supervisor checks the site's hash-chained audit log.
 * - `PUT /customers/:id`: a supervisor loads or updates a customer in the embedded store (merged by source weight, audited).
 */
export const customersRoutes = new Hono<RelayEnv>();

// Customer data must never sit in a shared cache.
customersRoutes.use('/customers/*', async (c, next) => {
  await next();
  c.header('Cache-Control', 'no-store');
});

customersRoutes.get('/customers/audit/verify', async (c) => {
  const session = await requireSession(c, ['supervisor']);
  if (session instanceof Response) return session;
  return c.json(await (await localDirectoryFor(c.env.lobby, session.site)).verifyAudit());
});

customersRoutes.get('/customers/me/context', async (c) => {
  const started = Date.now();
  const session = await requireSession(c);
  if (session instanceof Response) return session;
  if (!session.customerId) return c.json({ customer: null });
  const record = await (await localDirectoryFor(c.env.lobby, session.site)).find({ customerId: session.customerId });
  // Workers' clocks move only across I/O (whole ms), so this is the store round trip plus token check, not pure CPU.
  c.header('Server-Timing', `resolve;dur=${Date.now() - started}`);
  return c.json({ customer: record ? toCustomerContext(record) : null });
});

customersRoutes.get('/customers/:id/context', async (c) => {
  const access = await authorise(c, ['agent', 'supervisor']);
  if (access instanceof Response) return access;
  const record = await (await localDirectoryFor(c.env.lobby, access.site)).find({ customerId: access.customerId });
  if (!record) return relayError(c, 404, { error: 'customer_not_found', message: 'No customer with this id.' });
  return c.json({ customer: toCustomerContext(record) });
});

customersRoutes.post('/customers/:id/conversations', async (c) => {
  const access = await authorise(c);
  if (access instanceof Response) return access;
  const body = await parseBody(c, Conversation);
  if (body instanceof Response) return body;
  // Erasure follows these links into transcripts: a visitor may link only the conversation their token is scoped to.
  if (access.session.role === 'visitor' && access.session.conversationId !== body.conversationId) {
    return relayError(c, 403, { error: 'forbidden', message: 'A visitor may only link the conversation their session is scoped to.' });
  }
  const linked = await (await localDirectoryFor(c.env.lobby, access.site)).linkConversation(access.customerId, body.conversationId);
  if (!linked) return relayError(c, 404, { error: 'customer_not_found', message: 'No customer with this id.' });
  return c.json({ linked: true });
});

customersRoutes.put('/customers/:id', async (c) => {
  const access = await authorise(c, ['supervisor']);
  if (access instanceof Response) return access;
  const body = await parseBody(c, CustomerBody);
  if (body instanceof Response) return body;
  const email = body.email === undefined ? undefined : normaliseEmail(body.email);
  const phone = body.phone === undefined ? undefined : normalisePhone(body.phone);
  if (email === null || phone === null) {
    return relayError(c, 400, { error: 'invalid_request', message: '`email` must be an email address and `phone` a number in international format.' });
  }
  const record = await (await localDirectoryFor(c.env.lobby, access.site)).observe(
    {
      id: access.customerId,
      source: 'local',
      ...(body.name ? { name: body.name } : {}),
      ...(email ? { email } : {}),
      ...(phone ? { phone } : {}),
      tier: body.tier,
      lifetimeValue: body.lifetimeValue,
      preferredChannel: body.preferredChannel,
      tickets: body.tickets,
      updatedAt: body.updatedAt ?? new Date().toISOString(),
    },
    'support',
  );
  return c.json({ customer: toCustomerContext(record) });
});

customersRoutes.get('/customers/:id/export', async (c) => {
  const access = await authorise(c);
  if (access instanceof Response) return access;
  const data = await exportCustomer(...(await privacyRequest(c, access)));
  if (!data.customer && data.audit.length === 0) {
    return relayError(c, 404, { error: 'customer_not_found', message: 'Nothing is held about this customer id.' });
  }
  c.header('Content-Disposition', `attachment; filename="customer-${access.customerId}.json"`);
  return c.json(data);
});

customersRoutes.delete('/customers/:id', async (c) => {
  const access = await authorise(c);
  if (access instanceof Response) return access;
  const erasure = await eraseCustomer(...(await privacyRequest(c, access)));
  if (!erasure) return relayError(c, 404, { error: 'customer_not_found', message: 'No customer with this id (already erased?).' });
  return c.json(erasure);
});

/** The directories and scope a privacy request works across: the site's store and every configured CRM. */
async function privacyRequest(c: Context<RelayEnv>, access: { site: string; customerId: string }) {
  const local = await localDirectoryFor(c.env.lobby, access.site);
  const scope = { site: access.site, customerId: access.customerId, lobby: c.env.lobby };
  return [local, upstreamDirectories(c.env.lobby.env), scope] as const;
}

/**
 * Who may act on `:id`: the customer themself (a visitor session bound to
 * that id) or an agent/supervisor, always within the token's own site.
 */
async function authorise(
  c: Context<RelayEnv>,
  roles: TokenClaims['role'][] = ['visitor', 'agent', 'supervisor'],
): Promise<{ site: string; customerId: string; session: TokenClaims } | Response> {
  const session = await requireSession(c, roles);
  if (session instanceof Response) return session;
  const id = v.safeParse(CustomerId, c.req.param('id'));
  if (!id.success) return relayError(c, 400, { error: 'invalid_request', message: 'Customer ids are 1-200 letters, digits, `_.:-`.' });
  if (c.var.site && c.var.site !== session.site) {
    return relayError(c, 403, { error: 'forbidden', message: 'This session belongs to another site.' });
  }
  if (session.role === 'visitor' && session.customerId !== id.output) {
    return relayError(c, 403, { error: 'forbidden', message: 'A visitor may only see or erase their own data.' });
  }
  return { site: session.site, customerId: id.output, session };
}
