import type { EmbeddingBagWeights } from '../../widget/src/inference/embedding-bag.js';
import type { SupportWidgetModelConfig } from '../../widget/src/inference/intent-model.js';
import { DEFAULT_MAX_CHARS } from '../../widget/src/inference/intent-model.js';
import { calibrateRejection, fitTemperature, type HeldOutPrediction, type ThresholdOutcome } from './calibration.js';
import { normaliseText } from '../../widget/src/understanding/normalise.js';
import type { LabeledText } from './csv.js';
import { OOS_LABEL, stratifiedSplit } from './dataset.js';
import { assembleIntentModel, predictLogits, prepareIntentModel, type IntentTrainingOptions, type TrainedIntentModel } from './intent-trainer.js';
import { trainMembers } from './member-pool.js';
import { confusedPairs, intentMetrics, type IntentMetrics, type Judgement } from './metrics.js';
import { dequantizeRows } from './onnx-export.js';

/** `w` with `f` applied to both row tables of its lexical head, if it has one (spread into a copy of `w`). */
function mapLexicalRows(w: EmbeddingBagWeights, f: (rows: Float32Array, width: number) => Float32Array): Partial<EmbeddingBagWeights> {
  const { lexical } = w;
  return lexical ? { lexical: { ...lexical, tokenRows: f(lexical.tokenRows, lexical.classes), ngramRows: f(lexical.ngramRows, lexical.classes) } } : {};
}

/** As exported: the int8 round trip applied, so calibration sees what ships. */
function asShipped(w: EmbeddingBagWeights): EmbeddingBagWeights {
  return {
    ...w,
    embeddings: dequantizeRows(w.embeddings, w.dim),
    bigramEmbeddings: w.bigramBuckets > 0 ? dequantizeRows(w.bigramEmbeddings, w.dim) : w.bigramEmbeddings,
    ...mapLexicalRows(w, dequantizeRows),
  };
}

/** Temperature and the out-of-scope logit offset folded into the classifier, so the exported logits are calibrated. */
function foldCalibration(w: EmbeddingBagWeights, temperature: number, oosIndex: number, oosOffset: number): EmbeddingBagWeights {
  return {
    ...w,
    weight: w.weight.map((v) => v / temperature),
    bias: w.bias.map((v, c) => (v + (c === oosIndex ? oosOffset : 0)) / temperature),
    ...mapLexicalRows(w, (rows) => rows.map((v) => v / temperature)),
  };
}

export interface TrainingReport {
  labels: string[];
  trainRows: number;
  heldOutRows: number;
  temperature: number;
  /** Added to the `oos` logit before the temperature (0 without an `oos` label). */
  oosOffset: number;
  profiles: { default: ThresholdOutcome; 'high-risk': ThresholdOutcome };
  /** Metrics on the held-out split at the default threshold (model trained without it). */
  heldOut: IntentMetrics;
  confused: ReturnType<typeof confusedPairs>;
  seconds: number;
  /** CPU time of the whole process (workers included): what training costs whatever else the machine is doing. */
  cpuSeconds: number;
}

export interface CalibratedIntentModel {
  model: TrainedIntentModel;
  /** Final weights, int8 round trip applied and temperature folded in. */
  weights: EmbeddingBagWeights;
  supportWidget: SupportWidgetModelConfig;
  report: TrainingReport;
}

/**
 * Out-of-scope rows are few (CLINC150 has 100 next to 15,000), so the
 * rejection threshold is set on half of them rather than on a handful; every
 * other label keeps `heldOutShare` back.
 */
export const OOS_HELD_OUT_SHARE = 0.5;

function calibrationSplit<T extends { label: string }>(rows: readonly T[], heldOutShare: number, seed: number): { train: T[]; heldOut: T[] } {
  const inScope = stratifiedSplit(rows.filter((r) => r.label !== OOS_LABEL), heldOutShare, seed);
  const oos = stratifiedSplit(rows.filter((r) => r.label === OOS_LABEL), OOS_HELD_OUT_SHARE, seed);
  return { train: [...inScope.train, ...oos.train], heldOut: [...inScope.heldOut, ...oos.heldOut] };
}

/**
 * Train → calibrate → retrain: the same ensemble, trained on all rows but a
 * stratified held-out share, fits the temperature and thresholds and gives
 * the reported metrics; then the final ensemble learns from every row and
 * inherits them.
 */
export async function trainCalibratedModel(
  rows: readonly LabeledText[],
  options: IntentTrainingOptions & { heldOutShare: number; refit: boolean },
): Promise<CalibratedIntentModel> {
  const started = Date.now();
  const cpuAtStart = process.cpuUsage();
  // The widget classifies normalised text (slang, typos and synonyms mapped), so the model learns from the same form.
  const normalised = rows.map((r) => ({ ...r, text: normaliseText(r.text) }));
  options = { ...options, corpus: options.corpus.map((t) => normaliseText(t)) };
  const { train, heldOut } = calibrationSplit(normalised, options.heldOutShare, options.seed);
  // Calibrated on the same kind of model that ships (the whole ensemble, not one member: the ensemble is
  // surer and more often right, so one member's thresholds reject more than they need to). Its members
  // train on the worker threads alongside the final ones: neither waits for the other.
  const calibrating = prepareIntentModel(train, options, 'calibration member');
  const refitting = options.refit ? prepareIntentModel(normalised, options, 'member') : null;
  const members = await trainMembers([...calibrating.jobs, ...(refitting?.jobs ?? [])], options.log);
  const first = assembleIntentModel(calibrating, members.slice(0, calibrating.jobs.length));
  const shippedFirst = { ...first, weights: asShipped(first.weights) };
  const logits = predictLogits(shippedFirst, heldOut.map((r) => r.text));
  const labelIndex = new Map(first.labels.map((l, i) => [l, i]));
  const oosIndex = labelIndex.get(OOS_LABEL) ?? -1;
  const held: HeldOutPrediction[] = heldOut.map((r, i) => ({ logits: logits[i]!, truth: labelIndex.get(r.label) ?? -1 }));
  const temperature = fitTemperature(held.filter((h) => h.truth !== oosIndex));
  const { oosOffset, scored, profiles } = calibrateRejection(held, temperature, oosIndex);
  const judgements: Judgement[] = heldOut.map((r, i) => {
    const s = scored[i]!;
    return { truth: r.label, predicted: first.labels[s.top]!, rejected: s.confidence < profiles.default.threshold || s.predictedOos };
  });
  options.log?.(
    `held-out: temperature ${temperature.toFixed(3)}, threshold ${profiles.default.threshold.toFixed(2)}` +
      (oosIndex >= 0 ? `, oos logit offset ${oosOffset.toFixed(2)}` : ''),
  );
  const final = refitting ? assembleIntentModel(refitting, members.slice(calibrating.jobs.length)) : first;
  const weights = foldCalibration(asShipped(final.weights), temperature, oosIndex, oosOffset);
  const supportWidget: SupportWidgetModelConfig = {
    format: weights.maxPooled ? 'embedding-bag-v3' : weights.lexical ? 'embedding-bag-v2' : 'embedding-bag-v1',
    dim: weights.dim,
    ...(weights.maxPooled && { max_pooled: weights.maxPooled }),
    vocab_size: final.vocabulary.tokens.length,
    bigram_buckets: weights.bigramBuckets,
    bigram_prime: weights.bigramPrime,
    ...(weights.lexical && { lexical_buckets: weights.lexical.buckets }),
    max_chars: DEFAULT_MAX_CHARS,
    oos_label: labelIndex.has(OOS_LABEL) ? OOS_LABEL : null,
    temperature,
    threshold: profiles.default.threshold,
    profiles: {
      default: { threshold: profiles.default.threshold, description: describe(profiles.default) },
      'high-risk': { threshold: profiles['high-risk'].threshold, description: describe(profiles['high-risk']) },
    },
  };
  return {
    model: final,
    weights,
    supportWidget,
    report: {
      labels: final.labels,
      trainRows: train.length,
      heldOutRows: heldOut.length,
      temperature,
      oosOffset,
      profiles,
      heldOut: intentMetrics(judgements),
      confused: confusedPairs(judgements),
      seconds: (Date.now() - started) / 1000,
      cpuSeconds: (({ user, system }) => (user + system) / 1e6)(process.cpuUsage(cpuAtStart)),
    },
  };
}

function describe(o: ThresholdOutcome): string {
  const pct = (v: number) => `${(v * 100).toFixed(1)}%`;
  return (
    `held out: answers ${pct(o.coverage)} of in-scope messages, ${pct(o.acceptedPrecision)} of answers right` +
    (o.oosRecall === null ? '' : `, rejects ${pct(o.oosRecall)} of out-of-scope`)
  );
}
