import { test } from 'node:test';
import assert from 'node:assert/strict';
import { DEMO_IDENTITY_SECRET, identitySecretFor, signIdentity, signToken, verifyIdentity, verifyToken } from '../src/identity/index.js';
import { encodeBase64url, encodeJsonBase64url } from '../src/identity/base64url.js';

const secret = 'test-secret';
const subject = { sub: 'v_1', role: 'visitor', site: 'demo-store', conversationId: 'c_9' } as const;

test('a signed session token verifies and carries its claims', async () => {
  const token = await signToken(subject, secret, 60, 1_000_000);
  const result = await verifyToken(token, secret, 1_000_010);
  assert.ok(result.ok);
  assert.deepEqual(result.claims, { ...subject, iat: 1_000_000, exp: 1_000_060 });
});

test('a session token signed with another secret is refused', async () => {
  const token = await signToken(subject, 'other', 60);
  assert.deepEqual(await verifyToken(token, secret), {
    ok: false,
    error: 'bad_signature',
    message: 'Token signature does not match.',
  });
});

test('a tampered payload is refused even when it is well formed', async () => {
  const token = await signToken(subject, secret, 60);
  const [, signature] = token.split('.');
  const forged = `${encodeJsonBase64url({ ...subject, role: 'supervisor', iat: 0, exp: 9e9 })}.${signature}`;
  const result = await verifyToken(forged, secret);
  assert.equal(result.ok, false);
  assert.equal(!result.ok && result.error, 'bad_signature');
});

test('an expired session token is refused', async () => {
  const token = await signToken(subject, secret, 60, 1_000_000);
  const result = await verifyToken(token, secret, 1_000_000 + 60 + 31);
  assert.equal(!result.ok && result.error, 'expired');
});

test('garbage is malformed, not a crash', async () => {
  for (const junk of ['', 'a', 'a.b.c', '!!.??', 'x'.repeat(5000)]) {
    const result = await verifyToken(junk, secret);
    assert.equal(!result.ok && result.error, 'malformed', junk.slice(0, 10));
  }
});

test('a site-signed identity verifies; wrong secret, expiry and alg "none" do not', async () => {
  const now = 2_000_000;
  const token = await signIdentity({ sub: 'cust_1', email: 'a@b.co' }, secret, 600, now);
  const good = await verifyIdentity(token, secret, now + 1);
  assert.ok(good.ok);
  assert.equal(good.identity.userId, 'cust_1');
  assert.equal(good.identity.email, 'a@b.co');
  assert.equal(good.identity.expiresAt, new Date((now + 600) * 1000).toISOString());

  assert.equal((await verifyIdentity(token, 'wrong', now)).ok, false);
  const expired = await verifyIdentity(token, secret, now + 700);
  assert.equal(!expired.ok && expired.error, 'expired');

  const [, payload] = token.split('.');
  const none = `${encodeJsonBase64url({ alg: 'none', typ: 'JWT' })}.${payload}.`;
  const noneResult = await verifyIdentity(none, secret, now);
  assert.equal(!noneResult.ok && noneResult.error, 'unsupported_algorithm');
});

test('an identity without exp, or valid for months, is refused', async () => {
  const header = encodeJsonBase64url({ alg: 'HS256', typ: 'JWT' });
  const { hmacSha256 } = await import('../src/identity/hmac.js');
  const sign = async (claims: object) => {
    const input = `${header}.${encodeJsonBase64url(claims)}`;
    return `${input}.${encodeBase64url(await hmacSha256(secret, input))}`;
  };
  const noExp = await verifyIdentity(await sign({ sub: 'x' }), secret);
  assert.equal(!noExp.ok && noExp.error, 'invalid_claims');
  const now = Math.floor(Date.now() / 1000);
  const tooLong = await verifyIdentity(await sign({ sub: 'x', exp: now + 90 * 86400 }), secret);
  assert.equal(!tooLong.ok && tooLong.error, 'invalid_claims');
  const intercomStyle = await verifyIdentity(await sign({ user_id: 'u7', exp: now + 60 }), secret);
  assert.ok(intercomStyle.ok && intercomStyle.identity.userId === 'u7');
});

test('each site may have its own identity secret, so one site cannot vouch for visitors of another', async () => {
  const env = { IDENTITY_SECRET: 'shared-fallback-secret', IDENTITY_SECRETS: JSON.stringify({ shop: 'shop-secret-0123456789', blog: 'blog-secret-0123456789' }) };
  assert.equal(identitySecretFor(env, 'shop'), 'shop-secret-0123456789');
  assert.equal(identitySecretFor(env, 'other'), 'shared-fallback-secret');
  assert.equal(identitySecretFor({}, 'shop'), DEMO_IDENTITY_SECRET);
  const shopToken = await signIdentity({ sub: 'u1' }, identitySecretFor(env, 'shop'), 60);
  assert.equal((await verifyIdentity(shopToken, identitySecretFor(env, 'blog'))).ok, false);
  assert.throws(() => identitySecretFor({ IDENTITY_SECRETS: '{"shop": "short"}' }, 'shop'), /16 characters/);
  assert.throws(() => identitySecretFor({ IDENTITY_SECRETS: 'nope' }, 'shop'), /IDENTITY_SECRETS/);
});
