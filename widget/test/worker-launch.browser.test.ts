import { expect } from 'chai';
import type { SupportWidget } from '../src/element/support-widget.js';
import { $, mountWidget, uniqueSite, unmountAll } from './widget-fixtures.js';

/** In a page of its own: the first widget to open starts the page's understanding worker from the launcher's own script. */
describe('the understanding worker launched by the launcher', function () {
  this.timeout(30_000);
  const NativeWorker = window.Worker;
  let started: string[] = [];
  before(() => {
    window.Worker = class extends NativeWorker {
      constructor(url: string | URL, options?: WorkerOptions) {
        super(url, options);
        started.push(String(url));
      }
    };
  });
  after(() => {
    window.Worker = NativeWorker;
  });
  beforeEach(() => {
    started = [];
  });
  afterEach(unmountAll);

  const reach = (widget: SupportWidget) => $(widget, '[part="launcher"]').dispatchEvent(new PointerEvent('pointerenter'));

  it('starts with the reach itself, before any lazy chunk, and is the one that understands the first message', async () => {
    const widget = await mountWidget(uniqueSite(), { prefetch: 'hover', responder: undefined });
    reach(widget);
    expect(started).to.have.length(1);
    expect(started[0]).to.match(/understanding\.worker/);
    const understood = new Promise<string>((resolve) =>
      widget.addEventListener('support-widget:message', (e) => {
        const u = e.detail.message.understanding;
        if (u) resolve(u.backend);
      }),
    );
    await widget.open();
    reach(widget);
    await widget.send('where is my parcel?');
    expect(await understood).to.equal('kernel');
    expect(started).to.have.length(1);
  });

  it('is not started again by a second widget once a client took it over', async () => {
    const second = await mountWidget(uniqueSite(), { prefetch: 'hover', responder: undefined });
    reach(second);
    await second.open();
    await new Promise((r) => setTimeout(r, 300));
    expect(started).to.deep.equal([]);
  });
});
