import { css, html, LitElement, nothing } from 'lit';
import type { CallbackRequest } from '../../../protocol/handoff.js';

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
  };

  /** `sent` replaces the form with a confirmation. */
  declare state: 'idle' | 'sending' | 'sent';
  declare error: string;
  declare channel: 'email' | 'sms';

  constructor() {
    super();
    this.state = 'idle';
    this.error = '';
    this.channel = 'email';
  }

  override render() {
    if (this.state === 'sent') {
      return html`<p role="status">Thanks. The team will ${this.channel === 'sms' ? 'text' : 'email'} you as soon as someone is free.</p>`;
    }
    const email = this.channel === 'email';
    return html`<form part="form" @submit=${this.#submit} aria-describedby="why">
      <p id="why">Get an answer without waiting here:</p>
      <fieldset>
        <legend>Contact me by</legend>
        <label><input type="radio" name="channel" value="email" .checked=${email} @change=${() => (this.channel = 'email')} /> Email</label>
        <label><input type="radio" name="channel" value="sms" .checked=${!email} @change=${() => (this.channel = 'sms')} /> SMS</label>
      </fieldset>
      <label>
        ${email ? 'Email address' : 'Mobile number (with country code)'}
        <input
          name="address"
          type=${email ? 'email' : 'tel'}
          autocomplete=${email ? 'email' : 'tel'}
          required
          maxlength="254"
          placeholder=${email ? 'you@example.com' : '+44 7911 123456'}
        />
      </label>
      <label>What should they know? (optional) <textarea name="note" rows="2" maxlength="1000"></textarea></label>
      ${this.error ? html`<p class="error" role="alert">${this.error}</p>` : nothing}
      <button part="submit" type="submit" ?disabled=${this.state === 'sending'}>${this.state === 'sending' ? 'Sending…' : 'Request a callback'}</button>
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
