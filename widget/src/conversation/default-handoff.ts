import type { RelayHandoff } from '../handoff/relay-handoff.js';
import { HandoffSessions } from '../handoff/handoff-session.js';
import { customerSessionFor } from '../customer/customer-session.js';
import type { Handoff, HandoffHost, HandoffRequest } from './handoff.js';

/**
 * The handoff a widget uses unless the page sets `widget.handoff`: the
 * relay's live rooms (`RelayHandoff`), whose code (sockets, status area,
 * callback form) loads only when a visitor first asks for a person or a
 * stored handoff resumes, so the panel stays light.
 */
export class DefaultHandoff implements Handoff {
  #handoff: RelayHandoff | undefined;
  #loading: Promise<RelayHandoff> | undefined;

  constructor(private readonly settings: { relay: string; site: string }) {}

  #load(): Promise<RelayHandoff> {
    this.#loading ??= import('../handoff/relay-handoff.js').then(({ RelayHandoff }) => {
      const session = customerSessionFor(this.settings);
      return (this.#handoff = new RelayHandoff({ customer: () => session.context, sessionToken: () => session.token }));
    });
    return this.#loading;
  }

  async start(request: HandoffRequest, host: HandoffHost): Promise<void> {
    await (await this.#load()).start(request, host);
  }

  async resume(request: HandoffRequest, host: HandoffHost): Promise<void> {
    await (await this.#load()).resume(request, host);
  }

  /**
   * "Forget this conversation" also forgets the relay session. A loaded
   * handoff leaves its room through the widget's `support-widget:forget`
   * event; otherwise only stored room credentials remain to erase.
   */
  forget(conversationId: string): void {
    customerSessionFor(this.settings).reset();
    if (!this.#handoff) new HandoffSessions().delete(conversationId);
  }

  get agentActive(): boolean {
    return this.#handoff?.agentActive === true;
  }

  renderStatus(): unknown {
    return this.#handoff?.renderStatus();
  }
}
