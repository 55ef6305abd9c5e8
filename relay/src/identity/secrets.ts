/**
 * Where the relay's secrets come from: PartyKit env vars (`--var`, `.env`,
 * `partykit env add`). The defaults below exist ONLY so `npm run relay` works
 * on a fresh clone; they are public, so anything signed with them is forgeable.
 * Set SESSION_SECRET and IDENTITY_SECRET before deploying. A relay serving
 * several sites gives each its own identity secret with IDENTITY_SECRETS
 * (JSON `{"shop": "…"}`), so one site's backend cannot vouch for visitors of another.
 */
export const DEMO_SESSION_SECRET = 'demo-only-session-secret-CHANGE-ME';
export const DEMO_IDENTITY_SECRET = 'demo-only-identity-secret-CHANGE-ME';

export interface RelaySecrets {
  /** Signs relay session tokens (visitors, agents, supervisors). */
  sessionSecret: string;
  /** Shared with the site's backend, which signs visitor identities with it. */
  identitySecret: string;
  /** True when either secret is a public demo default. */
  usingDemoDefaults: boolean;
}

let warned = false;

export function relaySecrets(env: Record<string, unknown>): RelaySecrets {
  const session = typeof env.SESSION_SECRET === 'string' && env.SESSION_SECRET ? env.SESSION_SECRET : null;
  const identity = typeof env.IDENTITY_SECRET === 'string' && env.IDENTITY_SECRET ? env.IDENTITY_SECRET : null;
  if ((!session || !identity) && !warned) {
    warned = true;
    console.warn(JSON.stringify({ level: 'warn', at: new Date().toISOString(), event: 'demo_secrets', message: 'SESSION_SECRET or IDENTITY_SECRET is not set: using public demo secrets; tokens are forgeable' }));
  }
  return {
    sessionSecret: session ?? DEMO_SESSION_SECRET,
    identitySecret: identity ?? DEMO_IDENTITY_SECRET,
    usingDemoDefaults: !session || !identity,
  };
}

let parsedSecrets: { raw: string; bySite: Record<string, string> } | undefined;

/** The secret a site's backend signs identities with: its own from IDENTITY_SECRETS, else IDENTITY_SECRET. */
export function identitySecretFor(env: Record<string, unknown>, site: string): string {
  const raw = typeof env.IDENTITY_SECRETS === 'string' ? env.IDENTITY_SECRETS : '';
  if (raw && parsedSecrets?.raw !== raw) {
    let bySite: unknown;
    try {
      bySite = JSON.parse(raw);
    } catch {
      throw new Error('IDENTITY_SECRETS must be JSON like {"shop": "a long random secret"}');
    }
    if (!bySite || typeof bySite !== 'object' || Object.values(bySite).some((v) => typeof v !== 'string' || v.length < 16)) {
      throw new Error('IDENTITY_SECRETS must map site ids to secrets of at least 16 characters');
    }
    parsedSecrets = { raw, bySite: bySite as Record<string, string> };
  }
  return (raw ? parsedSecrets?.bySite[site] : undefined) ?? relaySecrets(env).identitySecret;
}

/** The demo-only identity signer is on only when `DEMO` is set to a true-ish value. */
export function demoEnabled(env: Record<string, unknown>): boolean {
  return typeof env.DEMO === 'string' && /^(1|true|yes|on)$/i.test(env.DEMO);
}
