import { MetricsInputError } from './errors';
import { sampleWithoutReplacement, SplitMix32 } from '../../random';

export interface SilhouetteOptions {
  /**
   * Estimate each point's mean distances to a cluster from at most this many points of it (a seeded random
   * sample, >= 2); exact when absent, and also when sampling would not save distance computations (clusters
   * barely larger than this). Every non-noise point still gets a value.
   */
  maxPointsPerCluster?: number;
  /** Seed of the samples (default 0): the same inputs and seed give the same values. */
  seed?: number;
}

/** Non-noise rows grouped by cluster: cluster k (0..m-1, by first appearance) holds members[start[k] .. start[k + 1]). */
interface ClusterGroups {
  readonly members: Int32Array;
  readonly start: Int32Array;
  readonly m: number;
}

function groupByCluster(labels: Int32Array): ClusterGroups {
  const compact = new Map<number, number>();
  for (const l of labels) if (l >= 0 && !compact.has(l)) compact.set(l, compact.size);
  const m = compact.size;
  const start = new Int32Array(m + 1);
  for (const l of labels) if (l >= 0) start[compact.get(l)! + 1]!++;
  for (let k = 0; k < m; k++) start[k + 1]! += start[k]!;
  const fill = start.slice(0, m);
  const members = new Int32Array(start[m]!);
  labels.forEach((l, row) => {
    if (l >= 0) members[fill[compact.get(l)!]!++] = row;
  });
  return { members, start, m };
}

/** (b - a) / max(a, b), 0 when both are 0 (scikit-learn's nan_to_num of 0/0). */
export const silhouetteOf = (a: number, b: number): number => {
  const d = Math.max(a, b);
  return d > 0 ? (b - a) / d : 0;
};

/**
 * Which points each cluster's mean distances are measured against: all of its points, or a seeded sample of `cap`
 * of them when it is larger. Returns the rows in computation order (the reference points grouped by cluster,
 * cluster k at [refStart[k], refStart[k + 1]), then the other points) with the cluster of each.
 */
function chooseReferences(g: ClusterGroups, cap: number, seed: number) {
  const { start, members, m } = g;
  const uniform = SplitMix32.fromSeed(seed);
  const refStart = new Int32Array(m + 1);
  const refRows: number[] = [];
  const refCluster: number[] = [];
  const otherRows: number[] = [];
  const otherCluster: number[] = [];
  for (let k = 0; k < m; k++) {
    const rows = members.subarray(start[k]!, start[k + 1]!);
    const picked = sampleWithoutReplacement(rows, cap, uniform);
    refStart[k + 1] = refStart[k]! + picked.length;
    for (const r of picked) {
      refRows.push(r);
      refCluster.push(k);
    }
    if (picked.length < rows.length) {
      const inSample = new Set(picked);
      for (const r of rows) {
        if (inSample.has(r)) continue;
        otherRows.push(r);
        otherCluster.push(k);
      }
    }
  }
  return {
    refStart,
    nRefs: refRows.length,
    rows: Int32Array.from([...refRows, ...otherRows]),
    clusterOf: Int32Array.from([...refCluster, ...otherCluster]),
  };
}

/**
 * sums[i * m + k] = summed distance from the i-th point (computation order) to the reference points of cluster k.
 * Pairs of reference points are computed once and counted for both (reference points are grouped by cluster, so
 * for reference i only clusters from its own onwards hold references j > i); other points scan the references.
 */
function referenceDistanceSums(
  x: Float64Array,
  dims: number,
  refStart: Int32Array,
  nRefs: number,
  clusterOf: Int32Array,
  m: number,
): Float64Array {
  const total = clusterOf.length;
  const sums = new Float64Array(total * m);
  for (let i = 0; i < total; i++) {
    const isRef = i < nRefs;
    const ci = clusterOf[i]!;
    const io = i * dims;
    for (let k = isRef ? ci : 0; k < m; k++) {
      let acc = 0;
      for (let j = isRef && k === ci ? i + 1 : refStart[k]!, e = refStart[k + 1]!; j < e; j++) {
        const jo = j * dims;
        let s = 0;
        for (let t = 0; t < dims; t++) {
          const diff = x[io + t]! - x[jo + t]!;
          s += diff * diff;
        }
        const d = Math.sqrt(s);
        acc += d;
        if (isRef) sums[j * m + ci]! += d;
      }
      sums[i * m + k]! += acc;
    }
  }
  return sums;
}

function validate(points: Float64Array, dims: number, labels: Int32Array, options: SilhouetteOptions): void {
  if (!Number.isInteger(dims) || dims < 1)
    throw new MetricsInputError('INVALID_DIMS', `dims must be a positive integer, got ${dims}`);
  if (points.length !== labels.length * dims) {
    throw new MetricsInputError(
      'LENGTH_MISMATCH',
      `points.length (${points.length}) must be labels.length (${labels.length}) x dims (${dims})`,
    );
  }
  for (let i = 0; i < points.length; i++) {
    if (!Number.isFinite(points[i]!))
      throw new MetricsInputError(
        'INVALID_POINTS',
        `points has a non-finite value (${points[i]}) at row ${Math.floor(i / dims)}`,
      );
  }
  labels.forEach((l, row) => {
    if (l < -1) throw new MetricsInputError('INVALID_LABELS', `labels[${row}] is ${l}: labels are -1 (noise) or >= 0`);
  });
  const cap = options.maxPointsPerCluster;
  if (cap !== undefined && !(Number.isInteger(cap) && cap >= 2)) {
    throw new MetricsInputError('INVALID_OPTION', `maxPointsPerCluster must be an integer >= 2, got ${cap}`);
  }
  if (options.seed !== undefined && !Number.isFinite(options.seed))
    throw new MetricsInputError('INVALID_OPTION', `seed must be a finite number, got ${options.seed}`);
}

/**
 * Silhouette of each point (Euclidean, as scikit-learn's `silhouette_samples`) among the non-noise points:
 * (b - a) / max(a, b), with a the mean distance to the other points of its cluster and b the smallest mean distance
 * to another cluster. NaN for noise (label -1); 0 for a point alone in its cluster; NaN for every point when there
 * are fewer than two clusters (undefined there: scikit-learn refuses it).
 *
 * Exact: O(n^2 d / 2) time, n x (number of clusters) doubles of memory. With `maxPointsPerCluster` = s, the means
 * come from a seeded sample of at most s points per cluster: about r (r / 2 + n - r) d time for r sampled points
 * in all, which saves time only when clusters are much larger than s (otherwise the exact values are returned).
 *
 * @param points row-major n x dims
 * @param labels cluster of each row, -1 for noise; any non-negative ids
 * @throws MetricsInputError on mismatched lengths, non-finite values (naming the row), labels below -1, bad options
 * @example
 * silhouetteSamples(Float64Array.of(0, 1, 4, 6), 1, Int32Array.of(0, 0, 1, 1)); // [0.8, 0.75, 3/7, 7/11]
 */
export function silhouetteSamples(
  points: Float64Array,
  dims: number,
  labels: Int32Array,
  options: SilhouetteOptions = {},
): Float64Array {
  validate(points, dims, labels, options);
  const out = new Float64Array(labels.length).fill(NaN);
  const groups = groupByCluster(labels);
  if (groups.m < 2) return out;
  const { m, start } = groups;
  let refs = chooseReferences(groups, options.maxPointsPerCluster ?? Infinity, options.seed ?? 0);
  // Sampling pays only with large clusters; when it would not save pairs, the exact values cost no more.
  const total = refs.rows.length;
  if (refs.nRefs < total && refs.nRefs * (refs.nRefs / 2 + total - refs.nRefs) >= (total * total) / 2)
    refs = chooseReferences(groups, Infinity, 0);
  const { refStart, nRefs, rows, clusterOf } = refs;
  const x = new Float64Array(rows.length * dims);
  rows.forEach((r, i) => x.set(points.subarray(r * dims, r * dims + dims), i * dims));
  const sums = referenceDistanceSums(x, dims, refStart, nRefs, clusterOf, m);
  for (let i = 0; i < rows.length; i++) {
    const ci = clusterOf[i]!;
    if (start[ci + 1]! - start[ci]! === 1) {
      out[rows[i]!] = 0;
      continue;
    }
    // A reference point's own zero distance is not a neighbour: one fewer to average over.
    const a = sums[i * m + ci]! / (refStart[ci + 1]! - refStart[ci]! - (i < nRefs ? 1 : 0));
    let b = Infinity;
    for (let k = 0; k < m; k++) if (k !== ci) b = Math.min(b, sums[i * m + k]! / (refStart[k + 1]! - refStart[k]!));
    out[rows[i]!] = silhouetteOf(a, b);
  }
  return out;
}

/**
 * Mean silhouette of each cluster label 0..nClusters-1 (NaN for an empty cluster) and the overall mean over the
 * non-noise points (NaN when there are none).
 *
 * @param samples from `silhouetteSamples`, one per point
 * @param labels the same labels, -1 for noise, else < nClusters
 * @throws MetricsInputError when lengths differ or a label is out of range (naming the row)
 */
export function clusterSilhouettes(
  samples: Float64Array,
  labels: Int32Array,
  nClusters: number,
): { perCluster: Float64Array; overall: number } {
  if (samples.length !== labels.length)
    throw new MetricsInputError(
      'LENGTH_MISMATCH',
      `samples (${samples.length}) and labels (${labels.length}) must have the same length`,
    );
  if (!Number.isInteger(nClusters) || nClusters < 0)
    throw new MetricsInputError('INVALID_OPTION', `nClusters must be an integer >= 0, got ${nClusters}`);
  const sum = new Float64Array(nClusters);
  const count = new Int32Array(nClusters);
  let total = 0;
  let members = 0;
  labels.forEach((l, row) => {
    if (l === -1) return;
    if (l < -1 || l >= nClusters)
      throw new MetricsInputError('INVALID_LABELS', `labels[${row}] is ${l}, outside -1..${nClusters - 1}`);
    sum[l]! += samples[row]!;
    count[l]!++;
    total += samples[row]!;
    members++;
  });
  const perCluster = Float64Array.from(sum, (s, k) => (count[k]! > 0 ? s / count[k]! : NaN));
  return { perCluster, overall: members > 0 ? total / members : NaN };
}
