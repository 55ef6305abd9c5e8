/**
 * `npm run models -- train|eval`: train an intent model on any labeled CSV
 * and export it in the transformers.js layout, or score a model on a CSV.
 *
 *   npm run models -- train --data tickets.csv --text-column text --label-column label --out my-model
 *   npm run models -- eval --model my-model --data holdout.csv --text-column text --label-column label
 */
import { readFileSync } from 'node:fs';
import { readLabeledCsv } from './csv.js';
import { evaluateModelOnRows } from './evaluate-model.js';
import { writeGoldenAnswers } from './golden-answers.js';
import { DEFAULT_TRAINING } from './intent-trainer.js';
import { modelCard, type ModelCardInput } from './model-card.js';
import { readDataset } from './dataset.js';
import { writeModelDirectory } from './model-directory.js';
import { CUSTOMER_VOICE_EVAL, SHIPPED_TRAINING, SUPPORT_INTENT_DIR, supportIntentRows } from './support-intent.js';
import { trainCalibratedModel } from './train-intent-model.js';

const USAGE = `usage:
  npm run models -- build-support-intent   (retrains the shipped models/support-intent/ from ../shared/datasets + models/data)
  npm run models -- train --data FILE.csv --text-column text --label-column label --out DIR [--dim 64] [--epochs 30] [--vocab 20000] [--bigram-buckets 20000] [--ngram-buckets 200000] [--ensemble 3] [--distributional-dim 64] [--lexical-buckets 50000] [--max-pool-rate 0.1] [--corpus FILE.txt]
  npm run models -- eval --model DIR --data FILE.csv --text-column text --label-column label [--profile default|high-risk]`;

class UsageError extends Error {}

function parseArgs(argv: string[]): Map<string, string[]> {
  const out = new Map<string, string[]>();
  for (let i = 0; i < argv.length; i++) {
    const a = argv[i]!;
    if (!a.startsWith('--')) throw new UsageError(`unexpected argument "${a}"`);
    const value = argv[i + 1];
    if (value === undefined || value.startsWith('--')) throw new UsageError(`${a} needs a value`);
    out.set(a.slice(2), [...(out.get(a.slice(2)) ?? []), value]);
    i++;
  }
  return out;
}

function one(args: Map<string, string[]>, name: string, fallback?: string): string {
  const v = args.get(name)?.at(-1) ?? fallback;
  if (v === undefined) throw new UsageError(`missing --${name}`);
  return v;
}

function num(args: Map<string, string[]>, name: string, fallback: number): number {
  const raw = args.get(name)?.at(-1);
  if (raw === undefined) return fallback;
  const v = Number(raw);
  if (!Number.isFinite(v) || v <= 0) throw new UsageError(`--${name} must be a positive number, got "${raw}"`);
  return v;
}

/** A whole number ≥ 0 (0 turns the feature off). */
function count(args: Map<string, string[]>, name: string, fallback: number): number {
  const raw = args.get(name)?.at(-1);
  if (raw === undefined) return fallback;
  const v = Number(raw);
  if (!Number.isInteger(v) || v < 0) throw new UsageError(`--${name} must be a whole number ≥ 0, got "${raw}"`);
  return v;
}

function rate(args: Map<string, string[]>, name: string, fallback: number): number {
  const raw = args.get(name)?.at(-1);
  if (raw === undefined) return fallback;
  const v = Number(raw);
  if (!Number.isFinite(v) || v < 0 || v > 1) throw new UsageError(`--${name} must be a number from 0 to 1, got "${raw}"`);
  return v;
}

function readRows(args: Map<string, string[]>) {
  const files = args.get('data');
  if (!files) throw new UsageError('missing --data');
  const textColumn = one(args, 'text-column', 'text');
  const labelColumn = one(args, 'label-column', 'label');
  return files.flatMap((file) => {
    let text: string;
    try {
      text = readFileSync(file, 'utf8');
    } catch (err) {
      throw new UsageError(`${file}: ${(err as NodeJS.ErrnoException).code === 'ENOENT' ? 'no such file' : (err as Error).message}`);
    }
    return readLabeledCsv(text, textColumn, labelColumn, file);
  });
}

async function train(args: Map<string, string[]>): Promise<void> {
  const rows = readRows(args);
  const out = one(args, 'out');
  const corpus = (args.get('corpus') ?? []).flatMap((f) => readFileSync(f, 'utf8').split('\n').filter((line) => line.trim() !== ''));
  const options = {
    ...DEFAULT_TRAINING,
    corpus,
    dim: num(args, 'dim', DEFAULT_TRAINING.dim),
    epochs: num(args, 'epochs', DEFAULT_TRAINING.epochs),
    vocabSize: num(args, 'vocab', DEFAULT_TRAINING.vocabSize),
    bigramBuckets: num(args, 'bigram-buckets', DEFAULT_TRAINING.bigramBuckets),
    ngramBuckets: num(args, 'ngram-buckets', DEFAULT_TRAINING.ngramBuckets),
    ensemble: num(args, 'ensemble', DEFAULT_TRAINING.ensemble),
    distributionalDim: count(args, 'distributional-dim', DEFAULT_TRAINING.distributionalDim),
    lexicalBuckets: count(args, 'lexical-buckets', DEFAULT_TRAINING.lexicalBuckets),
    maxPoolRate: rate(args, 'max-pool-rate', DEFAULT_TRAINING.maxPoolRate),
    heldOutShare: 0.1,
    refit: true,
    log: (line: string) => process.stderr.write(line + '\n'),
  };
  const trained = await trainCalibratedModel(rows, options);
  const r = trained.report;
  writeModelDirectory(out, {
    labels: trained.model.labels,
    tokenizerJson: trained.model.tokenizerJson,
    tokenizerConfig: trained.model.tokenizerConfig,
    weights: trained.weights,
    supportWidget: trained.supportWidget,
    metrics: { heldOut: r.heldOut, temperature: r.temperature, oosOffset: r.oosOffset, profiles: r.profiles, confused: r.confused, trainSeconds: r.seconds },
    card: modelCard({
      title: `Intent model (${r.labels.length} labels)`,
      summary: `Trained with \`npm run models -- train\` on ${(args.get('data') ?? []).join(', ')} (${rows.length} rows).`,
      data: (args.get('data') ?? []).map((f) => `\`${f}\``),
      report: r,
      options,
      corpusTexts: corpus.length,
    }),
  });
  await writeGoldenAnswers(out);
  console.log(`wrote ${out} (${r.labels.length} labels, held-out accuracy ${(r.heldOut.accuracy * 100).toFixed(1)}%, ${r.seconds.toFixed(1)} s)`);
  console.log(JSON.stringify({ ...r.heldOut, temperature: r.temperature, threshold: r.profiles.default.threshold, train_seconds: r.seconds }));
}

async function evaluate(args: Map<string, string[]>): Promise<void> {
  const rows = readRows(args);
  const result = await evaluateModelOnRows(one(args, 'model'), rows, args.get('profile')?.at(-1));
  console.log('most confused (true -> answered):');
  for (const p of result.confused) console.log(`  ${p.count}\t${p.truth} -> ${p.answer}`);
  console.log(JSON.stringify(result.metrics));
}

async function buildSupportIntent(): Promise<void> {
  const { rows, sources } = supportIntentRows();
  const options = { ...SHIPPED_TRAINING, log: (line: string) => process.stderr.write(line + '\n') };
  const trained = await trainCalibratedModel(rows, options);
  const r = trained.report;
  const contents = {
    labels: trained.model.labels,
    tokenizerJson: trained.model.tokenizerJson,
    tokenizerConfig: trained.model.tokenizerConfig,
    weights: trained.weights,
    supportWidget: trained.supportWidget,
  };
  const metrics = { heldOut: r.heldOut, temperature: r.temperature, oosOffset: r.oosOffset, profiles: r.profiles, confused: r.confused, trainSeconds: r.seconds };
  const card = (evaluations: ModelCardInput['evaluations']) =>
    modelCard({
      title: 'support-intent: the widget\'s default intent model',
      summary:
        'Online-shop support intents (the 27 Bitext intent names) plus `greeting`, `thanks` and `oos` (out of scope), ' +
        'run on the visitor\'s device by the widget. Rebuild with `npm run models -- build-support-intent`.',
      data: sources,
      report: r,
      options,
      sizeNote: 'Small on purpose: the widget downloads it before the first answer.',
      evaluations,
    });
  writeModelDirectory(SUPPORT_INTENT_DIR, { ...contents, metrics, card: card([]) });
  const evaluations = [
    { name: 'Bitext val (810 rows, never trained on)', rows: readDataset('bitext', 'val.csv') },
    {
      name: 'models/eval/customer-voice-eval.csv (hand-written, never trained on)',
      rows: readLabeledCsv(readFileSync(CUSTOMER_VOICE_EVAL, 'utf8'), 'text', 'label', CUSTOMER_VOICE_EVAL),
    },
  ];
  const scored = [];
  for (const e of evaluations) scored.push({ name: e.name, metrics: (await evaluateModelOnRows(SUPPORT_INTENT_DIR, e.rows)).metrics });
  writeModelDirectory(SUPPORT_INTENT_DIR, { ...contents, metrics: { ...metrics, evaluations: scored }, card: card(scored) });
  await writeGoldenAnswers(SUPPORT_INTENT_DIR);
  console.log(JSON.stringify({ ...r.heldOut, temperature: r.temperature, threshold: r.profiles.default.threshold, train_seconds: r.seconds, evaluations: scored }));
}

const [command, ...rest] = process.argv.slice(2);
try {
  if (command === 'train') await train(parseArgs(rest));
  else if (command === 'eval') await evaluate(parseArgs(rest));
  else if (command === 'build-support-intent') await buildSupportIntent();
  else throw new UsageError(command ? `unknown command "${command}"` : 'no command');
} catch (err) {
  const message = err instanceof Error ? err.message : String(err);
  process.stderr.write(`error: ${message}\n${err instanceof UsageError ? USAGE + '\n' : ''}`);
  process.exit(1);
}
