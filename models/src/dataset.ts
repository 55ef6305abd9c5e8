import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type LabeledText, readLabeledCsv } from './csv.js';
import { seededRandom, shuffleInPlace } from './random.js';

/** The label of out-of-scope rows in evaluation data (CLINC150's convention). */
export const OOS_LABEL = 'oos';

/** Public datasets live beside the repo (`../shared/datasets`), never inside it; `SUPPORT_DATASETS` overrides. */
export function datasetsDir(): string {
  return process.env.SUPPORT_DATASETS ?? fileURLToPath(new URL('../../../shared/datasets', import.meta.url));
}

export function readDataset(name: string, file: string, labelColumn = 'label'): LabeledText[] {
  const path = join(datasetsDir(), name, file);
  return readLabeledCsv(readFileSync(path, 'utf8'), 'text', labelColumn, path);
}

/** Splits rows per label so every label keeps its share in both parts; seeded, so the same split repeats. */
export function stratifiedSplit<T extends { label: string }>(rows: readonly T[], heldOutShare: number, seed: number): { train: T[]; heldOut: T[] } {
  const byLabel = new Map<string, T[]>();
  for (const r of rows) {
    const list = byLabel.get(r.label) ?? [];
    list.push(r);
    byLabel.set(r.label, list);
  }
  const random = seededRandom(seed);
  const train: T[] = [];
  const heldOut: T[] = [];
  for (const label of [...byLabel.keys()].sort()) {
    const list = shuffleInPlace([...byLabel.get(label)!], random);
    const k = list.length < 2 ? 0 : Math.max(1, Math.round(list.length * heldOutShare));
    heldOut.push(...list.slice(0, k));
    train.push(...list.slice(k));
  }
  return { train, heldOut };
}
