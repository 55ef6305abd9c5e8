/**
 * Rule-based understanding on the project's own labeled sets
 * (models/data/signals/): sentiment polarity and escalation-worthy
 * frustration precision/recall, entity F1, PII redaction recall/precision,
 * and readSignals latency. The `*.holdout.jsonl` sets were written after the
 * rules were tuned on the others and are never tuned on: their numbers are
 * the honest ones. Prints one JSON line last; `--verbose` lists every miss.
 */
import { execFileSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import os from 'node:os';
import { gzipSync } from 'node:zlib';
import { build } from 'esbuild';
import { fileURLToPath } from 'node:url';
import type { EntityKind, PiiKind } from '../protocol/understanding.js';
import { FRUSTRATED_AT } from '../widget/src/understanding/frustration.js';
import { guessLanguage } from '../widget/src/understanding/language.js';
import { normaliseText } from '../widget/src/understanding/normalise.js';
import { redactPii } from '../widget/src/understanding/redaction.js';
import { polarityOf } from '../widget/src/understanding/sentiment.js';
import { readSignals, type Signals } from '../widget/src/understanding/signals.js';

const dataDir = fileURLToPath(new URL('../models/data/signals/', import.meta.url));
const load = <T>(name: string): T[] =>
  readFileSync(dataDir + name, 'utf8').split('\n').filter(Boolean).map((line) => JSON.parse(line) as T);
const verbose = process.argv.includes('--verbose');
const log = (line: string) => verbose && console.log(line);

interface ToneRow { id: string; text: string; locale: string; sentiment: 'negative' | 'neutral' | 'positive'; escalate: boolean; context?: string[] }
interface Span { start: number; end: number; text: string }
interface EntityRow { id: string; text: string; locale: string; now: string; entities: (Span & { kind: EntityKind; value: string })[] }
interface PiiRow { id: string; text: string; locale: string; pii: (Span & { kind: PiiKind })[] }

const round = (n: number) => Math.round(n * 1000) / 1000;
const prf = (tp: number, fp: number, fn: number) => {
  const precision = tp + fp === 0 ? 1 : tp / (tp + fp);
  const recall = tp + fn === 0 ? 1 : tp / (tp + fn);
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { precision: round(precision), recall: round(recall), f1: round(f1) };
};

function withContext(row: ToneRow): Signals {
  const previous: Signals[] = [];
  for (const earlier of row.context ?? []) previous.push(readSignals(earlier, previous, { locale: row.locale }));
  return readSignals(row.text, previous, { locale: row.locale });
}

function evaluateTone(rows: ToneRow[]) {
  const classes = ['negative', 'neutral', 'positive'] as const;
  const confusion = new Map<string, number>();
  let correct = 0;
  const esc = { tp: 0, fp: 0, fn: 0, tn: 0 };
  for (const row of rows) {
    const s = withContext(row);
    const predicted = polarityOf(s.sentiment);
    confusion.set(`${row.sentiment}>${predicted}`, (confusion.get(`${row.sentiment}>${predicted}`) ?? 0) + 1);
    if (predicted === row.sentiment) correct++;
    const flagged = s.frustration.score >= FRUSTRATED_AT;
    if (flagged && row.escalate) esc.tp++;
    else if (flagged) esc.fp++;
    else if (row.escalate) esc.fn++;
    else esc.tn++;
    if (predicted !== row.sentiment || flagged !== row.escalate) {
      log(`${row.id} ${row.sentiment}/${row.escalate} -> ${predicted}(${s.sentiment})/${flagged}(${s.frustration.score}) ${row.text} [${s.frustration.signals.map((x) => `${x.kind}:${x.match}`).join(', ')}]`);
    }
  }
  const sentiment: Record<string, unknown> = { n: rows.length, accuracy: round(correct / rows.length) };
  for (const c of classes) {
    const tp = confusion.get(`${c}>${c}`) ?? 0;
    const fp = classes.filter((o) => o !== c).reduce((n, o) => n + (confusion.get(`${o}>${c}`) ?? 0), 0);
    const fn = classes.filter((o) => o !== c).reduce((n, o) => n + (confusion.get(`${c}>${o}`) ?? 0), 0);
    sentiment[c] = prf(tp, fp, fn);
  }
  sentiment.macro_f1 = round(classes.reduce((n, c) => n + (sentiment[c] as { f1: number }).f1, 0) / classes.length);
  const frustration = { n: rows.length, threshold: FRUSTRATED_AT, positives: esc.tp + esc.fn, ...prf(esc.tp, esc.fp, esc.fn), accuracy: round((esc.tp + esc.tn) / rows.length) };
  return { sentiment, frustration };
}

/** Exact kind and span; values checked on the spans that match. */
function evaluateEntities(rows: EntityRow[]) {
  const perKind = new Map<string, { tp: number; fp: number; fn: number }>();
  const bump = (kind: string, field: 'tp' | 'fp' | 'fn') => {
    const k = perKind.get(kind) ?? { tp: 0, fp: 0, fn: 0 };
    k[field]++;
    perKind.set(kind, k);
  };
  let valuesRight = 0;
  let matched = 0;
  for (const row of rows) {
    const found = readSignals(row.text, [], { locale: row.locale, now: new Date(row.now) }).entities;
    const used = new Set<number>();
    for (const gold of row.entities) {
      const i = found.findIndex((f, k) => !used.has(k) && f.kind === gold.kind && f.start === gold.start && f.end === gold.end);
      if (i < 0) {
        bump(gold.kind, 'fn');
        log(`${row.id} missed ${gold.kind} "${gold.text}" in: ${row.text} got ${JSON.stringify(found.map((f) => [f.kind, f.text]))}`);
        continue;
      }
      used.add(i);
      bump(gold.kind, 'tp');
      matched++;
      if (found[i]!.value === gold.value) valuesRight++;
      else log(`${row.id} value ${gold.kind} "${gold.text}": ${found[i]!.value} != ${gold.value}`);
    }
    found.forEach((f, k) => {
      if (used.has(k)) return;
      bump(f.kind, 'fp');
      log(`${row.id} extra ${f.kind} "${f.text}" in: ${row.text}`);
    });
  }
  const totals = [...perKind.values()].reduce((a, b) => ({ tp: a.tp + b.tp, fp: a.fp + b.fp, fn: a.fn + b.fn }), { tp: 0, fp: 0, fn: 0 });
  return {
    n: rows.length,
    spans: totals.tp + totals.fn,
    ...prf(totals.tp, totals.fp, totals.fn),
    value_accuracy: round(matched ? valuesRight / matched : 1),
    by_kind: Object.fromEntries([...perKind.entries()].map(([k, v]) => [k, prf(v.tp, v.fp, v.fn).f1])),
  };
}

/** A gold span is caught when one redacted span covers all of it; precision counts redacted spans that touch gold PII. */
function evaluatePii(rows: PiiRow[]) {
  let goldSpans = 0;
  let caught = 0;
  let kindRight = 0;
  let predicted = 0;
  let predictedTrue = 0;
  let negativesRedacted = 0;
  for (const row of rows) {
    const { spans, redacted } = redactPii(row.text, row.locale);
    for (const gold of row.pii) {
      goldSpans++;
      const covering = spans.filter((s) => s.start <= gold.start && s.end >= gold.end);
      if (covering.length > 0) caught++;
      else log(`${row.id} leaked ${gold.kind} "${gold.text}" -> ${redacted}`);
      if (covering.some((s) => s.kind === gold.kind)) kindRight++;
    }
    for (const s of spans) {
      predicted++;
      if (row.pii.some((g) => s.start < g.end && g.start < s.end)) predictedTrue++;
      else log(`${row.id} over-redacted ${s.kind} "${row.text.slice(s.start, s.end)}" in: ${row.text}`);
    }
    if (row.pii.length === 0 && spans.length > 0) negativesRedacted++;
  }
  return {
    n: rows.length,
    spans: goldSpans,
    recall: round(caught / goldSpans),
    precision: round(predicted ? predictedTrue / predicted : 1),
    kind_accuracy: round(caught ? kindRight / caught : 1),
    negatives: rows.filter((r) => r.pii.length === 0).length,
    negatives_redacted: negativesRedacted,
  };
}

const tone = load<ToneRow>('sentiment.jsonl');
const entityRows = load<EntityRow>('entities.jsonl');
const piiRows = load<PiiRow>('pii.jsonl');
const holdoutTone = load<ToneRow>('sentiment.holdout.jsonl');
const holdoutEntities = load<EntityRow>('entities.holdout.jsonl');
const holdoutPii = load<PiiRow>('pii.holdout.jsonl');

log('— dev sets —');
const dev = { ...evaluateTone(tone), entities: evaluateEntities(entityRows), pii: evaluatePii(piiRows) };
log('— holdout sets —');
const holdout = { ...evaluateTone(holdoutTone), entities: evaluateEntities(holdoutEntities), pii: evaluatePii(holdoutPii) };

// Language: the row's locale is the gold language; "und" is an abstention, not an error.
const allRows = [tone, entityRows, piiRows, holdoutTone, holdoutEntities, holdoutPii].flat();
let languageRight = 0;
let languageWrong = 0;
for (const row of allRows) {
  const guess = guessLanguage(row.text);
  if (guess === row.locale.split('-')[0]) languageRight++;
  else if (guess !== 'und') {
    languageWrong++;
    log(`${row.id} language ${guess} for ${row.locale}: ${row.text}`);
  }
}
const language = { n: allRows.length, correct: round(languageRight / allRows.length), wrong: round(languageWrong / allRows.length), undetermined: round((allRows.length - languageRight - languageWrong) / allRows.length) };

// Latency of the whole readSignals over every message of every set, warm.
const messages = [tone, entityRows, piiRows, holdoutTone, holdoutEntities, holdoutPii].flatMap((rows) => rows.map((r) => [r.text, r.locale] as [string, string]));
for (let pass = 0; pass < 3; pass++) for (const [text, locale] of messages) readSignals(text, [], { locale });
// Wall-clock percentiles suffer when other processes share the cores; CPU time per message does not.
const samples: number[] = [];
const cpuBefore = process.cpuUsage();
for (let pass = 0; pass < 5; pass++) {
  for (const [text, locale] of messages) {
    const t0 = process.hrtime.bigint();
    readSignals(text, [], { locale });
    samples.push(Number(process.hrtime.bigint() - t0) / 1000);
  }
}
const cpu = process.cpuUsage(cpuBefore);
const cpuMeanUs = Math.round(((cpu.user + cpu.system) / samples.length) * 10) / 10;
samples.sort((a, b) => a - b);
const percentile = (sorted: number[], p: number) => Math.round(sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]! * 10) / 10;
const pct = (p: number) => percentile(samples, p);

// normaliseText is what the intent model reads, on every message too.
const normaliseSamples: number[] = [];
for (let pass = 0; pass < 5; pass++) {
  for (const [text, locale] of messages) {
    const t0 = process.hrtime.bigint();
    normaliseText(text, locale);
    normaliseSamples.push(Number(process.hrtime.bigint() - t0) / 1000);
  }
}
normaliseSamples.sort((a, b) => a - b);
const huge = 'My order #A12345 is late, call me on 07700 900123 or mail jo@example.com. '.repeat(1400).slice(0, 100_000);
const hugeTimes: number[] = [];
let leaks = false;
for (let pass = 0; pass < 5; pass++) {
  const t0 = performance.now();
  const result = readSignals(huge, [], { locale: 'en-GB' });
  hugeTimes.push(performance.now() - t0);
  leaks ||= result.redacted.includes('jo@example.com') || result.redacted.includes('07700 900123');
}
hugeTimes.sort((a, b) => a - b);

// A fresh process each: the first messages of a page, cold and after warmUpSignals().
const coldRun = (flags: string[]) =>
  JSON.parse(execFileSync(process.execPath, ['--import', 'tsx', fileURLToPath(new URL('./signals-cold.ts', import.meta.url)), ...flags], { encoding: 'utf8' }).trim().split('\n').at(-1)!) as object;
const cold = { cold: coldRun([]), warmed: coldRun(['--warm']) };

// What the rules cost a visitor to download: the module and its two libraries, minified for the browser.
const bundle = await build({
  entryPoints: [fileURLToPath(new URL('../widget/src/understanding/index.ts', import.meta.url))],
  bundle: true,
  minify: true,
  format: 'esm',
  platform: 'browser',
  write: false,
});
const bundled = bundle.outputFiles[0]!.contents;
const weight = { min_bytes: bundled.byteLength, gzip_bytes: gzipSync(bundled).byteLength };

console.log(JSON.stringify({
  ...dev,
  holdout,
  language,
  weight,
  first_use: cold,
  latency: { n: samples.length, p50_us: pct(50), p95_us: pct(95), p99_us: pct(99), cpu_mean_us: cpuMeanUs, load_average_1m: Math.round(os.loadavg()[0]! * 10) / 10, cores: os.cpus().length, normalise_p50_us: percentile(normaliseSamples, 50), normalise_p95_us: percentile(normaliseSamples, 95), huge_100kb_median_ms: Math.round(hugeTimes[2]! * 10) / 10, huge_redacted_leaks: leaks },
}));
