import { css, html, LitElement, nothing } from 'lit';
import type { HandoffPacket } from '../../protocol/handoff.js';

const money = (v: { amount: number; currency: string }) => {
  try {
    return new Intl.NumberFormat(undefined, { style: 'currency', currency: v.currency, maximumFractionDigits: 0 }).format(v.amount);
  } catch {
    return `${v.amount} ${v.currency}`;
  }
};

/**
 * Everything the device handed over, at a glance: why the AI escalated
 * first, then who the customer is, what they want, how they feel, what was
 * already tried, and the conversation so far.
 *
 * @csspart reasons
 */
export class HandoffPacketView extends LitElement {
  static override styles = css`
    :host {
      display: block;
      font-size: 0.875rem;
    }
    h3 {
      font-size: 0.8rem;
      text-transform: uppercase;
      letter-spacing: 0.04em;
      margin: 1rem 0 0.25rem;
      opacity: 0.75;
    }
    ul {
      margin: 0;
      padding-left: 1.1rem;
    }
    dl {
      display: grid;
      grid-template-columns: max-content 1fr;
      gap: 0.15rem 0.75rem;
      margin: 0;
    }
    dt {
      opacity: 0.75;
    }
    dd {
      margin: 0;
    }
    .reasons li {
      font-weight: 600;
    }
    .line {
      margin: 0.25rem 0;
    }
    .who {
      font-weight: 600;
      text-transform: capitalize;
    }
    .tag {
      font-size: 0.7rem;
      border: 1px solid currentColor;
      border-radius: 999px;
      padding: 0 0.4rem;
      margin-left: 0.25rem;
    }
  `;

  static override properties = { packet: { attribute: false } };
  declare packet: HandoffPacket | undefined;

  override render() {
    const p = this.packet;
    if (!p) return html`<p>No context yet.</p>`;
    const c = p.customer;
    return html`
      <h3 id="why">Why the AI escalated${p.immediate ? ' (immediately)' : ''}</h3>
      <ul class="reasons" part="reasons" aria-labelledby="why">
        ${p.reasons.map((r) => html`<li>${r.text}</li>`)}
      </ul>
      <h3>Customer</h3>
      <dl>
        <dt>Id</dt>
        <dd>${c.customerId ?? 'anonymous visitor'}</dd>
        <dt>Tier</dt>
        <dd>${c.tier ?? 'unknown'}</dd>
        <dt>Lifetime value</dt>
        <dd>${c.lifetimeValue ? money(c.lifetimeValue) : 'unknown'}</dd>
        <dt>Prefers</dt>
        <dd>${c.preferredChannel}</dd>
      </dl>
      ${c.openIssues.length || c.recentIssues.length
        ? html`<h3>Issue history</h3>
            <ul>
              ${[...c.openIssues, ...c.recentIssues].map((i) => html`<li>${i.subject} <span class="tag">${i.status}</span></li>`)}
            </ul>`
        : nothing}
      <h3>Understanding</h3>
      <dl>
        <dt>Intent</dt>
        <dd>${p.intent ? html`${p.intent.label.replace(/_/g, ' ')} (${Math.round(p.intent.confidence * 100)}%${p.intent.rejected ? ', unsure' : ''})` : 'unknown'}</dd>
        <dt>Sentiment</dt>
        <dd>${p.sentiment.trend}${p.sentiment.values.length ? ` (${p.sentiment.values.map((v) => v.toFixed(1)).join(' → ')})` : ''}</dd>
        <dt>Frustration</dt>
        <dd>${Math.round(p.frustration * 100)}%</dd>
        <dt>Language</dt>
        <dd>${p.language}</dd>
        <dt>Details</dt>
        <dd>${p.entities.length ? p.entities.map((e) => `${e.kind.replace(/_/g, ' ')}: ${e.value}`).join('; ') : 'none found'}</dd>
      </dl>
      ${p.answersTried.length
        ? html`<h3>Already tried</h3>
            <ul>
              ${p.answersTried.map(
                (a) =>
                  html`<li>
                    ${a.text.slice(0, 160)}${a.text.length > 160 ? '…' : ''}
                    ${a.citations.map((s) => html`<a href=${s.url} target="_blank" rel="noopener noreferrer">${s.title}</a> `)}
                    ${a.feedback ? html`<span class="tag">${a.feedback}</span>` : nothing}
                  </li>`,
              )}
            </ul>`
        : nothing}
      <h3>Before the handoff ${p.piiShared ? nothing : html`<span class="tag">personal details hidden</span>`}</h3>
      ${p.transcript.map((l) => html`<p class="line"><span class="who">${l.role}:</span> ${l.text}</p>`)}
    `;
  }
}

if (!customElements.get('handoff-packet-view')) customElements.define('handoff-packet-view', HandoffPacketView);

declare global {
  interface HTMLElementTagNameMap {
    'handoff-packet-view': HandoffPacketView;
  }
}
