/**
 * `npm run build`: the library, `dist/support-widget.js` plus lazy chunks
 * (panel, memory, inference) and the offline service worker
 * `dist/support-widget-sw.js`. `vite` (dev): the demo store in `demo/` at
 * http://localhost:5173 (PORT), where `/support-widget.js` is the widget's
 * source and `%RELAY_URL%` in a page is the relay `npm start` runs.
 */
import { readdir, readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { rolldown } from 'rolldown';
import minifyHtmlLiteralsModule from 'rollup-plugin-minify-html-literals';
import { defineConfig, type Plugin, type UserConfig } from 'vite';
import { parseArticle } from './relay/src/knowledge/article-source.js';

export const root = fileURLToPath(new URL('.', import.meta.url));
export const embedSource = `${root}widget/src/embed.ts`;

export const relayUrl = process.env.RELAY_URL ?? `http://localhost:${process.env.RELAY_PORT ?? 1999}`;

/** Lets demo pages embed the widget exactly as the README tells site owners to. */
function demoEmbed(): Plugin {
  return {
    name: 'support-widget-demo-embed',
    resolveId: (id) => (id === '/support-widget.js' ? embedSource : undefined),
    transformIndexHtml: (page) => page.replaceAll('%RELAY_URL%', relayUrl),
  };
}

/**
 * The store's header and footer, written once in `demo/store/` and placed
 * where a page says `<!-- store-header -->` / `<!-- store-footer -->`; the
 * nav link to the page itself is marked `aria-current`.
 */
function storeChrome(): Plugin {
  const partial = (name: string) => readFile(`${root}demo/store/${name}.html`, 'utf8');
  return {
    name: 'support-widget-demo-store-chrome',
    async transformIndexHtml(page, { path }) {
      const current = path === '/' ? '/index.html' : path;
      const header = (await partial('header')).replace(`href="${current}"`, `href="${current}" aria-current="page"`);
      return page.replace('<!-- store-header -->', header.trim()).replace('<!-- store-footer -->', (await partial('footer')).trim());
    },
  };
}

/**
 * `virtual:help-articles` for the demo's help centre: every article in
 * `demo/content/articles/`, checked by the same front-matter rules the
 * relay's knowledge index uses, with its Markdown body. `/help/<id>` pages
 * are served by `help.html`.
 */
function helpArticles(): Plugin {
  const id = 'virtual:help-articles';
  const dir = `${root}demo/content/articles`;
  return {
    name: 'support-widget-demo-help-articles',
    resolveId: (source) => (source === id ? `\0${id}` : undefined),
    async load(resolved) {
      if (resolved !== `\0${id}`) return undefined;
      const files = (await readdir(dir).catch(() => [])).filter((f) => f.endsWith('.md')).sort();
      const articles = await Promise.all(
        files.map(async (file) => {
          this.addWatchFile(`${dir}/${file}`);
          const source = await readFile(`${dir}/${file}`, 'utf8');
          const { id, title, url, product, locale, updated } = parseArticle(source, file);
          const markdown = source.replace(/^---[\s\S]*?\n---\r?\n/, '').replace(/^\s*#\s+.*\r?\n/, '');
          return { id, title, url, product, locale, updated, markdown };
        }),
      );
      return `export default ${JSON.stringify(articles)};`;
    },
    configureServer(server) {
      server.middlewares.use((req, _res, next) => {
        if (req.url?.startsWith('/help/')) req.url = '/help.html';
        next();
      });
    },
  };
}

/**
 * The shipped intent model beside the widget's script: `/models/support-intent/`
 * in dev, `dist/models/support-intent/` in the build, where the default
 * responder looks for it.
 */
function shippedModels(): Plugin {
  const folder = 'models/support-intent';
  const files = ['config.json', 'tokenizer.json', 'tokenizer_config.json', 'onnx/model.onnx'];
  return {
    name: 'support-widget-shipped-models',
    configureServer(server) {
      server.middlewares.use(async (req, res, next) => {
        const file = files.find((f) => req.url === `/${folder}/${f}`);
        if (!file) return next();
        const body = await readFile(`${root}${folder}/${file}`);
        res.setHeader('content-type', file.endsWith('.json') ? 'application/json' : 'application/octet-stream');
        res.end(body);
      });
    },
    async generateBundle() {
      for (const file of files) {
        this.emitFile({ type: 'asset', fileName: `${folder}/${file}`, source: await readFile(`${root}${folder}/${file}`) });
      }
    },
  };
}

/**
 * The offline service worker as one classic, self-contained script beside
 * the widget's (`support-widget-sw.js`): service workers cannot load chunks
 * the way the widget does, and module service workers are not everywhere.
 * Same URL in dev (`/support-widget-sw.js`) and in `dist/`.
 */
function offlineServiceWorker(): Plugin {
  const fileName = 'support-widget-sw.js';
  const bundle = async () => {
    const build = await rolldown({ input: `${root}widget/src/offline/service-worker.ts`, platform: 'browser', logLevel: 'warn' });
    try {
      const { output } = await build.generate({ format: 'iife', minify: true });
      return output[0].code;
    } finally {
      await build.close();
    }
  };
  return {
    name: 'support-widget-offline-service-worker',
    configureServer(server) {
      server.middlewares.use((req, res, next) => {
        if (req.url?.split('?')[0] !== `/${fileName}`) return next();
        bundle().then((code) => {
          res.setHeader('content-type', 'text/javascript');
          res.setHeader('cache-control', 'no-cache');
          res.end(code);
        }, next);
      });
    },
    async generateBundle() {
      this.emitFile({ type: 'asset', fileName, source: await bundle() });
    },
  };
}

/**
 * Workers as ES modules with their own lazy chunks (phone and date libraries, ONNX Runtime), not one IIFE with
 * everything inlined: the first Understanding waits only for the kernel and the light rules. Shared by the classic build.
 */
/**
 * Lit's html`` and css`` templates keep their source indentation, comments and
 * CSS spacing through the JS minifier; a production build strips them (parsed
 * per template, so bindings and text are untouched).
 */
function litTemplateMinifier(): Plugin {
  // A CommonJS module whose default export is `exports.default`.
  const minifyHtmlLiterals = (minifyHtmlLiteralsModule as unknown as { default: typeof minifyHtmlLiteralsModule }).default;
  const plugin = minifyHtmlLiterals({ include: [`${root}widget/src/**/*.ts`], exclude: [`${root}widget/src/**/*.test.ts`], failOnError: true });
  return { name: 'lit-template-minifier', apply: 'build', transform: plugin.transform as unknown as Plugin['transform'] };
}

export const workerBuild = {
  format: 'es',
  rolldownOptions: { output: { entryFileNames: 'assets/[name]-[hash].js', chunkFileNames: 'chunks/[name]-[hash].js' } },
} satisfies UserConfig['worker'];

export default defineConfig({
  root: `${root}demo`,
  // Everything the script loads later (chunks, worker, models) is found relative to the script, wherever it is hosted.
  base: './',
  publicDir: false,
  appType: 'mpa',
  plugins: [demoEmbed(), storeChrome(), helpArticles(), shippedModels(), offlineServiceWorker(), litTemplateMinifier()],
  // Scan the widget's lazily loaded code too: a dependency found only after a page loaded makes Vite reload
  // that page, which would drop a visitor's open chat (and a test's) on the first run of a fresh clone.
  optimizeDeps: { entries: ['**/*.html', `${root}widget/src/**/*.ts`, `!${root}widget/src/**/*.test.ts`] },
  server: {
    port: Number(process.env.PORT ?? 5173),
    strictPort: true,
    fs: { allow: [root] },
  },
  preview: { port: Number(process.env.PORT ?? 5173) },
  worker: workerBuild,
  build: {
    outDir: `${root}dist`,
    emptyOutDir: true,
    target: 'es2022',
    minify: true,
    manifest: true,
    // The lazy chunks are few and load on demand: nothing to preload.
    modulePreload: false,
    sourcemap: true,
    // An app build, not `lib`: Vite leaves whitespace in ES library output, and visitors pay for every byte.
    rolldownOptions: {
      input: { 'support-widget': embedSource },
      preserveEntrySignatures: 'exports-only',
      output: {
        entryFileNames: '[name].js',
        chunkFileNames: 'chunks/[name]-[hash].js',
        // Lit (and Vite's small dynamic-import wrapper) are shared by the launcher and the panel: one chunk, not two.
        // So are two tiny modules several lazy chunks import: left in chunks of their own, each would be a second
        // request that a lazy chunk (the worker's starter, the responder) waits for before it can run. Likewise the
        // launcher's label and the choice of language, which the panel's text reads too.
        codeSplitting: {
          groups: [
            {
              name: 'shared',
              test: /node_modules[\\/](lit|lit-html|lit-element|@lit)[\\/]|vite[\\/]preload-helper|widget[\\/]src[\\/](element[\\/]widget-location|escalation[\\/]sentiment-trend|locale[\\/](launcher-text|locale-choice))\.ts$/,
            },
          ],
        },
      },
    },
  },
});
