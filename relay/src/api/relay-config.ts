import pkg from '../../../package.json' with { type: 'json' };

/** `count` requests per `seconds`, refilled continuously (a token bucket). */
export interface RateRule {
  count: number;
  seconds: number;
}

/** Site id → origins allowed to call the relay from a browser. `*` matches a port or one subdomain label. */
export type SiteOrigins = Record<string, string[]>;

/** Everything the relay core reads from its environment, parsed once. */
export interface RelayConfig {
  version: string;
  sites: SiteOrigins;
  maxBodyBytes: number;
  rateLimits: { ip: RateRule; session: RateRule };
  /** Where to fetch the knowledge index from instead of the bundled demo index. */
  knowledgeIndexUrl: string | undefined;
}

/** Without `RELAY_SITES`, only pages served from this machine may call the relay: the demo. */
export const DEMO_SITES: SiteOrigins = {
  demo: ['http://localhost:*', 'http://127.0.0.1:*', 'http://[::1]:*'],
};

const DEFAULTS = {
  maxBodyBytes: 64 * 1024,
  // An office behind one NAT address chats through one IP bucket; a single visitor never needs 4 requests a second.
  ip: { count: 1200, seconds: 60 },
  session: { count: 240, seconds: 60 },
};

/**
 * Reads PartyKit vars (`--var KEY=VALUE` in dev, `partykit env add` or
 * partykit.json `vars` when deployed):
 *
 * - `RELAY_SITES`: JSON `{"shop": ["https://shop.example.com"]}`
 * - `RELAY_MAX_BODY_BYTES`: request body limit (default 65536)
 * - `RELAY_RATE_IP`, `RELAY_RATE_SESSION`: `"count/seconds"` (defaults `1200/60`, `240/60`)
 * - `KNOWLEDGE_INDEX_URL`: an index built by `npm run kb:build`, served anywhere
 *
 * Throws with the variable's name when a value cannot be used, so a bad
 * deployment fails loudly instead of running open.
 */
export function readRelayConfig(env: Record<string, unknown>): RelayConfig {
  return {
    version: typeof env.RELAY_VERSION === 'string' && env.RELAY_VERSION ? env.RELAY_VERSION : pkg.version,
    sites: env.RELAY_SITES === undefined ? DEMO_SITES : parseSites(env.RELAY_SITES),
    maxBodyBytes: positiveInt(env.RELAY_MAX_BODY_BYTES, 'RELAY_MAX_BODY_BYTES') ?? DEFAULTS.maxBodyBytes,
    rateLimits: {
      ip: parseRate(env.RELAY_RATE_IP, 'RELAY_RATE_IP') ?? DEFAULTS.ip,
      session: parseRate(env.RELAY_RATE_SESSION, 'RELAY_RATE_SESSION') ?? DEFAULTS.session,
    },
    knowledgeIndexUrl:
      typeof env.KNOWLEDGE_INDEX_URL === 'string' && env.KNOWLEDGE_INDEX_URL ? env.KNOWLEDGE_INDEX_URL : undefined,
  };
}

function parseSites(raw: unknown): SiteOrigins {
  let value: unknown = raw;
  if (typeof raw === 'string') {
    try {
      value = JSON.parse(raw);
    } catch {
      throw new Error('RELAY_SITES must be JSON like {"shop": ["https://shop.example.com"]}');
    }
  }
  if (!value || typeof value !== 'object' || Array.isArray(value)) {
    throw new Error('RELAY_SITES must be a JSON object of site id → origin list');
  }
  const sites: SiteOrigins = {};
  for (const [site, origins] of Object.entries(value)) {
    if (!Array.isArray(origins) || !origins.every((o) => typeof o === 'string' && /^https?:\/\/\S+$/.test(o))) {
      throw new Error(`RELAY_SITES["${site}"] must be a list of origins like "https://shop.example.com"`);
    }
    sites[site] = origins;
  }
  return sites;
}

function parseRate(raw: unknown, name: string): RateRule | undefined {
  if (raw === undefined || raw === '') return undefined;
  const m = /^(\d+)\s*\/\s*(\d+(?:\.\d+)?)$/.exec(String(raw));
  const count = Number(m?.[1]);
  const seconds = Number(m?.[2]);
  if (!m || count < 1 || seconds <= 0) throw new Error(`${name} must look like "600/60" (requests per seconds)`);
  return { count, seconds };
}

function positiveInt(raw: unknown, name: string): number | undefined {
  if (raw === undefined || raw === '') return undefined;
  const n = Number(raw);
  if (!Number.isInteger(n) || n < 1) throw new Error(`${name} must be a positive integer`);
  return n;
}
