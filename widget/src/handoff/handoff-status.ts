import { css, html, LitElement, nothing } from 'lit';
import type { ResolutionCode, WaitEstimate } from '../../../protocol/handoff.js';
import { handoffEnglish, type HandoffTextId } from '../locale/handoff-text.js';
import type { Say } from '../locale/ui-text.js';

/** Where the visitor's request for a person stands. */
export type HandoffPhase = 'starting' | 'unreachable' | 'waiting' | 'active' | 'closed' | 'disconnected' | 'unavailable';

/** "about 4 minutes", "under a minute". */
export function formatWait(seconds: number, say: Say<HandoffTextId> = handoffEnglish): string {
  if (seconds < 60) return say('wait.underMinute');
  const minutes = Math.round(seconds / 60);
  if (minutes < 60) return say('wait.minutes', { minutes });
  return say('wait.hours', { hours: Math.round(minutes / 30) / 2 });
}

/** What the status line says, in words (the widget's `say` picks the language); pure so it is tested without a browser. */
export function describeHandoff(
  s: { phase: HandoffPhase; agentName?: string; wait?: WaitEstimate | null; resolution?: ResolutionCode | null; error?: string },
  say: Say<HandoffTextId> = handoffEnglish,
): string {
  const agent = s.agentName;
  switch (s.phase) {
    case 'starting':
      return say('handoff.starting');
    case 'unreachable':
      return say('handoff.unreachable', { error: s.error ? ` (${s.error})` : '' });
    case 'unavailable':
      return say('handoff.unavailable');
    case 'active':
      return agent ? say('handoff.joined', { agent }) : say('handoff.joinedNoName');
    case 'closed': {
      const resolution = s.resolution ? ` (${say(`resolution.${s.resolution}`)})` : '';
      return agent ? say('handoff.ended', { agent, resolution }) : say('handoff.endedNoName', { resolution });
    }
    case 'disconnected':
      return say('handoff.disconnected');
    case 'waiting': {
      const w = s.wait;
      if (!w || w.basis === 'no-agents') return say('handoff.nobodyOnline');
      const place = w.position >= 1 ? say('handoff.position', { position: w.position }) : '';
      const wait = w.seconds === null ? '' : formatWait(w.seconds, say);
      const estimate = wait ? say(w.basis === 'measured' ? 'handoff.waitMeasured' : 'handoff.waitRough', { wait }) : '';
      return [place, estimate, say('handoff.keepHelping')].filter(Boolean).join(' ');
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
    say: { attribute: false },
  };

  declare phase: HandoffPhase;
  declare agentName: string | undefined;
  declare wait: WaitEstimate | null;
  declare resolution: ResolutionCode | null;
  declare error: string;
  declare agentTyping: boolean;
  /** The widget's text, in its language; English without a widget. */
  declare say: Say<HandoffTextId>;

  constructor() {
    super();
    this.phase = 'starting';
    this.wait = null;
    this.resolution = null;
    this.error = '';
    this.agentTyping = false;
    this.say = handoffEnglish;
  }

  override render() {
    const state = { phase: this.phase, wait: this.wait, resolution: this.resolution, error: this.error, ...(this.agentName ? { agentName: this.agentName } : {}) };
    return html`<p part="status" role="status" aria-live="polite">
      ${describeHandoff(state, this.say)}
      ${this.agentTyping && this.phase === 'active'
        ? html`<span class="typing">${this.agentName ? this.say('handoff.agentTyping', { agent: this.agentName }) : this.say('handoff.agentTypingNoName')}<span aria-hidden="true"><span class="dot">.</span><span class="dot">.</span><span class="dot">.</span></span></span>`
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
