/**
 * The classic build for pages that cannot load modules:
 * `dist/support-widget.classic.js`, one IIFE with every chunk inlined,
 * exposing `window.SupportWidget.configure()`.
 */
import { defineConfig } from 'vite';
import { embedSource, root } from './vite.config.js';

export default defineConfig({
  root,
  publicDir: false,
  build: {
    outDir: `${root}dist`,
    emptyOutDir: false,
    target: 'es2020',
    minify: true,
    sourcemap: true,
    lib: { entry: embedSource, name: 'SupportWidget', formats: ['iife'], fileName: () => 'support-widget.classic.js' },
    rolldownOptions: { output: { codeSplitting: false } },
  },
});
