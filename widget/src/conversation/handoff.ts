import type { EscalationDecision } from '../../../protocol/escalation.js';
import type { VisitorIdentity } from '../memory/conversation-store.js';
import type { ConversationMessage } from './message.js';
import type { MessageTransport } from './message-transport.js';
import type { TextSource } from '../locale/ui-text.js';

/** Everything a handoff needs to start: the decision with its reasons and the whole conversation. */
export interface HandoffRequest {
  site: string;
  /** The relay's base URL, empty when the site runs without one. */
  relay: string;
  conversationId: string;
  decision: EscalationDecision;
  /** Oldest first, each visitor message with its understanding. */
  history: ConversationMessage[];
  visitor?: VisitorIdentity;
}

/** What the widget lends a handoff, its text (locale, translation, overrides) included. The `<support-widget>` element is one. */
export interface HandoffHost extends TextSource {
  /** Shows an agent or system message: stored, synced to other tabs, announced. */
  receive(message: ConversationMessage): Promise<void>;
  /** Re-renders the panel, including the handoff status area. */
  requestUpdate(): void;
  /** Visitor messages leave through this from now on; the outbox delivers what is pending. */
  transport: MessageTransport | undefined;
}

/**
 * The live-person side of the widget. The element calls `start` for every
 * escalation ("Talk to a person" or a responder's decision) and renders
 * `renderStatus()` in the area above the composer (agent joined, wait
 * estimate, callback form).
 *
 * @example
 * widget.handoff = {
 *   start(request, host) { host.transport = new RoomTransport(request); },
 *   renderStatus: () => html`<p>Maya joined</p>`,
 * };
 */
export interface Handoff {
  start(request: HandoffRequest, host: HandoffHost): void | Promise<void>;
  /** Called after a reload when the stored conversation had escalated, so a live handoff can reconnect. */
  resume?(request: HandoffRequest, host: HandoffHost): void | Promise<void>;
  renderStatus?(): unknown;
  /** True while a person has the conversation; the bot stays quiet then. */
  readonly agentActive?: boolean;
  /** The id of the visitor's latest message the person has read: the panel shows "Seen" under it. */
  readonly seenMessageId?: string | null;
  /**
   * The visitor chose "Forget this conversation" (in this tab or another):
   * leave the room and erase what the handoff keeps on this device for it.
   */
  forget?(conversationId: string): void | Promise<void>;
}
