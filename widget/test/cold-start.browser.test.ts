import { expect } from 'chai';
import type { SupportWidget } from '../src/element/support-widget.js';
import { $, mountWidget, uniqueSite, unmountAll, waitFor } from './widget-fixtures.js';

/** In a page of its own (the first widget to open starts the page's understanding worker): what runs before the first Understanding, and what waits. */
describe('cold start', function () {
  this.timeout(30_000);
  const NativeWorker = window.Worker;
  const nativeRegister = ServiceWorkerContainer.prototype.register;
  const nativeFetch = window.fetch;
  let started: string[] = [];
  let registered: string[] = [];
  let fetched: string[] = [];
  before(() => {
    window.fetch = (input: RequestInfo | URL, init?: RequestInit) => {
      fetched.push(input instanceof Request ? input.url : String(input));
      return nativeFetch(input, init);
    };
    window.Worker = class extends NativeWorker {
      constructor(url: string | URL, options?: WorkerOptions) {
        super(url, options);
        started.push(String(url));
      }
    };
    ServiceWorkerContainer.prototype.register = function (this: ServiceWorkerContainer, url: string | URL, options?: RegistrationOptions) {
      registered.push(String(url));
      return nativeRegister.call(this, url, options);
    };
  });
  after(() => {
    window.fetch = nativeFetch;
    window.Worker = NativeWorker;
    ServiceWorkerContainer.prototype.register = nativeRegister;
  });
  beforeEach(() => {
    started = [];
    registered = [];
    fetched = [];
  });
  const modelDownloads = () => fetched.filter((url) => url.endsWith('/onnx/model.onnx')).length;
  afterEach(unmountAll);

  const reach = (widget: SupportWidget) => $(widget, '[part="launcher"]').dispatchEvent(new PointerEvent('pointerenter'));
  /** Sends `text` and resolves with the backend of its Understanding. */
  const understood = async (widget: SupportWidget, text: string) => {
    const backend = new Promise<string>((resolve) =>
      widget.addEventListener('support-widget:message', (e) => {
        const u = e.detail.message.understanding;
        if (u) resolve(u.backend);
      }),
    );
    await widget.send(text);
    return backend;
  };

  it('downloads the model once and starts one worker for the reach, the open and the first message, and offline support only after its Understanding', async () => {
    const widget = await mountWidget(uniqueSite(), { prefetch: 'hover', responder: undefined });
    reach(widget);
    await waitFor(() => started.length > 0, 'the understanding worker to start');
    expect(started[0]).to.match(/understanding\.worker/);
    await widget.open();
    reach(widget);
    expect(await understood(widget, 'where is my parcel?')).to.equal('kernel');
    expect(started).to.have.length(1);
    expect(modelDownloads()).to.equal(1);
    // Offline support is not needed for it: its service worker registers once the conversation is quiet.
    expect(registered).to.deep.equal([]);
    await waitFor(() => registered.length > 0, 'offline support to start', 10_000);
    expect(registered[0]).to.match(/support-widget-sw\.js/);
  });

  it('starts one worker per widget, handed to the panel and the responder, even when the locale changes after the reach', async () => {
    // Locales no other test uses, so no worker of theirs is shared.
    const widget = await mountWidget(uniqueSite(), { prefetch: 'hover', responder: undefined, locale: 'en-NZ' });
    reach(widget);
    await waitFor(() => started.length > 0, 'the understanding worker to start');
    widget.locale = 'en-IE';
    await widget.open();
    expect(await understood(widget, 'where is my parcel?')).to.equal('kernel');
    expect(started).to.have.length(1);
    expect(modelDownloads()).to.equal(1);
  });

  it('starts no second worker for a second widget with the same model and locale', async () => {
    // Its own first widget, so the test holds whether or not the one above ran first.
    const first = await mountWidget(uniqueSite(), { prefetch: 'hover', responder: undefined });
    await first.open();
    await understood(first, 'where is my parcel?');
    started = [];
    const second = await mountWidget(uniqueSite(), { prefetch: 'hover', responder: undefined });
    reach(second);
    await second.open();
    // Its first message is understood, so its worker, had it made one, has started by now.
    expect(await understood(second, 'where is my parcel?')).to.equal('kernel');
    expect(started).to.deep.equal([]);
  });
});
