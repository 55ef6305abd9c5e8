import type { ConversationMessage } from '../conversation/message.js';
import type { ConversationState } from './conversation-store.js';

/** What one tab tells the site's other tabs. */
export type TabSyncMessage =
  | { type: 'message'; message: ConversationMessage }
  | { type: 'state'; state: ConversationState }
  | { type: 'forget' };

function isTabSyncMessage(data: unknown): data is TabSyncMessage {
  if (typeof data !== 'object' || data === null) return false;
  const d = data as { type?: unknown; message?: { id?: unknown }; state?: { conversationId?: unknown } };
  return (
    (d.type === 'message' && typeof d.message?.id === 'string') ||
    (d.type === 'state' && typeof d.state?.conversationId === 'string') ||
    d.type === 'forget'
  );
}

/**
 * Keeps the tabs of one site showing the same conversation. Each tab writes
 * to IndexedDB itself and then announces the change here; receivers update
 * their view and never write it back, so nothing echoes.
 */
export class TabSync {
  #channel: BroadcastChannel | undefined;
  readonly #onMessage = (event: MessageEvent) => {
    if (isTabSyncMessage(event.data)) this.onMessage(event.data);
  };

  constructor(
    site: string,
    private readonly onMessage: (message: TabSyncMessage) => void,
  ) {
    this.#channel = typeof BroadcastChannel === 'function' ? new BroadcastChannel(`support-widget:${site}`) : undefined;
    this.#channel?.addEventListener('message', this.#onMessage);
  }

  /** Tells the other tabs; after `close()` (the element left the page) there is nobody to tell from here. */
  post(message: TabSyncMessage): void {
    this.#channel?.postMessage(message);
  }

  close(): void {
    this.#channel?.removeEventListener('message', this.#onMessage);
    this.#channel?.close();
    this.#channel = undefined;
  }
}
