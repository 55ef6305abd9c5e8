import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, mkdirSync, mkdtempSync, openSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'esbuild';

const root = fileURLToPath(new URL('../..', import.meta.url));

export interface RelayProcess {
  url: string;
  port: number;
  /** Process group of `partykit dev` and its workerd, e.g. to measure their CPU time. */
  pid: number;
  stop(): Promise<void>;
}

/** A free TCP port on loopback. */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const { port } = srv.address() as { port: number };
      srv.close(() => resolve(port));
    });
  });
}

/** How long `partykit dev` gets to answer `/api/health` (a cold start bundles the relay). */
const STARTUP_TIMEOUT_MS = 60_000;

export interface RelayOptions {
  /**
   * Serve a bundle of the relay built once at start instead of the source
   * tree. `partykit dev` restarts its workerd whenever a file the relay
   * imports changes (the relay imports widget/src/inference/), dropping every
   * connection: a benchmark in a tree others are editing uses this.
   */
  frozen?: boolean;
}

/**
 * Starts a real `partykit dev` relay on a free port and resolves once
 * `/api/health` answers. `vars` become PartyKit env vars (`--var KEY=VALUE`).
 */
export async function startRelay(vars: Record<string, string> = {}, options: RelayOptions = {}): Promise<RelayProcess> {
  const { frozen = false } = options;
  const port = await freePort();
  // Each relay keeps its rooms in its own folder: tests never see each other's state or the demo's.
  const state = mkdtempSync(join(tmpdir(), 'relay-state-'));
  const args = ['partykit', 'dev', '--port', String(port), '--persist', state, '--disable-request-cf-fetch'];
  // Inside the project: workerd refuses module paths that climb out of the working directory.
  const cache = join(root, 'node_modules', '.cache');
  if (frozen) mkdirSync(cache, { recursive: true });
  const frozenDir = frozen ? mkdtempSync(join(cache, 'relay-frozen-')) : null;
  if (frozenDir) args.push('--config', await frozenConfig(frozenDir));
  for (const [k, v] of Object.entries(vars)) args.push('--var', `${k}=${v}`);
  // partykit dev prints a line per request: to a file, not a pipe, so a test or bench never spends its own time reading it.
  const logFile = join(state, 'partykit.log');
  const logFd = openSync(logFile, 'a');
  const child: ChildProcess = spawn('npx', args, {
    cwd: root,
    stdio: ['ignore', logFd, logFd],
    detached: true,
    env: { ...process.env, FORCE_COLOR: '0' },
  });
  closeSync(logFd);
  const log = () => readFileSync(logFile, 'utf8').slice(-4000);
  const url = `http://127.0.0.1:${port}`;
  const stop = () =>
    new Promise<void>((resolve) => {
      if (child.exitCode !== null) return resolve();
      child.once('exit', () => resolve());
      try {
        process.kill(-child.pid!, 'SIGTERM');
      } catch {
        resolve();
      }
    }).then(() => {
      rmSync(state, { recursive: true, force: true });
      if (frozenDir) rmSync(frozenDir, { recursive: true, force: true });
    });
  const deadline = Date.now() + STARTUP_TIMEOUT_MS;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`partykit dev exited early:\n${log()}`);
    try {
      const res = await fetch(`${url}/api/health`);
      if (res.ok) return { url, port, pid: child.pid!, stop };
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  const tail = log();
  await stop();
  throw new Error(`partykit dev did not answer on ${url} within ${STARTUP_TIMEOUT_MS} ms:\n${tail}`);
}

/** Bundles the main party and every room once (shared modules in shared chunks) and writes a partykit.json for them. */
async function frozenConfig(dir: string): Promise<string> {
  const config = JSON.parse(readFileSync(join(root, 'partykit.json'), 'utf8')) as { main: string; parties: Record<string, string> };
  const entries = { main: config.main, ...config.parties };
  await build({
    entryPoints: Object.fromEntries(Object.entries(entries).map(([name, path]) => [name, join(root, path)])),
    outdir: join(dir, 'frozen'),
    bundle: true,
    splitting: true,
    format: 'esm',
    platform: 'neutral',
    mainFields: ['module', 'main'],
    conditions: ['workerd', 'worker', 'browser'],
    external: ['node:*'],
    logLevel: 'error',
  });
  const parties = Object.fromEntries(Object.keys(config.parties).map((name) => [name, `frozen/${name}.js`]));
  const path = join(dir, 'partykit.json');
  writeFileSync(path, JSON.stringify({ ...config, main: 'frozen/main.js', parties }));
  return path;
}
