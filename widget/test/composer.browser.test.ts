import { expect } from 'chai';
import { $, messageTexts, mountWidget, uniqueSite, unmountAll, waitFor } from './widget-fixtures.js';

describe('the message box', () => {
  afterEach(unmountAll);

  it('keeps a message typed while the previous one is still being stored', async () => {
    const widget = await mountWidget(uniqueSite());
    await widget.open();
    const box = $<HTMLTextAreaElement>(widget, 'textarea');
    const enter = () => box.dispatchEvent(new KeyboardEvent('keydown', { key: 'Enter', bubbles: true, composed: true }));
    box.value = 'first';
    enter();
    // The visitor types on at once, before the first message reached IndexedDB, and presses Enter once it shows.
    box.value = 'second';
    await waitFor(() => messageTexts(widget).length === 1, 'the first message');
    await new Promise((r) => setTimeout(r, 50));
    enter();
    await waitFor(() => messageTexts(widget).length === 2, 'both messages');
    expect(messageTexts(widget)).to.deep.equal(['first', 'second']);
    expect(box.value).to.equal('');
  });
});
