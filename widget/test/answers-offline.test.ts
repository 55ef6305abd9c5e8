import assert from 'node:assert/strict';
import { after, before, describe, it } from 'node:test';
import { chromium, type Browser } from 'playwright-core';
import { startRelay, type RelayProcess } from '../../relay/test/relay-process.js';
import { chromiumArgs, chromiumPath } from '../../scripts/chromium.js';
import { serveAnswersPage, type AnswersPage } from './answers-page-server.js';
import type { PageAnswer } from './answers-page-app.js';
import { strategyFor } from '../src/offline/offline-policy.js';

type Answers = {
  ready: Promise<{ serviceWorker: boolean; snapshot: string | null }>;
  controlled(): boolean;
  ask(text: string): Promise<PageAnswer>;
  snapshotViaServiceWorker(): Promise<number>;
};
declare const answers: Answers;

describe('offline policy', () => {
  const config = { relayUrl: 'https://relay.example.com', assetPrefixes: ['https://shop.example.com/support-widget/'], cachePages: false };
  it('caches the snapshot, the widget’s assets, and nothing of the site unless asked', () => {
    assert.equal(strategyFor({ url: 'https://relay.example.com/api/knowledge/snapshot', method: 'GET' }, config), 'snapshot');
    assert.equal(strategyFor({ url: 'https://shop.example.com/support-widget/support-widget.js', method: 'GET' }, config), 'asset');
    assert.equal(strategyFor({ url: 'https://shop.example.com/support-widget/chunks/chat-panel-BXmxFk-R.js', method: 'GET' }, config), 'versioned-asset');
    assert.equal(strategyFor({ url: 'https://shop.example.com/support-widget/models/support-intent/onnx/model.onnx', method: 'GET' }, config), 'asset');
    assert.equal(strategyFor({ url: 'https://relay.example.com/api/knowledge/snapshot', method: 'GET' }, { ...config, relayUrl: '' }), 'passthrough');
    assert.equal(strategyFor({ url: 'https://relay.example.com/api/search', method: 'POST' }, config), 'passthrough');
    assert.equal(strategyFor({ url: 'https://shop.example.com/cart', method: 'GET', mode: 'navigate' }, config), 'passthrough');
    assert.equal(strategyFor({ url: 'https://shop.example.com/cart', method: 'GET', mode: 'navigate' }, { ...config, cachePages: true }), 'page');
  });
});

describe('offline: a visitor with no network still gets cited answers', () => {
  let relay: RelayProcess | undefined;
  let page: AnswersPage;
  let browser: Browser;

  before(async () => {
    const relayUrl = process.env.RELAY_URL || (relay = await startRelay()).url;
    page = await serveAnswersPage(relayUrl);
    browser = await chromium.launch({ executablePath: chromiumPath(), args: chromiumArgs, headless: true });
  });
  after(async () => {
    await browser?.close();
    await page?.close();
    await relay?.stop();
  });

  it('loads the page, scripts and snapshot from the cache and answers with a citation', async () => {
    const context = await browser.newContext();
    const tab = await context.newPage();
    await tab.goto(page.url);
    const ready = await tab.evaluate(() => answers.ready);
    assert.equal(ready.serviceWorker, true);
    assert.ok(ready.snapshot, 'the snapshot was cached while online');
    await tab.waitForFunction(() => answers.controlled());

    await context.setOffline(true);
    await tab.reload();
    await tab.evaluate(() => answers.ready);
    assert.equal(await tab.evaluate(() => navigator.onLine), false);
    const reply = await tab.evaluate(() => answers.ask('how do I cancel my order?'));
    assert.equal(reply.kind, 'answer');
    assert.equal(reply.origin, 'device');
    assert.match(reply.text, /cancel an order for 60 minutes/);
    assert.deepEqual(reply.citations, [{ title: 'Changing or cancelling an order', url: '/help/change-or-cancel-order' }]);
    assert.ok((await tab.evaluate(() => answers.snapshotViaServiceWorker())) > 10, 'the service worker serves the snapshot offline');
    await context.close();
  });
});
