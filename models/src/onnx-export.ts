import onnxProto from 'onnx-proto';
import { featureWidth, type EmbeddingBagWeights } from '../../widget/src/inference/embedding-bag.js';
import { WEIGHT_NAMES } from '../../widget/src/inference/kernel-model.js';
import { NGRAM_PRIMES, type LexicalHead } from '../../widget/src/inference/lexical-head.js';

const { onnx } = onnxProto;
const FLOAT = onnx.TensorProto.DataType.FLOAT;
const INT8 = onnx.TensorProto.DataType.INT8;
const INT64 = onnx.TensorProto.DataType.INT64;

/** Rows stored as int8 with one float scale per row (a quarter of the float size, well under 1% error). */
export function quantizeRows(values: Float32Array, dim: number): { q: Int8Array; scale: Float32Array } {
  const rows = values.length / dim;
  const q = new Int8Array(values.length);
  const scale = new Float32Array(rows);
  for (let r = 0; r < rows; r++) {
    let max = 0;
    for (let k = 0; k < dim; k++) max = Math.max(max, Math.abs(values[r * dim + k]!));
    const s = max > 0 ? max / 127 : 1;
    scale[r] = s;
    for (let k = 0; k < dim; k++) q[r * dim + k] = Math.round(values[r * dim + k]! / scale[r]!);
  }
  return { q, scale };
}

/** The same rows after a quantize/dequantize round trip: what the exported graph and the kernel compute with. */
export function dequantizeRows(values: Float32Array, dim: number): Float32Array {
  const { q, scale } = quantizeRows(values, dim);
  const out = new Float32Array(values.length);
  for (let i = 0; i < out.length; i++) out[i] = q[i]! * scale[Math.floor(i / dim)]!;
  return out;
}

function tensor(name: string, dims: number[], dataType: number, data: ArrayBufferView) {
  return onnx.TensorProto.create({
    name,
    dims,
    dataType,
    rawData: new Uint8Array(data.buffer, data.byteOffset, data.byteLength),
  });
}

const int64 = (name: string, values: number[]) => tensor(name, [values.length], INT64, BigInt64Array.from(values.map(BigInt)));
const scalarInt64 = (name: string, value: number) => tensor(name, [], INT64, BigInt64Array.of(BigInt(value)));

function node(opType: string, input: string[], output: string[], attribute: object[] = []) {
  return onnx.NodeProto.create({ opType, input, output, name: output[0], attribute });
}

function valueInfo(name: string, elemType: number, dims: (string | number)[]) {
  return onnx.ValueInfoProto.create({
    name,
    type: {
      tensorType: {
        elemType,
        shape: { dim: dims.map((d) => (typeof d === 'string' ? { dimParam: d } : { dimValue: d })) },
      },
    },
  });
}

const intAttribute = (name: string, i: number) => ({ name, type: onnx.AttributeProto.AttributeType.INT, i });
const AXIS_0 = intAttribute('axis', 0);
/** ReduceMax takes its axes as an attribute until opset 18 (ReduceSum as an input from 13). */
const AXES_1 = { name: 'axes', type: onnx.AttributeProto.AttributeType.INTS, ints: [1] };
const KEEP_DIMS = (keep: 0 | 1) => intAttribute('keepdims', keep);

/** Starts and ends of the `[:, a:b]` slices that line tokens up with their neighbours (along `axis_1`). */
const sliceBounds = () => [
  int64('start_0', [0]),
  int64('start_1', [1]),
  int64('start_2', [2]),
  int64('end_minus_1', [-1]),
  int64('end_minus_2', [-2]),
  int64('end_max', [Number.MAX_SAFE_INTEGER]),
];

/**
 * The lexical head's branch, `lexical_scores` [batch x classes] from
 * `input_ids`, `mask` (float) and `mask_3d`: masked sums of the token rows and
 * of the hashed pair, skip-pair and triple rows, divided by the square root
 * of the tokens' mass plus the n-gram count ({@link addLexicalLogits}).
 */
function lexicalHeadNodes(head: LexicalHead) {
  const c = head.classes;
  const vocab = head.tokenRows.length / c;
  const tokens = quantizeRows(head.tokenRows, c);
  const grams = quantizeRows(head.ngramRows, c);
  const initializer = [
    tensor(WEIGHT_NAMES.lexicalTokens, [vocab, c], INT8, tokens.q),
    tensor(WEIGHT_NAMES.lexicalTokenScale, [vocab], FLOAT, tokens.scale),
    tensor('lexical_token_rows_zero', [vocab], INT8, new Int8Array(vocab)),
    tensor(WEIGHT_NAMES.lexicalTokenMass, [vocab], FLOAT, head.tokenMass),
    tensor(WEIGHT_NAMES.lexicalNgrams, [head.buckets, c], INT8, grams.q),
    tensor(WEIGHT_NAMES.lexicalNgramScale, [head.buckets], FLOAT, grams.scale),
    tensor('lexical_ngram_rows_zero', [head.buckets], INT8, new Int8Array(head.buckets)),
    scalarInt64('lexical_pair_prime', NGRAM_PRIMES.pair),
    scalarInt64('lexical_skip_prime', NGRAM_PRIMES.skip),
    scalarInt64('lexical_triple_first', NGRAM_PRIMES.tripleFirst),
    scalarInt64('lexical_triple_second', NGRAM_PRIMES.tripleSecond),
    scalarInt64('lexical_buckets', head.buckets),
  ];
  /** `source[:, from:to]` as `name`. */
  const slice = (source: string, from: string, to: string, name: string) => node('Slice', [source, from, to, 'axis_1'], [name]);
  const positions = [
    ['first_of_2', 'start_0', 'end_minus_1'],
    ['second_of_2', 'start_1', 'end_max'],
    ['first_of_3', 'start_0', 'end_minus_2'],
    ['middle_of_3', 'start_1', 'end_minus_1'],
    ['last_of_3', 'start_2', 'end_max'],
  ] as const;
  const nodes = [
    node('DequantizeLinear', [WEIGHT_NAMES.lexicalTokens, WEIGHT_NAMES.lexicalTokenScale, 'lexical_token_rows_zero'], ['lexical_token_table'], [AXIS_0]),
    node('Gather', ['lexical_token_table', 'input_ids'], ['lexical_token_rows'], [AXIS_0]),
    node('Mul', ['lexical_token_rows', 'mask_3d'], ['lexical_token_rows_masked']),
    node('ReduceSum', ['lexical_token_rows_masked', 'axis_1'], ['lexical_token_sum'], [KEEP_DIMS(0)]),
    node('Gather', [WEIGHT_NAMES.lexicalTokenMass, 'input_ids'], ['lexical_mass'], [AXIS_0]),
    node('Mul', ['lexical_mass', 'mask'], ['lexical_mass_masked']),
    node('ReduceSum', ['lexical_mass_masked', 'axis_1'], ['lexical_mass_sum'], [KEEP_DIMS(1)]),
    ...positions.flatMap(([name, from, to]) => [slice('input_ids', from, to, `lexical_ids_${name}`), slice('mask', from, to, `lexical_mask_${name}`)]),
    node('Mul', ['lexical_ids_first_of_2', 'lexical_pair_prime'], ['lexical_pair_scaled']),
    node('Add', ['lexical_pair_scaled', 'lexical_ids_second_of_2'], ['lexical_pair_key']),
    node('Mul', ['lexical_ids_first_of_3', 'lexical_skip_prime'], ['lexical_skip_scaled']),
    node('Add', ['lexical_skip_scaled', 'lexical_ids_last_of_3'], ['lexical_skip_key']),
    node('Mul', ['lexical_ids_first_of_3', 'lexical_triple_first'], ['lexical_triple_first_scaled']),
    node('Mul', ['lexical_ids_middle_of_3', 'lexical_triple_second'], ['lexical_triple_second_scaled']),
    node('Add', ['lexical_triple_first_scaled', 'lexical_triple_second_scaled'], ['lexical_triple_partial']),
    node('Add', ['lexical_triple_partial', 'lexical_ids_last_of_3'], ['lexical_triple_key']),
    node('Concat', ['lexical_pair_key', 'lexical_skip_key', 'lexical_triple_key'], ['lexical_ngram_key'], [intAttribute('axis', 1)]),
    node('Mod', ['lexical_ngram_key', 'lexical_buckets'], ['lexical_ngram_bucket']),
    node('Mul', ['lexical_mask_first_of_2', 'lexical_mask_second_of_2'], ['lexical_pair_mask']),
    node('Mul', ['lexical_mask_first_of_3', 'lexical_mask_last_of_3'], ['lexical_skip_mask']),
    node('Mul', ['lexical_skip_mask', 'lexical_mask_middle_of_3'], ['lexical_triple_mask']),
    node('Concat', ['lexical_pair_mask', 'lexical_skip_mask', 'lexical_triple_mask'], ['lexical_ngram_mask'], [intAttribute('axis', 1)]),
    node('DequantizeLinear', [WEIGHT_NAMES.lexicalNgrams, WEIGHT_NAMES.lexicalNgramScale, 'lexical_ngram_rows_zero'], ['lexical_ngram_table'], [AXIS_0]),
    node('Gather', ['lexical_ngram_table', 'lexical_ngram_bucket'], ['lexical_ngram_rows'], [AXIS_0]),
    node('Unsqueeze', ['lexical_ngram_mask', 'axis_2'], ['lexical_ngram_mask_3d']),
    node('Mul', ['lexical_ngram_rows', 'lexical_ngram_mask_3d'], ['lexical_ngram_rows_masked']),
    node('ReduceSum', ['lexical_ngram_rows_masked', 'axis_1'], ['lexical_ngram_sum'], [KEEP_DIMS(0)]),
    node('ReduceSum', ['lexical_ngram_mask', 'axis_1'], ['lexical_ngram_count'], [KEEP_DIMS(1)]),
    node('Add', ['lexical_mass_sum', 'lexical_ngram_count'], ['lexical_total']),
    node('Max', ['lexical_total', 'one'], ['lexical_safe_total']),
    node('Sqrt', ['lexical_safe_total'], ['lexical_norm']),
    node('Add', ['lexical_token_sum', 'lexical_ngram_sum'], ['lexical_sum']),
    node('Div', ['lexical_sum', 'lexical_norm'], ['lexical_scores']),
  ];
  return { initializer, nodes };
}

/**
 * The embedding bag as an ONNX graph (opset 13) taking `input_ids` and
 * `attention_mask` and returning `logits`, which is what the transformers.js
 * text-classification pipeline feeds and reads. Token rows and hashed
 * token-pair rows are gathered, masked, averaged, then one MatMul + Add;
 * a model with max-pooled columns concatenates their masked maxima (floored
 * at 0) to the mean first; a model with a lexical head adds its branch's
 * scores before the bias. `weights` must already have the temperature folded
 * into the classifier.
 */
export function embeddingBagOnnx(weights: EmbeddingBagWeights, classes: number): Uint8Array {
  const d = weights.dim;
  const width = featureWidth(weights);
  const vocab = weights.embeddings.length / d;
  const emb = quantizeRows(weights.embeddings, d);
  const transposed = new Float32Array(width * classes);
  for (let c = 0; c < classes; c++) for (let k = 0; k < width; k++) transposed[k * classes + c] = weights.weight[c * width + k]!;
  const initializer = [
    tensor(WEIGHT_NAMES.embeddings, [vocab, d], INT8, emb.q),
    tensor(WEIGHT_NAMES.embeddingScale, [vocab], FLOAT, emb.scale),
    tensor('token_embeddings_zero', [vocab], INT8, new Int8Array(vocab)),
    tensor(WEIGHT_NAMES.weight, [width, classes], FLOAT, transposed),
    tensor(WEIGHT_NAMES.bias, [classes], FLOAT, weights.bias),
    int64('axis_1', [1]),
    int64('axis_2', [2]),
    tensor('one', [], FLOAT, Float32Array.of(1)),
    ...(weights.bigramBuckets > 0 || weights.lexical || weights.maxPooled ? sliceBounds() : []),
  ];
  const nodes = [
    node('DequantizeLinear', [WEIGHT_NAMES.embeddings, WEIGHT_NAMES.embeddingScale, 'token_embeddings_zero'], ['token_table'], [AXIS_0]),
    node('Gather', ['token_table', 'input_ids'], ['token_rows'], [AXIS_0]),
    node('Cast', ['attention_mask'], ['mask'], [intAttribute('to', FLOAT)]),
    node('Unsqueeze', ['mask', 'axis_2'], ['mask_3d']),
    node('Mul', ['token_rows', 'mask_3d'], ['token_rows_masked']),
    node('ReduceSum', ['token_rows_masked', 'axis_1'], ['token_sum'], [KEEP_DIMS(0)]),
    node('ReduceSum', ['mask', 'axis_1'], ['token_count'], [KEEP_DIMS(1)]),
  ];
  let sum = 'token_sum';
  let count = 'token_count';
  if (weights.bigramBuckets > 0) {
    const bg = quantizeRows(weights.bigramEmbeddings, d);
    initializer.push(
      tensor(WEIGHT_NAMES.bigrams, [weights.bigramBuckets, d], INT8, bg.q),
      tensor(WEIGHT_NAMES.bigramScale, [weights.bigramBuckets], FLOAT, bg.scale),
      tensor('bigram_embeddings_zero', [weights.bigramBuckets], INT8, new Int8Array(weights.bigramBuckets)),
      scalarInt64('bigram_prime', weights.bigramPrime),
      scalarInt64('bigram_buckets', weights.bigramBuckets),
    );
    nodes.push(
      node('Slice', ['input_ids', 'start_0', 'end_minus_1', 'axis_1'], ['left_ids']),
      node('Slice', ['input_ids', 'start_1', 'end_max', 'axis_1'], ['right_ids']),
      node('Mul', ['left_ids', 'bigram_prime'], ['left_scaled']),
      node('Add', ['left_scaled', 'right_ids'], ['pair_key']),
      node('Mod', ['pair_key', 'bigram_buckets'], ['pair_bucket']),
      node('Slice', ['mask', 'start_0', 'end_minus_1', 'axis_1'], ['left_mask']),
      node('Slice', ['mask', 'start_1', 'end_max', 'axis_1'], ['right_mask']),
      node('Mul', ['left_mask', 'right_mask'], ['pair_mask']),
      node('DequantizeLinear', [WEIGHT_NAMES.bigrams, WEIGHT_NAMES.bigramScale, 'bigram_embeddings_zero'], ['bigram_table'], [AXIS_0]),
      node('Gather', ['bigram_table', 'pair_bucket'], ['pair_rows'], [AXIS_0]),
      node('Unsqueeze', ['pair_mask', 'axis_2'], ['pair_mask_3d']),
      node('Mul', ['pair_rows', 'pair_mask_3d'], ['pair_rows_masked']),
      node('ReduceSum', ['pair_rows_masked', 'axis_1'], ['pair_sum'], [KEEP_DIMS(0)]),
      node('ReduceSum', ['pair_mask', 'axis_1'], ['pair_count'], [KEEP_DIMS(1)]),
      node('Add', ['token_sum', 'pair_sum'], ['all_sum']),
      node('Add', ['token_count', 'pair_count'], ['all_count']),
    );
    sum = 'all_sum';
    count = 'all_count';
  }
  nodes.push(node('Max', [count, 'one'], ['safe_count']), node('Div', [sum, 'safe_count'], ['pooled']));
  let features = 'pooled';
  if (weights.maxPooled) {
    // A row of zeros joins the masked rows (padding is 0 too): the maxima are floored at 0, and an empty
    // message still gives ReduceMax a row (WebGPU's refuses an empty input). The zeros are a sum times 0,
    // so they take the batch size from the input.
    initializer.push(int64('max_pooled_end', [weights.maxPooled]), tensor('zero', [], FLOAT, Float32Array.of(0)));
    nodes.push(
      node('Slice', ['token_rows_masked', 'start_0', 'max_pooled_end', 'axis_2'], ['max_pooled_rows']),
      node('ReduceSum', ['max_pooled_rows', 'axis_1'], ['max_pooled_sum'], [KEEP_DIMS(1)]),
      node('Mul', ['max_pooled_sum', 'zero'], ['max_pooled_floor']),
      node('Concat', ['max_pooled_floor', 'max_pooled_rows'], ['max_pooled_candidates'], [intAttribute('axis', 1)]),
      node('ReduceMax', ['max_pooled_candidates'], ['token_max'], [AXES_1, KEEP_DIMS(0)]),
      node('Concat', ['pooled', 'token_max'], ['features'], [intAttribute('axis', 1)]),
    );
    features = 'features';
  }
  nodes.push(node('MatMul', [features, WEIGHT_NAMES.weight], ['scores']));
  if (weights.lexical) {
    const lexical = lexicalHeadNodes(weights.lexical);
    initializer.push(...lexical.initializer);
    nodes.push(...lexical.nodes, node('Add', ['scores', 'lexical_scores'], ['all_scores']), node('Add', ['all_scores', WEIGHT_NAMES.bias], ['logits']));
  } else {
    nodes.push(node('Add', ['scores', WEIGHT_NAMES.bias], ['logits']));
  }
  const model = onnx.ModelProto.create({
    irVersion: 7,
    producerName: 'support-widget models',
    producerVersion: '1',
    opsetImport: [{ domain: '', version: 13 }],
    graph: {
      name: 'embedding_bag_classifier',
      node: nodes,
      initializer,
      input: [valueInfo('input_ids', INT64, ['batch', 'sequence']), valueInfo('attention_mask', INT64, ['batch', 'sequence'])],
      output: [valueInfo('logits', FLOAT, ['batch', classes])],
    },
  });
  return onnx.ModelProto.encode(model).finish();
}
