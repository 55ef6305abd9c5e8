import { css, html, LitElement, nothing } from 'lit';
import type { ResolutionCode, WaitEstimate } from '../../../protocol/handoff.js';
import { RESOLUTION_LABELS } from '../../../protocol/handoff-room.js';

/** Where the visitor's request for a person stands. */
export type HandoffPhase = 'starting' | 'unreachable' | 'waiting' | 'active' | 'closed' | 'disconnected' | 'unavailable';

/** "about 4 minutes", "under a minute". */
export function formatWait(seconds: number): string {
  if (seconds < 60) return 'under a minute';
  const minutes = Math.round(seconds / 60);
  if (minutes < 60) return `about ${minutes} minute${minutes === 1 ? '' : 's'}`;
  const hours = Math.round(minutes / 30) / 2;
  return `about ${hours} hour${hours === 1 ? '' : 's'}`;
}

/** What the status line says, in words; pure so it is tested without a browser. */
export function describeHandoff(s: { phase: HandoffPhase; agentName?: string; wait?: WaitEstimate | null; resolution?: ResolutionCode | null; error?: string }): string {
  switch (s.phase) {
    case 'starting':
      return 'Connecting you with a person…';
    case 'unreachable':
      return `We couldn't reach the support team yet${s.error ? ` (${s.error})` : ''}. We keep trying, and I can keep helping here meanwhile.`;
    case 'unavailable':
      return "Live chat isn't available on this site right now. I can keep helping here.";
    case 'active':
      return `${s.agentName ?? 'An agent'} joined the chat.`;
    case 'closed':
      return `The chat with ${s.agentName ?? 'the team'} has ended${s.resolution ? ` (${RESOLUTION_LABELS[s.resolution].toLowerCase()})` : ''}. "Talk to a person" starts a new one.`;
    case 'disconnected':
      return 'Connection lost. Reconnecting… nothing you write is lost.';
    case 'waiting': {
      const w = s.wait;
      if (!w || w.basis === 'no-agents') {
        return "Nobody from the team is online right now. Leave your email or number and they'll get back to you; I can keep helping here meanwhile.";
      }
      const place = w.position > 1 ? `You're number ${w.position} in line. ` : w.position === 1 ? "You're next in line. " : '';
      const estimate = w.seconds === null ? '' : `Expected wait: ${formatWait(w.seconds)}${w.basis === 'measured' ? ', based on recent chats' : ' (a rough estimate)'}. `;
      return `${place}${estimate}I can keep helping here while you wait.`;
    }
  }
}

/**
 * The handoff status line above the composer: who joined, the honest wait,
 * what failed. A polite live region, so screen readers hear each change once.
 *
 * @csspart status - the line itself
 */
export class HandoffStatus extends LitElement {
  static override styles = css`
    :host {
      display: block;
      font: inherit;
      color: inherit;
    }
    p {
      margin: 0;
      padding: 0.5rem 0.75rem;
      border-radius: 0.5rem;
      background: color-mix(in srgb, currentColor 8%, transparent);
      font-size: 0.875rem;
      line-height: 1.4;
    }
    .typing {
      display: block;
      margin-top: 0.25rem;
      opacity: 0.8;
      font-style: italic;
    }
    .dot {
      display: inline-block;
      animation: blink 1.2s infinite;
    }
    .dot:nth-child(2) {
      animation-delay: 0.2s;
    }
    .dot:nth-child(3) {
      animation-delay: 0.4s;
    }
    @keyframes blink {
      50% {
        opacity: 0.2;
      }
    }
    @media (prefers-reduced-motion: reduce) {
      .dot {
        animation: none;
      }
    }
  `;

  static override properties = {
    phase: {},
    agentName: { attribute: 'agent-name' },
    wait: { attribute: false },
    resolution: {},
    error: {},
    agentTyping: { type: Boolean, attribute: 'agent-typing' },
  };

  declare phase: HandoffPhase;
  declare agentName: string | undefined;
  declare wait: WaitEstimate | null;
  declare resolution: ResolutionCode | null;
  declare error: string;
  declare agentTyping: boolean;

  constructor() {
    super();
    this.phase = 'starting';
    this.wait = null;
    this.resolution = null;
    this.error = '';
    this.agentTyping = false;
  }

  override render() {
    const state = { phase: this.phase, wait: this.wait, resolution: this.resolution, error: this.error, ...(this.agentName ? { agentName: this.agentName } : {}) };
    return html`<p part="status" role="status" aria-live="polite">
      ${describeHandoff(state)}
      ${this.agentTyping && this.phase === 'active'
        ? html`<span class="typing">${this.agentName ?? 'The agent'} is typing<span aria-hidden="true"><span class="dot">.</span><span class="dot">.</span><span class="dot">.</span></span></span>`
        : nothing}
    </p>`;
  }
}

if (!customElements.get('handoff-status')) customElements.define('handoff-status', HandoffStatus);

declare global {
  interface HTMLElementTagNameMap {
    'handoff-status': HandoffStatus;
  }
}
