import { OOS_LABEL } from './dataset.js';

/** One scored row: the true label and what the model said. */
export interface Judgement {
  truth: string;
  predicted: string;
  rejected: boolean;
}

export interface IntentMetrics {
  accuracy: number;
  macro_f1: number;
  in_scope_accuracy: number;
  oos_recall: number | null;
  n: number;
}

/** What the model's answer counts as: a rejection is an out-of-scope answer. */
const answerOf = (j: Judgement) => (j.rejected ? OOS_LABEL : j.predicted);

/**
 * The project's scoring convention: an `oos` row is right when the model
 * rejects it or predicts `oos`; an in-scope row only when its own label is
 * predicted and not rejected. Macro-F1 is over every true label (`oos` included).
 */
export function intentMetrics(rows: readonly Judgement[]): IntentMetrics {
  let right = 0;
  let inScope = 0;
  let inScopeRight = 0;
  let oos = 0;
  let oosRight = 0;
  const tp = new Map<string, number>();
  const fp = new Map<string, number>();
  const fn = new Map<string, number>();
  const bump = (m: Map<string, number>, k: string) => m.set(k, (m.get(k) ?? 0) + 1);
  for (const j of rows) {
    const answer = answerOf(j);
    const ok = answer === j.truth;
    if (j.truth === OOS_LABEL) {
      oos++;
      if (ok) oosRight++;
    } else {
      inScope++;
      if (ok) inScopeRight++;
    }
    if (ok) {
      right++;
      bump(tp, j.truth);
    } else {
      bump(fn, j.truth);
      bump(fp, answer);
    }
  }
  const labels = new Set(rows.map((r) => r.truth));
  let f1Sum = 0;
  for (const l of labels) {
    const t = tp.get(l) ?? 0;
    const denom = 2 * t + (fp.get(l) ?? 0) + (fn.get(l) ?? 0);
    f1Sum += denom ? (2 * t) / denom : 0;
  }
  return {
    accuracy: rows.length ? right / rows.length : 0,
    macro_f1: labels.size ? f1Sum / labels.size : 0,
    in_scope_accuracy: inScope ? inScopeRight / inScope : 0,
    oos_recall: oos ? oosRight / oos : null,
    n: rows.length,
  };
}

/** The most frequent (true label → answer) mistakes, most frequent first. */
export function confusedPairs(rows: readonly Judgement[], top = 10): { truth: string; answer: string; count: number }[] {
  const counts = new Map<string, number>();
  for (const j of rows) {
    const answer = answerOf(j);
    if (answer !== j.truth) counts.set(`${j.truth}\u0000${answer}`, (counts.get(`${j.truth}\u0000${answer}`) ?? 0) + 1);
  }
  return [...counts]
    .sort((a, b) => b[1] - a[1] || (a[0] < b[0] ? -1 : 1))
    .slice(0, top)
    .map(([k, count]) => {
      const [truth, answer] = k.split('\u0000') as [string, string];
      return { truth, answer, count };
    });
}

/** p-th percentile (0..100) of a list of numbers, nearest-rank. */
export function percentile(values: readonly number[], p: number): number {
  if (values.length === 0) return 0;
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.max(0, Math.ceil((p / 100) * sorted.length) - 1))]!;
}
