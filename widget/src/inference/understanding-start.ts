import { UnderstandingClient, type UnderstandingClientOptions } from './understanding-client.js';

const started = new Map<string, UnderstandingClient>();

/**
 * The page's understanding worker for one configuration, started at most
 * once. Whatever knows first that the panel is opening starts it (the
 * element, beside the panel's own chunk), so the worker boots and the model
 * downloads while the panel loads and paints; the built-in responder then
 * gets the same, already warm, client. Options other than `config` are the
 * first caller's. A terminated client is replaced by a fresh one.
 *
 * This module is small on purpose: it is the only inference code loaded
 * before the panel's chunk has arrived.
 *
 * @example
 * // on the launcher click, beside import('./chat-panel.js'):
 * void import('../inference/understanding-start.js').then((m) => m.startUnderstanding({ config: { modelUrl, locale }, timeoutMs: 10_000 }));
 * // in the built-in responder, later:
 * const understander = startUnderstanding({ config: { modelUrl, locale }, timeoutMs: 10_000 });
 */
export function startUnderstanding(options: UnderstandingClientOptions): UnderstandingClient {
  const key = JSON.stringify(options.config);
  const running = started.get(key);
  if (running && !running.terminated) return running;
  const client = new UnderstandingClient(options);
  started.set(key, client);
  return client;
}
