import type { InferenceSession } from 'onnxruntime-node';
import type { KnnGraph } from '../../topics/knn';
import { buildCosineTopKOnnx } from './buildCosineTopKOnnx';

export interface OnnxCosineKnnOptions {
  /** ONNX Runtime intra-op threads (default 2). */
  threads?: number;
  /** Query rows per run: bounds the `[rows, n]` score matrix inside ONNX Runtime (default 1024: 40 MB at n = 10k). */
  rowsPerRun?: number;
}

/** Cosine distances below this are float32 rounding of identical directions. */
const DUPLICATE_EPSILON = 1e-6;

/** Unit-length copies of the rows; zero rows stay zero (similarity 0, distance 1 to everything). */
function unitRows(vectors: Float32Array, dim: number): Float32Array {
  const out = new Float32Array(vectors.length);
  for (let off = 0; off < vectors.length; off += dim) {
    let ss = 0;
    for (let j = 0; j < dim; j++) ss += vectors[off + j]! * vectors[off + j]!;
    if (ss === 0) continue;
    const inv = 1 / Math.sqrt(ss);
    for (let j = 0; j < dim; j++) out[off + j] = vectors[off + j]! * inv;
  }
  return out;
}

/**
 * Exact cosine k-nearest neighbours on ONNX Runtime: one matrix product per block of queries plus `TopK` in the
 * graph. The exact search is O(n^2 d) like brute force in JavaScript, but runs near the machine's matrix-product
 * peak (10k x 256-d: 51 GFLOP, well under a second on 2 cores instead of tens of seconds in plain JS).
 *
 * Distances are `1 - cos`, clamped at 0, so the result has the same meaning as `exactKnn(..., { metric: 'cosine' })`.
 *
 * @example
 * const knn = await OnnxCosineKnn.create(vectors, 256);
 * const graph = await knn.selfNeighbours(100); // each row's 100 nearest other rows
 * knn.close();
 */
export class OnnxCosineKnn {
  private closed = false;

  private constructor(
    private readonly session: InferenceSession,
    private readonly ort: typeof import('onnxruntime-node'),
    readonly n: number,
    readonly dim: number,
    readonly k: number,
    private readonly unitData: Float32Array,
    private readonly rowsPerRun: number,
  ) {}

  /**
   * Builds a session over `data` (row-major, n x dim) that returns `k` neighbours per query.
   * @param data vectors to search; any length, zero rows allowed
   * @param k neighbours per query row (at most n; `selfNeighbours` needs k + 1 <= n)
   */
  static async create(
    data: Float32Array,
    dim: number,
    k: number,
    options: OnnxCosineKnnOptions = {},
  ): Promise<OnnxCosineKnn> {
    if (!Number.isInteger(dim) || dim < 1 || data.length % dim !== 0) {
      throw new RangeError(`OnnxCosineKnn: data length ${data.length} is not a multiple of dim ${dim}`);
    }
    const n = data.length / dim;
    for (let i = 0; i < data.length; i++) {
      if (!Number.isFinite(data[i]!))
        throw new RangeError(`OnnxCosineKnn: data row ${Math.floor(i / dim)} has a non-finite value`);
    }
    const unit = unitRows(data, dim);
    const unitT = new Float32Array(unit.length);
    for (let i = 0; i < n; i++) for (let j = 0; j < dim; j++) unitT[j * n + i] = unit[i * dim + j]!;
    const ort = await import('onnxruntime-node');
    const session = await ort.InferenceSession.create(buildCosineTopKOnnx(unitT, dim, n, k), {
      intraOpNumThreads: options.threads ?? 2,
      interOpNumThreads: 1,
      graphOptimizationLevel: 'all',
    });
    return new OnnxCosineKnn(session, ort, n, dim, k, unit, options.rowsPerRun ?? 1024);
  }

  /** The `k` nearest data rows of each query row, nearest first. */
  async search(queries: Float32Array): Promise<KnnGraph> {
    if (queries.length % this.dim !== 0)
      throw new RangeError(`OnnxCosineKnn: queries length ${queries.length} is not a multiple of dim ${this.dim}`);
    return this.run(unitRows(queries, this.dim), false);
  }

  /**
   * Each data row's `k - 1` nearest other rows (the row itself left out, exact duplicates kept at distance 0),
   * the `excludeSelf` meaning of `exactKnn`.
   */
  async selfNeighbours(): Promise<KnnGraph> {
    if (this.k < 2) throw new RangeError('OnnxCosineKnn: selfNeighbours needs k >= 2 (the row itself is dropped)');
    return this.run(this.unitData, true);
  }

  /** Releases the session; later calls do nothing. */
  close(): void {
    if (this.closed) return;
    this.closed = true;
    this.session.release().catch(() => undefined);
  }

  private async run(unitQueries: Float32Array, excludeSelf: boolean): Promise<KnnGraph> {
    const m = unitQueries.length / this.dim;
    const outK = excludeSelf ? this.k - 1 : this.k;
    const indices = new Int32Array(m * outK);
    const distances = new Float32Array(m * outK);
    for (let start = 0; start < m; start += this.rowsPerRun) {
      const rows = Math.min(this.rowsPerRun, m - start);
      const q = new this.ort.Tensor('float32', unitQueries.subarray(start * this.dim, (start + rows) * this.dim), [
        rows,
        this.dim,
      ]);
      const out = await this.session.run({ q });
      const values = out['values']!.data as Float32Array;
      const idx = out['indices']!.data as BigInt64Array;
      for (let r = 0; r < rows; r++) {
        const row = start + r;
        let w = row * outK;
        let kept = 0;
        for (let j = 0; j < this.k && kept < outK; j++) {
          const id = Number(idx[r * this.k + j]!);
          // With many exact duplicates the row itself may be tied out of the list; then the last one is dropped.
          if (excludeSelf && id === row) continue;
          indices[w] = id;
          const d = 1 - values[r * this.k + j]!;
          // Float32 products leave exact duplicates at ~6e-8: snap them to 0 as the plain-JS search has them.
          distances[w] = d < DUPLICATE_EPSILON ? 0 : d;
          w++;
          kept++;
        }
      }
    }
    return { n: m, k: outK, indices, distances };
  }
}
