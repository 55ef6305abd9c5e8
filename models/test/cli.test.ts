import assert from 'node:assert/strict';
import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { after, test } from 'node:test';
import { fileURLToPath } from 'node:url';

const root = fileURLToPath(new URL('../..', import.meta.url));
const fixture = (name: string) => fileURLToPath(new URL(`./fixtures/${name}`, import.meta.url));
const out = mkdtempSync(join(tmpdir(), 'models-cli-'));
after(() => rmSync(out, { recursive: true, force: true }));

function cli(...args: string[]) {
  const r = spawnSync(process.execPath, ['--import', 'tsx', 'models/src/cli.ts', ...args], { cwd: root, encoding: 'utf8' });
  return { code: r.status, stdout: r.stdout, stderr: r.stderr };
}

const SMALL = ['--dim', '16', '--epochs', '25', '--vocab', '3000', '--bigram-buckets', '512', '--ngram-buckets', '5000'];

test('train writes the transformers.js layout with metrics, a model card and calibrated profiles', () => {
  const r = cli('train', '--data', fixture('tiny-intents.csv'), '--text-column', 'message', '--label-column', 'intent', '--out', out, ...SMALL);
  assert.equal(r.code, 0, r.stderr);
  for (const f of ['config.json', 'tokenizer.json', 'tokenizer_config.json', 'onnx/model.onnx', 'metrics.json', 'README.md']) {
    assert.ok(existsSync(join(out, f)), f);
  }
  const config = JSON.parse(readFileSync(join(out, 'config.json'), 'utf8'));
  assert.deepEqual(Object.values(config.id2label).sort(), ['cancel_order', 'get_refund', 'greeting', 'oos', 'thanks', 'track_order']);
  assert.equal(config.label2id[config.id2label['0']], 0);
  assert.equal(config.model_type, 'bert');
  assert.ok(config.support_widget.threshold > 0 && config.support_widget.threshold < 1);
  assert.ok(config.support_widget.profiles['high-risk'].threshold >= config.support_widget.profiles.default.threshold);
  assert.ok(config.support_widget.temperature > 0);
  assert.match(readFileSync(join(out, 'README.md'), 'utf8'), /## Held-out metrics/);
  const last = JSON.parse(r.stdout.trim().split('\n').at(-1)!);
  assert.equal(typeof last.accuracy, 'number');
});

test('eval prints the confused pairs, then the metrics JSON line last', () => {
  const r = cli('eval', '--model', out, '--data', fixture('tiny-intents.csv'), '--text-column', 'message', '--label-column', 'intent');
  assert.equal(r.code, 0, r.stderr);
  const lines = r.stdout.trim().split('\n');
  assert.match(lines[0]!, /most confused/);
  const metrics = JSON.parse(lines.at(-1)!);
  for (const key of ['accuracy', 'macro_f1', 'in_scope_accuracy', 'oos_recall', 'n', 'p50_us', 'p95_us']) assert.ok(key in metrics, key);
  assert.equal(metrics.n, 72);
  // Training rows: the model should know most of them.
  assert.ok(metrics.accuracy > 0.8, JSON.stringify(metrics));
  assert.ok(metrics.oos_recall > 0.5);
});

test('a corrupt CSV or an unknown column fails with one line naming the row or column', () => {
  const unknown = cli('eval', '--model', out, '--data', fixture('tiny-intents.csv'), '--text-column', 'text', '--label-column', 'intent');
  assert.equal(unknown.code, 1);
  assert.match(unknown.stderr.split('\n')[0]!, /^error: .*tiny-intents\.csv: unknown text column "text" \(columns: "id", "message", "intent"\)$/);

  const ragged = cli('train', '--data', fixture('ragged.csv'), '--out', join(out, 'never'));
  assert.equal(ragged.code, 1);
  assert.match(ragged.stderr.split('\n')[0]!, /^error: .*ragged\.csv: row 3 has 3 fields, header has 2$/);
  assert.ok(!existsSync(join(out, 'never')));

  const quote = cli('train', '--data', fixture('broken-quote.csv'), '--out', join(out, 'never'));
  assert.equal(quote.code, 1);
  assert.match(quote.stderr, /row 2 \(line 2\): quoted field is never closed/);

  const missing = cli('eval', '--model', join(out, 'nope'), '--data', fixture('tiny-intents.csv'), '--text-column', 'message', '--label-column', 'intent');
  assert.equal(missing.code, 1);
  assert.match(missing.stderr, /config\.json: ENOENT/);

  assert.match(cli('fly').stderr, /unknown command "fly"/);
});
