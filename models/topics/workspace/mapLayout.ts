import type { KnnGraph } from '../knn';
import { fitUmap } from '../umap';

/** The reference system's map: umap-learn's defaults for a 2-D picture (15 neighbours, min_dist 0.1, euclidean). */
export const MAP_NEIGHBOURS = 15;
export const MAP_MIN_DIST = 0.1;
/** umap-learn's own count above 10k points; below, 500 looked no better on a map and costs 2.5 times as much. */
export const MAP_EPOCHS = 200;

export interface MapLayoutOptions {
  /**
   * Seed of the layout (the pipeline's `umap.seed`): the same input gives the same map. The map is laid out on one
   * thread, so the seed alone fixes it (an analysis runs it beside its other stages, see BackgroundMapLayout).
   */
  seed: number;
}

export interface MapLayout {
  nNeighbors: number;
  minDist: number;
  /** x and y of each vector, rounded to 1e-3 (a map spans tens of units; the document stays small). */
  x: number[];
  y: number[];
}

const round = (v: number) => Math.round(v * 1000) / 1000;

/**
 * Lays the 2-D map out off the caller's thread (a layout pool's idle worker), so that an analysis runs its stages
 * after the topic layout (clustering, labels, moments, silhouettes) beside it rather than before it.
 */
export interface BackgroundMapLayout {
  /**
   * The map `mapLayout(vectors, dim, knn, { seed })` gives on one thread, bit for bit, and the milliseconds it took.
   *
   * @param knn the topic fit's neighbours (at least one column); a run without them lays its map out inline
   */
  mapLayout(vectors: Float32Array, dim: number, knn: KnnGraph, seed: number): Promise<{ map: MapLayout; ms: number }>;
}

/**
 * The analyst's 2-D map of the messages: a second UMAP on the same vectors as the topic fit, with the reference's
 * settings. It reuses the fit's neighbour graph (its first 14 columns: UMAP counts the point itself among its 15
 * neighbours, the search leaves it out) rather than searching again. That graph is cosine; the reference's metric is
 * euclidean. On unit vectors the two order neighbours alike and euclidean = sqrt(2 x cosine distance), so the
 * distances are converted and the map is exactly the euclidean one for unit vectors (the bag-of-words baseline);
 * for vectors of other lengths (mean-pooled ConvBERT) it is the euclidean map of the vectors scaled to unit length.
 *
 * @param vectors row-major n x dim, the topic fit's input
 * @param knn that fit's neighbours of every vector, nearest first (fewer than 14 columns on a tiny input is fine);
 *   null when the fit found none (too few messages): every point at the origin
 * @example
 * const map = mapLayout(vectors, 256, clustering.knn, { seed: 42 }); // map.x[i], map.y[i]: message i
 */
export function mapLayout(
  vectors: Float32Array,
  dim: number,
  knn: KnnGraph | null,
  options: MapLayoutOptions,
): MapLayout {
  const n = vectors.length / dim;
  const empty = { nNeighbors: MAP_NEIGHBOURS, minDist: MAP_MIN_DIST };
  // UMAP needs two points and one neighbour each: a single message sits at the origin.
  if (n < 2 || !knn || knn.k < 1) return { ...empty, x: new Array<number>(n).fill(0), y: new Array<number>(n).fill(0) };
  const nNeighbors = Math.min(MAP_NEIGHBOURS, knn.k + 1, n);
  const euclidean = firstColumnsEuclidean(knn, nNeighbors - 1);
  const model = fitUmap(
    vectors,
    dim,
    { nNeighbors, nComponents: 2, minDist: MAP_MIN_DIST, metric: 'euclidean', nEpochs: MAP_EPOCHS, seed: options.seed },
    { knn: euclidean },
  );
  const x = new Array<number>(n);
  const y = new Array<number>(n);
  for (let i = 0; i < n; i++) {
    x[i] = round(model.embedding[2 * i]!);
    y[i] = round(model.embedding[2 * i + 1]!);
  }
  return { nNeighbors, minDist: MAP_MIN_DIST, x, y };
}

/** The first `k` neighbours of each row, cosine distances turned into the euclidean distances of unit vectors. */
function firstColumnsEuclidean(knn: KnnGraph, k: number): KnnGraph {
  const indices = new Int32Array(knn.n * k);
  const distances = new Float32Array(knn.n * k);
  for (let r = 0; r < knn.n; r++) {
    for (let j = 0; j < k; j++) {
      indices[r * k + j] = knn.indices[r * knn.k + j]!;
      distances[r * k + j] = Math.sqrt(2 * Math.max(0, knn.distances[r * knn.k + j]!));
    }
  }
  return { n: knn.n, k, indices, distances };
}
