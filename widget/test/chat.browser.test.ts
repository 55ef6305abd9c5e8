import { expect } from 'chai';
import type { EscalationDecision } from '../../protocol/escalation.js';
import type { HandoffRequest } from '../src/conversation/handoff.js';
import { configure, SupportWidget } from '../src/embed.js';
import { databaseName } from '../src/memory/indexeddb-store.js';
import { $, log, messageTexts, mountWidget, RecordingTransport, reply, ScriptedResponder, uniqueSite, unmountAll, waitFor } from './widget-fixtures.js';

afterEach(unmountAll);

describe('<support-widget> chat', () => {
  it('shows only the launcher until opened, then the panel', async () => {
    const widget = await mountWidget(uniqueSite());
    const launcher = $(widget, 'button[part="launcher"]');
    expect(launcher.getAttribute('aria-label')).to.equal('Open support chat');
    expect(widget.shadowRoot!.querySelector('[role="log"]')).to.equal(null);
    const opened = new Promise((r) => widget.addEventListener('support-widget:open', r, { once: true }));
    launcher.click();
    await opened;
    expect(log(widget).getAttribute('aria-live')).to.equal('polite');
    expect(launcher.hidden).to.equal(true);
  });

  it('puts a sent message in the log and streams the reply with citations, badge and feedback', async () => {
    const responder = new ScriptedResponder((turn) =>
      reply(`You said **${turn.message.text}**`, {
        citations: [{ title: 'Returns policy', url: 'https://shop.example/help/returns' }],
        quickReplies: ['Start a return'],
        askFeedback: true,
      }),
    );
    const widget = await mountWidget(uniqueSite(), { responder });
    const events: string[] = [];
    widget.addEventListener('support-widget:message', (e) => events.push(`${e.detail.change}:${e.detail.message.role}`));
    await widget.open();
    const sent = await widget.send('Where is my parcel?');
    expect(sent?.status).to.equal('delivered');
    await waitFor(() => messageTexts(widget).length === 2, 'the reply');
    expect(messageTexts(widget)).to.deep.equal(['Where is my parcel?', 'You said Where is my parcel?']);
    expect(log(widget).querySelector('.bot:not(.greeting) strong')?.textContent).to.equal('Where is my parcel?');
    const link = log(widget).querySelector<HTMLAnchorElement>('.citations a')!;
    expect(link.textContent).to.equal('Returns policy');
    expect(link.href).to.equal('https://shop.example/help/returns');
    expect(log(widget).querySelector('.badge')?.textContent).to.equal('on device');
    expect(events).to.deep.equal(['added:visitor', 'added:bot']);
    expect(responder.turns[0]!.history).to.deep.equal([]);

    const feedback = new Promise<CustomEvent>((r) => widget.addEventListener('support-widget:feedback', r as never, { once: true }));
    [...log(widget).querySelectorAll<HTMLButtonElement>('.feedback button')].find((b) => b.textContent === 'Yes')!.click();
    expect((await feedback).detail.message.answer.feedback).to.equal('helpful');

    $(widget, '.chip').click();
    await waitFor(() => messageTexts(widget).length === 4, 'the quick reply turn');
    expect(messageTexts(widget)[2]).to.equal('Start a return');
    expect(responder.turns[1]!.history.map((m) => m.role)).to.deep.equal(['visitor', 'bot']);
  });

  it('shows the typing indicator and the partial text while a reply streams', async () => {
    let release!: () => void;
    const gate = new Promise<void>((r) => (release = r));
    const widget = await mountWidget(uniqueSite(), {
      responder: {
        async *respond() {
          yield { type: 'typing' };
          await gate;
          yield { type: 'reply-start', replyId: 'r1', origin: 'llm' };
          yield { type: 'reply-delta', replyId: 'r1', text: 'Half an ans' };
          await new Promise((r) => setTimeout(r, 50));
          // A streaming reply may take back words it showed (tier 2's guardrails do).
          yield { type: 'reply-replace', replyId: 'r1', text: 'Half an' };
          yield { type: 'reply-delta', replyId: 'r1', text: ' answer.' };
          yield { type: 'reply-end', replyId: 'r1', citations: [], quickReplies: [], askFeedback: false };
        },
      },
    });
    await widget.open();
    await widget.send('hello');
    await waitFor(() => widget.shadowRoot!.querySelector('.typing'), 'typing indicator');
    release();
    await waitFor(() => log(widget).querySelector('.streaming')?.textContent?.includes('Half an ans'), 'partial text');
    await waitFor(() => messageTexts(widget)[1] === 'Half an answer.', 'the whole reply');
    expect(widget.shadowRoot!.querySelector('.typing')).to.equal(null);
    expect(log(widget).querySelector('.badge')?.textContent).to.equal('LLM on this device');
  });

  it('keeps an oversized message in the box with a clear error', async () => {
    const widget = await mountWidget(uniqueSite());
    await widget.open();
    const box = $<HTMLTextAreaElement>(widget, 'textarea');
    box.value = 'x'.repeat(4001);
    $(widget, 'button[part="send"]').click();
    const error = await waitFor(() => widget.shadowRoot!.querySelector('[role="alert"]'), 'the error');
    expect(error.textContent).to.contain('4,000 characters');
    expect(box.value.length).to.equal(4001);
    expect(messageTexts(widget)).to.deep.equal([]);
  });

  it('renders XSS payloads inert in visitor, bot and agent messages', async () => {
    const payloads = [
      '<img src=x onerror="window.__xss=1">',
      '<script>window.__xss=1</script>',
      '[click me](javascript:window.__xss=1)',
      '<a href="javascript:window.__xss=1">link</a>',
      '<svg onload="window.__xss=1"></svg>',
      '<iframe src="javascript:window.__xss=1"></iframe>',
    ];
    const widget = await mountWidget(uniqueSite(), {
      responder: new ScriptedResponder((turn) =>
        reply(turn.message.text, { citations: [{ title: 'Bad link', url: 'javascript:window.__xss=1' }] }),
      ),
    });
    await widget.open();
    for (const [i, text] of payloads.entries()) {
      await widget.send(text);
      await waitFor(() => messageTexts(widget).length === i * 3 + 2, 'the bot echo');
      await widget.receive({ id: crypto.randomUUID(), conversationId: '', role: 'agent', author: 'Sam', text, at: Date.now(), status: 'delivered' });
    }
    await waitFor(() => messageTexts(widget).length === payloads.length * 3, 'all messages');
    await new Promise((r) => setTimeout(r, 50));
    const root = log(widget);
    expect((window as { __xss?: number }).__xss).to.equal(undefined);
    expect(root.querySelectorAll('img, script, svg, iframe, [onerror], [onload]').length).to.equal(0);
    for (const a of root.querySelectorAll('a')) expect(a.getAttribute('href') ?? '').not.to.match(/^\s*javascript:/i);
    const visitorTexts = [...root.querySelectorAll('.visitor .bubble')].map((b) => b.textContent);
    expect(visitorTexts).to.deep.equal(payloads);
    expect(root.querySelector('.citations li')?.textContent).to.equal('Bad link');
  });

  it('sends "Talk to a person" and responder escalations through escalate(), the hook and the event', async () => {
    const decision: EscalationDecision = { escalate: true, immediate: true, reasons: [{ code: 'legal-threat', text: "mentioned 'sue'" }] };
    const started: HandoffRequest[] = [];
    const responder = new ScriptedResponder(() => [{ type: 'escalate', decision }]);
    const widget = await mountWidget(uniqueSite(), {
      responder,
      handoff: {
        start(request, host) {
          started.push(request);
          host.requestUpdate();
        },
        renderStatus: () => (started.length ? `Waiting for an agent (${started.length})` : ''),
      },
    });
    const events: EscalationDecision[] = [];
    widget.addEventListener('support-widget:escalate', (e) => events.push(e.detail.decision));
    await widget.identify({ email: 'ada@example.com' });
    await widget.open();
    await widget.send('I will sue you');
    await waitFor(() => started.length === 1, 'the responder escalation');
    expect(started[0]!.decision).to.deep.equal(decision);
    expect(started[0]!.history.map((m) => m.text)).to.deep.equal(['I will sue you']);
    expect(started[0]!.visitor?.email).to.equal('ada@example.com');

    expect(responder.turns[0]!.escalated).to.equal(false);
    $(widget, 'button[part="person"]').click();
    await waitFor(() => started.length === 2, 'the button escalation');
    await widget.send('still there?');
    await waitFor(() => responder.turns.length === 2, 'the next turn');
    expect(responder.turns[1]!.escalated).to.equal(true);
    expect(started[1]!.decision.reasons[0]!.code).to.equal('human-request');
    await waitFor(() => events.length === 3, 'the third escalation event');
    // The event fires before the handoff starts (a page may cancel it), so wait for the start too.
    await waitFor(() => started.length === 3, 'the third handoff start');
    widget.requestUpdate();
    await widget.updateComplete;
    expect($(widget, '[part="handoff-status"]').textContent).to.contain('Waiting for an agent (3)');
  });

  it('delivers the visitor messages after an escalation through the transport the handoff attaches', async () => {
    const transport = new RecordingTransport();
    const widget = await mountWidget(uniqueSite(), {
      handoff: {
        start(_request, host) {
          host.transport = transport;
        },
      },
    });
    await widget.open();
    await widget.send('before a person was asked for');
    await widget.escalate();
    await widget.send('for the agent');
    await waitFor(() => transport.delivered.length === 1, 'delivery to the agent');
    expect(transport.delivered.map((m) => m.text)).to.deep.equal(['for the agent']);
  });

  it('lets the page take over an escalation by cancelling the event, and says so plainly without a handoff', async () => {
    const widget = await mountWidget(uniqueSite());
    await widget.open();
    const cancel = (e: Event) => e.preventDefault();
    widget.addEventListener('support-widget:escalate', cancel, { once: true });
    await widget.escalate();
    expect(messageTexts(widget)).to.deep.equal([]);
    await widget.escalate();
    await waitFor(() => messageTexts(widget).length === 1, 'the notice');
    expect(messageTexts(widget)[0]).to.contain("Live chat isn't connected");
  });

  it('fires the escalate event at once, before the panel loads, so a page that cancels it needs none of the panel (offline too)', async () => {
    const site = uniqueSite();
    const widget = await mountWidget(site);
    const seen: EscalationDecision[] = [];
    widget.addEventListener('support-widget:escalate', (e) => {
      seen.push(e.detail.decision);
      e.preventDefault();
    });
    const escalating = widget.escalate();
    expect(seen.map((d) => d.reasons[0]!.code)).to.deep.equal(['human-request']);
    await escalating;
    // The panel opens the conversation's database as it loads: none means it never did.
    expect((await indexedDB.databases()).map((d) => d.name)).to.not.include(databaseName(site));
  });
});

describe('<support-widget> while closed', () => {
  afterEach(unmountAll);

  it('counts agent messages that arrive while closed on the launcher, and clears the count on open', async () => {
    const widget = await mountWidget(uniqueSite());
    await widget.preload();
    await widget.receive({ id: 'a1', conversationId: '', role: 'agent', author: 'Maya', text: 'Are you still there?', at: Date.now(), status: 'delivered' });
    await widget.updateComplete;
    expect($(widget, '.unread').textContent).to.equal('1');
    expect($(widget, '#support-widget-unread').textContent).to.equal('1 new message');
    expect($(widget, 'button[part="launcher"]').getAttribute('aria-describedby')).to.equal('support-widget-unread');
    await widget.open();
    expect(widget.shadowRoot!.querySelector('.unread')).to.equal(null);
    expect(messageTexts(widget)).to.deep.equal(['Are you still there?']);
  });
});

describe('configure()', () => {
  afterEach(async () => {
    SupportWidget.defaults = {};
    await unmountAll();
  });

  it("sets known settings on the page's widgets and on widgets added later, and nothing else", async () => {
    const existing = await mountWidget(uniqueSite());
    configure({ theme: 'dark', greeting: 'Page-wide hello', ...({ innerHTML: 'overwritten' } as object) });
    expect(existing.theme).to.equal('dark');
    await existing.updateComplete;
    expect(existing.getAttribute('theme')).to.equal('dark');
    expect(existing.shadowRoot!.querySelector('button[part="launcher"]')).not.to.equal(null);
    const later = await mountWidget(uniqueSite());
    expect(later.greeting).to.equal('Page-wide hello');
    await later.open();
    expect(log(later).querySelector('.greeting')?.textContent?.trim()).to.equal('Page-wide hello');
  });
});
