/** Binary-search tolerance and step limit of umap-learn's smooth_knn_dist. */
const SMOOTH_K_TOLERANCE = 1e-5;
const MAX_SEARCH_STEPS = 64;
/** Floor of sigma as a fraction of the mean neighbour distance (umap-learn's MIN_K_DIST_SCALE). */
const MIN_K_DIST_SCALE = 1e-3;

export interface SmoothKnnOptions {
  /** Target of each row's membership sum: log2 of this (umap-learn's k, counting the point itself). */
  nNeighbors: number;
  localConnectivity: number;
  /**
   * Leading columns left out of the membership sum: 0 when the lists exclude the point itself, 1 to mirror
   * umap-learn's transform (whose sum skips the first column, there a real neighbour).
   */
  skipColumns: 0 | 1;
}

/** Per-row distance to the local-connectivity-th neighbour (rho) and the bandwidth (sigma). */
export interface SmoothKnn {
  rhos: Float64Array;
  sigmas: Float64Array;
}

/**
 * For each row of a kNN distance list, rho (the distance covered by the first `localConnectivity` non-zero
 * neighbours, interpolated) and sigma such that sum_j exp(-max(0, d_j - rho) / sigma) = log2(nNeighbors)
 * within 1e-5, as umap-learn's smooth_knn_dist. Sigma is floored at 1e-3 of the row's mean distance
 * (of all rows' mean when rho is 0), which keeps rows of duplicates finite.
 *
 * @param distances row-major rows x k, each row ascending
 */
export function smoothKnnDistances(
  distances: Float32Array,
  rows: number,
  k: number,
  options: SmoothKnnOptions,
): SmoothKnn {
  const target = Math.log2(options.nNeighbors);
  const lc = options.localConnectivity;
  const index = Math.floor(lc);
  const interpolation = lc - index;
  const rhos = new Float64Array(rows);
  const sigmas = new Float64Array(rows);
  let total = 0;
  for (let i = 0; i < distances.length; i++) total += distances[i]!;
  const meanAll = distances.length > 0 ? total / distances.length : 0;
  for (let r = 0; r < rows; r++) {
    const base = r * k;
    // Non-zero distances start after the zeros (rows are sorted).
    let firstNonZero = 0;
    while (firstNonZero < k && distances[base + firstNonZero]! <= 0) firstNonZero++;
    const nonZero = k - firstNonZero;
    let rho = 0;
    if (nonZero >= lc) {
      if (index > 0) {
        rho = distances[base + firstNonZero + index - 1]!;
        if (interpolation > SMOOTH_K_TOLERANCE && firstNonZero + index < k) {
          rho +=
            interpolation * (distances[base + firstNonZero + index]! - distances[base + firstNonZero + index - 1]!);
        }
      } else {
        rho = interpolation * distances[base + firstNonZero]!;
      }
    } else if (nonZero > 0) {
      rho = distances[base + k - 1]!;
    }
    // Bracketed Newton on psum(sigma) = target (psum grows with sigma): umap-learn bisects from sigma = 1; Newton
    // steps that stay inside the bracket reach the same root in a handful of exp passes instead of ~30.
    let lo = 0;
    let hi = Infinity;
    let mid = 1;
    // Neighbours within rho count 1 whatever sigma is: when they alone reach the target there is no root, and
    // umap-learn's search ends at sigma ~ 2^-64, which the floor below replaces. Rows of duplicates do this.
    let within = 0;
    for (let j = options.skipColumns; j < k; j++) if (distances[base + j]! - rho <= 0) within++;
    if (within >= target - SMOOTH_K_TOLERANCE) mid = 0;
    for (let step = 0; step < MAX_SEARCH_STEPS && mid > 0; step++) {
      let psum = 0;
      let slope = 0;
      for (let j = options.skipColumns; j < k; j++) {
        const d = distances[base + j]! - rho;
        if (d > 0) {
          const w = Math.exp(-d / mid);
          psum += w;
          slope += (w * d) / (mid * mid);
        } else {
          psum += 1;
        }
      }
      const gap = psum - target;
      if (Math.abs(gap) < SMOOTH_K_TOLERANCE) break;
      if (gap > 0) hi = mid;
      else lo = mid;
      const newton = slope > 0 ? mid - gap / slope : NaN;
      if (newton > lo && newton < hi) mid = newton;
      else mid = hi === Infinity ? mid * 2 : (lo + hi) / 2;
    }
    let rowSum = 0;
    for (let j = 0; j < k; j++) rowSum += distances[base + j]!;
    const floor = MIN_K_DIST_SCALE * (rho > 0 ? rowSum / k : meanAll);
    rhos[r] = rho;
    sigmas[r] = Math.max(mid, floor);
  }
  return { rhos, sigmas };
}

/**
 * Membership strength of each listed neighbour: 1 within rho, exp(-(d - rho) / sigma) beyond.
 * @returns row-major rows x k weights, aligned with the distances
 */
export function membershipStrengths(distances: Float32Array, rows: number, k: number, smooth: SmoothKnn): Float32Array {
  const weights = new Float32Array(rows * k);
  for (let r = 0; r < rows; r++) {
    const rho = smooth.rhos[r]!;
    const sigma = smooth.sigmas[r]!;
    for (let j = r * k, e = j + k; j < e; j++) {
      const d = distances[j]! - rho;
      weights[j] = d <= 0 || sigma === 0 ? 1 : Math.exp(-d / sigma);
    }
  }
  return weights;
}
