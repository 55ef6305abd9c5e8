import type { SnapshotVectors } from './knowledge-snapshot.js';

/** Anything that turns text into a vector: the shipped on-device model, or a bigger one a site configures. */
export interface TextEmbedder {
  /** Identifies the model; an index built with one model is only searched with the same one. */
  readonly model: string;
  embed(text: string): Float32Array;
}

/** Quantises unit-normalised vectors to int8 and packs them in one base64 string. */
export function encodeVectors(model: string, vectors: Float32Array[]): SnapshotVectors {
  const dimensions = vectors[0]?.length ?? 0;
  const bytes = new Int8Array(vectors.length * dimensions);
  vectors.forEach((v, i) => {
    if (v.length !== dimensions) throw new Error(`vector ${i} has ${v.length} dimensions, expected ${dimensions}`);
    const norm = Math.hypot(...v) || 1;
    for (let k = 0; k < dimensions; k++) bytes[i * dimensions + k] = Math.round((v[k]! / norm) * 127);
  });
  let binary = '';
  const u8 = new Uint8Array(bytes.buffer);
  for (let i = 0; i < u8.length; i += 0x8000) binary += String.fromCharCode(...u8.subarray(i, i + 0x8000));
  return { model, dimensions, encoding: 'int8-base64', data: btoa(binary) };
}

/** The packed int8 matrix, one row per document. */
export function decodeVectors(vectors: SnapshotVectors): Int8Array {
  const binary = atob(vectors.data);
  const out = new Int8Array(binary.length);
  for (let i = 0; i < binary.length; i++) out[i] = (binary.charCodeAt(i) << 24) >> 24;
  return out;
}

/** Cosine similarity of row `row` of `matrix` (unit length × 127) with `query`. */
export function cosine(matrix: Int8Array, dimensions: number, row: number, query: Float32Array): number {
  let dot = 0;
  let norm = 0;
  for (let k = 0, base = row * dimensions; k < dimensions; k++) {
    dot += matrix[base + k]! * query[k]!;
    norm += query[k]! * query[k]!;
  }
  return norm === 0 ? 0 : dot / (127 * Math.sqrt(norm));
}
