import { LitElement, adoptStyles, html, nothing, svg, type PropertyValues } from 'lit';
import type { EscalationDecision } from '../../../protocol/escalation.js';
import type { Handoff, HandoffHost } from '../conversation/handoff.js';
import type { ConversationMessage } from '../conversation/message.js';
import type { MessageTransport } from '../conversation/message-transport.js';
import type { Responder } from '../conversation/responder.js';
import { personRequested } from '../escalation/person-request.js';
import type { UnderstandingClient } from '../inference/understanding-client.js';
import type { VisitorIdentity } from '../memory/conversation-store.js';
import type { RetentionPolicy } from '../memory/retention.js';
import type { UiText } from '../locale/en.js';
import { launcherLabel } from '../locale/launcher-text.js';
import { catalogueLanguage, usableLocale } from '../locale/locale-choice.js';
import { loadTranslation } from '../locale/translations.js';
import type { ChatPanel } from './chat-panel.js';
import { launcherStyles } from './launcher-styles.js';
import type { Generative, LlmSettings, Offline, Position, Prefetch, SupportWidgetConfig, Theme, UiTextOverrides } from './widget-config.js';

/** The DOM events a `<support-widget>` fires; all bubble and cross the shadow boundary. */
export interface SupportWidgetEventMap {
  'support-widget:open': CustomEvent<void>;
  'support-widget:close': CustomEvent<void>;
  /** A message was added or changed (visitor, bot, agent, system; this tab or another). */
  'support-widget:message': CustomEvent<{ message: ConversationMessage; change: 'added' | 'updated' }>;
  /** A person was asked for. Cancel it (`preventDefault()`) to route the visitor yourself. */
  'support-widget:escalate': CustomEvent<{ decision: EscalationDecision }>;
  /** The visitor answered "Did this help?". */
  'support-widget:feedback': CustomEvent<{ message: ConversationMessage }>;
  /** The conversation was erased on this device (here or in another tab). */
  'support-widget:forget': CustomEvent<{ conversationId: string }>;
}

// Only these reach the element from configure(): a stray key never overwrites one of its internals.
const settingNames = ['relay', 'site', 'locale', 'theme', 'position', 'greeting', 'product', 'prefetch', 'offline', 'generative', 'modelUrl', 'modelLib', 'modelId', 'llm', 'responder', 'transport', 'handoff'] as const satisfies readonly (keyof SupportWidgetConfig)[];

/** The `offline` attribute: `"false"` or `"off"` turns it off, `"pages"` also keeps pages; anything else is on. */
export function offlineFromAttribute(value: string | null): Offline {
  const v = value?.trim().toLowerCase();
  if (v === 'false' || v === 'off') return false;
  return v === 'pages' ? 'pages' : true;
}

/** The `generative` attribute: present but empty means `auto`; `false`/`off` (or absent) means off. */
export function generativeFromAttribute(value: string | null): Generative {
  const v = value?.trim().toLowerCase();
  if (v === undefined || v === 'false' || v === 'off') return 'off';
  return v === 'chrome' || v === 'web-llm' ? v : 'auto';
}

/** 30 days, 500 messages: enough to pick a conversation up again, little enough to respect a shared device. */
export const defaultRetention: RetentionPolicy = { maxAgeDays: 30, maxMessages: 500 };


const chatIcon = svg`<svg viewBox="0 0 24 24" aria-hidden="true" fill="currentColor"><path d="M4 4h16a2 2 0 0 1 2 2v10a2 2 0 0 1-2 2H9l-5 4v-4a2 2 0 0 1-2-2V6a2 2 0 0 1 2-2zm3 6.5a1.5 1.5 0 1 0 0-3 1.5 1.5 0 0 0 0 3zm5 0a1.5 1.5 0 1 0 0-3 1.5 1.5 0 0 0 0 3zm5 0a1.5 1.5 0 1 0 0-3 1.5 1.5 0 0 0 0 3z" transform="translate(0 1.5)"/></svg>`;

/**
 * A customer-support chat that thinks on the visitor's device. The element
 * itself is only the launcher; the panel, memory and everything that answers
 * load on first open (or earlier, on idle or hover).
 *
 * @example
 * <script type="module" src="https://cdn.example.com/support-widget.js"></script>
 * <support-widget relay="https://relay.example.com" site="acme"></support-widget>
 *
 * @fires support-widget:open
 * @fires support-widget:close
 * @fires support-widget:message
 * @fires support-widget:escalate
 * @fires support-widget:feedback
 * @fires support-widget:forget
 * @csspart launcher - the round button that opens the chat
 * @csspart panel - the chat window
 * @csspart header, log, message, bubble, composer, input, send, person, chip, handoff-status, notice
 * @csspart llm-offer, llm-progress, llm-status, llm-notice - tier 2: the download offer, its progress, the "on" line, a failure
 * @cssprop --support-widget-accent, --support-widget-on-accent, --support-widget-surface, --support-widget-text,
 *   --support-widget-muted, --support-widget-border, --support-widget-bubble, --support-widget-focus,
 *   --support-widget-radius, --support-widget-font, --support-widget-z-index
 */
export class SupportWidget extends LitElement implements HandoffHost {
  static override styles = launcherStyles;

  /** Settings every new widget starts from; `configure()` from the embed script fills it. */
  static defaults: SupportWidgetConfig = {};

  static override properties = {
    relay: {},
    site: {},
    locale: {},
    theme: { reflect: true },
    position: { reflect: true },
    greeting: {},
    product: {},
    prefetch: {},
    offline: { converter: { fromAttribute: offlineFromAttribute } },
    generative: { converter: { fromAttribute: generativeFromAttribute } },
    modelUrl: { attribute: 'model-url' },
    modelLib: { attribute: 'model-lib' },
    modelId: { attribute: 'model-id' },
    llm: { attribute: false },
    responder: { attribute: false },
    transport: { attribute: false },
    handoff: { attribute: false },
    retention: { attribute: false },
    text: { attribute: false },
    expanded: { state: true },
    unread: { state: true },
  };

  /** Base URL of the relay; empty runs on the device only. */
  declare relay: string;
  /** Site id (names the local database and the relay tenant); defaults to the page's host name. */
  declare site: string;
  declare locale: string;
  declare theme: Theme;
  declare position: Position;
  declare greeting: string;
  declare product: string;
  declare prefetch: Prefetch;
  /** Service-worker offline support (default on); `'pages'` also keeps the site's pages, `false` turns it off. */
  declare offline: Offline;
  /** Tier 2, a language model on the device: `'off'` (default), `'auto'`, `'chrome'` or `'web-llm'`; asked for before any download. */
  declare generative: Generative;
  /** web-llm weights folder, model library URL and model id (self-hosted). */
  declare modelUrl: string;
  declare modelLib: string;
  declare modelId: string;
  declare llm: LlmSettings;
  /** What answers the visitor; unset uses the built-in default. */
  declare responder: Responder | undefined;
  /** Where visitor messages go once a person is involved; setting it delivers what is queued. */
  declare transport: MessageTransport | undefined;
  /** The live-person side, started on every escalation. */
  declare handoff: Handoff | undefined;
  declare retention: RetentionPolicy;
  /** The site's wording for any text, by id, over the locale's catalogue. */
  declare text: UiTextOverrides;
  declare private expanded: boolean;
  /** Messages from the bot, an agent or the system that arrived while the panel was closed. */
  declare unread: number;

  #panel: ChatPanel | undefined;
  #loading: Promise<ChatPanel> | undefined;
  #understanding: Promise<UnderstandingClient> | undefined;
  /** The catalogue language loaded or being loaded into `translation`, and when it is done. */
  #translating: { language: string; done: Promise<void> } | undefined;
  /** @internal The catalogue of the locale's language once its chunk arrived; undefined reads English. */
  translation: Partial<UiText> | undefined;

  constructor() {
    super();
    this.relay = '';
    this.site = '';
    this.locale = '';
    this.theme = 'auto';
    this.position = 'bottom-right';
    this.greeting = '';
    this.product = '';
    this.prefetch = 'idle';
    this.offline = true;
    this.generative = 'off';
    this.modelUrl = '';
    this.modelLib = '';
    this.modelId = '';
    this.llm = {};
    this.retention = defaultRetention;
    this.text = {};
    this.expanded = false;
    this.unread = 0;
    this.configure(SupportWidget.defaults);
  }

  /** Applies settings; same names as the attributes, plus the objects that cannot be attributes. */
  configure(config: SupportWidgetConfig): this {
    const { retention, text, ...settings } = config;
    for (const key of settingNames) if (key in settings) (this as Record<string, unknown>)[key] = settings[key];
    if (retention) this.retention = { ...this.retention, ...retention };
    if (text !== undefined) {
      // Each entry is checked against the catalogue when the panel loads; a non-object cannot be merged at all.
      if (typeof text === 'object' && text !== null && !Array.isArray(text)) this.text = { ...this.text, ...text };
      else console.warn(`support-widget: configure({ text }) takes an object of text id → string; ignored ${JSON.stringify(text)}`);
    }
    return this;
  }

  get isOpen(): boolean {
    return this.expanded;
  }

  /** The site id in use. */
  get siteId(): string {
    return this.site || location.hostname || 'default';
  }

  /** The locale in use: the `locale` setting, else the page's language, else the browser's (a malformed one is skipped with a warning). */
  get resolvedLocale(): string {
    return usableLocale([this.locale, document.documentElement.lang, navigator.language]);
  }

  /** The launcher's label: in the first script for every language, so it never waits for a catalogue. */
  get #launcherLabel(): string {
    const override = (this.text as Record<string, unknown>)['launcher.open'];
    return typeof override === 'string' ? override : launcherLabel[catalogueLanguage(this.resolvedLocale)];
  }

  /**
   * Loads the catalogue of the locale's language (its own chunk) into
   * `translation`. English needs none. A catalogue that cannot load leaves
   * the text in English rather than blocking the panel.
   */
  #translate(): Promise<void> {
    const language = catalogueLanguage(this.resolvedLocale);
    if (this.#translating?.language !== language) this.#translating = { language, done: this.#loadTranslation(language) };
    return this.#translating.done;
  }

  async #loadTranslation(language: ReturnType<typeof catalogueLanguage>): Promise<void> {
    try {
      // Awaited for English too, so `#translating` is set before this reads it.
      const translation = await (language === 'en' ? undefined : loadTranslation(language));
      if (this.#translating?.language === language) this.translation = translation;
    } catch (error) {
      if (this.#translating?.language === language) this.#translating = undefined;
      console.warn(`support-widget: the "${language}" text could not load; the widget speaks English until it does`, error);
    }
    this.requestUpdate();
  }

  /** Opens the panel and moves focus into its message box. */
  async open(): Promise<void> {
    const panel = await this.#load();
    if (!this.expanded) {
      this.expanded = true;
      this.unread = 0;
      await this.updateComplete;
      this.#emit('support-widget:open');
    }
    panel.focusComposer();
  }

  /** Closes the panel; focus returns to the launcher when it was inside the widget. */
  async close(): Promise<void> {
    if (!this.expanded) return;
    const hadFocus = this.matches(':focus-within');
    this.expanded = false;
    await this.updateComplete;
    if (hadFocus) this.renderRoot.querySelector<HTMLElement>('.launcher')?.focus();
    this.#emit('support-widget:close');
  }

  /** Sends a visitor message as if typed; resolves with the stored message (null for blank text). */
  async send(text: string): Promise<ConversationMessage | null> {
    return (await this.#load()).conversation.send(text);
  }

  /** Tells the widget who the visitor is (kept with the conversation, handed to a person on escalation). */
  async identify(visitor: VisitorIdentity): Promise<void> {
    await (await this.#load()).identify(visitor);
  }

  /** Erases the conversation on this device (all tabs) and starts a new one, e.g. when the visitor signs out. */
  async reset(): Promise<void> {
    await this.forget();
  }

  /** "Forget this conversation": erases the local database and tells the site's other tabs. */
  async forget(): Promise<void> {
    const { conversation } = await this.#load();
    const { conversationId } = conversation.state;
    await conversation.forget();
    await this.handoff?.forget?.(conversationId);
    this.#emit('support-widget:forget', { conversationId });
  }

  /**
   * Asks for a person: fires `support-widget:escalate` (cancelable) and
   * starts the handoff with the whole conversation. Without a decision, it is
   * the visitor's own request ("Talk to a person"). The event fires before the
   * panel's code loads, so a page that routes the visitor itself hears it at
   * once, offline too.
   */
  async escalate(decision: EscalationDecision = personRequested()): Promise<void> {
    const allowed = this.dispatchEvent(
      new CustomEvent('support-widget:escalate', { detail: { decision }, bubbles: true, composed: true, cancelable: true }),
    );
    if (!allowed) return;
    await (await this.#load()).escalate(decision);
  }

  /** Shows a message from an agent (or the system): stored, synced to other tabs, announced. */
  async receive(message: ConversationMessage): Promise<void> {
    await (await this.#load()).conversation.receive(message);
  }

  /** Loads the panel's code without opening it. */
  preload(): Promise<ChatPanel> {
    return this.#load();
  }

  #load(): Promise<ChatPanel> {
    if (!this.#loading) this.#startUnderstanding();
    // The catalogue comes alongside the panel's code, so the panel opens in the visitor's language.
    this.#loading ??= Promise.all([import('./chat-panel.js'), this.#translate()]).then(
      ([{ ChatPanel, panelStyles }]) => {
        adoptStyles(this.renderRoot as ShadowRoot, [launcherStyles, panelStyles]);
        this.#panel = new ChatPanel(this);
        return this.#panel.conversation.ready.then(() => this.#panel!);
      },
      (error: unknown) => {
        // The chunk did not arrive (offline, deploy in progress): the next click tries again.
        this.#loading = undefined;
        throw error;
      },
    );
    return this.#loading;
  }

  /** @internal used by the panel to fire the element's events. */
  emit<K extends keyof SupportWidgetEventMap>(type: K, detail?: SupportWidgetEventMap[K]['detail']): void {
    this.#emit(type, detail);
  }

  #emit(type: keyof SupportWidgetEventMap, detail?: unknown): void {
    this.dispatchEvent(new CustomEvent(type, { detail, bubbles: true, composed: true }));
  }

  override connectedCallback(): void {
    super.connectedCallback();
    if (this.prefetch === 'idle') {
      const run = () => void this.#preloadIfStored();
      if (typeof requestIdleCallback === 'function') requestIdleCallback(run, { timeout: 5000 });
      else setTimeout(run, 2000);
    }
  }

  /** On idle, fetch the panel; start the conversation only when this device already has one (its outbox may hold messages). */
  async #preloadIfStored(): Promise<void> {
    if (!this.isConnected) return;
    const databases = await indexedDB?.databases?.().catch(() => []);
    if (databases?.some((d) => d.name === `support-widget:${this.siteId}`)) void this.#load();
    else this.#prefetchPanel();
  }

  /**
   * A pointer on the launcher (or focus) is the visitor reaching for it: the
   * panel's code and the understanding worker start, so the first answer
   * does not wait for a boot that the click would otherwise start.
   */
  #prefetchOnHover = () => {
    if (this.prefetch === 'none') return;
    this.#prefetchPanel();
    this.#startUnderstanding();
  };

  /** Fetches the panel's code and the locale's catalogue ahead of the click, without building the panel. */
  #prefetchPanel(): void {
    void import('./chat-panel.js');
    void this.#translate();
  }

  /** Starts the built-in responder's understanding worker ahead of need; none for a site's own responder. */
  #startUnderstanding(): void {
    if (!this.responder) this.understanding().catch(() => undefined);
  }

  /**
   * @internal The built-in responder's understanding worker. This element is
   * its one owner: it starts the worker once, whoever asks first (the visitor
   * reaching for the launcher, the panel loading, the responder), with the
   * locale in use then, and hands the same client to the panel and the responder.
   */
  understanding(): Promise<UnderstandingClient> {
    this.#understanding ??= import('../conversation/default-understanding.js').then(
      (m) => m.startDefaultUnderstanding(this.resolvedLocale),
      (error: unknown) => {
        // The chunk did not arrive (offline, deploy in progress): the next caller tries again.
        this.#understanding = undefined;
        throw error;
      },
    );
    return this.#understanding;
  }

  protected override updated(changed: PropertyValues<this>): void {
    if (changed.has('transport') && this.transport) void this.#panel?.conversation.flush();
    if (changed.has('locale') && this.#translating !== undefined) void this.#translate();
    this.#panel?.afterUpdate();
  }

  override render() {
    return html`${this.expanded && this.#panel ? this.#panel.render() : nothing}
      <button
        part="launcher"
        class="launcher"
        aria-label=${this.#launcherLabel}
        aria-expanded="false"
        aria-describedby=${this.unread ? 'support-widget-unread' : nothing}
        ?hidden=${this.expanded}
        @click=${() => this.open().catch((error: unknown) => console.error('support-widget: the chat could not load', error))}
        @pointerenter=${this.#prefetchOnHover}
        @focus=${this.#prefetchOnHover}
      >
        ${chatIcon}
      </button>
      ${this.unread && !this.expanded
        ? html`<span class="unread" part="unread" aria-hidden="true">${this.unread}</span>
            <span id="support-widget-unread" hidden>${this.#panel?.say('launcher.unread', { count: this.unread })}</span>`
        : nothing}`;
  }
}

declare global {
  interface HTMLElementTagNameMap {
    'support-widget': SupportWidget;
  }
  interface HTMLElementEventMap extends SupportWidgetEventMap {}
}
