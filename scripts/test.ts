/**
 * `npm test`: every Node test, then every browser test in headless Chromium,
 * against one real `partykit dev` relay started here. `npm test -- node` or
 * `npm test -- browser` runs one half.
 */
import { spawn } from 'node:child_process';
import { readdirSync, statSync } from 'node:fs';
import { join, relative } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startRelay } from '../relay/test/relay-process.js';
import { chromiumPath } from './chromium.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const which = process.argv[2] ?? 'all';
const testRoots = ['protocol', 'widget', 'relay', 'models', 'demo', 'scripts', 'bench'];

function findTests(pattern: (f: string) => boolean): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      if (name === 'node_modules' || name.startsWith('.')) continue;
      const p = join(dir, name);
      if (statSync(p).isDirectory()) walk(p);
      else if (pattern(name)) out.push(relative(root, p));
    }
  };
  for (const r of testRoots) {
    try {
      walk(join(root, r));
    } catch {
      // folder not there yet
    }
  }
  return out.sort();
}

function run(cmd: string, args: string[], env: NodeJS.ProcessEnv): Promise<{ code: number; out: string }> {
  return new Promise((resolve) => {
    const child = spawn(cmd, args, { cwd: root, env, stdio: ['ignore', 'pipe', 'pipe'] });
    let out = '';
    child.stdout.on('data', (d) => {
      out += d;
      process.stdout.write(d);
    });
    child.stderr.on('data', (d) => {
      out += d;
      process.stderr.write(d);
    });
    child.on('exit', (code) => resolve({ code: code ?? 1, out }));
  });
}

const totals = { passed: 0, failed: 0 };
let failedRun = false;

const relay = await startRelay();
const env = { ...process.env, RELAY_URL: relay.url, FORCE_COLOR: '0' };
try {
  if (which === 'all' || which === 'node') {
    const files = findTests((f) => f.endsWith('.test.ts') && !f.endsWith('.browser.test.ts'));
    console.log(`\n▶ Node tests (${files.length} files)`);
    if (files.length) {
      const { code, out } = await run(
        process.execPath,
        ['--import', 'tsx', '--test', '--test-reporter=tap', '--test-concurrency=1', ...files],
        env,
      );
      totals.passed += Number(/^# pass (\d+)/m.exec(out)?.[1] ?? 0);
      totals.failed += Number(/^# fail (\d+)/m.exec(out)?.[1] ?? 0);
      if (code !== 0) failedRun = true;
    }
  }
  if (which === 'all' || which === 'browser') {
    const files = findTests((f) => f.endsWith('.browser.test.ts'));
    console.log(`\n▶ Browser tests in Chromium (${files.length} files)`);
    if (files.length) {
      process.env.CHROME_PATH = chromiumPath();
      const wtr = join(root, 'node_modules/.bin/wtr');
      const { code, out } = await run(wtr, ['--config', 'web-test-runner.config.mjs'], {
        ...env,
        CHROME_PATH: process.env.CHROME_PATH,
      });
      // web-test-runner colours its summary even when asked not to.
      const plain = out.replace(/\x1b\[[0-9;]*m/g, '');
      const counts = [...plain.matchAll(/(\d+) passed, (\d+) failed/g)].at(-1);
      totals.passed += Number(counts?.[1] ?? 0);
      totals.failed += Number(counts?.[2] ?? 0);
      if (code !== 0) failedRun = true;
    }
  }
} finally {
  await relay.stop();
}
console.log(`\n${totals.passed} passed, ${totals.failed} failed`);
process.exit(failedRun || totals.failed > 0 ? 1 : 0);
