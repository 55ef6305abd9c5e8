/**
 * A dedicated worker's fetches are in its own performance timeline, not the
 * page's: the page never sees the chunks the inference worker imports later
 * (its phone and date libraries), so they would miss the offline cache. The
 * worker reports them on this channel; the page hands them to the service
 * worker with its own files.
 */
const CHANNEL = 'support-widget:worker-loads';

type WorkerLoadsMessage = { type: 'ask' } | { type: 'loaded'; urls: string[] };

/** In a worker: reports every file it fetched, once at start (and whenever a page asks) and then each as it loads. */
export function reportWorkerLoads(): void {
  if (typeof BroadcastChannel === 'undefined' || typeof PerformanceObserver === 'undefined') return;
  const channel = new BroadcastChannel(CHANNEL);
  const report = (urls: string[]) => channel.postMessage({ type: 'loaded', urls } satisfies WorkerLoadsMessage);
  // A page that starts listening after this worker's first report asks for it again.
  channel.onmessage = (event: MessageEvent<WorkerLoadsMessage>) => {
    if (event.data?.type === 'ask') report(performance.getEntriesByType('resource').map((e) => e.name));
  };
  new PerformanceObserver((list) => report(list.getEntries().map((e) => e.name))).observe({ type: 'resource', buffered: true });
}

/** On the page: calls `onLoaded` with what the site's workers fetched so far and, for the page's lifetime, what they fetch later. */
export function watchWorkerLoads(onLoaded: (urls: string[]) => void): void {
  if (typeof BroadcastChannel === 'undefined') return;
  const channel = new BroadcastChannel(CHANNEL);
  channel.onmessage = (event: MessageEvent<WorkerLoadsMessage>) => {
    const data = event.data;
    if (data?.type === 'loaded' && Array.isArray(data.urls)) onLoaded(data.urls.filter((u): u is string => typeof u === 'string'));
  };
  channel.postMessage({ type: 'ask' } satisfies WorkerLoadsMessage);
}
