/**
 * `npm start`: the whole demo on this machine. Starts the relay
 * (`partykit dev`, RELAY_PORT, default 1999) and the demo store with the
 * widget (Vite, PORT, default 5173), prints where everything is, and stops
 * both on Ctrl-C or when either one exits.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import { createServer } from 'node:net';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('..', import.meta.url));
const relayPort = Number(process.env.RELAY_PORT ?? 1999);
const demoPort = Number(process.env.PORT ?? 5173);
const relayUrl = `http://localhost:${relayPort}`;
const demoUrl = `http://localhost:${demoPort}`;

function portFree(port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const server = createServer();
    server.once('error', () => resolve(false));
    server.listen(port, () => server.close(() => resolve(true)));
  });
}

const children: ChildProcess[] = [];

/** Runs a command in its own process group, its output prefixed with `name`. */
function start(name: string, command: string, args: string[], env: NodeJS.ProcessEnv): ChildProcess {
  const child = spawn(command, args, { cwd: root, env: { ...process.env, ...env }, stdio: ['ignore', 'pipe', 'pipe'], detached: true });
  const prefix = (chunk: Buffer) => chunk.toString().replace(/^(?=.)/gm, `[${name}] `);
  child.stdout!.on('data', (d: Buffer) => process.stdout.write(prefix(d)));
  child.stderr!.on('data', (d: Buffer) => process.stderr.write(prefix(d)));
  child.on('exit', (code) => {
    if (stopping) return;
    console.error(`\n${name} exited (${code ?? 'signal'}); stopping the demo.`);
    void stop(code ?? 1);
  });
  children.push(child);
  return child;
}

let stopping = false;
async function stop(code: number): Promise<never> {
  stopping = true;
  await Promise.all(
    children.map(
      (child) =>
        new Promise<void>((resolve) => {
          if (child.exitCode !== null || child.signalCode !== null) return resolve();
          child.once('exit', () => resolve());
          try {
            process.kill(-child.pid!, 'SIGTERM');
          } catch {
            resolve();
          }
        }),
    ),
  );
  process.exit(code);
}

async function waitUntilUp(url: string, timeoutMs: number): Promise<boolean> {
  const deadline = Date.now() + timeoutMs;
  while (Date.now() < deadline && !stopping) {
    try {
      if ((await fetch(url)).ok) return true;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  return false;
}

for (const [name, port, variable] of [['relay', relayPort, 'RELAY_PORT'], ['demo', demoPort, 'PORT']] as const) {
  if (!(await portFree(port))) {
    console.error(`Port ${port} (${name}) is in use. Free it or choose another: ${variable}=<port> npm start`);
    process.exit(1);
  }
}

process.on('SIGINT', () => void stop(0));
process.on('SIGTERM', () => void stop(0));

// The demo store is the site `northwind`, served from this machine; DEMO=1 turns on its demo-only sign-ins.
const demoSites = JSON.stringify({ northwind: [`http://localhost:${demoPort}`, `http://127.0.0.1:${demoPort}`] });
start('relay', 'npx', ['partykit', 'dev', '--port', String(relayPort), '--var', 'DEMO=1', '--var', `RELAY_SITES=${demoSites}`], { FORCE_COLOR: '0' });
start('demo', `${root}node_modules/.bin/vite`, ['--port', String(demoPort), '--strictPort'], { RELAY_URL: relayUrl, PORT: String(demoPort) });

const [relayUp, demoUp] = await Promise.all([waitUntilUp(`${relayUrl}/api/health`, 90_000), waitUntilUp(demoUrl, 60_000)]);
if (!relayUp || !demoUp) {
  console.error(`\n${relayUp ? 'The demo server' : 'The relay'} did not come up; stopping.`);
  await stop(1);
}
console.log(`
  Northwind Outfitters demo   ${demoUrl}/
  Help centre                 ${demoUrl}/help.html
  Agent console               ${demoUrl}/agent.html
  Relay                       ${relayUrl}  (health: ${relayUrl}/api/health)

  Ctrl-C stops everything.
`);
