import { widgetFolderUrl } from '../element/widget-location.js';
import type { UnderstandingClient } from '../inference/understanding-client.js';
import { startUnderstanding } from '../inference/understanding-start.js';

/**
 * The built-in responder's understanding worker, started at most once per
 * model and locale. The element calls it beside the panel's chunk, so the
 * worker boots while the panel paints; the responder, loaded later, gets
 * the same warm client.
 */
export function startDefaultUnderstanding(locale: string, modelUrl = shippedModelUrl()): UnderstandingClient {
  return startUnderstanding({ config: { modelUrl, locale }, timeoutMs: 10_000 });
}

/** The shipped model sits beside the widget's script, in dev (`/support-widget.js`) and in `dist/`. */
export function shippedModelUrl(): string {
  return new URL('models/support-intent/', widgetFolderUrl()).href;
}
