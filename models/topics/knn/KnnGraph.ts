/** How exactKnn measures distance: `1 - cos` (cosine) or the straight-line distance (euclidean). */
export type KnnMetric = 'cosine' | 'euclidean';

/** Row-major n x k neighbour lists, each row sorted by distance ascending (ties: lower index first). */
export interface KnnGraph {
  n: number;
  k: number;
  indices: Int32Array;
  distances: Float32Array;
}
