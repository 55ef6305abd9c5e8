/// <reference lib="webworker" />
import { configFromScriptUrl, snapshotUrl, strategyFor } from './offline-policy.js';

/**
 * The widget's service worker: keeps the widget's scripts, its model files
 * and the knowledge snapshot in the Cache API, so a visitor with no network
 * still gets cited answers. Register it with `registerOfflineSupport`.
 */
const sw = self as unknown as ServiceWorkerGlobalScope;
const config = configFromScriptUrl(sw.location.href);
const CACHE = `support-widget-${config.version}`;
/** A slow relay must not hold the snapshot hostage: after this, the cached copy answers. */
const waitFor = { snapshot: 2500, asset: 3000, page: 4000 } as const;

sw.addEventListener('install', (event) => {
  event.waitUntil(
    (async () => {
      const cache = await caches.open(CACHE);
      // One unreachable file must not cost the visitor everything else: cache what can be fetched.
      const snapshot = config.relayUrl ? [snapshotUrl(config.relayUrl)] : [];
      await Promise.allSettled([...config.precache, ...snapshot].map((u) => cache.add(new Request(u, { mode: 'cors', credentials: 'omit' }))));
      await sw.skipWaiting();
    })(),
  );
});

sw.addEventListener('activate', (event) => {
  event.waitUntil(
    (async () => {
      for (const name of await caches.keys()) if (name.startsWith('support-widget-') && name !== CACHE) await caches.delete(name);
      await sw.clients.claim();
    })(),
  );
});

sw.addEventListener('fetch', (event) => {
  const strategy = strategyFor(event.request, config);
  if (strategy === 'passthrough') return;
  event.respondWith(strategy === 'versioned-asset' ? cacheFirst(event.request) : networkFirst(event.request, waitFor[strategy]));
});

/** Lets the page add files to the offline cache, e.g. model files after a consented download. */
sw.addEventListener('message', (event) => {
  const data = event.data as { type?: string; urls?: unknown } | null;
  if (data?.type !== 'support-widget:cache-urls' || !Array.isArray(data.urls)) return;
  const urls = data.urls.filter((u): u is string => typeof u === 'string');
  event.waitUntil(caches.open(CACHE).then((cache) => Promise.allSettled(urls.map((u) => cache.add(u)))));
});

async function cacheFirst(request: Request): Promise<Response> {
  const cache = await caches.open(CACHE);
  const hit = await cache.match(request, { ignoreVary: true });
  if (hit) return hit;
  const response = await fetch(request);
  if (response.ok) await cache.put(request, response.clone());
  return response;
}

async function networkFirst(request: Request, waitMs: number): Promise<Response> {
  const cache = await caches.open(CACHE);
  try {
    const response = await fetch(request, { signal: AbortSignal.timeout(waitMs) });
    // A 304 to the page's conditional request says its copy is current; refresh ours only on a full answer.
    if (response.ok) await cache.put(stripConditions(request), response.clone());
    return response;
  } catch (err) {
    const hit = await cache.match(stripConditions(request), { ignoreSearch: request.mode !== 'navigate', ignoreVary: true });
    if (hit) return hit;
    throw err;
  }
}

/** Cache keys ignore If-None-Match and friends. */
function stripConditions(request: Request): Request {
  return new Request(request.url, { method: 'GET', mode: request.mode === 'navigate' ? 'same-origin' : request.mode, credentials: request.credentials });
}
