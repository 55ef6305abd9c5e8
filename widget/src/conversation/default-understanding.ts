import { widgetFolderUrl } from '../element/widget-location.js';
import type { UnderstandingClient } from '../inference/understanding-client.js';
import { startUnderstanding } from '../inference/understanding-start.js';

/**
 * The built-in responder's understanding worker on the shipped model. The
 * element (`SupportWidget.understanding()`) calls it once, beside the panel's
 * chunk or earlier, so the worker boots while the panel paints, and hands
 * the client to the panel and the responder. Widgets on one page with the
 * same locale share one worker (`startUnderstanding`).
 */
export function startDefaultUnderstanding(locale: string): UnderstandingClient {
  return startUnderstanding({ config: { modelUrl: shippedModelUrl(), locale }, timeoutMs: 10_000 });
}

/** The shipped model sits beside the widget's script, in dev (`/support-widget.js`) and in `dist/`. */
function shippedModelUrl(): string {
  return new URL('models/support-intent/', widgetFolderUrl()).href;
}
