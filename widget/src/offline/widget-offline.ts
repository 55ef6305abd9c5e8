import type { OfflineOptions } from './register-offline.js';
import { cacheForOffline, registerOfflineSupport } from './register-offline.js';
import { watchWorkerLoads } from './worker-loads.js';

/** How the widget asks for offline support; `offline: false` never gets here. */
export interface WidgetOfflineSettings {
  /** The folder the widget's script is served from. */
  folder: string;
  /** The relay whose snapshot is kept; empty without one. */
  relay: string;
  /** Also keep the site's pages (network first), so a reload with no network still shows the page and the widget. */
  pages: boolean;
  /** Vite's dev server serves the widget as many modules outside its folder. */
  dev: boolean;
}

const shippedModelFiles = ['config.json', 'tokenizer.json', 'tokenizer_config.json', 'onnx/model.onnx'];
/** Where Vite's dev server serves source modules, prebundled dependencies and its client. */
const devServerPrefixes = ['/@fs/', '/@id/', '/@vite/', '/node_modules/', '/widget/', '/protocol/', '/relay/src/'];

/** The service worker beside the widget's script, caching the widget's own files, its model and the relay's snapshot. */
export function widgetOfflineOptions(settings: WidgetOfflineSettings): OfflineOptions {
  const { folder } = settings;
  const inFolder = (path: string) => new URL(path, folder).href;
  return {
    serviceWorkerUrl: inFolder('support-widget-sw.js'),
    relayUrl: settings.relay,
    assetPrefixes: [
      ...['support-widget', 'chunks/', 'assets/', 'models/'].map(inFolder),
      ...(settings.dev ? devServerPrefixes.map((p) => new URL(p, folder).href) : []),
    ],
    precache: shippedModelFiles.map((file) => inFolder(`models/support-intent/${file}`)),
    cachePages: settings.pages,
  };
}

/**
 * Registers the widget's service worker, then hands it what this page and its
 * workers already loaded before it was in control (the widget's script, chunks
 * and, when asked, the page itself), so the very next visit works with no network.
 */
export async function startOfflineSupport(settings: WidgetOfflineSettings): Promise<ServiceWorkerRegistration | null> {
  // A widget served from a CDN cannot have a service worker on this site: the browser would refuse it.
  if (new URL(settings.folder).origin !== location.origin) return null;
  const options = widgetOfflineOptions(settings);
  const registration = await registerOfflineSupport(options);
  if (!registration) return null;
  await navigator.serviceWorker.ready;
  const loaded = performance
    .getEntriesByType('resource')
    .map((entry) => entry.name)
    .filter((url) => options.assetPrefixes?.some((prefix) => url.startsWith(prefix)));
  await cacheForOffline([...new Set([...loaded, ...(settings.pages ? [location.href.split('#')[0]!] : [])])]);
  keepLateLoads(options.assetPrefixes ?? []);
  keepWorkerLoads(options.assetPrefixes ?? []);
  return registration;
}

/**
 * The inference worker loads chunks of its own, some long after the page
 * (its phone and date libraries wait until it is idle): each is handed over once.
 */
function keepWorkerLoads(prefixes: string[]): void {
  const handedOver = new Set<string>();
  watchWorkerLoads((urls) => {
    const fresh = urls.filter((url) => !handedOver.has(url) && prefixes.some((p) => url.startsWith(p)));
    for (const url of fresh) handedOver.add(url);
    if (fresh.length) void cacheForOffline(fresh).catch(() => undefined);
  });
}

/**
 * Files the widget fetches while the service worker takes control (the
 * inference worker starts beside the panel) can miss it; they are handed to
 * it as they finish loading, for the first minute.
 */
function keepLateLoads(prefixes: string[]): void {
  if (typeof PerformanceObserver === 'undefined') return;
  const observer = new PerformanceObserver((list) => {
    const urls = list.getEntries().map((e) => e.name).filter((url) => prefixes.some((p) => url.startsWith(p)));
    if (urls.length) void cacheForOffline(urls).catch(() => undefined);
  });
  observer.observe({ type: 'resource', buffered: true });
  setTimeout(() => observer.disconnect(), 60_000);
}
