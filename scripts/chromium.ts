import { existsSync, readFileSync } from 'node:fs';

/** Chromium for tests and benchmarks: `CHROME_PATH`, else Debian's `/usr/bin/chromium`. Never a downloaded browser. */
export function chromiumPath(): string {
  const path = process.env.CHROME_PATH ?? '/usr/bin/chromium';
  if (!existsSync(path)) {
    throw new Error(
      `Chromium not found at ${path}. Install Debian's build with ` +
        '`sudo apt-get update && sudo apt-get install -y chromium`, or set CHROME_PATH to a Chromium binary.',
    );
  }
  return path;
}

/** Flags for headless Chromium on a machine without network or GPU; WebGPU runs on SwiftShader. Shared with web-test-runner.config.mjs. */
export const chromiumArgs: string[] = JSON.parse(readFileSync(new URL('./chromium-flags.json', import.meta.url), 'utf8'));
