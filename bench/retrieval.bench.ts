/**
 * Retrieval quality on the demo store's labeled query set
 * (demo/content/queries/retrieval.jsonl: customer-voice queries → the
 * article that answers them), asked of a real `partykit dev` relay serving
 * the bundled demo index, as the widget asks: articles only, the query's
 * locale and product filters. Reports recall@5 and MRR@10, the same for the
 * lexical half alone (in process, for comparison), and how well the top
 * score separates answerable from unanswerable questions
 * (queries/answers.jsonl), which is what a confidence threshold relies on.
 * Prints one JSON line.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { startRelay } from '../relay/test/relay-process.js';
import { KnowledgeSearcher } from '../relay/src/knowledge/knowledge-searcher.js';
import type { KnowledgeIndexArtifact } from '../relay/src/knowledge/knowledge-snapshot.js';
import type { SearchRequest, SearchResponse } from '../protocol/knowledge.js';
import { round } from './relay-load.js';

const file = (p: string) => fileURLToPath(new URL(p, import.meta.url));
const jsonl = <T>(p: string): T[] =>
  readFileSync(file(p), 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as T);

interface LabeledQuery {
  query: string;
  articleId: string;
  product: string | null;
  locale: string | null;
}
interface AnswerQuestion {
  question: string;
  articleId: string | null;
}

const queries = jsonl<LabeledQuery>('../demo/content/queries/retrieval.jsonl');
const questions = jsonl<AnswerQuestion>('../demo/content/queries/answers.jsonl');
const index = JSON.parse(readFileSync(file('../relay/src/knowledge/artifacts/demo-index.json'), 'utf8')) as KnowledgeIndexArtifact;

const request = (q: LabeledQuery): SearchRequest => ({
  query: q.query,
  k: 10,
  source: 'article',
  ...(q.locale ? { locale: q.locale } : {}),
  ...(q.product ? { product: q.product } : {}),
});

function quality(ranked: string[][]): { recallAt5: number; mrrAt10: number; recallAt1: number } {
  let at1 = 0;
  let at5 = 0;
  let rr = 0;
  ranked.forEach((ids, i) => {
    const rank = ids.indexOf(queries[i]!.articleId);
    if (rank === 0) at1++;
    if (rank >= 0 && rank < 5) at5++;
    if (rank >= 0) rr += 1 / (rank + 1);
  });
  const n = ranked.length;
  return { recallAt5: round(at5 / n, 3), mrrAt10: round(rr / n, 3), recallAt1: round(at1 / n, 3) };
}

const relay = await startRelay({ RELAY_RATE_IP: '100000/1', RELAY_RATE_SESSION: '100000/1' });
const search = async (body: SearchRequest): Promise<SearchResponse> => {
  const res = await fetch(`${relay.url}/api/search`, {
    method: 'POST',
    headers: { 'Content-Type': 'application/json' },
    body: JSON.stringify(body),
  });
  if (res.status !== 200) throw new Error(`search answered ${res.status}`);
  return (await res.json()) as SearchResponse;
};

let viaRelay: string[][];
let topScores: { answerable: boolean; score: number }[];
let health: { knowledge: { version?: string; documents?: number; model?: string } };
try {
  health = await (await fetch(`${relay.url}/api/health`)).json();
  viaRelay = [];
  for (const q of queries) viaRelay.push((await search(request(q))).results.map((r) => r.id));
  topScores = [];
  for (const q of questions) {
    const { results } = await search({ query: q.question, k: 1, source: 'article' });
    topScores.push({ answerable: q.articleId !== null, score: results[0]?.score ?? 0 });
  }
} finally {
  await relay.stop();
}

const lexicalOnly = KnowledgeSearcher.fromSnapshot(index);
const lexical = queries.map((q) => lexicalOnly.search(request(q)).map((r) => r.id));

// The threshold on the top score that best separates answerable from unanswerable questions.
let best = { threshold: 0, balancedAccuracy: 0 };
for (let t = 0; t <= 1; t += 0.01) {
  const a = topScores.filter((s) => s.answerable);
  const u = topScores.filter((s) => !s.answerable);
  const accepted = a.filter((s) => s.score >= t).length / a.length;
  const declined = u.filter((s) => s.score < t).length / u.length;
  if ((accepted + declined) / 2 > best.balancedAccuracy) best = { threshold: round(t, 2), balancedAccuracy: round((accepted + declined) / 2, 3) };
}
const mean = (xs: number[]) => round(xs.reduce((s, x) => s + x, 0) / xs.length, 3);

const hybrid = quality(viaRelay);
console.log(
  JSON.stringify({
    queries: queries.length,
    index: health.knowledge,
    relay_hybrid: hybrid,
    in_process_lexical_only: quality(lexical),
    answerability: {
      questions: topScores.length,
      meanTopScoreAnswerable: mean(topScores.filter((s) => s.answerable).map((s) => s.score)),
      meanTopScoreUnanswerable: mean(topScores.filter((s) => !s.answerable).map((s) => s.score)),
      bestThreshold: best.threshold,
      balancedAccuracyAtBest: best.balancedAccuracy,
    },
    targets: { recall_at_5: 0.9, recall_at_5_met: hybrid.recallAt5 >= 0.9 },
  }),
);
