/**
 * Fraction of points whose nearest cluster centroid in the layout (centroids of the true labels) is their own
 * cluster: 1 when the clusters are laid out apart.
 */
export function centroidAccuracy(layout: Float32Array, dims: number, labels: Int32Array): number {
  return nearestCentroidAccuracy(layout, dims, labels, labelCentroids(layout, dims, labels));
}

/** Fraction of rows of `points` whose nearest of the given centroids (row-major k x dims) is their label. */
export function nearestCentroidAccuracy(
  points: Float32Array,
  dims: number,
  labels: Int32Array,
  centres: Float64Array,
): number {
  const k = centres.length / dims;
  let ok = 0;
  for (let i = 0; i < labels.length; i++) {
    let best = -1;
    let bestDist = Infinity;
    for (let c = 0; c < k; c++) {
      let s = 0;
      for (let d = 0; d < dims; d++) s += (points[i * dims + d]! - centres[c * dims + d]!) ** 2;
      if (s < bestDist) {
        bestDist = s;
        best = c;
      }
    }
    if (best === labels[i]) ok++;
  }
  return ok / labels.length;
}

/** Centroids (row-major k x dims) of the rows of each label. */
export function labelCentroids(layout: Float32Array, dims: number, labels: Int32Array): Float64Array {
  const k = Math.max(...labels) + 1;
  const centres = new Float64Array(k * dims);
  const counts = new Float64Array(k);
  for (let i = 0; i < labels.length; i++) {
    counts[labels[i]!]!++;
    for (let d = 0; d < dims; d++) centres[labels[i]! * dims + d]! += layout[i * dims + d]!;
  }
  for (let c = 0; c < k; c++) for (let d = 0; d < dims; d++) centres[c * dims + d]! /= Math.max(1, counts[c]!);
  return centres;
}

/** Fraction of points whose k nearest layout neighbours (euclidean, self excluded) are mostly of their label. */
export function neighbourMajorityAccuracy(layout: Float32Array, dims: number, labels: Int32Array, k = 10): number {
  const n = labels.length;
  let ok = 0;
  const dist = new Float64Array(n);
  const order = Array.from({ length: n }, (_, i) => i);
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < n; j++) {
      let s = 0;
      for (let d = 0; d < dims; d++) s += (layout[i * dims + d]! - layout[j * dims + d]!) ** 2;
      dist[j] = j === i ? Infinity : s;
    }
    order.sort((x, y) => dist[x]! - dist[y]!);
    let same = 0;
    for (let t = 0; t < k; t++) if (labels[order[t]!] === labels[i]) same++;
    if (2 * same > k) ok++;
  }
  return ok / n;
}
