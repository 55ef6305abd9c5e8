/**
 * `npm run build`: the library, `dist/support-widget.js` plus lazy chunks
 * (panel, memory, inference). `vite` (dev): the demo store in `demo/` at
 * http://localhost:5173 (PORT), where `/support-widget.js` is the widget's
 * source and `%RELAY_URL%` in a page is the relay `npm start` runs.
 */
import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vite';

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

export default defineConfig({
  root: `${root}demo`,
  publicDir: false,
  plugins: [demoEmbed()],
  server: {
    port: Number(process.env.PORT ?? 5173),
    strictPort: true,
    fs: { allow: [root] },
  },
  preview: { port: Number(process.env.PORT ?? 5173) },
  build: {
    outDir: `${root}dist`,
    emptyOutDir: true,
    target: 'es2022',
    minify: true,
    manifest: true,
    sourcemap: true,
    // An app build, not `lib`: Vite leaves whitespace in ES library output, and visitors pay for every byte.
    rolldownOptions: {
      input: { 'support-widget': embedSource },
      preserveEntrySignatures: 'exports-only',
      output: {
        entryFileNames: '[name].js',
        chunkFileNames: 'chunks/[name]-[hash].js',
        // Lit is shared by the launcher and the panel; one named chunk the browser caches.
        codeSplitting: { groups: [{ name: 'lit', test: /node_modules[\\/](lit|lit-html|lit-element|@lit)[\\/]/ }] },
      },
    },
  },
});
