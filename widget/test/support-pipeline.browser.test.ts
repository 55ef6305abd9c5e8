import { expect } from 'chai';
import type { EscalationDecision } from '../../protocol/escalation.js';
import type { SupportWidget } from '../src/element/support-widget.js';
import { $, log, mountWidget, storedMessages, uniqueSite, unmountAll, waitFor } from './widget-fixtures.js';

/** The widget as a site owner gets it: no test responder, the real worker, policy and answer engine, a real relay. */
const relay = (window as unknown as { __TEST_ENV__: { relayUrl: string } }).__TEST_ENV__.relayUrl;

describe('the default pipeline in the widget', function () {
  this.timeout(60_000);
  afterEach(unmountAll);

  it('answers a help-centre question with a citation and stores the message with its understanding', async () => {
    const site = uniqueSite();
    const widget = await mountWidget(site, { relay, responder: undefined });
    await widget.open();
    await widget.send('how do I reset my password?');
    const link = await waitFor(() => log(widget).querySelector<HTMLAnchorElement>('.citations a'), 'a cited answer', 30_000).catch(async (e: Error) => {
      const understood = (await storedMessages(site)).map((m) => m.understanding?.degraded ?? m.understanding?.intent.label);
      throw new Error(`${e.message}; the log says: ${log(widget).textContent?.replace(/\s+/g, ' ')}; understood: ${JSON.stringify(understood)}`);
    });
    expect(link.getAttribute('href')).to.match(/\/help\//);
    // The answer renders after the understanding was stored, so the record is there now.
    const messages = await storedMessages(site);
    const visitor = messages.find((m) => m.role === 'visitor');
    expect(visitor?.understanding?.intent.label).to.equal('recover_password');
    expect(visitor?.understanding?.backend).to.equal('kernel');
    expect(messages.find((m) => m.role === 'bot')?.answer?.citations.length).to.be.greaterThan(0);
  });

  it('hands an explicit request for a person to the escalation, with its reasons', async () => {
    const widget = await mountWidget(uniqueSite(), { relay, responder: undefined });
    const escalated = new Promise<EscalationDecision>((resolve) =>
      widget.addEventListener('support-widget:escalate', (e) => resolve((e as CustomEvent<{ decision: EscalationDecision }>).detail.decision), { once: true }),
    );
    await widget.open();
    await widget.send('can I speak to a real person please');
    const decision = await escalated;
    expect(decision.immediate).to.equal(true);
    expect(decision.reasons.map((r) => r.code)).to.include('human-request');
    expect($(widget, '[role="log"]').textContent).to.not.match(/I'm not sure/);
    // The built-in handoff takes it to the relay's queue and shows where the visitor stands.
    await waitFor(() => widget.shadowRoot!.querySelector('[part="handoff-status"] handoff-status'), 'the handoff status', 20_000);
  });

  it('starts the understanding worker when the visitor reaches for the launcher, never for a site with its own responder', async () => {
    // Workers are shared per model and locale: a locale of its own makes this test's worker a new one.
    const workerScripts = () => performance.getEntriesByType('resource').filter((e) => e.name.includes('understanding.worker')).length;
    const reach = (widget: SupportWidget) => $(widget, '[part="launcher"]').dispatchEvent(new PointerEvent('pointerenter'));

    const own = await mountWidget(uniqueSite(), { locale: 'en-NZ', prefetch: 'hover' });
    const before = workerScripts();
    reach(own);
    await new Promise((r) => setTimeout(r, 500));
    expect(workerScripts()).to.equal(before);

    const builtIn = await mountWidget(uniqueSite(), { locale: 'en-AU', prefetch: 'hover', responder: undefined });
    reach(builtIn);
    await waitFor(() => workerScripts() > before, 'the worker script to be requested', 10_000);
    // The click after the reach, and the visitor's first message, use that same worker: no second one starts.
    const understood = new Promise<void>((resolve) =>
      builtIn.addEventListener('support-widget:message', (e) => e.detail.message.understanding && resolve()),
    );
    await builtIn.open();
    reach(builtIn);
    await builtIn.send('where is my parcel?');
    await understood;
    expect(workerScripts()).to.equal(before + 1);
  });
});
