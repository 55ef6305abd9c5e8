import type { Handoff } from '../conversation/handoff.js';
import type { MessageTransport } from '../conversation/message-transport.js';
import type { Responder } from '../conversation/responder.js';
import type { RetentionPolicy } from '../memory/retention.js';
import type { LlmRequirements } from '../answers/webgpu-capability.js';
import type { UiTextId } from '../locale/en.js';

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
  /**
   * BCP 47 locale of the widget's text; right-to-left locales flip the panel.
   * Default: the page's `lang`. Text ships in English, Spanish, French, German
   * and Arabic, chosen by the primary language (`fr-CA` reads French); any
   * other language reads English.
   */
  locale?: string;
  /**
   * The site's own wording for any of the widget's texts, by id (see README),
   * over the locale's catalogue, e.g. `{ 'panel.title': 'Acme help' }`.
   * Each `configure()` adds to the overrides given before. Property only.
   */
  text?: UiTextOverrides;
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
  /**
   * Tier 2: answers written by a language model on the visitor's device, after
   * the quick cited answer. `'off'` (default); `'chrome'`: the browser's
   * built-in model (Chrome's `LanguageModel`); `'web-llm'`: the site's own
   * web-llm model (`modelUrl`, `modelLib`) on WebGPU; `'auto'`: the built-in
   * model when there is one, else the web-llm model. The visitor is asked
   * before anything is downloaded, and only on a device that can run it.
   */
  generative?: Generative;
  /** web-llm: folder of the self-hosted weights (web-llm reads `<modelUrl>/resolve/main/tensor-cache.json` etc.). */
  modelUrl?: string;
  /** web-llm: URL of the compiled model library (`.wasm`) that matches the weights. */
  modelLib?: string;
  /** web-llm: the model's id; default: the last segment of `modelUrl`. */
  modelId?: string;
  /** Finer tier-2 settings (property only). */
  llm?: LlmSettings;
}

export type Offline = boolean | 'pages';

/** Texts a site rewords, by id; `{placeholders}` in a text are filled as in the original. */
export type UiTextOverrides = Partial<Record<UiTextId, string>>;

export type Generative = 'off' | 'auto' | 'chrome' | 'web-llm';

/** Tier-2 settings that are not attributes. */
export interface LlmSettings {
  /** GPU features the model library needs, e.g. `['shader-f16']`. */
  requiredFeatures?: string[];
  /** Context window in tokens; smaller saves GPU memory. */
  contextWindowSize?: number;
  /** What the device must offer; `allowSoftwareAdapter` is for demos and tests, never for visitors. */
  requirements?: Partial<LlmRequirements>;
  /** The worker that hosts the engine; default: the widget's own LLM worker. */
  worker?: () => Worker;
}

const rtlLanguages = new Set(['ar', 'arc', 'ckb', 'dv', 'fa', 'he', 'iw', 'ks', 'ku', 'ps', 'sd', 'ug', 'ur', 'yi']);

/** Writing direction of a BCP 47 locale. */
export function textDirection(locale: string): 'ltr' | 'rtl' {
  const language = locale.trim().toLowerCase().split(/[-_]/)[0] ?? '';
  return rtlLanguages.has(language) ? 'rtl' : 'ltr';
}
