import { esbuildPlugin } from '@web/dev-server-esbuild';
import { chromeLauncher } from '@web/test-runner-chrome';
import { existsSync, readFileSync } from 'node:fs';

const executablePath = process.env.CHROME_PATH ?? '/usr/bin/chromium';
const chromiumArgs = JSON.parse(readFileSync(new URL('./scripts/chromium-flags.json', import.meta.url), 'utf8'));
if (!existsSync(executablePath)) {
  throw new Error(
    `Chromium not found at ${executablePath}. Install it with ` +
      '`sudo apt-get update && sudo apt-get install -y chromium`, or set CHROME_PATH.',
  );
}

// Browser tests are `*.browser.test.ts`; `npm test` passes the relay it started as RELAY_URL.
const relayUrl = process.env.RELAY_URL ?? '';

export default {
  rootDir: '.',
  files: process.env.WTR_FILES ? process.env.WTR_FILES.split(',') : ['{widget,demo,models,relay}/**/*.browser.test.ts'],
  nodeResolve: { exportConditions: ['browser', 'production'] },
  concurrency: 1,
  concurrentBrowsers: 1,
  browserStartTimeout: 60_000,
  testsStartTimeout: 60_000,
  testsFinishTimeout: 300_000,
  testFramework: { config: { timeout: 30_000 } },
  plugins: [esbuildPlugin({ ts: true, target: 'es2022', tsconfig: 'tsconfig.json' })],
  testRunnerHtml: (testFramework) => `<!doctype html><html><head>
    <script>window.__TEST_ENV__ = ${JSON.stringify({ relayUrl })};</script>
    </head><body><script type="module" src="${testFramework}"></script></body></html>`,
  browsers: [
    chromeLauncher({
      launchOptions: {
        executablePath,
        headless: true,
        args: chromiumArgs,
      },
    }),
  ],
};
