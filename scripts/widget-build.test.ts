import assert from 'node:assert/strict';
import { mkdtempSync, readdirSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, describe, it } from 'node:test';
import { buildWidget, reachableChunks } from './widget-build.js';

const outDir = mkdtempSync(join(tmpdir(), 'support-widget-build-'));
after(() => rmSync(outDir, { recursive: true, force: true }));

describe('npm run build', () => {
  it('writes support-widget.js, which loads the panel, memory and sanitizer only on demand', { timeout: 120_000 }, async () => {
    const chunks = await buildWidget('vite.config.ts', outDir);
    const entry = chunks.get('support-widget.js');
    assert.ok(entry?.isEntry, 'dist/support-widget.js is the entry');
    assert.deepEqual(entry.exports.sort(), ['SupportWidget', 'configure']);
    const eager = reachableChunks(chunks, 'support-widget.js', (c) => c.imports).flatMap((f) => chunks.get(f)!.moduleIds);
    const lazy = reachableChunks(chunks, 'support-widget.js', (c) => [...c.imports, ...c.dynamicImports]).flatMap((f) => chunks.get(f)!.moduleIds);
    for (const late of ['chat-panel.ts', 'indexeddb-store.ts', 'safe-markdown.ts', 'snarkdown', 'idb']) {
      assert.ok(!eager.some((id) => id.includes(late)), `${late} is not in the first script`);
      assert.ok(lazy.some((id) => id.includes(late)), `${late} is in a lazy chunk`);
    }
  });

  it('writes the classic build as one file that defines the global SupportWidget', { timeout: 120_000 }, async () => {
    const chunks = await buildWidget('vite.classic.config.ts', outDir);
    const classic = chunks.get('support-widget.classic.js');
    assert.ok(classic, 'dist/support-widget.classic.js');
    assert.match(classic.code, /\bSupportWidget\s*=\s*\(?function/);
    assert.doesNotMatch(classic.code, /\bimport\s*\(/);
    // Nothing may resolve against the missing import.meta.url: chunks, worker and models are found beside the script.
    assert.doesNotMatch(classic.code, /\{\s*\}\.url/);
    assert.match(classic.code, /__supportWidgetScript\s*=\s*document\.currentScript/);
    assert.ok(readdirSync(outDir).includes('support-widget.classic.js'));
  });
});
