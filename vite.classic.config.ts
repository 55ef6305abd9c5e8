/**
 * The classic build for pages that cannot load modules:
 * `dist/support-widget.classic.js`, one IIFE with every chunk inlined,
 * exposing `window.SupportWidget.configure()`. Workers, WebAssembly and
 * models stay separate files beside it (an app build, not `lib`, which
 * would inline them as base64).
 */
import { defineConfig, type Plugin } from 'vite';
import { embedSource, root, workerBuild } from './vite.config.js';

/**
 * A classic script has no `import.meta.url` (the IIFE output leaves `{}.url`)
 * and `document.currentScript` is only set while the file first runs, but
 * chunk, worker and model URLs are resolved later, on first open. Capture
 * the script once at the top of the IIFE and resolve everything against it.
 */
function resolveAgainstThisScript(): Plugin {
  const script = '__supportWidgetScript';
  return {
    name: 'support-widget-classic-script-url',
    renderChunk(code) {
      const resolved = code
        .replaceAll('document.currentScript', script)
        .replace(/\{\s*\}\.url\b/g, `(${script} && ${script}.src || document.baseURI)`);
      return `var ${script} = document.currentScript;\n${resolved}`;
    },
  };
}

export default defineConfig({
  root,
  base: './',
  publicDir: false,
  plugins: [resolveAgainstThisScript()],
  worker: workerBuild,
  // A single file cannot load web-llm's page-side client (`model_runtime_gzip_kb`, bench/results.json) later, and must not carry it: the widget offers no
  // self-hosted web-llm model here (the browser's built-in model still works), and the bundler drops that code.
  define: { 'import.meta.env.SUPPORT_WIDGET_SINGLE_FILE': 'true' },
  build: {
    outDir: `${root}dist`,
    emptyOutDir: false,
    target: 'es2020',
    minify: true,
    sourcemap: true,
    modulePreload: false,
    rolldownOptions: {
      input: { 'support-widget.classic': embedSource },
      preserveEntrySignatures: 'exports-only',
      output: { format: 'iife', name: 'SupportWidget', entryFileNames: '[name].js', codeSplitting: false },
    },
  },
});
