/**
 * Real in-page helpers for the widget's browser tests: a mounted widget with
 * its own site (so its own database), a responder that plays a script of
 * events, and a transport that records deliveries and can go offline.
 */
import { deleteDB, openDB } from 'idb';
import '../src/embed.js';
import type { SupportWidget } from '../src/element/support-widget.js';
import type { SupportWidgetConfig } from '../src/element/widget-config.js';
import type { ConversationMessage } from '../src/conversation/message.js';
import type { MessageTransport } from '../src/conversation/message-transport.js';
import type { Responder, ResponderEvent, Turn } from '../src/conversation/responder.js';
import { databaseName } from '../src/memory/indexeddb-store.js';

const mounted: SupportWidget[] = [];

export function uniqueSite(): string {
  return `test-${crypto.randomUUID().slice(0, 8)}`;
}

/** Adds a `<support-widget>` for `site` to the page; removed again by `unmountAll()`. */
export async function mountWidget(site: string, config: SupportWidgetConfig = {}): Promise<SupportWidget> {
  const widget = document.createElement('support-widget');
  widget.setAttribute('site', site);
  // A silent responder unless the test brings one: these tests are about the element, not the thinking.
  widget.configure({ prefetch: 'none', responder: new ScriptedResponder(() => []), ...config });
  document.body.append(widget);
  mounted.push(widget);
  await widget.updateComplete;
  return widget;
}

export async function unmountAll(): Promise<void> {
  const sites = new Set(mounted.map((w) => w.siteId));
  for (const w of mounted.splice(0)) w.remove();
  await Promise.all([...sites].map((s) => deleteDB(databaseName(s))));
}

/** Every message the site's database holds, read straight from IndexedDB (not through the widget). */
export async function storedMessages(site: string): Promise<ConversationMessage[]> {
  const db = await openDB(databaseName(site));
  try {
    return (await db.getAll('messages')) as ConversationMessage[];
  } finally {
    db.close();
  }
}

export function $<T extends Element = HTMLElement>(widget: SupportWidget, selector: string): T {
  const found = widget.shadowRoot!.querySelector<T>(selector);
  if (!found) throw new Error(`no ${selector} in the widget`);
  return found;
}

export function log(widget: SupportWidget): HTMLElement {
  return $(widget, '[role="log"]');
}

/** The visible text of each settled message in the log (no greeting, no reply still streaming). */
export function messageTexts(widget: SupportWidget): string[] {
  return [...log(widget).querySelectorAll('.message:not(.greeting, .streaming) .bubble')].map((b) => b.textContent!.trim());
}

export async function waitFor<T>(check: () => T | undefined | null | false, what: string, timeoutMs = 5000): Promise<T> {
  const deadline = performance.now() + timeoutMs;
  for (;;) {
    const value = check();
    if (value) return value;
    if (performance.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}

/** Plays the same events for every turn, with `{text}` replaced by the visitor's text. */
export class ScriptedResponder implements Responder {
  turns: Turn[] = [];
  constructor(private readonly script: (turn: Turn) => ResponderEvent[]) {}

  async *respond(turn: Turn, signal: AbortSignal): AsyncIterable<ResponderEvent> {
    this.turns.push(turn);
    for (const event of this.script(turn)) {
      if (signal.aborted) return;
      await new Promise((r) => setTimeout(r, 1));
      yield event;
    }
  }
}

export function reply(text: string, extra: Partial<Extract<ResponderEvent, { type: 'reply-end' }>> = {}): ResponderEvent[] {
  const replyId = crypto.randomUUID();
  const half = Math.ceil(text.length / 2);
  return [
    { type: 'typing' },
    { type: 'reply-start', replyId, origin: 'device' },
    { type: 'reply-delta', replyId, text: text.slice(0, half) },
    { type: 'reply-delta', replyId, text: text.slice(half) },
    { type: 'reply-end', replyId, citations: [], quickReplies: [], askFeedback: false, ...extra },
  ];
}

/** A transport in the page: records what it delivered, refuses while offline. */
export class RecordingTransport implements MessageTransport {
  delivered: ConversationMessage[] = [];
  online = true;

  async deliver(message: ConversationMessage): Promise<void> {
    await new Promise((r) => setTimeout(r, 1));
    if (!this.online) throw new Error('offline');
    this.delivered.push(message);
  }
}

interface AxeResult {
  violations: { id: string; help: string; nodes: { target: unknown }[] }[];
}
declare global {
  interface Window {
    axe?: { run(context: Element, options?: object): Promise<AxeResult> };
  }
}

/** axe-core, loaded into the page once (from node_modules, never a CDN). */
export async function loadAxe(): Promise<NonNullable<Window['axe']>> {
  if (!window.axe) {
    await new Promise((resolve, reject) => {
      const script = document.createElement('script');
      script.src = '/node_modules/axe-core/axe.min.js';
      script.onload = resolve;
      script.onerror = reject;
      document.head.append(script);
    });
  }
  return window.axe!;
}
