import { adoptStyles, css, html, nothing, type TemplateResult } from 'lit';
import type { GenerationRequest, GenerativeModel, LoadProgress, ModelState } from '../answers/generative-model.js';
import { offerGenerativeTier, type GenerativeTierConfig } from '../answers/generative-tier.js';
import { llmText, type LlmTextId } from '../locale/llm-text.js';
import { sayFor, type Say } from '../locale/ui-text.js';
import type { SupportWidget } from './support-widget.js';

/** Where tier 2 stands in this panel. */
export type GenerativePhase = 'checking' | 'offer' | 'loading' | 'ready' | 'notice' | 'off';

type Consent = 'accepted' | 'declined';

/**
 * The visitor's answer to the download offer, per site and model, so they are
 * asked once: localStorage, or this tab's memory where storage is blocked.
 */
export class ConsentStore {
  readonly #memory = new Map<string, Consent>();
  constructor(private readonly key: string) {}

  get(model: string): Consent | undefined {
    try {
      const all = JSON.parse(localStorage.getItem(this.key) ?? '{}') as Record<string, unknown>;
      const value = all[model];
      if (value === 'accepted' || value === 'declined') return value;
    } catch {
      // storage blocked or garbage: fall back to this tab's memory
    }
    return this.#memory.get(model);
  }

  set(model: string, consent: Consent): void {
    this.#memory.set(model, consent);
    try {
      const all = JSON.parse(localStorage.getItem(this.key) ?? '{}') as Record<string, unknown>;
      localStorage.setItem(this.key, JSON.stringify({ ...all, [model]: consent }));
    } catch {
      // the memory copy holds it for this tab
    }
  }
}

/**
 * A model whose failure while answering (GPU lost, worker gone) takes it out
 * of service and is reported once; the answer engine then stays on tier 1.
 */
class SupervisedModel implements GenerativeModel {
  #failed = false;
  constructor(
    private readonly inner: GenerativeModel,
    private readonly onFailure: (error: unknown) => void,
  ) {}

  get id(): string {
    return this.inner.id;
  }

  get state(): ModelState {
    return this.#failed ? 'failed' : this.inner.state;
  }

  load(onProgress?: (p: LoadProgress) => void, signal?: AbortSignal): Promise<void> {
    return this.inner.load(onProgress, signal);
  }

  async *stream(request: GenerationRequest): AsyncGenerator<string> {
    try {
      yield* this.inner.stream(request);
    } catch (error) {
      if (!request.signal?.aborted && !this.#failed) {
        this.#failed = true;
        this.onFailure(error);
      }
      throw error;
    }
  }

  unload(): Promise<void> {
    return this.inner.unload();
  }

  /** Whether `remove()` deletes downloaded files (web-llm's cache) rather than only unloading (a browser's own model). */
  get removable(): boolean {
    return Boolean(this.inner.remove);
  }

  remove(): Promise<void> {
    return this.inner.remove ? this.inner.remove() : this.inner.unload();
  }
}

/** "312 MB", "1.4 GB": decimal units, as download sizes are usually stated. */
export function formatBytes(bytes: number): string {
  if (bytes >= 1e9) return `${(bytes / 1e9).toFixed(1)} GB`;
  if (bytes >= 1e6) return `${Math.round(bytes / 1e6)} MB`;
  return `${Math.max(1, Math.round(bytes / 1e3))} KB`;
}

/** The widget's settings as the answer tier reads them. */
export function tierConfig(host: Pick<SupportWidget, 'generative' | 'modelUrl' | 'modelLib' | 'modelId' | 'llm'>): GenerativeTierConfig {
  const { generative, modelUrl, modelLib, llm } = host;
  const modelId = host.modelId || modelUrl.replace(/\/+$/, '').split('/').at(-1) || '';
  return {
    enabled: generative !== 'off',
    useBrowserModel: generative === 'auto' || generative === 'chrome',
    ...(generative !== 'chrome' && modelUrl && modelLib
      ? {
          webLlm: {
            modelId,
            modelUrl,
            modelLibUrl: modelLib,
            ...(llm.requiredFeatures ? { requiredFeatures: llm.requiredFeatures } : {}),
            ...(llm.contextWindowSize ? { contextWindowSize: llm.contextWindowSize } : {}),
            // The device must offer whatever the model library needs.
            requirements: { ...llm.requirements, requiredFeatures: [...(llm.requirements?.requiredFeatures ?? []), ...(llm.requiredFeatures ?? [])] },
            ...(llm.worker ? { worker: llm.worker } : {}),
          },
        }
      : {}),
  };
}

const styles = css`
  .llm p {
    margin: 0 0 6px;
  }
  .llm .accept {
    background: var(--_accent);
    border-color: var(--_accent);
    color: var(--_on-accent);
  }
  .llm progress {
    display: block;
    inline-size: 100%;
    block-size: 8px;
    margin-block: 6px;
    accent-color: var(--_accent);
  }
  .llm.compact {
    display: flex;
    align-items: center;
    gap: 8px;
    padding-block: 4px;
    font-size: 0.78rem;
    color: var(--_muted);
  }
  .llm.compact p {
    flex: 1;
    margin: 0;
  }
  .llm .detail {
    color: var(--_muted);
    font-size: 0.78rem;
    overflow-wrap: anywhere;
  }
`;

/**
 * Tier 2 in the panel: asks the visitor before a language model is
 * downloaded (only where the site enabled one and the device can run it),
 * shows the download with a cancellable progress bar, remembers the answer,
 * and hands the loaded model to the answer engine. Tier 1 answers throughout;
 * a failure is a notice, never a blocked chat. Its own chunk: sites without
 * tier 2 and devices that cannot run it never load it.
 */
export class GenerativeOffer {
  phase: GenerativePhase = 'checking';
  /** 0..100 while loading. */
  percent = 0;
  detail = '';
  notice = '';
  downloadBytes: number | undefined;
  /** False when the model is already on this device, so loading downloads nothing. */
  downloads = true;

  #model: SupervisedModel | undefined;
  #abort: AbortController | undefined;
  #announced = -1;
  #announcement = '';

  readonly #consent: ConsentStore;
  private readonly say: Say<LlmTextId>;

  constructor(private readonly host: SupportWidget) {
    this.say = sayFor(host, llmText);
    this.#consent = new ConsentStore(`support-widget:${host.siteId}:llm-consent`);
    // Added to the panel's styles, which stay as they are.
    const root = host.renderRoot as ShadowRoot;
    adoptStyles(root, [...(root.adoptedStyleSheets ?? []), styles]);
  }

  /** The model the answer engine may use: only once loaded and while it works. */
  get model(): GenerativeModel | undefined {
    return this.phase === 'ready' && this.#model?.state === 'ready' ? this.#model : undefined;
  }

  /** Decides whether to offer (never downloads); loads at once when the visitor agreed before or nothing needs downloading. */
  async start(): Promise<void> {
    const offer = await offerGenerativeTier(tierConfig(this.host));
    if (!offer.available) {
      console.info(`support-widget: no on-device language model: ${offer.reason}`);
      return this.#set('off');
    }
    this.#model = new SupervisedModel(offer.model, (error) => this.#fail(error, 'answering'));
    this.downloadBytes = offer.downloadBytes;
    this.downloads = offer.needsConsent;
    const consent = this.#consent.get(offer.model.id);
    if (!offer.needsConsent || consent === 'accepted') return this.#load();
    this.#set(consent === 'declined' ? 'off' : 'offer');
  }

  /** The visitor agreed: remembered, then downloaded with progress. */
  accept(): Promise<void> {
    this.#consent.set(this.#model!.id, 'accepted');
    const loading = this.#load();
    void this.#focus('.llm .cancel');
    return loading;
  }

  /** The visitor said no: remembered, never asked again for this model on this site. */
  decline(): void {
    this.#consent.set(this.#model!.id, 'declined');
    this.#set('off');
    void this.#focus('textarea');
  }

  /** Stops a download under way; counts as "no" until the visitor is offered again. */
  cancel(): void {
    this.#consent.set(this.#model!.id, 'declined');
    this.#abort?.abort(new DOMException('The visitor cancelled the download.', 'AbortError'));
    this.#notify(this.say('llm.cancelled'));
    void this.#focus('textarea');
  }

  /** "Turn off": not used again on this site until offered anew, and what it downloaded is deleted. */
  async turnOff(): Promise<void> {
    const model = this.#model!;
    this.#consent.set(model.id, 'declined');
    // A browser's built-in model is the browser's to keep: only what the widget downloaded is deleted.
    this.#announcement = this.say(model.removable ? 'llm.offRemoved' : 'llm.off');
    this.#set('off');
    void this.#focus('textarea');
    await model.remove().catch((error: unknown) => console.warn('support-widget: the language model could not be removed', error));
  }

  dismiss(): void {
    this.#set('off');
    void this.#focus('textarea');
  }

  async #load(): Promise<void> {
    const model = this.#model!;
    const abort = (this.#abort = new AbortController());
    this.percent = 0;
    this.#announced = -1;
    this.#progress({ progress: 0, text: '' });
    this.#set('loading');
    try {
      await model.load((p) => this.#progress(p), abort.signal);
      if (abort.signal.aborted) return;
      this.#announcement = this.say('llm.ready');
      this.#set('ready');
    } catch (error) {
      if (abort.signal.aborted) return;
      this.#fail(error, 'loading');
    }
  }

  #progress({ progress, text }: LoadProgress): void {
    this.percent = Math.max(0, Math.min(100, Math.round(progress * 100)));
    this.detail = text;
    // Screen readers hear every quarter, not every percent.
    const step = Math.floor(this.percent / 25) * 25;
    if (step !== this.#announced) {
      this.#announced = step;
      this.#announcement = this.say(this.downloads ? 'llm.downloadingPercent' : 'llm.loadingPercent', { percent: step });
    }
    this.host.requestUpdate();
  }

  #fail(error: unknown, when: 'loading' | 'answering'): void {
    console.warn(`support-widget: the on-device language model failed while ${when}`, error);
    // web-llm's worker protocol hands errors back as strings.
    const message = error instanceof Error ? error.message : typeof error === 'string' ? error.replace(/^Error:\s*/, '') : '';
    const reason = message ? ` (${message.slice(0, 160)})` : '';
    this.#notify(this.say(when === 'answering' ? 'llm.stopped' : this.downloads ? 'llm.downloadFailed' : 'llm.loadFailed', { reason }));
  }

  #notify(text: string): void {
    this.notice = this.#announcement = text;
    this.#set('notice');
  }

  #set(phase: GenerativePhase): void {
    this.phase = phase;
    this.host.requestUpdate();
  }

  async #focus(selector: string): Promise<void> {
    await this.host.updateComplete;
    this.host.renderRoot.querySelector<HTMLElement>(selector)?.focus();
  }

  /** The offer, progress or notice, and one polite status line that outlives them, so each change is announced once. */
  render(): TemplateResult {
    return html`${this.#body()}<p class="visually-hidden" role="status">${this.#announcement}</p>`;
  }

  #body(): TemplateResult | typeof nothing {
    const { say } = this;
    switch (this.phase) {
      case 'offer': {
        const size = this.downloadBytes ? formatBytes(this.downloadBytes) : '';
        const what = size ? say('llm.offerSize', { size }) : say('llm.offerBrowserModel');
        return html`<div class="notice llm" part="llm-offer" role="region" aria-label=${say('llm.offerLabel')}>
          <p><strong>${say('llm.offerTitle')}</strong> ${say('llm.offerIntro')} ${what} ${say('llm.offerPrivacy')}</p>
          <button type="button" class="chip accept" @click=${() => void this.accept()}>${size ? say('llm.downloadSize', { size }) : say('llm.download')}</button>
          <button type="button" class="chip decline" @click=${() => this.decline()}>${say('llm.decline')}</button>
        </div>`;
      }
      case 'loading':
        return html`<div class="notice llm" part="llm-progress">
          <p id="support-widget-llm-label">${say(this.downloads ? 'llm.downloading' : 'llm.loading')}</p>
          <div role="progressbar" aria-labelledby="support-widget-llm-label" aria-valuemin="0" aria-valuemax="100" aria-valuenow=${this.percent}>
            <progress max="100" .value=${this.percent} aria-hidden="true"></progress>
          </div>
          <p class="detail">${say('llm.percent', { percent: this.percent })}${this.detail ? ` · ${this.detail}` : ''}</p>
          <button type="button" class="chip cancel" @click=${() => this.cancel()}>${say('llm.cancelDownload')}</button>
        </div>`;
      case 'ready':
        return html`<div class="notice llm compact" part="llm-status">
          <p>${say('llm.on')}</p>
          <button type="button" class="chip turn-off" @click=${() => void this.turnOff()}>${say('llm.turnOff')}</button>
        </div>`;
      case 'notice':
        return html`<div class="notice llm" part="llm-notice">
          <p>${this.notice}</p>
          <button type="button" class="chip dismiss" @click=${() => this.dismiss()}>${say('llm.dismiss')}</button>
        </div>`;
      default:
        return nothing;
    }
  }
}
