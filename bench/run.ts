/**
 * `npm run bench`: runs every `bench/*.bench.ts` in its own process and
 * writes what each measured to `bench/results.json`. Each benchmark prints
 * its numbers as one JSON object on its last line of output.
 * `npm run bench -- size intent` runs only the benchmarks whose names contain those words.
 */
import { spawn } from 'node:child_process';
import { readdirSync, readFileSync, writeFileSync, existsSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { join } from 'node:path';
import os from 'node:os';

const dir = fileURLToPath(new URL('.', import.meta.url));
const only = process.argv.slice(2);
const benches = readdirSync(dir)
  .filter((f) => f.endsWith('.bench.ts'))
  .filter((f) => only.length === 0 || only.some((w) => f.includes(w)))
  .sort();

const resultsPath = join(dir, 'results.json');
const results: Record<string, unknown> = existsSync(resultsPath) ? JSON.parse(readFileSync(resultsPath, 'utf8')) : {};

for (const file of benches) {
  const name = file.replace(/\.bench\.ts$/, '');
  console.log(`\n▶ ${name}`);
  const started = Date.now();
  const out = await new Promise<{ code: number; stdout: string }>((resolve) => {
    const child = spawn(process.execPath, ['--import', 'tsx', join(dir, file)], { stdio: ['ignore', 'pipe', 'inherit'] });
    let stdout = '';
    child.stdout.on('data', (d) => {
      stdout += d;
      process.stdout.write(d);
    });
    child.on('exit', (code) => resolve({ code: code ?? 1, stdout }));
  });
  const last = out.stdout.trim().split('\n').at(-1) ?? '';
  let metrics: unknown;
  try {
    metrics = JSON.parse(last);
  } catch {
    metrics = { error: `no JSON result line (exit ${out.code})` };
  }
  results[name] = {
    measuredAt: new Date().toISOString(),
    seconds: Math.round((Date.now() - started) / 100) / 10,
    machine: { cpus: os.cpus().length, cpu: os.cpus()[0]?.model, node: process.version },
    ...(metrics as object),
  };
  writeFileSync(resultsPath, JSON.stringify(results, null, 2) + '\n');
}
console.log(`\nwrote ${resultsPath}`);
