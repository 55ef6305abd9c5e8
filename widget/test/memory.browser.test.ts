import { expect } from 'chai';
import { $, log, messageTexts, mountWidget, RecordingTransport, reply, ScriptedResponder, uniqueSite, unmountAll, waitFor } from './widget-fixtures.js';
import { databaseName } from '../src/memory/indexeddb-store.js';

afterEach(unmountAll);

const echo = () => new ScriptedResponder((turn) => reply(`echo: ${turn.message.text}`));

async function databaseExists(site: string): Promise<boolean> {
  return (await indexedDB.databases()).some((d) => d.name === databaseName(site));
}

describe('<support-widget> memory', () => {
  it('restores the conversation from IndexedDB after a reload', async () => {
    const site = uniqueSite();
    const first = await mountWidget(site, { responder: echo() });
    await first.open();
    await first.send('first question');
    await waitFor(() => messageTexts(first).length === 2, 'the reply');
    first.remove();

    const second = await mountWidget(site, { responder: echo() });
    await second.open();
    expect(messageTexts(second)).to.deep.equal(['first question', 'echo: first question']);
    await second.send('second question');
    await waitFor(() => messageTexts(second).length === 4, 'the second reply');
  });

  it('shows new messages in every tab of the site', async () => {
    const site = uniqueSite();
    const tabA = await mountWidget(site, { responder: echo() });
    const tabB = await mountWidget(site, { responder: echo() });
    await tabA.open();
    await tabB.open();
    await tabA.send('from tab A');
    await waitFor(() => messageTexts(tabB).length === 2, 'tab B to see both messages');
    expect(messageTexts(tabB)).to.deep.equal(['from tab A', 'echo: from tab A']);
    await tabB.receive({ id: 'agent-1', conversationId: '', role: 'agent', author: 'Maya', text: 'Hi, Maya here.', at: Date.now(), status: 'delivered' });
    await waitFor(() => messageTexts(tabA).length === 3, 'tab A to see the agent');
    expect(log(tabA).querySelector('.agent .author')?.textContent).to.equal('Maya');
  });

  it('queues messages sent offline and delivers them once, in order, when back online', async () => {
    const transport = new RecordingTransport();
    transport.online = false;
    const widget = await mountWidget(uniqueSite(), { transport, responder: echo() });
    await widget.open();
    for (const text of ['one', 'two', 'three']) await widget.send(text);
    await new Promise((r) => setTimeout(r, 50));
    expect(transport.delivered).to.deep.equal([]);
    expect(log(widget).querySelectorAll('.visitor .status').length).to.equal(3);

    transport.online = true;
    window.dispatchEvent(new Event('online'));
    await waitFor(() => transport.delivered.length === 3, 'delivery');
    await (await widget.preload()).conversation.flush();
    expect(transport.delivered.map((m) => m.text)).to.deep.equal(['one', 'two', 'three']);
    await waitFor(() => log(widget).querySelectorAll('.visitor .status').length === 0, 'the sent state');
  });

  it('delivers what a closed tab left in the outbox on the next visit, once', async () => {
    const site = uniqueSite();
    const offline = new RecordingTransport();
    offline.online = false;
    const closedTab = await mountWidget(site, { transport: offline });
    await closedTab.send('written before the tab closed');
    await closedTab.send('and a second one');
    closedTab.remove();

    const transport = new RecordingTransport();
    const nextVisit = await mountWidget(site, { transport });
    await nextVisit.preload();
    await waitFor(() => transport.delivered.length === 2, 'delivery on the next visit');
    await (await nextVisit.preload()).conversation.flush();
    expect(transport.delivered.map((m) => m.text)).to.deep.equal(['written before the tab closed', 'and a second one']);
    expect(offline.delivered).to.deep.equal([]);
  });

  it('"Forget this conversation" erases the database in every tab', async () => {
    const site = uniqueSite();
    const forgotten: string[] = [];
    const handoff = { start: () => undefined, forget: (id: string) => void forgotten.push(id) };
    const widget = await mountWidget(site, { responder: echo(), handoff });
    const otherTab = await mountWidget(site, { responder: echo(), handoff });
    await otherTab.open();
    await widget.open();
    await widget.send('my order is 12345');
    await waitFor(() => messageTexts(otherTab).length === 2, 'the other tab');
    expect(await databaseExists(site)).to.equal(true);

    const otherTabForgot = new Promise((r) => otherTab.addEventListener('support-widget:forget', r, { once: true }));
    $(widget, 'button[part="forget"]').click();
    await widget.updateComplete;
    [...widget.shadowRoot!.querySelectorAll<HTMLButtonElement>('.confirm button')].find((b) => b.textContent === 'Erase')!.click();
    await otherTabForgot;
    await waitFor(() => messageTexts(widget).length === 0, 'an empty log');
    expect(await databaseExists(site)).to.equal(false);
    expect(messageTexts(otherTab)).to.deep.equal([]);
    // Both tabs tell their handoff to erase what it keeps for the conversation (room credentials).
    await waitFor(() => forgotten.length === 2, 'both handoffs told');
    expect(new Set(forgotten).size).to.equal(1);

    await widget.send('a new start');
    await waitFor(() => messageTexts(otherTab).length === 2, 'the other tab to follow the new conversation');
  });

  it('drops messages older than the retention limit', async () => {
    const site = uniqueSite();
    const widget = await mountWidget(site, { retention: { maxAgeDays: 30 } });
    const day = 86_400_000;
    await widget.receive({ id: 'old', conversationId: '', role: 'system', text: 'old notice', at: Date.now() - 40 * day, status: 'delivered' });
    await widget.receive({ id: 'new', conversationId: '', role: 'system', text: 'recent notice', at: Date.now() - day, status: 'delivered' });
    widget.remove();
    const reloaded = await mountWidget(site, { retention: { maxAgeDays: 30 } });
    await reloaded.open();
    expect(messageTexts(reloaded)).to.deep.equal(['recent notice']);
  });

  it('keeps working in memory, and says so once, when IndexedDB cannot be opened', async () => {
    const open = IDBFactory.prototype.open;
    IDBFactory.prototype.open = () => {
      throw new DOMException('The user denied permission to access the database.', 'SecurityError');
    };
    try {
      const widget = await mountWidget(uniqueSite(), { responder: echo() });
      await widget.open();
      await widget.send('still here?');
      await waitFor(() => messageTexts(widget).length === 2, 'the reply');
      await widget.send('and again');
      await waitFor(() => messageTexts(widget).length === 4, 'the second reply');
      expect(widget.shadowRoot!.querySelectorAll('.notice').length).to.equal(1);
      expect($(widget, '.notice').textContent).to.contain('kept in this tab only');
    } finally {
      IDBFactory.prototype.open = open;
    }
  });

  it('moves to memory without losing the message when a write hits the quota', async () => {
    const widget = await mountWidget(uniqueSite(), { responder: echo() });
    await widget.open();
    await widget.send('stored fine');
    await waitFor(() => messageTexts(widget).length === 2, 'the first reply');
    const put = IDBObjectStore.prototype.put;
    IDBObjectStore.prototype.put = () => {
      throw new DOMException('Quota exceeded', 'QuotaExceededError');
    };
    try {
      await widget.send('after the disk filled up');
      await waitFor(() => messageTexts(widget).length === 4, 'the reply after the quota error');
      expect(messageTexts(widget)[2]).to.equal('after the disk filled up');
      expect($(widget, '.notice').textContent).to.contain('kept in this tab only');
    } finally {
      IDBObjectStore.prototype.put = put;
    }
  });
});

describe('<support-widget> restored history', () => {
  afterEach(unmountAll);

  it('dates messages from an earlier day, and shows only the time for today', async () => {
    const widget = await mountWidget(uniqueSite(), { locale: 'en-GB' });
    const earlier = new Date();
    earlier.setDate(earlier.getDate() - 3);
    earlier.setHours(14, 30, 0, 0);
    await widget.receive({ id: 'old', conversationId: '', role: 'system', text: 'earlier', at: earlier.getTime(), status: 'delivered' });
    await widget.receive({ id: 'now', conversationId: '', role: 'system', text: 'today', at: Date.now(), status: 'delivered' });
    await widget.open();
    const times = [...log(widget).querySelectorAll('time')].map((t) => t.textContent);
    expect(times[0]).to.match(new RegExp(`^${earlier.getDate()} [A-Z][a-z]{2,4}, 14:30$`));
    expect(times[1]).to.match(/^\d{2}:\d{2}$/);
  });
});
