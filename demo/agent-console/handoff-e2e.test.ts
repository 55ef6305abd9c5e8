/**
 * Live handoff end to end in headless Chromium: the demo store with the
 * `<support-widget>` (visitor) and demo/agent.html (agent) in two browser
 * contexts, against a real `partykit dev` relay and the demo's Vite server.
 */
import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';
import { createServer, type ViteDevServer } from 'vite';
import { chromiumArgs, chromiumPath } from '../../scripts/chromium.js';
import { freePort, startRelay, type RelayProcess } from '../../relay/test/relay-process.js';
import { readLabeledCsv } from '../../models/src/csv.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
// `partykit dev` keeps room storage between runs: a site of this run's own starts with an empty queue.
const SITE = `e2e-${crypto.randomUUID().slice(0, 8)}`;

let relay: RelayProcess;
let vite: ViteDevServer;
let browser: Browser;
let demo: string;

before(async () => {
  relay = await startRelay({
    DEMO: '1',
    RELAY_SITES: JSON.stringify({ [SITE]: ['http://localhost:*', 'http://127.0.0.1:*'] }),
  });
  process.env.RELAY_URL = relay.url;
  const port = await freePort();
  vite = await createServer({ configFile: `${root}vite.config.ts`, logLevel: 'error', server: { port, strictPort: true, hmr: false } });
  await vite.listen();
  demo = `http://localhost:${port}`;
  browser = await chromium.launch({ executablePath: chromiumPath(), args: chromiumArgs, headless: true });
});

after(async () => {
  await browser?.close();
  await vite?.close();
  await relay?.stop();
});

/**
 * The demo store with the relay handoff plugged into its widget, the way the lead wires it; with `defaultHandoff`,
 * the widget's own (what a site with a `relay` attribute gets).
 */
async function visitorPage(context: BrowserContext, defaultHandoff = false): Promise<Page> {
  const page = await context.newPage();
  await page.goto(`${demo}/`);
  await page.evaluate(
    async ({ handoffModule, site, defaultHandoff }) => {
      const { RelayHandoff } = await import(handoffModule);
      await customElements.whenDefined('support-widget');
      const widget = document.querySelector('support-widget') as HTMLElement & { handoff: unknown };
      widget.setAttribute('site', site);
      if (!defaultHandoff) widget.handoff = new RelayHandoff();
    },
    { handoffModule: `/@fs${root}widget/src/handoff/index.ts`, site: SITE, defaultHandoff },
  );
  await page.getByRole('button', { name: 'Open support chat' }).click();
  await page.getByRole('textbox', { name: 'Message' }).waitFor();
  return page;
}

async function agentPage(context: BrowserContext, name: string): Promise<Page> {
  const page = await context.newPage();
  await page.goto(`${demo}/agent.html?relay=${encodeURIComponent(relay.url)}&site=${SITE}`);
  await page.getByLabel('Your name').fill(name);
  await page.getByRole('button', { name: 'Sign in (demo)' }).click();
  await page.getByText(`Signed in as ${name}`).waitFor();
  return page;
}

/** axe-core's violations inside `selector` (an array walks into shadow roots), as "rule: target" lines. */
async function axeViolations(page: Page, selector: string | string[]): Promise<string[]> {
  await page.addScriptTag({ path: `${root}node_modules/axe-core/axe.min.js` });
  return page.evaluate(`(async () => {
    const result = await window.axe.run({ include: [${JSON.stringify(selector)}] }, { resultTypes: ['violations'] });
    return result.violations.flatMap((v) => v.nodes.map((n) => v.id + ': ' + JSON.stringify(n.target)));
  })()`);
}

const visitorLog = (page: Page) => page.getByRole('log', { name: 'Conversation' });
const agentLog = (page: Page) => page.getByRole('log', { name: 'Conversation with the visitor' });

async function sendAsVisitor(page: Page, text: string) {
  const box = page.getByRole('textbox', { name: 'Message' });
  await box.fill(text);
  await box.press('Enter');
}

async function sendAsAgent(page: Page, text: string) {
  await page.getByLabel('Reply', { exact: true }).fill(text);
  await page.getByRole('button', { name: 'Send', exact: true }).first().click();
}

/** A visitor who asked for a person and an agent who claimed them, in two contexts. */
async function claimedChat(agentName: string, defaultHandoff = false) {
  const agentContext = await browser.newContext();
  const agent = await agentPage(agentContext, agentName);
  const context = await browser.newContext();
  const visitor = await visitorPage(context, defaultHandoff);
  await visitor.getByRole('button', { name: 'Talk to a person' }).click();
  await visitor.getByText(/in line|Expected wait/).first().waitFor();
  const entry = agent.locator('li.entry', { hasText: 'Talk to a person' }).last();
  await entry.getByRole('button', { name: 'Claim' }).click();
  await visitor.getByText(`${agentName} joined the chat.`).waitFor();
  const close = async () => {
    await context.close();
    await agentContext.close();
  };
  return { agent, visitor, context, close };
}

describe('live handoff in the browser', () => {
  it('with nobody online: an honest message and a callback that is captured', async () => {
    const context = await browser.newContext();
    const visitor = await visitorPage(context);
    await visitor.getByRole('button', { name: 'Talk to a person' }).click();
    await visitor.getByText('Nobody from the team is online right now').waitFor();
    assert.deepEqual(await axeViolations(visitor, ['support-widget', '.handoff-status']), [], 'the status line and callback form are accessible');
    await visitor.getByRole('textbox', { name: 'Email address' }).fill('jo@example.com');
    await visitor.getByRole('button', { name: 'Request a callback' }).click();
    await visitor.getByText('The team will email you').waitFor();
    // Never a dead end: the assistant keeps answering while the visitor waits.
    const botReplies = visitorLog(visitor).locator('.message.bot');
    const before = await botReplies.count();
    await sendAsVisitor(visitor, 'How do I return my boots?');
    await botReplies.nth(before).waitFor();

    // The agent who comes online later sees the callback on the queue entry.
    const agentContext = await browser.newContext();
    const agent = await agentPage(agentContext, 'Callum');
    await agent.getByText('Asked for a callback by email: jo@example.com').waitFor();
    await context.close();
    await agentContext.close();
  });

  it('explicit request → queue → claim → two-way chat with typing and read receipts → close', async () => {
    const { agent, visitor, close } = await claimedChat('Maya');
    await agent.getByText('Why the AI escalated').waitFor();
    assert.deepEqual(await axeViolations(agent, 'agent-console'), [], 'the console with a live chat open is accessible');

    await agent.getByLabel('Reply', { exact: true }).pressSequentially('Hi');
    await visitor.getByText('Maya is typing').waitFor();
    await sendAsAgent(agent, 'Hi, Maya here. How can I help?');
    await visitorLog(visitor).getByText('Hi, Maya here. How can I help?').waitFor();
    await agent.getByText('Seen', { exact: true }).waitFor();

    await visitor.getByRole('textbox', { name: 'Message' }).pressSequentially('My boots');
    await agent.getByText('Visitor is typing…').waitFor();
    await sendAsVisitor(visitor, 'My boots arrived with a broken lace hook. How do I return them?');
    await agentLog(agent).getByText('My boots arrived with a broken lace hook. How do I return them?').waitFor();

    // Replies drafted from the knowledge base; a rejection becomes a labeled training example.
    const suggestion = agent.locator('.suggestion').first();
    await suggestion.waitFor();
    await agent.getByLabel('Visitor is asking about').selectOption('get_refund');
    await suggestion.getByRole('button', { name: 'Reject' }).click();
    const download = agent.waitForEvent('download');
    await agent.getByRole('button', { name: 'Export 1 labeled example (CSV)' }).click();
    const csv = await readFile((await (await download).path())!, 'utf8');
    assert.deepEqual(readLabeledCsv(csv, 'text', 'label'), [
      { text: 'My boots arrived with a broken lace hook. How do I return them?', label: 'get_refund' },
    ]);

    await agent.getByText('Transfer or close').click();
    await agent.getByLabel('Resolution').selectOption('solved');
    await agent.getByRole('button', { name: 'Close conversation' }).click();
    await visitorLog(visitor).getByText(/Maya closed the conversation: Solved/).waitFor();
    await visitor.getByText(/has ended/).waitFor();
    await close();
  });

  it('the visitor sees "Seen" under their latest message once the agent has it on screen, inside the polite log', async () => {
    const { agent, visitor, close } = await claimedChat('Ines', true);
    const seen = visitorLog(visitor).getByText('Seen', { exact: true });
    const visitorMessage = (text: string) => visitorLog(visitor).locator('.message.visitor', { hasText: text });

    await sendAsVisitor(visitor, 'Is my parcel insured?');
    await agentLog(agent).getByText('Is my parcel insured?').waitFor();
    await visitorMessage('Is my parcel insured?').getByText('Seen', { exact: true }).waitFor();
    assert.equal(await visitorLog(visitor).getAttribute('aria-live'), 'polite', 'the receipt is announced politely');

    await sendAsVisitor(visitor, 'And can I still change the address?');
    await agentLog(agent).getByText('And can I still change the address?').waitFor();
    await visitorMessage('And can I still change the address?').getByText('Seen', { exact: true }).waitFor();
    assert.equal(await seen.count(), 1, 'only under the latest message read');

    await visitor.reload();
    await visitor.evaluate(async (site) => {
      await customElements.whenDefined('support-widget');
      document.querySelector('support-widget')!.setAttribute('site', site);
    }, SITE);
    await visitor.getByRole('button', { name: 'Open support chat' }).click();
    await visitorMessage('And can I still change the address?').getByText('Seen', { exact: true }).waitFor();
    await close();
  });

  it('a combined-signal escalation: the agent sees the reasons the device gave', async () => {
    const agentContext = await browser.newContext();
    const agent = await agentPage(agentContext, 'Ravi');
    const context = await browser.newContext();
    const visitor = await visitorPage(context);
    // A string, not a function: tsx would add helpers the page does not have.
    await visitor.evaluate(`(async () => {
      const { EscalationPolicy } = await import('/@fs${root}widget/src/escalation/policy.ts');
      const messages = ['track_order', 'delivery_period', 'track_order'].map((label, i) => ({
        id: 'm' + i, conversationId: 'c', role: 'visitor', text: 'where is my parcel', at: Date.now() - 1000 * (3 - i), status: 'delivered',
        understanding: {
          intent: { label, confidence: 0.9, rejected: false, alternatives: [] },
          sentiment: 0.2 - i * 0.4, frustration: { score: 0.3, signals: [] }, entities: [], language: 'en',
          redacted: 'where is my parcel', pii: [], backend: 'rules',
        },
      }));
      const decision = new EscalationPolicy().decide({ messages, now: Date.now() });
      if (!decision.escalate) throw new Error('expected the policy to escalate');
      await document.querySelector('support-widget').escalate(decision);
    })()`);

    const entry = agent.locator('li.entry', { hasText: 'asked about delivery three times' }).last();
    await entry.waitFor();
    await entry.getByText(/mood worsened/).waitFor();
    await entry.getByRole('button', { name: 'Claim' }).click();
    await agent.locator('handoff-packet-view').getByText('asked about delivery three times').waitFor();
    await context.close();
    await agentContext.close();
  });

  it('refuses an agent who did not claim the conversation', async () => {
    const context = await browser.newContext();
    const visitor = await visitorPage(context);
    await visitor.getByRole('button', { name: 'Talk to a person' }).click();
    await visitor.getByText(/in line|Expected wait|Nobody/).first().waitFor();
    const roomId = await visitor.evaluate(() => {
      const key = Object.keys(localStorage).find((k) => k.startsWith('support-widget:handoff:'))!;
      return JSON.parse(localStorage.getItem(key)!).roomId as string;
    });
    const intruderContext = await browser.newContext();
    const intruder = await agentPage(intruderContext, 'Mallory');
    const outcome = await intruder.evaluate(
      async ({ relay, roomId }) => {
        const token = JSON.parse(sessionStorage.getItem('agent-console:session')!).token;
        const ws = new WebSocket(`${relay.replace(/^http/, 'ws')}/parties/conversation/${roomId}?token=${token}`);
        return new Promise<string>((resolve) => {
          ws.onmessage = (e) => resolve(`read: ${e.data}`);
          ws.onclose = (e) => resolve(`closed ${e.code}`);
          setTimeout(() => resolve('timeout'), 5000);
        });
      },
      { relay: relay.url, roomId },
    );
    assert.match(outcome, /^closed/, `an unassigned agent got: ${outcome}`);
    await context.close();
    await intruderContext.close();
  });

  it('reconnects without loss: messages written offline on both sides arrive once, in order', async () => {
    const { agent, visitor, context, close } = await claimedChat('Noor');

    await context.setOffline(true);
    await sendAsVisitor(visitor, 'offline one');
    await sendAsVisitor(visitor, 'offline two');
    await sendAsAgent(agent, 'while you were away');
    await visitor.waitForTimeout(500);
    await context.setOffline(false);

    await agentLog(agent).getByText('offline two').waitFor({ timeout: 20_000 });
    await visitorLog(visitor).getByText('while you were away').waitFor({ timeout: 20_000 });
    const agentTexts = await agentLog(agent).locator('.msg.visitor').allInnerTexts();
    assert.deepEqual(agentTexts.filter((t) => t.startsWith('offline')), ['offline one', 'offline two']);
    assert.equal(await visitorLog(visitor).getByText('while you were away').count(), 1);
    await close();
  });
});
