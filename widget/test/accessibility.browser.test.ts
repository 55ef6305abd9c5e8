import { expect } from 'chai';
import { emulateMedia, sendKeys, setViewport } from '@web/test-runner-commands';
import { $, loadAxe, log, messageTexts, mountWidget, reply, ScriptedResponder, uniqueSite, unmountAll, waitFor } from './widget-fixtures.js';
import type { SupportWidget } from '../src/element/support-widget.js';

/** Waits for the panel's opening animation, so measurements see the resting state. */
async function animationsDone(widget: SupportWidget): Promise<void> {
  await Promise.all(widget.shadowRoot!.getAnimations().map((a) => a.finished));
}

/** The element focused inside the widget's shadow root. */
function focused(widget: SupportWidget): Element | null {
  return widget.shadowRoot!.activeElement;
}

afterEach(async () => {
  await unmountAll();
  await emulateMedia({ colorScheme: 'light', reducedMotion: 'no-preference' });
  await setViewport({ width: 800, height: 600 });
});

describe('<support-widget> accessibility', () => {
  it('works from the keyboard alone: launcher, type, Enter, Shift+Enter, Escape', async () => {
    const widget = await mountWidget(uniqueSite(), { responder: new ScriptedResponder(() => reply('Got it.')) });
    await sendKeys({ press: 'Tab' });
    expect(focused(widget)?.getAttribute('aria-label')).to.equal('Open support chat');
    await sendKeys({ press: 'Enter' });
    await waitFor(() => focused(widget)?.tagName === 'TEXTAREA', 'focus in the message box');
    expect(widget.isOpen).to.equal(true);

    await sendKeys({ type: 'first line' });
    await sendKeys({ down: 'Shift' });
    await sendKeys({ press: 'Enter' });
    await sendKeys({ up: 'Shift' });
    await sendKeys({ type: 'second line' });
    await sendKeys({ press: 'Enter' });
    await waitFor(() => messageTexts(widget).length === 2, 'the message and reply');
    expect(messageTexts(widget)[0]).to.equal('first line\nsecond line');
    expect($<HTMLTextAreaElement>(widget, 'textarea').value).to.equal('');
    expect(focused(widget)?.tagName).to.equal('TEXTAREA');

    await sendKeys({ press: 'Escape' });
    await waitFor(() => !widget.isOpen, 'the panel to close');
    expect(focused(widget)?.getAttribute('aria-label')).to.equal('Open support chat');
  });

  it('keeps Tab inside the panel while it covers a phone screen, and only then', async () => {
    await setViewport({ width: 375, height: 700 });
    const widget = await mountWidget(uniqueSite(), { responder: new ScriptedResponder(() => reply('Got it.')) });
    await widget.open();
    const panel = $(widget, '[role="dialog"]');
    expect(panel.getAttribute('aria-modal')).to.equal('true');
    $<HTMLButtonElement>(widget, 'button[part="send"]').focus();
    await sendKeys({ press: 'Tab' });
    expect(focused(widget)?.getAttribute('part')).to.equal('forget');
    await sendKeys({ down: 'Shift' });
    await sendKeys({ press: 'Tab' });
    await sendKeys({ up: 'Shift' });
    expect(focused(widget)?.getAttribute('part')).to.equal('send');

    await setViewport({ width: 800, height: 600 });
    await waitFor(() => panel.getAttribute('aria-modal') === 'false', 'the panel to stop being modal');
    await sendKeys({ press: 'Tab' });
    expect(focused(widget)).to.equal(null);
  });

  it('labels its controls for assistive technology', async () => {
    const widget = await mountWidget(uniqueSite());
    await widget.open();
    const box = $<HTMLTextAreaElement>(widget, 'textarea');
    expect($(widget, `label[for="${box.id}"]`).textContent).to.equal('Message');
    expect($(widget, 'button[part="send"]').textContent!.trim()).to.equal('Send');
    expect($(widget, 'button[part="person"]').textContent!.trim()).to.equal('Talk to a person');
    expect(log(widget).getAttribute('role')).to.equal('log');
  });

  for (const scheme of ['light', 'dark'] as const) {
    it(`passes an axe-core scan with the panel open, ${scheme}`, async () => {
      await emulateMedia({ colorScheme: scheme });
      const axe = await loadAxe();
      const widget = await mountWidget(uniqueSite(), {
        responder: new ScriptedResponder(() =>
          reply('See *our* [returns policy](https://shop.example/returns):\n\n- one\n- two', {
            citations: [{ title: 'Returns', url: 'https://shop.example/returns' }],
            quickReplies: ['Start a return'],
            askFeedback: true,
          }),
        ),
      });
      await widget.open();
      await widget.send('How do I return boots?');
      await waitFor(() => messageTexts(widget).length === 2, 'the reply');
      await widget.receive({ id: 'a1', conversationId: '', role: 'agent', author: 'Maya', text: 'Maya here.', at: Date.now(), status: 'delivered' });
      await widget.updateComplete;
      await animationsDone(widget);
      const result = await axe.run(widget);
      const summary = result.violations.map((v) => `${v.id}: ${v.help} ${JSON.stringify(v.nodes.map((n) => n.target))}`);
      expect(summary).to.deep.equal([]);
    });
  }

  it('follows an explicit dark theme over a light system preference', async () => {
    const widget = await mountWidget(uniqueSite(), { theme: 'dark' });
    await widget.open();
    const background = getComputedStyle($(widget, '.panel')).backgroundColor;
    expect(background).to.equal('rgb(22, 25, 30)');
    widget.configure({ theme: 'light' });
    await widget.updateComplete;
    expect(getComputedStyle($(widget, '.panel')).backgroundColor).to.equal('rgb(255, 255, 255)');
  });

  it('lays out right-to-left for an RTL locale', async () => {
    const widget = await mountWidget(uniqueSite(), { locale: 'ar-EG' });
    await widget.open();
    expect($(widget, '.panel').getAttribute('dir')).to.equal('rtl');
    expect($(widget, '.panel').getAttribute('lang')).to.equal('ar-EG');
    // Each message keeps its own direction: English in an Arabic panel still reads left to right.
    expect($(widget, '.bubble').getAttribute('dir')).to.equal('auto');
    expect($(widget, 'textarea').getAttribute('dir')).to.equal('auto');
  });

  it('fills the screen on a narrow viewport', async () => {
    await setViewport({ width: 375, height: 700 });
    const widget = await mountWidget(uniqueSite());
    await widget.open();
    await animationsDone(widget);
    const rect = $(widget, '.panel').getBoundingClientRect();
    expect([rect.left, rect.top, rect.width, rect.height]).to.deep.equal([0, 0, 375, 700]);
  });

  it('drops animation when the visitor prefers reduced motion', async () => {
    await emulateMedia({ reducedMotion: 'reduce' });
    const widget = await mountWidget(uniqueSite());
    await widget.open();
    expect(getComputedStyle($(widget, '.panel')).animationName).to.equal('none');
  });
});

describe('<support-widget> forget confirmation', () => {
  afterEach(unmountAll);

  it('moves focus to Cancel, and Escape cancels without closing the panel', async () => {
    const widget = await mountWidget(uniqueSite());
    await widget.open();
    $(widget, 'button[part="forget"]').click();
    await waitFor(() => focused(widget)?.textContent === 'Cancel', 'focus on Cancel');
    await sendKeys({ press: 'Escape' });
    await waitFor(() => focused(widget)?.getAttribute('part') === 'forget', 'focus back on Forget');
    expect(widget.isOpen).to.equal(true);
    expect(widget.shadowRoot!.querySelector('.confirm')).to.equal(null);
  });
});
