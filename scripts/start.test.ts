import assert from 'node:assert/strict';
import { spawn } from 'node:child_process';
import { once } from 'node:events';
import { fileURLToPath } from 'node:url';
import { describe, it } from 'node:test';
import { chromium } from 'playwright-core';
import { freePort } from '../relay/test/relay-process.js';
import { chromiumArgs, chromiumPath } from './chromium.js';

const root = fileURLToPath(new URL('..', import.meta.url));

describe('npm start', () => {
  it('serves the demo store wired to the relay it starts, prints the URLs, and stops both on Ctrl-C', { timeout: 120_000 }, async () => {
    const [relayPort, demoPort] = [await freePort(), await freePort()];
    const child = spawn(process.execPath, ['--import', 'tsx', 'scripts/start.ts'], {
      cwd: root,
      env: { ...process.env, RELAY_PORT: String(relayPort), PORT: String(demoPort) },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let out = '';
    child.stdout.on('data', (d) => (out += d));
    child.stderr.on('data', (d) => (out += d));
    try {
      const deadline = Date.now() + 100_000;
      while (!out.includes('Ctrl-C stops everything') && Date.now() < deadline && child.exitCode === null) {
        await new Promise((r) => setTimeout(r, 200));
      }
      assert.match(out, new RegExp(`http://localhost:${demoPort}/agent\\.html`), out);
      assert.match(out, new RegExp(`Relay\\s+http://localhost:${relayPort}`));

      const home = await (await fetch(`http://localhost:${demoPort}/`)).text();
      assert.match(home, /<script type="module" src="\/support-widget\.js"><\/script>/);
      assert.match(home, new RegExp(`<support-widget relay="http://localhost:${relayPort}" site="northwind"`));
      assert.equal((await fetch(`http://localhost:${demoPort}/support-widget.js`)).status, 200);
      // The offline service worker, same origin as the pages, one classic script.
      assert.doesNotMatch(await (await fetch(`http://localhost:${demoPort}/support-widget-sw.js`)).text(), /^\s*(import|export)\b/m);
      assert.match(await (await fetch(`http://localhost:${demoPort}/help/returns-policy`)).text(), /help-centre/);
      assert.equal((await fetch(`http://localhost:${relayPort}/api/health`)).status, 200);

      // What a visitor sees: a help article rendered from the demo content, and the widget on the same page.
      const browser = await chromium.launch({ executablePath: chromiumPath(), args: chromiumArgs, headless: true });
      try {
        const page = await browser.newPage();
        await page.goto(`http://localhost:${demoPort}/help/returns-policy`);
        await page.getByRole('heading', { level: 1, name: 'How returns work' }).waitFor();
        await page.getByRole('button', { name: 'Open support chat' }).click();
        await page.getByRole('textbox', { name: 'Message' }).waitFor();
        await page.goto(`http://localhost:${demoPort}/help.html`);
        await page.getByRole('link', { name: 'How returns work' }).waitFor();
      } finally {
        await browser.close();
      }
    } finally {
      child.kill('SIGINT');
      if (child.exitCode === null) await once(child, 'exit');
    }
    assert.equal(child.exitCode, 0, out);
    await assert.rejects(fetch(`http://localhost:${demoPort}/`));
    await assert.rejects(fetch(`http://localhost:${relayPort}/api/health`));
  });
});
