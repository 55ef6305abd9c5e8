import type { Handoff } from '../conversation/handoff.js';
import type { MessageTransport } from '../conversation/message-transport.js';
import type { Responder } from '../conversation/responder.js';
import type { RetentionPolicy } from '../memory/retention.js';

export type Theme = 'light' | 'dark' | 'auto';
export type Position = 'bottom-right' | 'bottom-left';
/** When the panel's code is fetched before the first open. */
export type Prefetch = 'idle' | 'hover' | 'none';

/**
 * Everything a site can set, by attribute (strings) or by `configure()`.
 *
 * @example
 * widget.configure({ relay: 'https://relay.example.com', site: 'acme', theme: 'dark', greeting: 'Hi! Ask me anything.' });
 */
export interface SupportWidgetConfig {
  /** Base URL of the relay (retrieval, customers, live handoff). Empty: the widget runs on the device only. */
  relay?: string;
  /** Site id: names the conversation's database and the relay tenant. Default: the page's host name. */
  site?: string;
  /** BCP 47 locale of the widget's text; right-to-left locales flip the panel. Default: the page's `lang`. */
  locale?: string;
  theme?: Theme;
  position?: Position;
  /** First line the visitor sees in an empty conversation. */
  greeting?: string;
  /** The product the page is about, given to the responder as context. */
  product?: string;
  /** What answers; defaults to the built-in responder. */
  responder?: Responder;
  /** Where visitor messages are delivered once a person is involved. */
  transport?: MessageTransport;
  /** The live-person side: started on every escalation, renders the status area. */
  handoff?: Handoff;
  retention?: Partial<RetentionPolicy>;
  prefetch?: Prefetch;
  /**
   * Offline support through a service worker beside the widget's script
   * (`support-widget-sw.js`), registered once the panel has loaded: `true`
   * (default) keeps the widget's files, model and knowledge snapshot;
   * `'pages'` also the site's pages in its scope; `false` registers nothing.
   */
  offline?: Offline;
}

export type Offline = boolean | 'pages';

const rtlLanguages = new Set(['ar', 'arc', 'ckb', 'dv', 'fa', 'he', 'iw', 'ks', 'ku', 'ps', 'sd', 'ug', 'ur', 'yi']);

/** Writing direction of a BCP 47 locale. */
export function textDirection(locale: string): 'ltr' | 'rtl' {
  const language = locale.trim().toLowerCase().split(/[-_]/)[0] ?? '';
  return rtlLanguages.has(language) ? 'rtl' : 'ltr';
}
