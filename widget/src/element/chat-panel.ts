import { html, nothing, svg, type TemplateResult } from 'lit';
import { guard } from 'lit/directives/guard.js';
import { repeat } from 'lit/directives/repeat.js';
import { unsafeHTML } from 'lit/directives/unsafe-html.js';
import type { EscalationDecision } from '../../../protocol/escalation.js';
import { ConversationController } from '../conversation/conversation-controller.js';
import { DefaultHandoff } from '../conversation/default-handoff.js';
import type { HandoffRequest } from '../conversation/handoff.js';
import { customerSessionFor } from '../customer/customer-session.js';
import { personRequested } from '../escalation/person-request.js';
import type { VisitorIdentity } from '../memory/conversation-store.js';
import type { AnswerOrigin, ConversationMessage } from '../conversation/message.js';
import type { ResponderSettings } from '../conversation/default-responder.js';
import type { Responder } from '../conversation/responder.js';
import { launcherLabel } from '../locale/launcher-text.js';
import { panelText, type PanelTextId } from '../locale/panel-text.js';
import { sayFor, type Say } from '../locale/ui-text.js';
import { panelStyles } from './panel-styles.js';
import { renderSafeMarkdown, safeHref } from './safe-markdown.js';
import type { GenerativeOffer } from './generative-offer.js';
import type { SupportWidget } from './support-widget.js';
import { textDirection } from './widget-config.js';
import { widgetFolderUrl } from './widget-location.js';

export { panelStyles };

const originLabels = {
  device: { badge: 'origin.device', title: 'origin.deviceTitle' },
  relay: { badge: 'origin.relay', title: 'origin.relayTitle' },
  llm: { badge: 'origin.llm', title: 'origin.llmTitle' },
} as const satisfies Record<AnswerOrigin, { badge: string; title: string }>;

const closeIcon = svg`<svg viewBox="0 0 24 24" aria-hidden="true" width="20" height="20" fill="none" stroke="currentColor" stroke-width="2.2" stroke-linecap="round"><path d="M6 6l12 12M18 6L6 18"/></svg>`;

/**
 * How long the conversation stays quiet, after the understanding worker is
 * ready, before work the first Understanding does not need starts: a
 * visitor who writes at once is understood first; one still typing is not.
 */
const QUIET_MS = 1500;
const delay = (ms: number) => new Promise<void>((resolve) => setTimeout(resolve, ms));

/** Formatters for message times, in the panel's locale. */
type Clocks = { locale: string; time: Intl.DateTimeFormat; day: Intl.DateTimeFormat };

/** Where the panel covers the whole viewport (see panel-styles.ts), it is modal. */
const fullScreen = matchMedia('(max-width: 479.98px)');

/**
 * The open chat: message log, composer, person button, handoff status area.
 * Lives in the lazily loaded chunk; the element renders `render()` into its
 * own shadow root and forwards its public methods here.
 */
export class ChatPanel {
  readonly conversation: ConversationController;
  /** The panel's text in the widget's language (the launcher's too, so overrides of both are checked here). */
  readonly say: Say<PanelTextId>;
  #defaultResponder: Promise<Responder> | undefined;
  #error = '';
  #confirmingForget = false;
  #stickToBottom = true;
  #generative: GenerativeOffer | undefined;
  /**
   * Resolves once the conversation is quiet: QUIET_MS after it loaded and the
   * worker got ready (or 5 s passed), and no message being answered. Offline
   * support, tier 2, the knowledge snapshot's refresh and ranking by meaning
   * wait for it, so their downloads and parsing never stand between the
   * visitor and the first Understanding or answer.
   */
  readonly #quiet: Promise<void>;
  /** Settles once the work that waits for quiet (offline support, tier 2) has finished, given up or found itself turned off. */
  readonly background: Promise<void>;

  constructor(private readonly host: SupportWidget) {
    this.say = sayFor(host, { 'launcher.open': launcherLabel.en, ...panelText });
    // Live chat needs a relay; without one, asking for a person gets a plain notice instead.
    if (host.relay) host.handoff ??= new DefaultHandoff({ relay: host.relay, site: host.siteId });
    this.conversation = new ConversationController(host, {
      site: host.siteId,
      retention: host.retention,
      say: this.say,
      responder: () => host.responder ?? this.#loadDefaultResponder(),
      transport: () => host.transport,
      personActive: () => host.handoff?.agentActive === true,
      onMessage: (message, change) => {
        if (change === 'added' && message.role !== 'visitor' && !host.isOpen) host.unread += 1;
        host.emit('support-widget:message', { message, change });
      },
      onEscalate: (decision) => void host.escalate(decision),
      onResume: () => void host.handoff?.resume?.(this.#handoffRequest(personRequested('resumed')), host),
      onForgotten: (conversationId) => {
        void host.handoff?.forget?.(conversationId);
        host.emit('support-widget:forget', { conversationId });
      },
    });
    fullScreen.addEventListener('change', () => host.requestUpdate());
    this.#quiet = this.conversation.ready
      .then(() => this.#workerReady())
      .then(() => delay(QUIET_MS))
      .then(() => this.conversation.idle());
    if (!host.responder) this.#loadDefaultResponder().catch(() => undefined);
    this.background = this.#quiet.then(
      () => Promise.all([this.#startOfflineSupport(), this.#startGenerative()]).then(() => undefined),
      () => undefined,
    );
  }

  /** The built-in responder's understanding worker ready (at most 5 s); nothing to wait for with a site's own responder. */
  async #workerReady(): Promise<void> {
    if (this.host.responder) return;
    const understanding = await this.host.understanding();
    await Promise.race([understanding.ready, delay(5000)]);
  }

  /**
   * Tier 2 (a language model on the device) is its own chunk, fetched only
   * when the site enabled it, the built-in responder (which uses it) answers,
   * and the browser has what it takes: a built-in model, or WebGPU and a
   * configured web-llm model.
   */
  async #startGenerative(): Promise<void> {
    const { generative, modelUrl, modelLib, responder } = this.host;
    const builtIn = generative !== 'web-llm' && 'LanguageModel' in globalThis;
    const webLlm = generative !== 'chrome' && 'gpu' in navigator && Boolean(modelUrl && modelLib);
    if (generative === 'off' || responder || (!builtIn && !webLlm)) return;
    try {
      const { GenerativeOffer } = await import('./generative-offer.js');
      this.#generative = new GenerativeOffer(this.host);
      await this.#generative.start();
    } catch (error) {
      console.warn('support-widget: on-device language model unavailable', error);
    }
  }

  /** Once the conversation is quiet (the worker's own model download goes first): a service worker keeps the widget working with no network. */
  async #startOfflineSupport(): Promise<void> {
    const { offline } = this.host;
    if (offline === false) return;
    try {
      const { startOfflineSupport } = await import('../offline/widget-offline.js');
      const dev = (import.meta as { env?: { DEV?: boolean } }).env?.DEV === true;
      await startOfflineSupport({ folder: widgetFolderUrl(), relay: this.host.relay, pages: offline === 'pages', dev });
    } catch (error) {
      // The widget works without it; offline visits just will not.
      console.warn('support-widget: offline support is unavailable', error);
    }
  }

  /**
   * The built-in responder is its own chunk: the panel paints and takes input
   * while the thinking loads beside it, starting as soon as the panel does.
   */
  #loadDefaultResponder(): Promise<Responder> {
    this.#defaultResponder ??= Promise.all([import('../conversation/default-responder.js'), this.host.understanding()]).then(
      ([{ createDefaultResponder }, understanding]) => createDefaultResponder(this.#settings(), understanding),
      (error: unknown) => {
        // A failed chunk load (network blip) is retried on the next turn; this turn reports it.
        this.#defaultResponder = undefined;
        throw error;
      },
    );
    return this.#defaultResponder;
  }

  /** Keeps the identity with the conversation and, with a relay, turns the site's signed token into the customer's context. */
  async identify(visitor: VisitorIdentity): Promise<void> {
    await this.conversation.identify(visitor);
    if (visitor.token) await customerSessionFor({ relay: this.host.relay, site: this.host.siteId }).identify({ token: visitor.token });
  }

  #settings(): ResponderSettings {
    const { host } = this;
    return {
      site: host.siteId,
      relay: host.relay,
      locale: host.resolvedLocale,
      product: host.product,
      textSource: host,
      generative: () => this.#generative?.model,
      quiet: this.#quiet,
    };
  }

  #handoffRequest(decision: EscalationDecision): HandoffRequest {
    const { conversation } = this;
    return {
      site: this.host.siteId,
      relay: this.host.relay,
      conversationId: conversation.state.conversationId,
      decision,
      history: conversation.messages,
      ...(conversation.state.visitor ? { visitor: conversation.state.visitor } : {}),
    };
  }

  /** Runs an escalation the element's event allowed: remembered, then handed to the handoff (or said plainly that none is connected). */
  async escalate(decision: EscalationDecision): Promise<void> {
    await this.conversation.markEscalated();
    const { handoff } = this.host;
    if (handoff) {
      await handoff.start(this.#handoffRequest(decision), this.host);
      return;
    }
    await this.conversation.receive({
      id: crypto.randomUUID(),
      conversationId: this.conversation.state.conversationId,
      role: 'system',
      text: this.say('panel.noLiveChat'),
      at: Date.now(),
      status: 'delivered',
    });
  }

  focusComposer(): void {
    this.#textarea()?.focus();
  }

  /** Keeps the newest message in view unless the visitor scrolled up to read; once the panel is on screen, readies the clock. */
  afterUpdate(): void {
    const log = this.host.renderRoot.querySelector<HTMLElement>('.log');
    if (log && this.#stickToBottom) log.scrollTop = log.scrollHeight;
    if (log && !this.#clockScheduled && typeof requestIdleCallback === 'function') {
      this.#clockScheduled = true;
      requestIdleCallback(() => this.#clock(), { timeout: 1000 });
    }
  }

  #textarea(): HTMLTextAreaElement | null {
    return this.host.renderRoot.querySelector('textarea');
  }

  async #submit(): Promise<void> {
    const box = this.#textarea();
    if (!box) return;
    const text = box.value;
    if (!text.trim()) return;
    // Cleared before the write, not after: a visitor who types on while it is stored must not lose the next message.
    box.value = '';
    try {
      this.#error = '';
      this.#stickToBottom = true;
      await this.conversation.send(text);
    } catch (error) {
      if (!box.value) box.value = text;
      this.#error = error instanceof Error ? error.message : String(error);
    }
    this.host.requestUpdate();
  }

  #onInputKeydown = (event: KeyboardEvent) => {
    if (event.key === 'Enter' && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      void this.#submit();
    }
  };

  #onKeydown = (event: KeyboardEvent) => {
    if (event.key === 'Tab' && fullScreen.matches) return this.#keepFocusInside(event);
    if (event.key !== 'Escape') return;
    event.stopPropagation();
    if (this.#confirmingForget) void this.#cancelForget();
    else void this.host.close();
  };

  /** Full screen on a phone the panel is modal: Tab wraps around inside it instead of reaching the page it covers. */
  #keepFocusInside(event: KeyboardEvent): void {
    const panel = event.currentTarget as HTMLElement;
    const focusable = [...panel.querySelectorAll<HTMLElement>('button, input, textarea, select, a[href], [tabindex]:not([tabindex="-1"])')].filter(
      (el) => !el.matches(':disabled') && el.getClientRects().length > 0,
    );
    const active = (panel.getRootNode() as ShadowRoot).activeElement;
    const edge = event.shiftKey ? focusable[0] : focusable.at(-1);
    if (!edge || active !== edge) return;
    event.preventDefault();
    (event.shiftKey ? focusable.at(-1)! : focusable[0]!).focus();
  }

  #onScroll = (event: Event) => {
    const log = event.currentTarget as HTMLElement;
    this.#stickToBottom = log.scrollHeight - log.scrollTop - log.clientHeight < 40;
  };

  /** First step of "Forget": ask, with focus on the safe choice. */
  async #askForget(): Promise<void> {
    this.#confirmingForget = true;
    this.host.requestUpdate();
    await this.host.updateComplete;
    this.host.renderRoot.querySelector<HTMLElement>('.confirm .cancel')?.focus();
  }

  async #cancelForget(): Promise<void> {
    this.#confirmingForget = false;
    this.host.requestUpdate();
    await this.host.updateComplete;
    this.host.renderRoot.querySelector<HTMLElement>('[part="forget"]')?.focus();
  }

  async #forget(): Promise<void> {
    this.#confirmingForget = false;
    await this.host.forget();
    this.focusComposer();
  }

  #clocks: Clocks | undefined;
  #clockScheduled = false;

  /**
   * The formatters for message times. The first `Intl` formatter a page makes loads the browser's locale
   * data: the panel makes them when the browser is idle once the panel is on screen, so
   * neither the panel's first paint nor, usually, the visitor's first message pays for it.
   */
  #clock(): Clocks {
    const locale = this.host.resolvedLocale;
    if (this.#clocks?.locale !== locale) {
      this.#clocks = {
        locale,
        time: new Intl.DateTimeFormat(locale, { hour: 'numeric', minute: '2-digit' }),
        day: new Intl.DateTimeFormat(locale, { month: 'short', day: 'numeric', hour: 'numeric', minute: '2-digit' }),
      };
    }
    return this.#clocks;
  }

  /** The time for today's messages; day and time for older ones, so restored history is not misread. */
  #time(at: number): TemplateResult {
    const date = new Date(at);
    const clock = this.#clock();
    const today = date.toDateString() === new Date().toDateString();
    const label = (today ? clock.time : clock.day).format(date);
    return html`<time datetime=${date.toISOString()}>${label}</time>`;
  }

  #author(m: ConversationMessage): string {
    if (m.role === 'visitor') return this.say('message.you');
    if (m.role === 'agent') return m.author ?? this.say('message.agent');
    if (m.role === 'system') return this.say('message.notice');
    return this.say('message.assistant');
  }

  #body(m: Pick<ConversationMessage, 'role' | 'text'>): unknown {
    // Visitor text is text: it never goes through the HTML path at all.
    if (m.role === 'visitor') return m.text;
    // Sanitizing is the costly step of a render; redo it only when the text changed.
    return guard([m.text], () => unsafeHTML(renderSafeMarkdown(m.text)));
  }

  #status(m: ConversationMessage): unknown {
    if (m.role !== 'visitor') return nothing;
    if (m.status === 'pending') return html`<span class="status">${this.say(navigator.onLine ? 'message.sending' : 'message.waitingForConnection')}</span>`;
    if (m.status === 'failed') return html`<span class="status failed">${this.say('message.notDelivered')}</span>`;
    // Inside the log, so the receipt is announced politely as it appears.
    if (m.id === this.host.handoff?.seenMessageId) return html`<span class="status seen">${this.say('message.seen')}</span>`;
    return nothing;
  }

  #citations(m: ConversationMessage): unknown {
    const citations = m.answer?.citations ?? [];
    if (!citations.length) return nothing;
    return html`<ul class="citations" aria-label=${this.say('message.sources')}>
      ${citations.map((c) => {
        const href = safeHref(c.url);
        return html`<li>${href ? html`<a href=${href} target="_blank" rel="noopener noreferrer">${c.title}</a>` : c.title}</li>`;
      })}
    </ul>`;
  }

  #origin(m: ConversationMessage): unknown {
    if (!m.answer) return nothing;
    const origin = originLabels[m.answer.origin];
    return html`<span class="badge" part="badge" title=${this.say(origin.title)}>${this.say(origin.badge)}</span>`;
  }

  #feedback(m: ConversationMessage): unknown {
    const answer = m.answer;
    if (!answer?.askFeedback) return nothing;
    if (answer.feedback) return html`<p class="feedback-thanks">${this.say('feedback.thanks')}</p>`;
    const vote = async (value: 'helpful' | 'not-helpful') => {
      const updated = await this.conversation.feedback(m.id, value);
      if (updated) this.host.emit('support-widget:feedback', { message: updated });
    };
    const question = this.say('feedback.question');
    return html`<div class="feedback" role="group" aria-label=${question}>
      <span aria-hidden="true">${question}</span>
      <button type="button" @click=${() => void vote('helpful')}>${this.say('feedback.yes')}</button>
      <button type="button" @click=${() => void vote('not-helpful')}>${this.say('feedback.no')}</button>
    </div>`;
  }

  #message(m: ConversationMessage): TemplateResult {
    return html`<div class="message ${m.role}" part="message ${m.role}">
      <span class="visually-hidden">${this.#author(m)}:</span>
      ${m.role === 'agent' ? html`<span class="author" aria-hidden="true">${this.#author(m)}</span>` : nothing}
      <div class="bubble" part="bubble" dir="auto">${this.#body(m)}</div>
      ${this.#citations(m)}
      <div class="meta">${this.#time(m.at)} ${this.#origin(m)} ${this.#status(m)}</div>
      ${this.#feedback(m)}
    </div>`;
  }

  #quickReplies(): unknown {
    const last = this.conversation.messages.at(-1);
    const replies = last?.role === 'bot' && !this.conversation.draft ? (last.answer?.quickReplies ?? []) : [];
    if (!replies.length) return nothing;
    return html`<div class="chips" role="group" aria-label=${this.say('message.suggestedReplies')}>
      ${replies.map(
        (text) => html`<button type="button" class="chip" part="chip" @click=${() => void this.conversation.send(text)}>${text}</button>`,
      )}
    </div>`;
  }

  render(): TemplateResult {
    const { conversation, host } = this;
    const locale = host.resolvedLocale;
    const { say } = this;
    const greeting = host.greeting || say('panel.greeting');
    const draft = conversation.draft;
    return html`<section
      part="panel"
      class="panel"
      role="dialog"
      aria-modal=${fullScreen.matches ? 'true' : 'false'}
      aria-labelledby="support-widget-title"
      lang=${locale}
      dir=${textDirection(locale)}
      @keydown=${this.#onKeydown}
    >
      <div part="header" class="header">
        <h2 id="support-widget-title">${say('panel.title')}</h2>
        <button type="button" class="text-button" part="forget" @click=${() => void this.#askForget()}>${say('panel.forget')}</button>
        <button type="button" class="icon-button" part="close" aria-label=${say('panel.close')} @click=${() => void host.close()}>
          ${closeIcon}
        </button>
      </div>
      ${this.#confirmingForget
        ? html`<div class="confirm" role="alertdialog" aria-label=${say('panel.forget')}>
            <p>${say('panel.forgetQuestion')}</p>
            <button type="button" class="danger" @click=${() => void this.#forget()}>${say('panel.erase')}</button>
            <button type="button" class="cancel" @click=${() => void this.#cancelForget()}>${say('panel.cancel')}</button>
          </div>`
        : nothing}
      ${conversation.storageInMemory ? html`<p class="notice" part="notice">${say('panel.storageInMemory')}</p>` : nothing}
      ${this.#generative?.render() ?? nothing}
      <div class="log" part="log" role="log" aria-live="polite" aria-label=${say('panel.log')} tabindex="0" @scroll=${this.#onScroll}>
        <div class="message bot greeting" part="message bot">
          <div class="bubble" part="bubble" dir="auto">${unsafeHTML(renderSafeMarkdown(greeting))}</div>
        </div>
        ${repeat(conversation.messages, (m) => m.id, (m) => this.#message(m))}
        ${draft
          ? html`<div class="message bot streaming" part="message bot" aria-hidden="true">
              <div class="bubble" part="bubble" dir="auto">${this.#body({ role: 'bot', text: draft.text })}</div>
            </div>`
          : nothing}
      </div>
      ${conversation.typing
        ? html`<p class="typing" role="status"><span class="dots" aria-hidden="true"><i></i><i></i><i></i></span>${say('panel.typing')}</p>`
        : nothing}
      ${this.#quickReplies()}
      <div class="handoff-status" part="handoff-status" aria-live="polite">${host.handoff?.renderStatus?.() ?? nothing}</div>
      <form class="composer" part="composer" @submit=${(e: Event) => { e.preventDefault(); void this.#submit(); }}>
        <label for="support-widget-input" class="visually-hidden">${say('panel.messageLabel')}</label>
        <textarea
          id="support-widget-input"
          part="input"
          dir="auto"
          rows="2"
          placeholder=${say('panel.placeholder')}
          aria-describedby=${this.#error ? 'support-widget-error' : nothing}
          aria-invalid=${this.#error ? 'true' : 'false'}
          @keydown=${this.#onInputKeydown}
        ></textarea>
        ${this.#error ? html`<p id="support-widget-error" class="error" role="alert">${this.#error}</p>` : nothing}
        <div class="actions">
          <button type="button" class="person" part="person" @click=${() => void host.escalate()}>${say('panel.person')}</button>
          <button type="submit" class="send" part="send">${say('panel.send')}</button>
        </div>
      </form>
    </section>`;
  }
}
