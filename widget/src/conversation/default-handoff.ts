import { html } from 'lit';
import type { RelayHandoff } from '../handoff/relay-handoff.js';
import { HandoffSessions } from '../handoff/handoff-session.js';
import { customerSessionFor } from '../customer/customer-session.js';
import { panelText } from '../locale/panel-text.js';
import { sayFor } from '../locale/ui-text.js';
import { pageNetwork } from '../offline/network-return.js';
import type { Handoff, HandoffHost, HandoffRequest } from './handoff.js';
import type { MessageTransport } from './message-transport.js';

/**
 * Keeps what the visitor writes for the person in the outbox (shown as
 * waiting for a connection) until the handoff connects and takes its place.
 */
const waitingForPerson: MessageTransport = {
  deliver: () => Promise.reject(new Error('waiting for the connection to the support team')),
};

const isOffline = () => !pageNetwork.isOnline();

/**
 * The handoff a widget uses unless the page sets `widget.handoff`: the
 * relay's live rooms (`RelayHandoff`), whose code (sockets, status area,
 * callback form) loads only when a visitor first asks for a person or a
 * stored handoff resumes, so the panel stays light.
 *
 * A visitor with no network who asks for a person is not stuck: the request
 * waits here (and in the stored conversation, so a reload keeps it), what they
 * write meanwhile waits in the outbox for the person, and when the network
 * returns (`pageNetwork`, which the outbox waits on too) the handoff starts
 * with the whole conversation and its packet.
 */
export class DefaultHandoff implements Handoff {
  #handoff: RelayHandoff | undefined;
  #loading: Promise<RelayHandoff> | undefined;
  #queued: { request: HandoffRequest; host: HandoffHost; resume: boolean } | undefined;
  #stopWaiting: (() => void) | undefined;

  constructor(private readonly settings: { relay: string; site: string }) {}

  #load(): Promise<RelayHandoff> {
    this.#loading ??= import('../handoff/relay-handoff.js').then(
      ({ RelayHandoff }) => {
        const session = customerSessionFor(this.settings);
        return (this.#handoff = new RelayHandoff({ customer: () => session.context, sessionToken: () => session.token }));
      },
      (error: unknown) => {
        // The chunk did not arrive (no network and not cached yet): the next attempt fetches it again.
        this.#loading = undefined;
        throw error;
      },
    );
    return this.#loading;
  }

  start(request: HandoffRequest, host: HandoffHost): Promise<void> {
    return this.#begin(request, host, false);
  }

  resume(request: HandoffRequest, host: HandoffHost): Promise<void> {
    return this.#begin(request, host, true);
  }

  async #begin(request: HandoffRequest, host: HandoffHost, resume: boolean): Promise<void> {
    const underWay = this.#handoff?.phase && this.#handoff.phase !== 'closed' && this.#handoff.phase !== 'unavailable';
    if (isOffline() && !underWay) return this.#queue(request, host, resume);
    let handoff: RelayHandoff;
    try {
      handoff = await this.#load();
    } catch (error) {
      if (isOffline()) return this.#queue(request, host, resume);
      throw error;
    }
    this.#unqueue();
    try {
      await (resume ? handoff.resume(request, host) : handoff.start(request, host));
    } finally {
      // No room came of it (live chat unavailable): later messages go to the bot again; queued ones stay in the outbox.
      if (host.transport === waitingForPerson) host.transport = undefined;
    }
  }

  #queue(request: HandoffRequest, host: HandoffHost, resume: boolean): void {
    // A second "Talk to a person" while queued is the same request.
    this.#queued = { request, host, resume: resume || this.#queued?.resume === true };
    host.transport ??= waitingForPerson;
    this.#stopWaiting?.();
    this.#stopWaiting = pageNetwork.whenOnline(this.#retry);
    host.requestUpdate();
  }

  #unqueue(): void {
    const queued = this.#queued;
    this.#queued = undefined;
    this.#stopWaiting?.();
    this.#stopWaiting = undefined;
    queued?.host.requestUpdate();
  }

  #retry = (): void => {
    const queued = this.#queued;
    // A widget taken off the page asks for nobody; put back, it resumes the stored escalation and waits again.
    if (!queued || (queued.host as Partial<Element>).isConnected === false) return;
    this.#begin(queued.request, queued.host, queued.resume).catch((error: unknown) =>
      console.error('support-widget: the request for a person could not start', error),
    );
  };

  /**
   * "Forget this conversation" also forgets the relay session and a request
   * still waiting for the network. A loaded handoff leaves its room through
   * the widget's `support-widget:forget` event; otherwise only stored room
   * credentials remain to erase.
   */
  forget(conversationId: string): void {
    customerSessionFor(this.settings).reset();
    const queued = this.#queued;
    if (queued?.request.conversationId === conversationId) {
      if (queued.host.transport === waitingForPerson) queued.host.transport = undefined;
      this.#unqueue();
    }
    if (!this.#handoff) new HandoffSessions().delete(conversationId);
  }

  get agentActive(): boolean {
    return this.#handoff?.agentActive === true;
  }

  get seenMessageId(): string | null {
    return this.#handoff?.seenMessageId ?? null;
  }

  renderStatus(): unknown {
    if (this.#queued) return html`<p role="status">${sayFor(this.#queued.host, panelText)('panel.personWhenOnline')}</p>`;
    return this.#handoff?.renderStatus();
  }
}
