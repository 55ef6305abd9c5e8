import assert from 'node:assert/strict';
import { mkdtempSync, rmSync } from 'node:fs';
import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { tmpdir } from 'node:os';
import { extname, join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';
import { after, before, describe, it } from 'node:test';
import { chromium, type Browser } from 'playwright-core';
import { freePort, startRelay, type RelayProcess } from '../../relay/test/relay-process.js';
import { chromiumArgs, chromiumPath } from '../../scripts/chromium.js';
import { buildWidget } from '../../scripts/widget-build.js';

const root = fileURLToPath(new URL('../..', import.meta.url));
const types: Record<string, string> = { '.js': 'text/javascript', '.json': 'application/json', '.css': 'text/css', '.wasm': 'application/wasm' };

/**
 * The demo store's home page as a site owner would host it: the production
 * build (`npm run build`) at the site's root, beside its own pages.
 */
function serveStore(dist: string, relayUrl: string, port: number): Promise<Server> {
  const server = createServer((req, res) => {
    const path = normalize(decodeURIComponent(new URL(req.url ?? '/', 'http://x').pathname));
    const file = path === '/' ? join(root, 'demo/index.html') : path.startsWith('/store/') ? join(root, 'demo', path) : join(dist, path);
    readFile(file).then(
      (body) => {
        res.setHeader('content-type', path === '/' ? 'text/html' : (types[extname(file)] ?? 'application/octet-stream'));
        res.end(path === '/' ? body.toString().replaceAll('%RELAY_URL%', relayUrl) : body);
      },
      () => res.writeHead(404).end(),
    );
  });
  return new Promise((resolve) => server.listen(port, 'localhost', () => resolve(server)));
}

/** What the service worker must hold before the network goes: the page, the widget's script, its model and the snapshot. */
async function offlineReady(relayOrigin: string): Promise<boolean> {
  if (!navigator.serviceWorker.controller) return false;
  const name = (await caches.keys()).find((k) => k.startsWith('support-widget-'));
  if (!name) return false;
  const cache = await caches.open(name);
  const wanted = [
    location.href,
    new URL('/support-widget.js', location.href).href,
    new URL('/models/support-intent/onnx/model.onnx', location.href).href,
    `${relayOrigin}/api/knowledge/snapshot`,
  ];
  const hits = await Promise.all(wanted.map((url) => cache.match(url, { ignoreVary: true })));
  // The inference worker starts beside the panel; on a slow first start it may not have been fetched yet.
  const worker = (await cache.keys()).some((r) => /understanding\.worker-[\w-]+\.js$/.test(r.url));
  return worker && hits.every(Boolean);
}

/** The paths of the scripts in the widget's offline cache. */
async function cachedScripts(): Promise<string[]> {
  const name = (await caches.keys()).find((k) => k.startsWith('support-widget-'));
  if (!name) return [];
  return (await (await caches.open(name)).keys()).map((r) => new URL(r.url).pathname).filter((path) => path.endsWith('.js'));
}

describe('the demo store offline', () => {
  const dist = mkdtempSync(join(tmpdir(), 'support-widget-offline-'));
  let relay: RelayProcess;
  let store: Server;
  let browser: Browser;
  let origin: string;

  before(async () => {
    const port = await freePort();
    origin = `http://localhost:${port}`;
    const built = buildWidget('vite.config.ts', dist);
    relay = await startRelay({ RELAY_SITES: JSON.stringify({ northwind: [origin] }) });
    await built;
    store = await serveStore(dist, relay.url, port);
    browser = await chromium.launch({ executablePath: chromiumPath(), args: chromiumArgs, headless: true });
  }, { timeout: 120_000 });

  after(async () => {
    await browser?.close();
    store?.close();
    await relay?.stop();
    rmSync(dist, { recursive: true, force: true });
  });

  it('builds the service worker as one classic script beside the widget', async () => {
    const sw = await readFile(join(dist, 'support-widget-sw.js'), 'utf8');
    assert.doesNotMatch(sw, /^\s*(import|export)\b|\bimport\s*\(/m, 'no module syntax, nothing to load');
    assert.match(sw, /addEventListener\(`fetch`|addEventListener\("fetch"|addEventListener\('fetch'/);
  });

  it('registers nothing when the site sets offline to false', async () => {
    const context = await browser.newContext();
    try {
      const page = await context.newPage();
      await page.goto(`${origin}/`);
      await page.locator('support-widget').evaluate((widget) => widget.setAttribute('offline', 'false'));
      await page.getByRole('button', { name: 'Open support chat' }).click();
      await page.getByRole('textbox', { name: 'Message' }).waitFor();
      await page.waitForTimeout(1500);
      assert.equal(await page.evaluate(async () => (await navigator.serviceWorker.getRegistrations()).length), 0);
    } finally {
      await context.close();
    }
  });

  it("keeps the files the inference worker loads itself, such as its phone and date libraries, from the first visit", { timeout: 90_000 }, async () => {
    const context = await browser.newContext();
    try {
      const page = await context.newPage();
      await page.goto(`${origin}/`);
      await page.getByRole('button', { name: 'Open support chat' }).click();
      await page.getByRole('textbox', { name: 'Message' }).waitFor();
      // The worker loads the libraries once it has been idle a moment after starting; the page never fetches them.
      const readyBy = Date.now() + 45_000;
      const chunk = /^\/chunks\/phone-and-date-libraries-[\w-]+\.js$/;
      for (let cached = await page.evaluate(cachedScripts); !cached.some((path) => chunk.test(path)); cached = await page.evaluate(cachedScripts)) {
        assert.ok(Date.now() < readyBy, `the service worker cached the worker's phone and date chunk; it has ${cached.join(', ')}`);
        await new Promise((r) => setTimeout(r, 250));
      }
    } finally {
      await context.close();
    }
  });

  it('after one online visit, a reload with no network shows the widget, loads the panel and answers from the snapshot with a citation', { timeout: 90_000 }, async () => {
    const context = await browser.newContext();
    try {
      const page = await context.newPage();
      await page.goto(`${origin}/`);
      const launcher = page.getByRole('button', { name: 'Open support chat' });
      await launcher.waitFor();
      // Nothing is registered before the panel loads.
      assert.equal(await page.evaluate(async () => (await navigator.serviceWorker.getRegistrations()).length), 0);
      await launcher.click();
      await page.getByRole('textbox', { name: 'Message' }).waitFor();
      const readyBy = Date.now() + 45_000;
      while (!(await page.evaluate(offlineReady, new URL(relay.url).origin))) {
        assert.ok(Date.now() < readyBy, 'the service worker cached the page, the widget, its model and the snapshot');
        await new Promise((r) => setTimeout(r, 250));
      }

      await context.setOffline(true);
      await page.reload();
      await page.getByRole('button', { name: 'Open support chat' }).click();
      const box = page.getByRole('textbox', { name: 'Message' });
      await box.fill('how do I reset my password?');
      await box.press('Enter');
      const answer = page.locator('.message.bot', { has: page.getByRole('list', { name: 'Sources' }) }).last();
      await answer.waitFor({ timeout: 20_000 });
      assert.match((await answer.getByRole('list', { name: 'Sources' }).getByRole('link').first().textContent()) ?? '', /password/i);
      assert.match((await answer.textContent()) ?? '', /on device/);
    } finally {
      await context.close();
    }
  });
});
