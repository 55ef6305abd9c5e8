import type { TrainingReport } from './train-intent-model.js';

export interface ModelCardInput {
  title: string;
  summary: string;
  data: string[];
  report: TrainingReport;
  options: {
    dim: number;
    vocabSize: number;
    epochs: number;
    bigramBuckets: number;
    optimizer: string;
    ensemble: number;
    tokenDropout: number;
    distributionalDim: number;
    lexicalBuckets: number;
    maxPoolRate: number;
  };
  /** Unlabelled texts the distributional vectors were learned from, beside the training text. */
  corpusTexts?: number;
  sizeNote?: string;
  /** Scores on data the model never trained on, through the widget's pipeline. */
  evaluations?: { name: string; metrics: { accuracy: number; in_scope_accuracy: number; oos_recall: number | null; n: number } }[];
}

const pct = (v: number | null) => (v === null ? 'n/a' : `${(v * 100).toFixed(1)}%`);

/** The model card written as the model directory's README.md. */
export function modelCard(c: ModelCardInput): string {
  const r = c.report;
  const m = r.heldOut;
  return `# ${c.title}

${c.summary}

## Data
${c.data.map((d) => `- ${d}`).join('\n')}

## Model
fastText-style embedding bag: WordPiece tokens (each row trained as the mean of the token's own vector and its character 3-5-grams, so misspellings land near the word), plus hashed token-pair rows, averaged${c.options.maxPoolRate > 0 ? ', and beside the average the maximum of each learned column over the tokens (floored at 0), so the one word that tells two close intents apart is not averaged away' : ''}, then one linear layer. ${c.options.dim} learned dimensions${c.options.ensemble > 1 ? ` per member, a seed ensemble of ${c.options.ensemble} merged into one bag` : ''}${
    c.options.distributionalDim > 0
      ? `, plus ${c.options.distributionalDim} fixed distributional dimensions per token (PPMI + truncated SVD of which tokens occur near which in the training text${c.corpusTexts ? ` and ${c.corpusTexts} unlabelled texts` : ''}, so words used alike mean alike even when spelt apart)`
      : ''
  }, ${r.labels.length} labels, vocabulary up to ${c.options.vocabSize} tokens, ${c.options.bigramBuckets} pair buckets, ${c.options.epochs} epochs of ${c.options.optimizer === 'adagrad' ? 'row-wise Adagrad' : 'SGD'} with ${Math.round(c.options.tokenDropout * 100)}% word dropout.${
    c.options.lexicalBuckets > 0
      ? ` Beside the bag, a lexical head adds its own votes to the logits: one weight per label for every token and for ${c.options.lexicalBuckets} buckets of hashed token pairs, pairs one apart and triples, summed and divided by the square root of their count.`
      : ''
  } Format \`embedding-bag-v${c.options.maxPoolRate > 0 ? 3 : c.options.lexicalBuckets > 0 ? 2 : 1}\`. Weights are int8 with one scale per row. Runs through transformers.js \`pipeline('text-classification')\` (\`onnx/model.onnx\`, fp32 graph over int8 initializers) and through the widget's TypeScript kernel over the same file.${c.sizeNote ? ` ${c.sizeNote}` : ''}

## Held-out metrics
A stratified ${r.heldOutRows}-row split carved from the training data (seeded${r.labels.includes('oos') ? '; half of the `oos` rows, so the rejection threshold is set on more than a handful' : ''}), scored by ${c.options.ensemble > 1 ? `an ensemble of ${c.options.ensemble} like the shipped one` : 'a model like the shipped one'} trained on the other ${r.trainRows} rows, which fits the temperature and thresholds; the shipped model is then trained on all rows.

| metric | value |
|---|---|
| accuracy | ${pct(m.accuracy)} |
| macro F1 | ${pct(m.macro_f1)} |
| in-scope accuracy | ${pct(m.in_scope_accuracy)} |
| out-of-scope recall | ${pct(m.oos_recall)} |
| rows | ${m.n} |

## Calibration and rejection
Softmax temperature ${r.temperature.toFixed(3)} (fitted by held-out likelihood, folded into the logits)${r.labels.includes('oos') ? `; ${r.oosOffset.toFixed(2)} added to the \`oos\` logit (the offset whose default profile answers the most held-out in-scope rows right, folded into its bias)` : ''}. A message whose top confidence is under the profile's threshold${r.labels.includes('oos') ? ' or whose top label is `oos`' : ''} is rejected ("I don't know")${r.labels.includes('oos') ? '; the default threshold is the lowest at which the held-out `oos` rows rejected reach 75% with 95% confidence' : ''}.

| profile | threshold | held-out outcome |
|---|---|---|
| default | ${r.profiles.default.threshold.toFixed(2)} | coverage ${pct(r.profiles.default.coverage)}, answers right ${pct(r.profiles.default.acceptedPrecision)}, out-of-scope caught ${pct(r.profiles.default.oosRecall)} |
| high-risk | ${r.profiles['high-risk'].threshold.toFixed(2)} | coverage ${pct(r.profiles['high-risk'].coverage)}, answers right ${pct(r.profiles['high-risk'].acceptedPrecision)}, out-of-scope caught ${pct(r.profiles['high-risk'].oosRecall)} |

${
  c.evaluations?.length
    ? `## Never-seen evaluation sets\nScored through the widget's UnderstandingPipeline at the default threshold.\n\n| set | rows | accuracy | in-scope accuracy | out-of-scope recall |\n|---|---|---|---|---|\n${c.evaluations
        .map((e) => `| ${e.name} | ${e.metrics.n} | ${pct(e.metrics.accuracy)} | ${pct(e.metrics.in_scope_accuracy)} | ${pct(e.metrics.oos_recall)} |`)
        .join('\n')}\n\n`
    : ''
}Most confused on held-out (true → answered): ${r.confused.slice(0, 5).map((p) => `${p.truth} → ${p.answer} (${p.count})`).join('; ') || 'none'}.
`;
}
