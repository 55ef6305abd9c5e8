/**
 * What a visitor downloads, measured from a real production build:
 * the first script (the entry plus its static imports, everything before the
 * launcher appears; budget 12 KB gzipped), the whole UI without inference
 * (every chunk reachable from the entry that holds no model runtime; budget
 * 40 KB gzipped: panel, memory, sanitizer), the built-in responder that
 * loads beside the panel (understanding client, escalation policy, answer
 * engine), the translations (one chunk per language beyond English, of which
 * a visitor loads at most one), the model-runtime chunks, and the classic single-file build. Sizes are gzip -6 and
 * brotli per file, as a CDN would serve them.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { brotliCompressSync, gzipSync } from 'node:zlib';
import { buildWidget, reachableChunks } from '../scripts/widget-build.js';

const budgets = { firstScriptGzip: 12 * 1024, uiGzip: 40 * 1024 };
// A chunk is inference when it carries a model runtime; the small client that talks to the inference worker is UI.
// Workers are separate entries, never reachable through imports, so they are outside both numbers.
const inferenceModule = /@huggingface[\\/]transformers|@mlc-ai[\\/]web-llm|onnxruntime/;
// The built-in responder (understanding client, escalation policy, answer engine) loads beside the panel, not in it.
const responderModule = /widget[\\/]src[\\/]conversation[\\/]default-responder\.ts$/;
// The live-person code loads on the first request for a person; it counts in the UI, and is also shown apart.
const handoffModule = /widget[\\/]src[\\/]handoff[\\/]relay-handoff\.ts$/;
// Tier 2's offer and progress UI loads only where the site enabled an on-device LLM and the device can run it: shown apart, outside the UI.
const generativeModule = /widget[\\/]src[\\/]element[\\/]generative-offer\.ts$/;
// A language beyond English: one chunk each, loaded only for a visitor in that language; shown apart, the largest added to the UI.
const translationModule = /widget[\\/]src[\\/]locale[\\/](?!en\.ts)[a-z]{2}\.ts$/;

const outDir = mkdtempSync(join(tmpdir(), 'support-widget-size-'));
function sizes(file: string) {
  const bytes = readFileSync(join(outDir, file));
  return { raw: bytes.length, gzip: gzipSync(bytes, { level: 6 }).length, brotli: brotliCompressSync(bytes).length };
}

const total = (files: string[]) =>
  files.map(sizes).reduce((a, s) => ({ raw: a.raw + s.raw, gzip: a.gzip + s.gzip, brotli: a.brotli + s.brotli }), { raw: 0, gzip: 0, brotli: 0 });

try {
  const chunks = await buildWidget('vite.config.ts', outDir);
  const entry = [...chunks.values()].find((c) => c.isEntry)!.fileName;
  const has = (file: string, pattern: RegExp) => chunks.get(file)!.moduleIds.some((id) => pattern.test(id));
  const isRuntime = (file: string) => has(file, inferenceModule);
  const isResponder = (file: string) => has(file, responderModule);
  const isGenerative = (file: string) => has(file, generativeModule);
  const isTranslation = (file: string) => has(file, translationModule);
  const apart = (file: string) => isResponder(file) || isRuntime(file) || isGenerative(file) || isTranslation(file);
  const firstScript = reachableChunks(chunks, entry, (c) => c.imports);
  // The UI: what the panel needs to paint and keep the conversation, without crossing into the responder or a runtime.
  const ui = reachableChunks(chunks, entry, (c) => [...c.imports, ...c.dynamicImports].filter((f) => !apart(f)));
  const isHandoff = (file: string) => has(file, handoffModule);
  const uiOnOpen = reachableChunks(chunks, entry, (c) => [...c.imports, ...c.dynamicImports].filter((f) => !apart(f) && !isHandoff(f)));
  const reachable = reachableChunks(chunks, entry, (c) => [...c.imports, ...c.dynamicImports]);
  const generative = reachableChunks(chunks, entry, (c) => [...c.imports, ...c.dynamicImports].filter((f) => !isResponder(f) && !isRuntime(f) && !isTranslation(f))).filter(
    (f) => !ui.includes(f),
  );
  const translations = reachable.filter(isTranslation);
  const responder = reachable.filter((f) => !ui.includes(f) && !generative.includes(f) && !isRuntime(f) && !isTranslation(f));
  const runtime = reachable.filter(isRuntime);
  await buildWidget('vite.classic.config.ts', outDir);

  const kindOf = (file: string) =>
    firstScript.includes(file)
      ? 'first'
      : ui.includes(file)
        ? 'ui'
        : generative.includes(file)
          ? 'tier-2 ui'
          : isTranslation(file)
            ? 'language'
            : responder.includes(file)
              ? 'responder'
              : 'runtime';
  for (const file of reachable) {
    const s = sizes(file);
    console.log(`${kindOf(file).padEnd(9)} ${file.padEnd(48)} ${(s.raw / 1024).toFixed(1).padStart(7)} KB  gzip ${(s.gzip / 1024).toFixed(1).padStart(6)} KB`);
  }
  const first = total(firstScript);
  const uiTotal = total(ui);
  const classic = sizes('support-widget.classic.js');
  const largestTranslation = Math.max(0, ...translations.map((f) => sizes(f).gzip));
  const kb = (n: number) => Math.round((n / 1024) * 100) / 100;
  console.log(
    JSON.stringify({
      first_script_gzip_kb: kb(first.gzip),
      first_script_brotli_kb: kb(first.brotli),
      first_script_files: firstScript.length,
      ui_without_inference_gzip_kb: kb(uiTotal.gzip),
      ui_without_inference_brotli_kb: kb(uiTotal.brotli),
      ui_files: ui.length,
      ui_on_open_gzip_kb: kb(total(uiOnOpen).gzip),
      translation_files: translations.length,
      largest_translation_gzip_kb: kb(largestTranslation),
      ui_with_largest_translation_gzip_kb: kb(uiTotal.gzip + largestTranslation),
      handoff_gzip_kb: kb(total(ui.filter((f) => !uiOnOpen.includes(f))).gzip),
      generative_ui_gzip_kb: kb(total(generative).gzip),
      responder_gzip_kb: kb(total(responder).gzip),
      responder_files: responder.length,
      model_runtime_gzip_kb: kb(total(runtime).gzip),
      classic_gzip_kb: kb(classic.gzip),
      budget_first_script_gzip_kb: kb(budgets.firstScriptGzip),
      budget_ui_gzip_kb: kb(budgets.uiGzip),
      within_budget: first.gzip <= budgets.firstScriptGzip && uiTotal.gzip <= budgets.uiGzip,
    }),
  );
} finally {
  rmSync(outDir, { recursive: true, force: true });
}
