import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, mkdtempSync, openSync, readFileSync, rmSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';

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

/**
 * Starts a real `partykit dev` relay on a free port and resolves once
 * `/api/health` answers. `vars` become PartyKit env vars (`--var KEY=VALUE`).
 */
export async function startRelay(vars: Record<string, string> = {}, timeoutMs = 60_000): Promise<RelayProcess> {
  const port = await freePort();
  // Each relay keeps its rooms in its own folder: tests never see each other's state or the demo's.
  const state = mkdtempSync(join(tmpdir(), 'relay-state-'));
  const args = ['partykit', 'dev', '--port', String(port), '--persist', state, '--disable-request-cf-fetch'];
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
    }).then(() => rmSync(state, { recursive: true, force: true }));
  const deadline = Date.now() + timeoutMs;
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
  throw new Error(`partykit dev did not answer on ${url} within ${timeoutMs} ms:\n${tail}`);
}
