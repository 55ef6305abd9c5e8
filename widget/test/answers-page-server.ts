import { build } from 'esbuild';
import { readFile } from 'node:fs/promises';
import { createServer, type Server } from 'node:http';
import { join, normalize } from 'node:path';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));

export interface AnswersPage {
  url: string;
  close(): Promise<void>;
}

const MODEL_DIR = join(root, 'models/support-intent');

/**
 * Serves a page that runs the real answer code (bundled from source with
 * esbuild), the shipped intent model under `/models/support-intent/` and the
 * widget's service worker at `/sw.js`, on loopback, for the offline test and
 * the answers benchmark, which drive it with playwright-core.
 */
export async function serveAnswersPage(relayUrl: string): Promise<AnswersPage> {
  const bundle = async (entry: string) => {
    const out = await build({
      entryPoints: [fileURLToPath(new URL(entry, import.meta.url))],
      bundle: true,
      format: 'iife',
      target: 'es2022',
      write: false,
      absWorkingDir: root,
      logLevel: 'silent',
    });
    return out.outputFiles[0]!.text;
  };
  const [app, sw] = await Promise.all([bundle('./answers-page-app.ts'), bundle('../src/offline/service-worker.ts')]);
  const html = `<!doctype html><html lang="en"><head><meta charset="utf-8"><title>answers</title>
<script>window.RELAY_URL = ${JSON.stringify(relayUrl)};</script><script src="/app.js" defer></script></head><body></body></html>`;
  const files: Record<string, [string, string]> = {
    '/': ['text/html; charset=utf-8', html],
    '/app.js': ['text/javascript; charset=utf-8', app],
    '/sw.js': ['text/javascript; charset=utf-8', sw],
  };
  const server: Server = createServer(async (req, res) => {
    const path = new URL(req.url ?? '/', 'http://x').pathname;
    if (path.startsWith('/models/support-intent/')) {
      const local = normalize(join(MODEL_DIR, path.slice('/models/support-intent/'.length)));
      const body = local.startsWith(MODEL_DIR) ? await readFile(local).catch(() => null) : null;
      if (!body) {
        res.writeHead(404).end();
        return;
      }
      res.writeHead(200, { 'content-type': local.endsWith('.json') ? 'application/json' : 'application/octet-stream' }).end(body);
      return;
    }
    const file = files[path];
    if (!file) {
      res.writeHead(404).end();
      return;
    }
    res.writeHead(200, { 'content-type': file[0], 'cache-control': 'no-cache' }).end(file[1]);
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as { port: number };
  return {
    url: `http://localhost:${port}/`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}
