/**
 * A production build of the widget into a folder of the caller's choosing,
 * with what the bundler knows about each chunk; the size benchmark and the
 * build test read it.
 */
import { build, type Rolldown } from 'vite';

export type BuiltChunk = Rolldown.OutputChunk;

/** Builds with one Vite config file into `outDir` and returns the chunks by file name. */
export async function buildWidget(configFile: 'vite.config.ts' | 'vite.classic.config.ts', outDir: string): Promise<Map<string, BuiltChunk>> {
  const result = await build({ configFile, logLevel: 'warn', build: { outDir, emptyOutDir: false, sourcemap: false } });
  const outputs = (Array.isArray(result) ? result : [result]) as Rolldown.RolldownOutput[];
  const chunks = new Map<string, BuiltChunk>();
  for (const out of outputs) for (const item of out.output) if (item.type === 'chunk') chunks.set(item.fileName, item);
  return chunks;
}

/** Every chunk reachable from `start` following `next` (static imports, or dynamic ones too). */
export function reachableChunks(chunks: Map<string, BuiltChunk>, start: string, next: (c: BuiltChunk) => string[]): string[] {
  const seen = new Set<string>();
  const visit = (name: string) => {
    if (seen.has(name) || !chunks.has(name)) return;
    seen.add(name);
    for (const n of next(chunks.get(name)!)) visit(n);
  };
  visit(start);
  return [...seen];
}
