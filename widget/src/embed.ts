/**
 * The one script a page loads (`dist/support-widget.js`): registers
 * `<support-widget>` and paints the launcher. The panel, memory and
 * everything that answers are separate chunks fetched on first open.
 */
import { SupportWidget } from './element/support-widget.js';
import type { SupportWidgetConfig } from './element/widget-config.js';

if (!customElements.get('support-widget')) customElements.define('support-widget', SupportWidget);

/**
 * Configures every `<support-widget>` on the page and is the starting point
 * of widgets added later (their attributes still apply on top).
 *
 * @example
 * import { configure } from 'https://cdn.example.com/support-widget.js';
 * configure({ relay: 'https://relay.example.com', site: 'acme', theme: 'auto' });
 */
export function configure(config: SupportWidgetConfig): void {
  const { text } = config;
  // Text overrides add up, as on each widget; the widget warns about a `text` that is not an object.
  const texts = typeof text === 'object' && text ? { text: { ...SupportWidget.defaults.text, ...text } } : {};
  SupportWidget.defaults = { ...SupportWidget.defaults, ...config, ...texts };
  for (const widget of document.querySelectorAll('support-widget')) widget.configure(config);
}

export { SupportWidget };
export type * from './index.js';
