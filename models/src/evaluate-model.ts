import type { LabeledText } from './csv.js';
import { confusedPairs, type IntentMetrics } from './metrics.js';
export async function evaluateModelOnRows(_dir: string, _rows: readonly LabeledText[], _profile?: string): Promise<{ metrics: IntentMetrics; confused: ReturnType<typeof confusedPairs> }> {
  throw new Error('eval: not wired yet');
}
