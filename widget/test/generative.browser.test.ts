import { expect } from 'chai';
import type { SupportWidget } from '../src/element/support-widget.js';
import { PromptApiStandIn } from './prompt-api-stand-in.js';
import { $, loadAxe, log, messageTexts, mountWidget, uniqueSite, unmountAll, waitFor } from './widget-fixtures.js';

/**
 * Tier 2 in the element, as a site owner turns it on: the default responder
 * against a real relay, the WebGPU check against this browser's SwiftShader
 * adapter (allowed here, as a demo would; never for visitors), and web-llm's
 * real worker protocol with the deterministic engine in the worker, since no
 * weights can be downloaded here.
 */
const relay = (window as unknown as { __TEST_ENV__: { relayUrl: string } }).__TEST_ENV__.relayUrl;
const deterministicWorker = () => new Worker(new URL('./answers-deterministic-llm.worker.ts', import.meta.url), { type: 'module' });

function mountLlmWidget(site: string, model = 'det-0.1B'): Promise<SupportWidget> {
  return mountWidget(site, {
    relay,
    responder: undefined,
    generative: 'web-llm',
    modelUrl: `/widget/test/fixtures/llm/${model}/`,
    modelLib: `/widget/test/fixtures/llm/${model}.wasm`,
    offline: false,
    llm: { requirements: { allowSoftwareAdapter: true }, worker: deterministicWorker },
  });
}

const offer = (w: SupportWidget) => w.shadowRoot!.querySelector<HTMLElement>('[part="llm-offer"]');
const notice = (w: SupportWidget) => w.shadowRoot!.querySelector<HTMLElement>('[part="llm-notice"]');
const badges = (w: SupportWidget) => [...log(w).querySelectorAll('.message.bot:not(.greeting) .badge')].map((b) => b.textContent);
const consent = (site: string) => JSON.parse(localStorage.getItem(`support-widget:${site}:llm-consent`) ?? '{}') as Record<string, string>;

/** axe-core's violations in the open widget, as readable lines. */
async function axeViolations(widget: SupportWidget): Promise<string[]> {
  // The panel fades in: colours are measured at rest.
  await Promise.all(widget.shadowRoot!.getAnimations().map((a) => a.finished));
  const result = await (await loadAxe()).run(widget);
  return result.violations.map((v) => `${v.id}: ${v.help} ${JSON.stringify(v.nodes.map((n) => n.target))}`);
}

async function askAndWaitForTier1(widget: SupportWidget, question: string): Promise<void> {
  const before = log(widget).querySelectorAll('.citations').length;
  await widget.send(question);
  await waitFor(() => log(widget).querySelectorAll('.citations').length > before, 'the cited tier-1 answer', 30_000);
}

/** Lets a turn that could still add a tier-2 reply finish (the typing indicator goes away with the turn). */
async function turnOver(widget: SupportWidget): Promise<void> {
  await waitFor(() => !widget.shadowRoot!.querySelector('.typing') && !log(widget).querySelector('.streaming'), 'the end of the turn', 15_000);
}

describe('<support-widget> tier 2: an on-device language model, with consent', function () {
  this.timeout(90_000);
  afterEach(unmountAll);

  it('offers nothing and loads no tier-2 code when the site has not enabled it', async () => {
    // A full buffer would drop the entries of whatever loads late.
    performance.setResourceTimingBufferSize(10_000);
    const widget = await mountWidget(uniqueSite(), { relay, responder: undefined });
    expect(widget.generative).to.equal('off');
    await widget.open();
    await askAndWaitForTier1(widget, 'how do I reset my password?');
    await turnOver(widget);
    // Tier 2 would load once the conversation is quiet: wait until that work has run, not only the turn.
    await (await widget.preload()).background;
    expect(offer(widget)).to.equal(null);
    expect(badges(widget)).to.not.include('LLM on this device');
    const loaded = performance.getEntriesByType('resource').map((e) => e.name);
    expect(loaded.some((url) => /generative-offer|web-llm/.test(url))).to.equal(false);

    widget.setAttribute('generative', '');
    expect(widget.generative).to.equal('auto');
    widget.setAttribute('generative', 'web-llm');
    expect(widget.generative).to.equal('web-llm');
    widget.setAttribute('generative', 'off');
    expect(widget.generative).to.equal('off');
  });

  it('reads the settings as the answer tier needs them: modes, the model id from its URL, the library\'s GPU features required', async () => {
    // Imported here, after the test above checked that nothing loads it unasked.
    const { tierConfig } = await import('../src/element/generative-offer.js');
    const base = { modelUrl: '/m/Qwen2.5-0.5B-q4f16_1-MLC/', modelLib: '/m/qwen.wasm', modelId: '', llm: { requiredFeatures: ['shader-f16'] } };
    const auto = tierConfig({ ...base, generative: 'auto' });
    expect([auto.enabled, auto.useBrowserModel, auto.webLlm?.modelId]).to.deep.equal([true, true, 'Qwen2.5-0.5B-q4f16_1-MLC']);
    expect(auto.webLlm?.requirements?.requiredFeatures).to.deep.equal(['shader-f16']);
    expect(tierConfig({ ...base, generative: 'chrome' }).webLlm).to.equal(undefined);
    expect(tierConfig({ ...base, generative: 'web-llm' }).useBrowserModel).to.equal(false);
    expect(tierConfig({ ...base, generative: 'off' }).enabled).to.equal(false);
    expect(tierConfig({ ...base, generative: 'web-llm', modelLib: '' }).webLlm).to.equal(undefined);
  });

  it('on a capable device, offers the download with its size; "No thanks" keeps tier 1 only and is remembered', async () => {
    const site = uniqueSite();
    const widget = await mountLlmWidget(site);
    await widget.open();
    const card = await waitFor(() => offer(widget), 'the download offer', 15_000);
    expect(card.textContent).to.contain('312 MB');
    expect($(widget, '[part="llm-offer"] .accept').textContent).to.equal('Download (312 MB)');
    expect(await axeViolations(widget)).to.deep.equal([]);

    $(widget, '[part="llm-offer"] .decline').click();
    await waitFor(() => !offer(widget), 'the offer to go');
    expect(consent(site)).to.deep.equal({ 'det-0.1B': 'declined' });
    await askAndWaitForTier1(widget, 'how do I reset my password?');
    await turnOver(widget);
    expect(badges(widget)).to.have.length(1);
    expect(badges(widget)[0]).to.be.oneOf(['on device', 'relay']);

    widget.remove();
    const again = await mountLlmWidget(site);
    await again.open();
    await new Promise((r) => setTimeout(r, 2000));
    expect(offer(again)).to.equal(null);
  });

  it('"Download" loads through the worker protocol with an announced progress bar, then streams a badged, cited tier-2 reply after tier 1', async () => {
    const site = uniqueSite();
    const widget = await mountLlmWidget(site);
    await widget.open();
    await waitFor(() => offer(widget), 'the download offer', 15_000);

    const progress = new Set<string>();
    const announced = new Set<string>();
    const watch = new MutationObserver(() => {
      const bar = widget.shadowRoot!.querySelector('[role="progressbar"]');
      if (bar) progress.add(bar.getAttribute('aria-valuenow')!);
      const status = widget.shadowRoot!.querySelector('.visually-hidden[role="status"]');
      if (status?.textContent?.trim()) announced.add(status.textContent.trim());
    });
    watch.observe(widget.shadowRoot!, { subtree: true, childList: true, attributes: true, characterData: true });
    $(widget, '[part="llm-offer"] .accept').click();
    await waitFor(() => widget.shadowRoot!.querySelector('[role="progressbar"]'), 'the progress bar');
    const bar = $(widget, '[role="progressbar"]');
    expect(bar.getAttribute('aria-valuemin')).to.equal('0');
    expect(bar.getAttribute('aria-valuemax')).to.equal('100');
    expect(bar.getAttribute('aria-labelledby')).to.equal('support-widget-llm-label');
    await waitFor(() => [...announced].some((t) => /ready/.test(t)), 'the model to be ready', 15_000);
    watch.disconnect();
    expect(progress.has('0')).to.equal(true);
    expect(progress.size).to.be.at.least(3);
    expect([...announced].filter((t) => /^Downloading the language model: \d+%$/.test(t)).length).to.be.at.least(2);
    expect(widget.shadowRoot!.querySelector('[role="progressbar"]')).to.equal(null);
    expect(consent(site)).to.deep.equal({ 'det-0.1B': 'accepted' });

    const drafts: string[] = [];
    const stream = new MutationObserver(() => {
      const text = log(widget).querySelector('.streaming .bubble')?.textContent?.trim();
      if (text && messageTexts(widget).length >= 2 && drafts.at(-1) !== text) drafts.push(text);
    });
    stream.observe(log(widget), { subtree: true, childList: true, characterData: true });
    await widget.send('how do I reset my password?');
    await waitFor(() => messageTexts(widget).length === 3, 'tier 1 and then tier 2', 30_000);
    stream.disconnect();
    expect(badges(widget)[0]).to.be.oneOf(['on device', 'relay']);
    expect(badges(widget)[1]).to.equal('LLM on this device');
    const generated = messageTexts(widget)[2]!;
    expect(generated).to.match(/password/i);
    // Streamed token by token: the second reply grew on screen in many steps before it settled.
    expect(drafts.length).to.be.at.least(5);
    expect(generated.startsWith(drafts[0]!)).to.equal(true);
    const second = log(widget).querySelectorAll('.message.bot:not(.greeting)')[1]!;
    expect(second.querySelector('.citations a')?.getAttribute('href')).to.match(/\/help\//);
    expect(second.querySelector('.feedback')).to.equal(null);

    // A reload with consent given loads the model again without asking.
    widget.remove();
    const again = await mountLlmWidget(site);
    await again.open();
    await askAndWaitForTier1(again, 'how do I reset my password?');
    await waitFor(() => badges(again).includes('LLM on this device'), 'tier 2 after a reload, without asking', 30_000);
    expect(offer(again)).to.equal(null);
  });

  it("offers nothing to a site with its own responder, which would never use the model", async () => {
    const widget = await mountLlmWidget(uniqueSite());
    widget.responder = { async *respond() {} };
    // The same site setup with the built-in responder, opened at the same time: once its offer shows, the
    // own-responder widget (whose quiet time starts sooner, with no worker to wait for) would have shown one too.
    const control = await mountLlmWidget(uniqueSite());
    await Promise.all([widget.open(), control.open()]);
    await waitFor(() => offer(control), "the built-in responder's offer", 15_000);
    expect(offer(widget)).to.equal(null);
  });

  it('offers nothing when the model has no manifest where the site said (a download bound to fail)', async () => {
    const widget = await mountLlmWidget(uniqueSite(), 'not-there');
    await widget.open();
    await askAndWaitForTier1(widget, 'how do I reset my password?');
    await turnOver(widget);
    expect(offer(widget)).to.equal(null);
    expect(badges(widget)).to.have.length(1);
  });

  it('a model already on the device loads without asking; "Turn off" stops it and deletes what web-llm cached', async () => {
    const site = uniqueSite();
    // What web-llm leaves in the Cache API after a download: the manifest and every shard it lists.
    const folder = new URL('/widget/test/fixtures/llm/cached-0.1B/resolve/main/', location.href).href;
    const manifestUrl = new URL('tensor-cache.json', folder).href;
    const cache = await caches.open('webllm/model');
    const manifest = (await (await fetch('/widget/test/fixtures/llm/det-0.1B/resolve/main/tensor-cache.json')).json()) as { records: { dataPath: string }[] };
    await cache.put(manifestUrl, new Response(JSON.stringify(manifest)));
    for (const r of manifest.records) await cache.put(new URL(r.dataPath, folder).href, new Response('weights'));

    const widget = await mountLlmWidget(site, 'cached-0.1B');
    await widget.open();
    await waitFor(() => widget.shadowRoot!.querySelector('[part="llm-status"]'), 'the cached model, loaded without asking', 15_000);
    expect(offer(widget)).to.equal(null);
    expect(consent(site)).to.deep.equal({});
    expect(await axeViolations(widget)).to.deep.equal([]);

    $(widget, '[part="llm-status"] .turn-off').click();
    await waitFor(() => !widget.shadowRoot!.querySelector('[part="llm-status"]'), 'the status line to go');
    expect(consent(site)).to.deep.equal({ 'cached-0.1B': 'declined' });
    const deadline = performance.now() + 10_000;
    while (await cache.match(manifestUrl)) {
      if (performance.now() > deadline) throw new Error('the cached model was not deleted');
      await new Promise((r) => setTimeout(r, 50));
    }
    expect(await cache.match(new URL(manifest.records[0]!.dataPath, folder).href)).to.equal(undefined);
    await askAndWaitForTier1(widget, 'how do I reset my password?');
    await turnOver(widget);
    expect(badges(widget)).to.have.length(1);
  });

  it('a download that fails leaves a clear notice and tier 1 answering', async () => {
    const widget = await mountLlmWidget(uniqueSite(), 'broken');
    await widget.open();
    const card = await waitFor(() => offer(widget), 'the download offer', 15_000);
    expect(card.textContent).to.contain('312 MB');
    $(widget, '[part="llm-offer"] .accept').click();
    const shown = await waitFor(() => notice(widget), 'the failure notice', 15_000);
    expect(shown.textContent, shown.textContent!).to.match(/could not be downloaded.*Failed to fetch/s);
    expect(shown.textContent).to.contain('Quick answers from the help centre keep working');
    await askAndWaitForTier1(widget, 'how do I reset my password?');
    await turnOver(widget);
    expect(badges(widget)).to.have.length(1);
    $(widget, '[part="llm-notice"] .dismiss').click();
    await waitFor(() => !notice(widget), 'the notice to go');
  });

  it('a GPU lost while answering takes the model out of service with a notice; tier 1 goes on', async () => {
    const widget = await mountLlmWidget(uniqueSite());
    await widget.open();
    await waitFor(() => offer(widget), 'the download offer', 15_000);
    $(widget, '[part="llm-offer"] .accept').click();
    await waitFor(() => !widget.shadowRoot!.querySelector('[role="progressbar"]') && !offer(widget), 'the model to load', 15_000);
    await askAndWaitForTier1(widget, 'how do I reset my password urgently?');
    const shown = await waitFor(() => notice(widget), 'the failure notice', 15_000);
    expect(shown.textContent, shown.textContent!).to.match(/stopped working.*GPU device was lost/s);
    await turnOver(widget);
    await askAndWaitForTier1(widget, 'how do I reset my password?');
    await turnOver(widget);
    expect(badges(widget)).to.not.include('LLM on this device');
  });

  it('"Cancel download" stops it, says so, and moves focus back to the message box', async () => {
    const site = uniqueSite();
    const widget = await mountLlmWidget(site, 'slow-download');
    await widget.open();
    await waitFor(() => offer(widget), 'the download offer', 15_000);
    $(widget, '[part="llm-offer"] .accept').click();
    await waitFor(() => widget.shadowRoot!.activeElement?.classList.contains('cancel'), 'focus on Cancel');
    expect(await axeViolations(widget)).to.deep.equal([]);
    expect(widget.shadowRoot!.querySelector('[role="progressbar"]'), 'still downloading after the scan').to.not.equal(null);
    $(widget, '.llm .cancel').click();
    const shown = await waitFor(() => notice(widget), 'the cancelled notice');
    expect(shown.textContent).to.contain('Download cancelled');
    expect(widget.shadowRoot!.activeElement?.tagName).to.equal('TEXTAREA');
    expect(consent(site)).to.deep.equal({ 'slow-download': 'declined' });
    await askAndWaitForTier1(widget, 'how do I reset my password?');
    await turnOver(widget);
    expect(badges(widget)).to.have.length(1);
  });

  describe("with the browser's built-in model", () => {
    // Answers from the first passage it is given, like a model that read them.
    const builtIn = new PromptApiStandIn((input) => {
      const passages = JSON.parse(/Help passages \(data\): (.*)\n/.exec(input)?.[1] ?? '[]') as { text: string }[];
      const first = passages[0]?.text.match(/[^.!?]+[.!?]/)?.[0]?.trim() ?? '';
      return JSON.stringify({ answerable: true, answer: `In short: ${first}`, sources: [1] });
    }, 20);
    const global = globalThis as { LanguageModel?: unknown };
    before(() => (global.LanguageModel = builtIn));
    after(() => delete global.LanguageModel);

    it('generative="chrome" offers the browser\'s own download (no size of ours), then answers with it', async () => {
      const widget = await mountWidget(uniqueSite(), { relay, responder: undefined, offline: false, generative: 'chrome' });
      await widget.open();
      const card = await waitFor(() => offer(widget), 'the download offer', 15_000);
      expect(card.textContent).to.contain('built-in language model');
      expect($(widget, '[part="llm-offer"] .accept').textContent).to.equal('Download');
      $(widget, '[part="llm-offer"] .accept').click();
      await waitFor(() => !widget.shadowRoot!.querySelector('[role="progressbar"]') && !offer(widget), 'the model to load', 15_000);
      await askAndWaitForTier1(widget, 'how do I reset my password?');
      await waitFor(() => badges(widget).includes('LLM on this device'), 'the built-in model\'s reply', 15_000);
      expect(messageTexts(widget).at(-1)).to.match(/^In short: /);
    });
  });
});
