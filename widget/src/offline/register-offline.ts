export interface OfflineOptions {
  /**
   * The service worker script (the build's `support-widget-sw.js`), served
   * from the site's own origin: browsers only run a service worker from the
   * origin of the pages it controls, never from a CDN.
   */
  serviceWorkerUrl: string;
  /** The relay whose knowledge snapshot is kept for offline answers; empty or absent without a relay. */
  relayUrl?: string;
  /**
   * The pages it controls. Defaults to the script's folder; a wider scope
   * (e.g. `/` for a script in `/assets/`) needs the server to send
   * `Service-Worker-Allowed: /` with the script.
   */
  scope?: string;
  /** URL prefixes of the widget's scripts and model files; cached the first time they load. */
  assetPrefixes?: string[];
  /** Files cached at install, e.g. the widget bundle and the shipped model (`config.json`, `tokenizer.json`, `onnx/model.onnx`). */
  precache?: string[];
  /** Also keep the site's pages in scope for offline visits (network first). Default false: the site's pages are the site's business. */
  cachePages?: boolean;
  /** Changes when the widget is redeployed, so the old cache is dropped. */
  version?: string;
  /** `classic` for the built, single-file worker (works in every browser); `module` to run the TypeScript source in development. */
  type?: WorkerType;
}

/**
 * Registers the widget's service worker so its scripts, models and the
 * knowledge snapshot work offline. Returns null where service workers are
 * unavailable (plain http on a non-localhost origin, some private modes);
 * the widget then still answers from the snapshot in IndexedDB while the page is open.
 *
 * @example
 * await registerOfflineSupport({
 *   serviceWorkerUrl: '/support-widget-sw.js',
 *   relayUrl: 'https://relay.example.com',
 *   assetPrefixes: ['/support-widget/', '/models/support-intent/'],
 *   precache: ['/support-widget/support-widget.js'],
 * });
 */
export async function registerOfflineSupport(options: OfflineOptions): Promise<ServiceWorkerRegistration | null> {
  if (typeof navigator === 'undefined' || !('serviceWorker' in navigator) || !isSecureContext) return null;
  const script = new URL(options.serviceWorkerUrl, location.href);
  if (options.relayUrl) script.searchParams.set('relay', new URL(options.relayUrl).origin);
  for (const prefix of options.assetPrefixes ?? []) script.searchParams.append('assets', new URL(prefix, location.href).href);
  for (const url of options.precache ?? []) script.searchParams.append('precache', new URL(url, location.href).href);
  if (options.cachePages) script.searchParams.set('pages', '1');
  script.searchParams.set('v', options.version ?? '1');
  // Never take over a scope the site's own service worker already runs: registering would replace it.
  const scope = new URL(options.scope ?? './', script).href;
  const existing = await navigator.serviceWorker.getRegistration(scope);
  const existingScript = (existing?.active ?? existing?.waiting ?? existing?.installing)?.scriptURL;
  if (existing?.scope === scope && existingScript && new URL(existingScript).pathname !== script.pathname) {
    console.warn(`support-widget: ${scope} already has a service worker (${existingScript}); offline support is off. Give the widget its own folder.`);
    return null;
  }
  return navigator.serviceWorker.register(script.href, {
    type: options.type ?? 'classic',
    ...(options.scope ? { scope: options.scope } : {}),
    updateViaCache: 'none',
  });
}

/** Adds files to the offline cache, e.g. a web-llm model's files after the visitor agreed to download them. */
export async function cacheForOffline(urls: string[]): Promise<void> {
  const registration = await navigator.serviceWorker?.ready;
  registration?.active?.postMessage({ type: 'support-widget:cache-urls', urls });
}
