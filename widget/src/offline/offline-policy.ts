/** How the service worker treats one request. */
export type FetchStrategy =
  /** The knowledge snapshot: fresh from the relay when it answers quickly, else the cached copy. */
  | 'snapshot'
  /** The widget's files with a content hash in their name (built chunks, workers, WebAssembly): cache first, the copy never goes stale. */
  | 'versioned-asset'
  /**
   * The widget's other files (the entry script, the service worker's own
   * siblings, model files, dev-server modules): network first with a short
   * limit, so a redeploy is picked up; the cached copy offline.
   */
  | 'asset'
  /** A page of the site (only when the site asked for offline pages): network first, cached copy offline. */
  | 'page'
  /** Anything else (the site's own traffic, relay POSTs, sockets): not touched. */
  | 'passthrough';

export interface OfflineConfig {
  /** The relay origin, e.g. `https://relay.example.com`, whose snapshot is cached; empty without a relay. */
  relayUrl: string;
  /** URL prefixes of the widget's scripts and model files (absolute), cached on first use. */
  assetPrefixes: string[];
  /** Whether pages in the service worker's scope are cached for offline visits. */
  cachePages: boolean;
}

export const SNAPSHOT_PATH = '/api/knowledge/snapshot';

/** The URL of the relay's knowledge snapshot. */
export function snapshotUrl(relayUrl: string): string {
  return new URL(SNAPSHOT_PATH, relayUrl).href;
}

/** The build names chunks, workers and WebAssembly `name-<8+ char hash>.ext`. */
const contentHashed = /-[\w-]{8,}\.(?:js|mjs|css|wasm)$/;

/** Decides the strategy for a request; pure, so the rules are tested without a service worker. */
export function strategyFor(
  request: { url: string; method: string; mode?: string },
  config: OfflineConfig,
): FetchStrategy {
  if (request.method !== 'GET') return 'passthrough';
  const url = new URL(request.url);
  if (url.protocol !== 'http:' && url.protocol !== 'https:') return 'passthrough';
  if (config.relayUrl && url.href.split('?')[0] === snapshotUrl(config.relayUrl)) return 'snapshot';
  if (config.assetPrefixes.some((prefix) => url.href.startsWith(prefix))) return contentHashed.test(url.pathname) ? 'versioned-asset' : 'asset';
  if (config.cachePages && request.mode === 'navigate') return 'page';
  return 'passthrough';
}

/**
 * Reads the worker's configuration from its own script URL, which is how
 * `registerOfflineSupport` passes it (a service worker gets no other input
 * before `install`).
 */
export function configFromScriptUrl(scriptUrl: string): OfflineConfig & { precache: string[]; version: string } {
  const url = new URL(scriptUrl);
  const params = url.searchParams;
  const relayUrl = params.get('relay');
  const absolute = (u: string) => new URL(u, url).href;
  return {
    relayUrl: relayUrl ? new URL(relayUrl).origin : '',
    assetPrefixes: params.getAll('assets').map(absolute),
    precache: params.getAll('precache').map(absolute),
    cachePages: params.get('pages') === '1',
    version: params.get('v') ?? '0',
  };
}
