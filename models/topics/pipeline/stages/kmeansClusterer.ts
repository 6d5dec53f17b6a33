import type { ClustererParams } from '../../../../contracts/pipelineStages';
import { SplitMix32, type RandomStream } from '../../../random';
import { MIN_MESSAGES_TO_CLUSTER, type Clusterer, type ClusterPrediction } from './Clusterer';

/** A k-means fit as plain data: the centres, row-major nClusters x dims. */
export interface KmeansModel {
  dims: number;
  centroids: Float64Array;
}

type KmeansParams = Extract<ClustererParams, { kind: 'kmeans' }>;

function squaredDistance(points: Float64Array, row: number, centroids: Float64Array, c: number, dims: number): number {
  let sum = 0;
  for (let j = 0; j < dims; j++) {
    const d = points[row * dims + j]! - centroids[c * dims + j]!;
    sum += d * d;
  }
  return sum;
}

/** The nearest centre of each point (ties to the lower index). */
function nearestCentroids(points: Float64Array, centroids: Float64Array, dims: number): Int32Array {
  const n = points.length / dims;
  const k = centroids.length / dims;
  const out = new Int32Array(n);
  for (let i = 0; i < n; i++) {
    let best = 0;
    let bestD = Infinity;
    for (let c = 0; c < k; c++) {
      const d = squaredDistance(points, i, centroids, c, dims);
      if (d < bestD) [best, bestD] = [c, d];
    }
    out[i] = best;
  }
  return out;
}

/** k-means++ seeding: each next centre drawn with probability proportional to its squared distance to the chosen ones. */
function seedCentroids(points: Float64Array, dims: number, k: number, random: RandomStream): Float64Array {
  const n = points.length / dims;
  const rows = [random.intBelow(n)];
  const d2 = new Float64Array(n).fill(Infinity);
  while (rows.length < k) {
    const last = rows[rows.length - 1]!;
    let total = 0;
    for (let i = 0; i < n; i++) {
      d2[i] = Math.min(d2[i]!, squaredDistance(points, i, points, last, dims));
      total += d2[i]!;
    }
    // Fewer distinct points than k: every point is already a centre.
    if (total === 0) break;
    let target = random.next() * total;
    let pick = -1;
    for (let i = 0; i < n; i++) {
      // The last point with any weight, should rounding leave target just above the total.
      if (d2[i]! > 0) pick = i;
      target -= d2[i]!;
      if (target < 0) break;
    }
    rows.push(pick);
  }
  const centroids = new Float64Array(rows.length * dims);
  rows.forEach((row, c) => centroids.set(points.subarray(row * dims, row * dims + dims), c * dims));
  return centroids;
}

/**
 * k-means as a clusterer (the worked example of a second one): Lloyd's iterations from a seeded k-means++ start, every
 * point in a cluster (no noise, probability 1), empty clusters dropped, new points placed at their nearest centre.
 *
 * @example const { labels } = kmeansClusterer({ kind: 'kmeans', k: 3, seed: 1, maxIterations: 100 }).fit(points, 2);
 */
export function kmeansClusterer(params: KmeansParams): Clusterer<KmeansModel> {
  const { k, seed, maxIterations } = params;
  return {
    kind: 'kmeans',
    parameters: { k, seed, maxIterations },
    minPoints: Math.max(MIN_MESSAGES_TO_CLUSTER, k),
    timingStage: 'cluster',
    fit(points, dims) {
      const n = points.length / dims;
      let centroids = seedCentroids(points, dims, Math.min(k, n), SplitMix32.fromSeed(seed));
      let labels = nearestCentroids(points, centroids, dims);
      for (let iteration = 0; iteration < maxIterations; iteration++) {
        const sums = new Float64Array(centroids.length);
        const sizes = new Int32Array(centroids.length / dims);
        labels.forEach((c, i) => {
          sizes[c] = sizes[c]! + 1;
          for (let j = 0; j < dims; j++) sums[c * dims + j] = sums[c * dims + j]! + points[i * dims + j]!;
        });
        // An emptied cluster keeps its centre (it is dropped below if it stays empty).
        for (let c = 0; c < sizes.length; c++) {
          if (sizes[c]! > 0) for (let j = 0; j < dims; j++) centroids[c * dims + j] = sums[c * dims + j]! / sizes[c]!;
        }
        const next = nearestCentroids(points, centroids, dims);
        const moved = next.some((c, i) => c !== labels[i]);
        labels = next;
        if (!moved) break;
      }
      // Number the clusters that hold points 0..nClusters-1, in the order of their centres.
      const used = [...new Set(labels)].sort((a, b) => a - b);
      const renumber = new Int32Array(centroids.length / dims).fill(-1);
      used.forEach((c, i) => (renumber[c] = i));
      centroids = Float64Array.from(used.flatMap((c) => Array.from(centroids.subarray(c * dims, c * dims + dims))));
      return {
        labels: labels.map((c) => renumber[c]!),
        nClusters: used.length,
        probabilities: new Float64Array(n).fill(1),
        model: { dims, centroids },
      };
    },
    predict(model, points): ClusterPrediction {
      return {
        labels: nearestCentroids(points, model.centroids, model.dims),
        probabilities: new Float64Array(points.length / model.dims).fill(1),
      };
    },
  };
}
