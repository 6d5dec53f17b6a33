import type { KnnGraph } from '../knn';
import { UmapParamError } from './errors';

/**
 * Checks caller-supplied neighbours and keeps the first `k` columns of each row (a wider search can be reused
 * for a smaller nNeighbors).
 *
 * @param rows expected number of rows
 * @param k columns needed
 * @param dataRows neighbour indices must lie in [0, dataRows)
 * @param selfExcluded row i must not list i (fit), or may (transform: indices are training rows)
 * @throws UmapParamError (INVALID_KNN) naming the field and row
 */
export function takeKnnColumns(
  knn: KnnGraph,
  rows: number,
  k: number,
  dataRows: number,
  selfExcluded: boolean,
): { indices: Int32Array; distances: Float32Array } {
  if (knn.n !== rows)
    throw new UmapParamError('INVALID_KNN', `knn.n (${knn.n}) must equal the number of points (${rows})`);
  if (!Number.isInteger(knn.k) || knn.k < k)
    throw new UmapParamError(
      'INVALID_KNN',
      `knn.k (${knn.k}) must be at least ${k} (nNeighbors${selfExcluded ? ' - 1, the point itself excluded' : ''})`,
    );
  if (knn.indices.length !== rows * knn.k || knn.distances.length !== rows * knn.k) {
    throw new UmapParamError(
      'INVALID_KNN',
      `knn.indices and knn.distances must hold n x k = ${rows} x ${knn.k} values`,
    );
  }
  const indices = new Int32Array(rows * k);
  const distances = new Float32Array(rows * k);
  const seen = new Int32Array(dataRows).fill(-1);
  for (let r = 0; r < rows; r++) {
    let prev = 0;
    for (let j = 0; j < k; j++) {
      const idx = knn.indices[r * knn.k + j]!;
      const d = knn.distances[r * knn.k + j]!;
      if (!(idx >= 0 && idx < dataRows))
        throw new UmapParamError(
          'INVALID_KNN',
          `knn.indices row ${r} column ${j} is ${idx}, outside 0..${dataRows - 1}`,
        );
      if (selfExcluded && idx === r)
        throw new UmapParamError('INVALID_KNN', `knn.indices row ${r} lists the point itself (self must be excluded)`);
      if (seen[idx] === r) throw new UmapParamError('INVALID_KNN', `knn.indices row ${r} lists ${idx} twice`);
      seen[idx] = r;
      if (!(d >= prev && d < Infinity))
        throw new UmapParamError(
          'INVALID_KNN',
          `knn.distances row ${r} column ${j} is ${d}: distances must be finite, >= 0 and ascending`,
        );
      prev = d;
      indices[r * k + j] = idx;
      distances[r * k + j] = d;
    }
  }
  return { indices, distances };
}
