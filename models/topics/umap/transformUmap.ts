import { exactKnn, type KnnGraph } from '../knn';
import { UmapParamError } from './errors';
import { takeKnnColumns } from './knnInput';
import { edgeSchedule, optimizeLayout } from './optimizeLayout';
import { Xoshiro128StarStar, xorshift32Seed } from '../../random';
import { membershipStrengths, smoothKnnDistances } from './smoothKnnDistances';
import type { SparseGraph } from './SparseGraph';
import type { UmapModelData } from './UmapModelData';
import { validateVectors } from './validateVectors';

export interface UmapTransformOptions {
  /** Precomputed neighbours of the new vectors among the training vectors (k >= nNeighbors, clamped to n). */
  knn?: KnnGraph;
  /** SGD epochs for the new points; default floor(nEpochs / 3) (umap-learn's transform), at least 1. */
  nEpochs?: number;
}

/**
 * Places new points in a fitted layout without moving the training points, as umap-learn's transform: kNN among
 * the training vectors, fuzzy memberships (local connectivity reduced by 1), start at the membership-weighted
 * mean of the neighbours' positions, then SGD on the new points only (step size learningRate / 4).
 * Deterministic for a given model and batch (the batch shares one random stream).
 *
 * @param model a fitted model (fitUmap)
 * @param newVectors row-major m x dim
 * @returns row-major m x nComponents positions
 * @throws UmapParamError naming the field or row at fault
 * @example const positions = transformUmap(model, embedder.embed(["gg wp"])[0]!);
 */
export function transformUmap(
  model: UmapModelData,
  newVectors: Float32Array,
  options: UmapTransformOptions = {},
): Float32Array {
  validateModel(model);
  const { params: p, nComponents: dims } = model;
  const m = validateVectors(newVectors, model.dim, 'newVectors');
  if (m === 0) return new Float32Array(0);
  const k = Math.min(p.nNeighbors, model.n);
  const knn = options.knn
    ? takeKnnColumns(options.knn, m, k, model.n, false)
    : exactKnn(newVectors, model.vectors, model.dim, k, { metric: p.metric });
  const smooth = smoothKnnDistances(knn.distances, m, k, {
    nNeighbors: p.nNeighbors,
    localConnectivity: Math.max(0, p.localConnectivity - 1),
    skipColumns: 1,
  });
  const weights = membershipStrengths(knn.distances, m, k, smooth);
  const out = new Float32Array(m * dims);
  const train = model.embedding;
  for (let r = 0; r < m; r++) {
    let total = 0;
    for (let j = r * k; j < r * k + k; j++) total += weights[j]!;
    for (let j = r * k; j < r * k + k; j++) {
      // Equal weights if every membership underflowed to 0.
      const w = total > 0 ? weights[j]! / total : 1 / k;
      const o = knn.indices[j]! * dims;
      for (let d = 0; d < dims; d++) out[r * dims + d]! += w * train[o + d]!;
    }
  }
  const epochs = options.nEpochs ?? Math.max(1, Math.floor(p.nEpochs / 3));
  if (!Number.isInteger(epochs) || epochs < 0)
    throw new UmapParamError('INVALID_PARAM', `transform nEpochs must be an integer >= 0, got ${epochs}`);
  if (epochs > 0) {
    const rowPtr = Int32Array.from({ length: m + 1 }, (_, r) => r * k);
    const graph: SparseGraph = { rows: m, cols: model.n, rowPtr, colIndex: knn.indices, weights };
    optimizeLayout(
      out,
      train,
      model.n,
      edgeSchedule(graph, epochs),
      {
        dims,
        nEpochs: epochs,
        a: model.a,
        b: model.b,
        gamma: p.repulsionStrength,
        initialAlpha: p.learningRate / 4,
        negativeSampleRate: p.negativeSampleRate,
        moveOther: false,
      },
      xorshift32Seed(new Xoshiro128StarStar(p.seed + 1)),
    );
  }
  return out;
}

function validateModel(model: UmapModelData): void {
  const { n, dim, nComponents, vectors, embedding } = model;
  if (!Number.isInteger(n) || n < 1)
    throw new UmapParamError('INVALID_MODEL', `model.n must be a positive integer, got ${n}`);
  if (vectors.length !== n * dim)
    throw new UmapParamError(
      'INVALID_MODEL',
      `model.vectors has ${vectors.length} values, expected n x dim = ${n} x ${dim}`,
    );
  if (embedding.length !== n * nComponents) {
    throw new UmapParamError(
      'INVALID_MODEL',
      `model.embedding has ${embedding.length} values, expected n x nComponents = ${n} x ${nComponents}`,
    );
  }
  if (!(model.a > 0) || !(model.b > 0))
    throw new UmapParamError('INVALID_MODEL', `model.a and model.b must be > 0, got ${model.a}, ${model.b}`);
}
