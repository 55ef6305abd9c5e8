import { css, html, LitElement, nothing } from 'lit';
import type { CallbackRequest } from '../../../protocol/handoff.js';
import { handoffEnglish, type HandoffTextId } from '../locale/handoff-text.js';
import type { Say } from '../locale/ui-text.js';

/**
 * Asks for a callback by email or SMS when nobody can chat now. The form
 * only collects; its owner sends the request and sets `state`.
 *
 * @fires handoff-callback - `detail: CallbackRequest` when the visitor submits
 * @csspart form, submit
 */
export class CallbackForm extends LitElement {
  static override styles = css`
    :host {
      display: block;
      font: inherit;
      color: inherit;
    }
    form {
      display: grid;
      gap: 0.5rem;
      padding: 0.5rem 0.75rem;
      font-size: 0.875rem;
    }
    fieldset {
      border: 0;
      padding: 0;
      margin: 0;
      display: flex;
      gap: 1rem;
    }
    legend {
      font-weight: 600;
      margin-bottom: 0.25rem;
    }
    input[type='email'],
    input[type='tel'],
    textarea {
      font: inherit;
      color: inherit;
      background: transparent;
      border: 1px solid color-mix(in srgb, currentColor 40%, transparent);
      border-radius: 0.375rem;
      padding: 0.375rem 0.5rem;
    }
    button {
      font: inherit;
      justify-self: start;
      padding: 0.375rem 0.875rem;
      border-radius: 0.375rem;
      border: 1px solid currentColor;
      background: transparent;
      color: inherit;
      cursor: pointer;
    }
    :focus-visible {
      outline: 2px solid var(--support-widget-focus, #2563eb);
      outline-offset: 2px;
    }
    .error {
      color: var(--support-widget-error, #b91c1c);
    }
  `;

  static override properties = {
    state: {},
    error: {},
    channel: { state: true },
    say: { attribute: false },
  };

  /** `sent` replaces the form with a confirmation. */
  declare state: 'idle' | 'sending' | 'sent';
  declare error: string;
  declare channel: 'email' | 'sms';
  /** The widget's text, in its language; English without a widget. */
  declare say: Say<HandoffTextId>;

  constructor() {
    super();
    this.state = 'idle';
    this.error = '';
    this.channel = 'email';
    this.say = handoffEnglish;
  }

  override render() {
    const { say } = this;
    if (this.state === 'sent') return html`<p role="status">${say(this.channel === 'sms' ? 'callback.sentSms' : 'callback.sentEmail')}</p>`;
    const email = this.channel === 'email';
    return html`<form part="form" @submit=${this.#submit} aria-describedby="why">
      <p id="why">${say('callback.why')}</p>
      <fieldset>
        <legend>${say('callback.contactBy')}</legend>
        <label><input type="radio" name="channel" value="email" .checked=${email} @change=${() => (this.channel = 'email')} /> ${say('callback.email')}</label>
        <label><input type="radio" name="channel" value="sms" .checked=${!email} @change=${() => (this.channel = 'sms')} /> ${say('callback.sms')}</label>
      </fieldset>
      <label>
        ${say(email ? 'callback.emailAddress' : 'callback.mobile')}
        <input
          name="address"
          type=${email ? 'email' : 'tel'}
          autocomplete=${email ? 'email' : 'tel'}
          required
          maxlength="254"
          placeholder=${say(email ? 'callback.emailPlaceholder' : 'callback.mobilePlaceholder')}
        />
      </label>
      <label>${say('callback.note')} <textarea name="note" rows="2" maxlength="1000"></textarea></label>
      ${this.error ? html`<p class="error" role="alert">${this.error}</p>` : nothing}
      <button part="submit" type="submit" ?disabled=${this.state === 'sending'}>${say(this.state === 'sending' ? 'callback.sending' : 'callback.submit')}</button>
    </form>`;
  }

  #submit(event: SubmitEvent) {
    event.preventDefault();
    const form = event.target as HTMLFormElement;
    const data = new FormData(form);
    const detail: CallbackRequest = {
      channel: this.channel,
      address: String(data.get('address') ?? '').trim(),
      ...(String(data.get('note') ?? '').trim() ? { note: String(data.get('note')).trim() } : {}),
    };
    this.dispatchEvent(new CustomEvent<CallbackRequest>('handoff-callback', { detail, bubbles: true, composed: true }));
  }
}

if (!customElements.get('handoff-callback-form')) customElements.define('handoff-callback-form', CallbackForm);

declare global {
  interface HTMLElementTagNameMap {
    'handoff-callback-form': CallbackForm;
  }
}
