/**
 * Tier-1 answers in headless Chromium, on the demo's labelled questions
 * (demo/content/queries/answers.jsonl: questions with the article that answers
 * them, and questions the help centre cannot answer).
 *
 * Each question is sent as a visitor would send it: on-device understanding
 * (the shipped intent model), retrieval, extraction, guardrails; the clock
 * runs from the send to the first character of the reply. Once with a real
 * `partykit dev` relay on loopback, once offline (the page, scripts, model and
 * snapshot from the service worker and IndexedDB).
 *
 * Prints one JSON line: p50/p95 time to first character online and offline,
 * cited-article accuracy on answered questions, the share of answerable
 * questions answered, and the decline rate on unanswerable ones.
 */
import { readFileSync } from 'node:fs';
import { fileURLToPath } from 'node:url';
import { chromium } from 'playwright-core';
import { startRelay } from '../relay/test/relay-process.js';
import { chromiumArgs, chromiumPath } from '../scripts/chromium.js';
import { serveAnswersPage } from '../widget/test/answers-page-server.js';
import type { PageAnswer } from '../widget/test/answers-page-app.js';

interface LabelledQuestion {
  question: string;
  /** The article that answers it; null when the help centre cannot. */
  articleId: string | null;
}

declare const answers: { ready: Promise<unknown>; ask(text: string): Promise<PageAnswer> };

const file = fileURLToPath(new URL('../demo/content/queries/answers.jsonl', import.meta.url));
const questions: LabelledQuestion[] = readFileSync(file, 'utf8')
  .split('\n')
  .filter((l) => l.trim())
  .map((l) => JSON.parse(l) as LabelledQuestion);

const percentile = (values: number[], p: number) => {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)] ?? NaN;
};
const round = (n: number, digits = 2) => Math.round(n * 10 ** digits) / 10 ** digits;

const relay = await startRelay();
const page = await serveAnswersPage(relay.url);
const browser = await chromium.launch({ executablePath: chromiumPath(), args: chromiumArgs, headless: true });
try {
  const snapshot = (await (await fetch(`${relay.url}/api/knowledge/snapshot`)).json()) as { documents: { id: string; url: string }[] };
  const urlOf = new Map(snapshot.documents.map((d) => [d.id, d.url]));
  for (const q of questions) if (q.articleId && !urlOf.has(q.articleId)) throw new Error(`answers.jsonl names an unknown article: ${q.articleId}`);

  const context = await browser.newContext();
  const tab = await context.newPage();
  await tab.goto(page.url);
  await tab.evaluate(() => answers.ready);
  await tab.waitForFunction(() => !!navigator.serviceWorker.controller);

  const run = async (label: string) => {
    // Warm the page's JIT and the relay's index (its first searches load it), as earlier visitors would have.
    for (const q of questions.slice(0, 20)) await tab.evaluate((t) => answers.ask(t), q.question);
    const firstChar: number[] = [];
    let answered = 0;
    let right = 0;
    let answerable = 0;
    let unanswerable = 0;
    let declined = 0;
    const origins: Record<string, number> = {};
    const wrong: string[] = [];
    for (const q of questions) {
      const reply = await tab.evaluate((t) => answers.ask(t), q.question);
      firstChar.push(reply.firstCharMs);
      origins[reply.origin] = (origins[reply.origin] ?? 0) + 1;
      if (q.articleId) {
        answerable++;
        if (reply.kind === 'answer') {
          answered++;
          if (reply.citations[0]?.url === urlOf.get(q.articleId)) right++;
          else wrong.push(`${q.question} → ${reply.citations[0]?.url} (expected ${urlOf.get(q.articleId)})`);
        }
      } else {
        unanswerable++;
        if (reply.kind !== 'answer') declined++;
      }
    }
    console.error(`${label}: ${wrong.length} answered with another article:\n  ${wrong.join('\n  ')}`);
    return {
      firstCharP50Ms: round(percentile(firstChar, 50)),
      firstCharP95Ms: round(percentile(firstChar, 95)),
      citedAccuracy: round(right / Math.max(1, answered), 3),
      answeredShare: round(answered / Math.max(1, answerable), 3),
      declineRateUnanswerable: round(declined / Math.max(1, unanswerable), 3),
      /** Where the replies were made: `relay` when the relay answered within the racing budget, `device` otherwise (and for declines). */
      origins,
    };
  };

  const online = await run('online');
  await context.setOffline(true);
  await tab.reload();
  await tab.evaluate(() => answers.ready);
  const offline = await run('offline');
  await context.close();

  console.log(
    JSON.stringify({
      questions: questions.length,
      answerable: questions.filter((q) => q.articleId).length,
      online,
      offline,
      budgets: { onlineP95Ms: 50, offlineP95Ms: 30, citedAccuracy: 0.9, declineRate: 0.9 },
    }),
  );
} finally {
  await browser.close();
  await page.close();
  await relay.stop();
}
