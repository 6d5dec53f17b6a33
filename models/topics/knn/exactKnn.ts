import { KnnParamError } from './errors';
import type { KnnGraph, KnnMetric } from './KnnGraph';
import { TopKRows } from './TopKRows';

export interface ExactKnnOptions {
  /** Default 'cosine'. */
  metric?: KnnMetric;
  /** Leave row i out of query i's list (queries and data are the same rows); exact duplicates stay, at distance 0. */
  excludeSelf?: boolean;
}

/**
 * Below this, `1 - cos` from the dot product has lost most of its digits to cancellation; it is recomputed as
 * `|u - v|^2 / 2` on the unit vectors, which is exactly 0 for identical directions.
 */
const NEAR_DUPLICATE = 1e-4;

/** Queries scanned together: each data value loaded once serves four dot products. */
const QUERY_BLOCK = 4;

/** Data rows per tile, about 256 KB of float32 so a tile stays in cache while every query block passes over it. */
const tileRows = (dim: number): number => Math.max(16, Math.floor(65536 / dim));

/**
 * Exact k nearest neighbours of each query row among the data rows, by brute force over cache-sized tiles.
 * Cosine distance is `1 - cos` (0 for identical directions); a zero vector is at distance 1 from everything,
 * itself included. Each row is sorted by distance, ties broken by the lower data index, so the result does not
 * depend on tiling. When `queries === data` (the same array) each pair is computed once and offered to both rows.
 *
 * O(m n dim) time: meant for transform (few queries) and for small sets; large self-kNN belongs on ONNX Runtime.
 *
 * @param queries row-major m x dim
 * @param data row-major n x dim
 * @param dim values per row
 * @param k neighbours per query, 1..n (1..n-1 with excludeSelf)
 * @param options metric ('cosine' default) and excludeSelf (needs queries and data to be the same rows)
 * @example
 * const g = exactKnn(vectors, vectors, 256, 15, { excludeSelf: true });
 * const nearestOfRow3 = g.indices[3 * g.k]; // never 3 itself
 */
export function exactKnn(
  queries: Float32Array,
  data: Float32Array,
  dim: number,
  k: number,
  options: ExactKnnOptions = {},
): KnnGraph {
  const metric = options.metric ?? 'cosine';
  const excludeSelf = options.excludeSelf ?? false;
  validate(queries, data, dim, k, metric, excludeSelf);
  const m = queries.length / dim;
  const n = data.length / dim;
  const symmetric = queries === data;
  const top = new TopKRows(m, k);
  const dataInv = metric === 'cosine' ? inverseNorms(data, dim, 'data') : new Float64Array(0);
  const queryInv = metric === 'cosine' && !symmetric ? inverseNorms(queries, dim, 'queries') : dataInv;
  const tile = tileRows(dim);
  for (let j0 = 0; j0 < n; j0 += tile) {
    const j1 = Math.min(n, j0 + tile);
    for (let i = 0; i < m; i += QUERY_BLOCK) {
      // In the symmetric scan only pairs with j >= row are computed.
      if (symmetric && i >= j1) break;
      const block = { i, rows: Math.min(QUERY_BLOCK, m - i), from: symmetric ? Math.max(j0, i) : j0, to: j1 };
      if (metric === 'cosine') cosineBlock(queries, queryInv, data, dataInv, dim, block, top, symmetric, excludeSelf);
      else euclideanBlock(queries, data, dim, block, top, symmetric, excludeSelf);
    }
  }
  return { n: m, k, ...top.sorted() };
}

interface Block {
  /** First query row and how many (1..4). */
  i: number;
  rows: number;
  /** Data rows [from, to). */
  from: number;
  to: number;
}

function validate(
  queries: Float32Array,
  data: Float32Array,
  dim: number,
  k: number,
  metric: unknown,
  excludeSelf: boolean,
): void {
  if (!Number.isInteger(dim) || dim < 1)
    throw new KnnParamError('INVALID_DIM', `exactKnn: dim must be a positive integer, got ${dim}`);
  if (metric !== 'cosine' && metric !== 'euclidean')
    throw new KnnParamError(
      'INVALID_METRIC',
      `exactKnn: metric must be 'cosine' or 'euclidean', got ${String(metric)}`,
    );
  for (const [name, a] of [
    ['queries', queries],
    ['data', data],
  ] as const) {
    if (a.length % dim !== 0)
      throw new KnnParamError(
        'INVALID_VECTORS',
        `exactKnn: ${name}.length (${a.length}) is not a multiple of dim (${dim})`,
      );
    // Cosine checks finiteness in its norm pass (one read of the data instead of two).
    if (metric === 'euclidean') for (let r = 0; r < a.length / dim; r++) checkFinite(a, dim, r, name);
  }
  const n = data.length / dim;
  if (excludeSelf && queries.length !== data.length) {
    throw new KnnParamError(
      'INVALID_EXCLUDE_SELF',
      `exactKnn: excludeSelf needs queries to be the data rows (${queries.length / dim} queries, ${n} data rows)`,
    );
  }
  const maxK = excludeSelf ? n - 1 : n;
  if (!Number.isInteger(k) || k < 1 || k > maxK) {
    throw new KnnParamError(
      'INVALID_K',
      `exactKnn: k must be an integer in 1..${maxK} (${n} data rows${excludeSelf ? ', self excluded' : ''}), got ${k}`,
    );
  }
}

/** Throws INVALID_VECTORS naming the row and column of the first non-finite value of row `r`, if any. */
function checkFinite(v: Float32Array, dim: number, r: number, name: string): void {
  for (let t = 0; t < dim; t++) {
    if (!Number.isFinite(v[r * dim + t]!))
      throw new KnnParamError('INVALID_VECTORS', `exactKnn: ${name} row ${r} has a non-finite value at column ${t}`);
  }
}

/**
 * 1 / |row| per row, 0 for a zero row (its cosine with anything is then 0: distance 1). A non-finite value makes
 * the sum of squares non-finite (float32 squares cannot overflow a double), which is how rows are validated here.
 */
function inverseNorms(v: Float32Array, dim: number, name: string): Float64Array {
  const n = v.length / dim;
  const inv = new Float64Array(n);
  for (let r = 0; r < n; r++) {
    const s = dot(v, r * dim, v, r * dim, dim);
    if (!Number.isFinite(s)) checkFinite(v, dim, r, name);
    inv[r] = s > 0 ? 1 / Math.sqrt(s) : 0;
  }
  return inv;
}

/** Dot product of two rows with four partial sums (independent additions pipeline; one chain would stall). */
function dot(a: Float32Array, ao: number, b: Float32Array, bo: number, dim: number): number {
  let s0 = 0;
  let s1 = 0;
  let s2 = 0;
  let s3 = 0;
  let t = 0;
  for (; t + 4 <= dim; t += 4) {
    s0 += a[ao + t]! * b[bo + t]!;
    s1 += a[ao + t + 1]! * b[bo + t + 1]!;
    s2 += a[ao + t + 2]! * b[bo + t + 2]!;
    s3 += a[ao + t + 3]! * b[bo + t + 3]!;
  }
  for (; t < dim; t++) s0 += a[ao + t]! * b[bo + t]!;
  return s0 + s1 + (s2 + s3);
}

/** |u - v|^2 / 2 on the unit vectors: 1 - cos without cancellation, exactly 0 for identical directions. */
function preciseCosineDistance(
  q: Float32Array,
  qOff: number,
  qInv: number,
  d: Float32Array,
  dOff: number,
  dInv: number,
  dim: number,
): number {
  let s = 0;
  for (let t = 0; t < dim; t++) {
    const diff = q[qOff + t]! * qInv - d[dOff + t]! * dInv;
    s += diff * diff;
  }
  return s / 2;
}

/** Offers the pair (row, j) at distance `dist` to the rows it belongs to. */
function offer(top: TopKRows, row: number, j: number, dist: number, symmetric: boolean, excludeSelf: boolean): void {
  if (symmetric) {
    if (j > row) {
      if (dist <= top.worst(row)) top.push(row, dist, j);
      if (dist <= top.worst(j)) top.push(j, dist, row);
    } else if (j === row && !excludeSelf) top.push(row, dist, row);
    return;
  }
  if (excludeSelf && j === row) return;
  if (dist <= top.worst(row)) top.push(row, dist, j);
}

function cosineBlock(
  q: Float32Array,
  qInv: Float64Array,
  d: Float32Array,
  dInv: Float64Array,
  dim: number,
  b: Block,
  top: TopKRows,
  symmetric: boolean,
  excludeSelf: boolean,
): void {
  if (b.rows === 1) {
    cosineRow(q, qInv, d, dInv, dim, b, top, symmetric, excludeSelf);
    return;
  }
  const last = b.i + b.rows - 1;
  // Short blocks repeat their last row; the extra sums are ignored.
  const o0 = b.i * dim;
  const o1 = Math.min(b.i + 1, last) * dim;
  const o2 = Math.min(b.i + 2, last) * dim;
  const o3 = Math.min(b.i + 3, last) * dim;
  const sums = new Float64Array(QUERY_BLOCK);
  for (let j = b.from; j < b.to; j++) {
    const oj = j * dim;
    let s0 = 0;
    let s1 = 0;
    let s2 = 0;
    let s3 = 0;
    for (let t = 0; t < dim; t++) {
      const x = d[oj + t]!;
      s0 += q[o0 + t]! * x;
      s1 += q[o1 + t]! * x;
      s2 += q[o2 + t]! * x;
      s3 += q[o3 + t]! * x;
    }
    sums[0] = s0;
    sums[1] = s1;
    sums[2] = s2;
    sums[3] = s3;
    const inv = dInv[j]!;
    for (let r = 0; r < b.rows; r++) {
      const row = b.i + r;
      if (symmetric && j < row) continue;
      let dist = 1 - sums[r]! * qInv[row]! * inv;
      if (dist < NEAR_DUPLICATE) dist = preciseCosineDistance(q, row * dim, qInv[row]!, d, oj, inv, dim);
      offer(top, row, j, dist, symmetric, excludeSelf);
    }
  }
}

/** One query row (a lone query, as in transform): unrolled over the columns instead of over four rows. */
function cosineRow(
  q: Float32Array,
  qInv: Float64Array,
  d: Float32Array,
  dInv: Float64Array,
  dim: number,
  b: Block,
  top: TopKRows,
  symmetric: boolean,
  excludeSelf: boolean,
): void {
  const row = b.i;
  const qo = row * dim;
  const qi = qInv[row]!;
  for (let j = b.from; j < b.to; j++) {
    if (symmetric && j < row) continue;
    const inv = dInv[j]!;
    let dist = 1 - dot(q, qo, d, j * dim, dim) * qi * inv;
    if (dist < NEAR_DUPLICATE) dist = preciseCosineDistance(q, qo, qi, d, j * dim, inv, dim);
    offer(top, row, j, dist, symmetric, excludeSelf);
  }
}

function euclideanBlock(
  q: Float32Array,
  d: Float32Array,
  dim: number,
  b: Block,
  top: TopKRows,
  symmetric: boolean,
  excludeSelf: boolean,
): void {
  const last = b.i + b.rows - 1;
  const o0 = b.i * dim;
  const o1 = Math.min(b.i + 1, last) * dim;
  const o2 = Math.min(b.i + 2, last) * dim;
  const o3 = Math.min(b.i + 3, last) * dim;
  const sums = new Float64Array(QUERY_BLOCK);
  for (let j = b.from; j < b.to; j++) {
    const oj = j * dim;
    let s0 = 0;
    let s1 = 0;
    let s2 = 0;
    let s3 = 0;
    // Summed squared differences, not |q|^2 + |d|^2 - 2 q.d: identical rows must be exactly 0 apart.
    for (let t = 0; t < dim; t++) {
      const x = d[oj + t]!;
      const e0 = q[o0 + t]! - x;
      const e1 = q[o1 + t]! - x;
      const e2 = q[o2 + t]! - x;
      const e3 = q[o3 + t]! - x;
      s0 += e0 * e0;
      s1 += e1 * e1;
      s2 += e2 * e2;
      s3 += e3 * e3;
    }
    sums[0] = s0;
    sums[1] = s1;
    sums[2] = s2;
    sums[3] = s3;
    for (let r = 0; r < b.rows; r++) {
      const row = b.i + r;
      if (symmetric && j < row) continue;
      offer(top, row, j, Math.sqrt(sums[r]!), symmetric, excludeSelf);
    }
  }
}
