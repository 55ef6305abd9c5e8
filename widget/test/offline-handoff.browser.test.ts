import { expect } from 'chai';
import type { HandoffPacket } from '../../protocol/handoff.js';
import { $, log, messageTexts, mountWidget, storedMessages, unmountAll, waitFor } from './widget-fixtures.js';

/**
 * Asking for a person with no network, against a real relay. The page goes
 * offline the way a browser does: `navigator.onLine` is false, the `offline`
 * event fires and requests to the relay fail; then back, with `online`.
 */
const relay = (window as unknown as { __TEST_ENV__: { relayUrl: string } }).__TEST_ENV__.relayUrl;
/** The test relay binds this page's origin to the demo site: another site id is refused a handoff room. */
const site = 'demo';
const realFetch = window.fetch;
const escalations: { packet: HandoffPacket }[] = [];
let offline = false;

function toRelay(input: RequestInfo | URL): string | null {
  const url = input instanceof Request ? input.url : String(input);
  return url.startsWith(relay) ? url : null;
}

window.fetch = async (input, init) => {
  const url = toRelay(input);
  if (url && offline) throw new TypeError('Failed to fetch');
  if (url?.endsWith('/api/handoff') && init?.body) escalations.push(JSON.parse(String(init.body)) as { packet: HandoffPacket });
  return realFetch(input, init);
};

/** The page's `online` listeners now: the outbox and a request for a person waiting offline should share one. */
const onlineListeners = new Set<EventListenerOrEventListenerObject>();
const addListener = window.addEventListener.bind(window);
const removeListener = window.removeEventListener.bind(window);
window.addEventListener = ((type: string, listener: EventListenerOrEventListenerObject, options?: boolean | AddEventListenerOptions) => {
  if (type === 'online') onlineListeners.add(listener);
  addListener(type, listener, options);
}) as typeof window.addEventListener;
window.removeEventListener = ((type: string, listener: EventListenerOrEventListenerObject, options?: boolean | EventListenerOptions) => {
  if (type === 'online') onlineListeners.delete(listener);
  removeListener(type, listener, options);
}) as typeof window.removeEventListener;

function goOffline(): void {
  offline = true;
  Object.defineProperty(navigator, 'onLine', { configurable: true, get: () => false });
  window.dispatchEvent(new Event('offline'));
}

function goOnline(): void {
  offline = false;
  delete (navigator as { onLine?: boolean }).onLine;
  window.dispatchEvent(new Event('online'));
}

/** A widget with one answered message that then loses the network and asks for a person; `before` counts escalations sent so far. */
async function askForPersonOffline(firstMessage: string) {
  const widget = await mountWidget(site, { relay, responder: undefined, offline: false });
  await widget.open();
  await widget.send(firstMessage);
  await waitFor(() => messageTexts(widget).length >= 2, 'the first reply', 30_000);
  goOffline();
  const before = escalations.length;
  $(widget, '[part="person"]').click();
  await waitFor(() => $(widget, '[part="handoff-status"]').textContent?.includes("You're offline"), 'the offline status');
  return { widget, before };
}

describe('asking for a person with no network', function () {
  this.timeout(60_000);
  afterEach(async () => {
    goOnline();
    await unmountAll();
  });

  it('queues the request with a clear status and, once back online, hands the whole conversation over without the visitor repeating anything', async () => {
    const { widget, before } = await askForPersonOffline('my jacket zip broke after two days, order A12345');
    expect($(widget, '[part="handoff-status"]').textContent).to.contain("We'll connect you to a person as soon as you're back online");
    await widget.send('I am still here, the zip is on the left pocket');
    await waitFor(() => log(widget).querySelector('.visitor .status')?.textContent === 'Waiting for a connection', 'the queued message');
    await new Promise((r) => setTimeout(r, 300));
    expect(escalations.length).to.equal(before);
    expect(onlineListeners.size).to.equal(1, 'one watcher for the network, whoever waits for it');

    goOnline();
    await waitFor(() => widget.shadowRoot!.querySelector('[part="handoff-status"] handoff-status'), 'the live handoff status', 20_000);
    expect($(widget, '[part="handoff-status"]').textContent).to.not.contain("You're offline");
    await waitFor(() => escalations.length === before + 1, 'the escalation');
    const { packet } = escalations.at(-1)!;
    expect(packet.reasons.map((r) => r.text)).to.include('pressed "Talk to a person"');
    expect(packet.transcript.map((l) => l.text).join(' ')).to.contain('jacket zip broke');
    expect(packet.entities).to.deep.include({ kind: 'order_number', value: 'A12345' });

    // What the visitor wrote while offline reached the person's room through the outbox.
    await waitFor(() => !log(widget).querySelector('.visitor .status'), 'the queued message to be sent', 20_000).catch(async (e: Error) => {
      const handoff = widget.shadowRoot!.querySelector('handoff-status');
      throw new Error(`${e.message}: handoff ${handoff?.phase} ${handoff?.error}; ${JSON.stringify((await storedMessages(site)).map((m) => [m.role, m.status]))}`);
    });
    const queued = (await storedMessages(site)).find((m) => m.text.startsWith('I am still here'));
    expect(queued?.status).to.equal('sent');
  });

  it('keeps the request across a reload while still offline, and starts it when the network returns', async () => {
    const { widget: first, before } = await askForPersonOffline('the parcel never arrived');
    first.remove();

    const again = await mountWidget(site, { relay, responder: undefined, offline: false });
    await again.open();
    await waitFor(() => $(again, '[part="handoff-status"]').textContent?.includes("You're offline"), 'the offline status after the reload');
    goOnline();
    await waitFor(() => escalations.length === before + 1, 'the escalation after the reload', 20_000);
    expect(escalations.at(-1)!.packet.reasons.map((r) => r.text)).to.include('had asked for a person before reloading the page');
    expect(escalations.at(-1)!.packet.transcript.map((l) => l.text).join(' ')).to.contain('parcel never arrived');
  });
});
