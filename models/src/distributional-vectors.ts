import { seededRandom } from './random.js';

/**
 * Word vectors that know meaning rather than spelling, learned from
 * unlabelled text alone: positive pointwise mutual information of tokens
 * seen near each other, reduced by a randomised truncated SVD. Words used
 * in the same company ("top up" / "recharge", "parcel" / "package") end up
 * with similar rows even when they share no letters. Rows are unit length;
 * tokens never seen with a neighbour get a zero row.
 */
export interface DistributionalOptions {
  dim: number;
  /** Tokens on each side that count as context; nearer ones count more (1/distance). */
  window: number;
  seed: number;
}

/** Sparse rows: the entries of row i are `cols/values[start[i] .. start[i+1])`. */
interface SparseMatrix {
  n: number;
  start: Int32Array;
  cols: Int32Array;
  values: Float32Array;
}

/** PPMI of token co-occurrence, with the context distribution smoothed (^0.75) so rare contexts do not dominate. */
export function ppmiMatrix(sequences: readonly ArrayLike<number>[], vocabSize: number, window: number): SparseMatrix {
  const counts = new Map<number, number>();
  for (const ids of sequences) {
    for (let i = 0; i < ids.length; i++) {
      const a = ids[i]!;
      for (let j = i + 1; j <= i + window && j < ids.length; j++) {
        const b = ids[j]!;
        const w = 1 / (j - i);
        counts.set(a * vocabSize + b, (counts.get(a * vocabSize + b) ?? 0) + w);
        counts.set(b * vocabSize + a, (counts.get(b * vocabSize + a) ?? 0) + w);
      }
    }
  }
  const keys = Float64Array.from(counts.keys()).sort();
  const rowSum = new Float64Array(vocabSize);
  const colSum = new Float64Array(vocabSize);
  for (const [key, c] of counts) {
    rowSum[Math.floor(key / vocabSize)]! += c;
    colSum[key % vocabSize]! += c;
  }
  let z = 0;
  const colAlpha = colSum.map((c) => c ** 0.75);
  for (const c of colAlpha) z += c;
  const start = new Int32Array(vocabSize + 1);
  const cols: number[] = [];
  const values: number[] = [];
  let row = 0;
  for (const key of keys) {
    const r = Math.floor(key / vocabSize);
    const c = key % vocabSize;
    while (row < r) start[++row] = cols.length;
    const pmi = Math.log((counts.get(key)! * z) / (rowSum[r]! * colAlpha[c]!));
    if (pmi > 0) {
      cols.push(c);
      values.push(pmi);
    }
  }
  while (row < vocabSize) start[++row] = cols.length;
  return { n: vocabSize, start, cols: Int32Array.from(cols), values: Float32Array.from(values) };
}

/** `out = A · X` (`transpose`: `Aᵀ · X`) for X with `l` columns stored column after column. */
function multiply(a: SparseMatrix, x: Float64Array, l: number, transpose: boolean): Float64Array {
  const n = a.n;
  const out = new Float64Array(n * l);
  for (let r = 0; r < n; r++) {
    for (let e = a.start[r]!; e < a.start[r + 1]!; e++) {
      const c = a.cols[e]!;
      const v = a.values[e]!;
      const [from, to] = transpose ? [r, c] : [c, r];
      for (let j = 0; j < l; j++) out[j * n + to]! += v * x[j * n + from]!;
    }
  }
  return out;
}

/** Orthonormalises the `l` columns of `x` in place (modified Gram-Schmidt). */
function orthonormalise(x: Float64Array, n: number, l: number): void {
  for (let j = 0; j < l; j++) {
    const cj = x.subarray(j * n, (j + 1) * n);
    for (let i = 0; i < j; i++) {
      const ci = x.subarray(i * n, (i + 1) * n);
      let dot = 0;
      for (let k = 0; k < n; k++) dot += ci[k]! * cj[k]!;
      for (let k = 0; k < n; k++) cj[k]! -= dot * ci[k]!;
    }
    let norm = 0;
    for (let k = 0; k < n; k++) norm += cj[k]! * cj[k]!;
    norm = Math.sqrt(norm) || 1;
    for (let k = 0; k < n; k++) cj[k]! /= norm;
  }
}

/** Eigenvalues and eigenvectors (columns of `vectors`, row-major l x l) of a symmetric matrix, by cyclic Jacobi rotations. */
function symmetricEigen(m: Float64Array, l: number): { values: Float64Array; vectors: Float64Array } {
  const a = Float64Array.from(m);
  const v = new Float64Array(l * l);
  for (let i = 0; i < l; i++) v[i * l + i] = 1;
  for (let sweep = 0; sweep < 60; sweep++) {
    let off = 0;
    for (let p = 0; p < l; p++) for (let q = p + 1; q < l; q++) off += a[p * l + q]! ** 2;
    if (off < 1e-20) break;
    for (let p = 0; p < l; p++) {
      for (let q = p + 1; q < l; q++) {
        const apq = a[p * l + q]!;
        if (Math.abs(apq) < 1e-300) continue;
        const theta = (a[q * l + q]! - a[p * l + p]!) / (2 * apq);
        const t = Math.sign(theta || 1) / (Math.abs(theta) + Math.sqrt(theta * theta + 1));
        const c = 1 / Math.sqrt(t * t + 1);
        const s = t * c;
        for (let k = 0; k < l; k++) {
          const akp = a[k * l + p]!;
          const akq = a[k * l + q]!;
          a[k * l + p] = c * akp - s * akq;
          a[k * l + q] = s * akp + c * akq;
        }
        for (let k = 0; k < l; k++) {
          const apk = a[p * l + k]!;
          const aqk = a[q * l + k]!;
          a[p * l + k] = c * apk - s * aqk;
          a[q * l + k] = s * apk + c * aqk;
        }
        for (let k = 0; k < l; k++) {
          const vkp = v[k * l + p]!;
          const vkq = v[k * l + q]!;
          v[k * l + p] = c * vkp - s * vkq;
          v[k * l + q] = s * vkp + c * vkq;
        }
      }
    }
  }
  const values = new Float64Array(l);
  for (let i = 0; i < l; i++) values[i] = a[i * l + i]!;
  return { values, vectors: v };
}

/**
 * Top-`dim` left singular vectors of `a`, each scaled by the square root of
 * its singular value (Halko et al.'s randomised range finder with power
 * iterations, then an exact SVD of the small projected matrix).
 */
export function truncatedSvd(a: SparseMatrix, dim: number, seed: number, iterations = 3): Float32Array {
  const n = a.n;
  const l = Math.min(n, dim + 10);
  const random = seededRandom(seed);
  let q: Float64Array = new Float64Array(n * l);
  for (let i = 0; i < q.length; i++) q[i] = random() * 2 - 1;
  q = multiply(a, q, l, false);
  orthonormalise(q, n, l);
  for (let it = 0; it < iterations; it++) {
    const z = multiply(a, q, l, true);
    orthonormalise(z, n, l);
    q = multiply(a, z, l, false);
    orthonormalise(q, n, l);
  }
  // B = Qᵀ A, kept as Bᵀ = Aᵀ Q (n x l); B Bᵀ is l x l.
  const bt = multiply(a, q, l, true);
  const gram = new Float64Array(l * l);
  for (let i = 0; i < l; i++) {
    for (let j = i; j < l; j++) {
      let s = 0;
      for (let k = 0; k < n; k++) s += bt[i * n + k]! * bt[j * n + k]!;
      gram[i * l + j] = s;
      gram[j * l + i] = s;
    }
  }
  const { values, vectors } = symmetricEigen(gram, l);
  const order = Array.from({ length: l }, (_, i) => i).sort((x, y) => values[y]! - values[x]!).slice(0, dim);
  const out = new Float32Array(n * dim);
  order.forEach((e, j) => {
    const weight = Math.max(values[e]!, 0) ** 0.25;
    for (let k = 0; k < l; k++) {
      const u = vectors[k * l + e]! * weight;
      if (u === 0) continue;
      for (let r = 0; r < n; r++) out[r * dim + j]! += u * q[k * n + r]!;
    }
  });
  return out;
}

/** Unit-length distributional vectors, one row of `options.dim` per token id. */
export function distributionalVectors(sequences: readonly ArrayLike<number>[], vocabSize: number, options: DistributionalOptions): Float32Array {
  const rows = truncatedSvd(ppmiMatrix(sequences, vocabSize, options.window), options.dim, options.seed);
  const d = options.dim;
  for (let r = 0; r < vocabSize; r++) {
    let norm = 0;
    for (let k = 0; k < d; k++) norm += rows[r * d + k]! ** 2;
    if (norm === 0) continue;
    const inv = 1 / Math.sqrt(norm);
    for (let k = 0; k < d; k++) rows[r * d + k]! *= inv;
  }
  return rows;
}
