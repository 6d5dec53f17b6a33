/**
 * Euclidean distance between rows i and j of a row-major matrix, computed as sqrt(sum((a_k - b_k)^2)) so that
 * identical rows are at distance exactly 0 (never through |a|^2 + |b|^2 - 2ab).
 */
export function euclidean(points: Float64Array, dims: number, i: number, j: number): number {
  const a = i * dims;
  const b = j * dims;
  let s = 0;
  for (let k = 0; k < dims; k++) {
    const d = points[a + k]! - points[b + k]!;
    s += d * d;
  }
  return Math.sqrt(s);
}
