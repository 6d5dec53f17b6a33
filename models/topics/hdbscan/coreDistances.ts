import { euclidean } from './distance';

/**
 * Core distance of every point: the distance to its k-th nearest point, counting the point itself as the first
 * (distance 0), as scikit-learn and R's dbscan define it. k = 1 gives all zeros. Brute force, O(n^2 d) time,
 * O(k) extra memory per point. Requires 1 <= k <= n.
 */
export function coreDistances(points: Float64Array, dims: number, k: number): Float64Array {
  const n = points.length / dims;
  const out = new Float64Array(n);
  if (k <= 1) return out;
  // `best` keeps the k smallest distances seen so far, sorted ascending.
  const best = new Float64Array(k);
  for (let i = 0; i < n; i++) {
    let filled = 0;
    for (let j = 0; j < n; j++) {
      const d = j === i ? 0 : euclidean(points, dims, i, j);
      if (filled === k && d >= best[k - 1]!) continue;
      let pos = filled < k ? filled++ : k - 1;
      while (pos > 0 && best[pos - 1]! > d) {
        best[pos] = best[pos - 1]!;
        pos--;
      }
      best[pos] = d;
    }
    out[i] = best[k - 1]!;
  }
  return out;
}
