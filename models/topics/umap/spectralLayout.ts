import type { KnnMetric } from '../knn';
import { connectedComponents, inducedSubgraph } from './connectedComponents';
import { leadingEigenvectors } from './lanczos';
import type { RandomStream } from '../../random';
import type { SparseGraph } from './SparseGraph';

/** The training vectors, used only to place the components of a disconnected graph relative to each other. */
export interface LayoutVectors {
  vectors: Float32Array;
  dim: number;
  metric: KnnMetric;
}

/**
 * Spectral initial layout (row-major n x nComponents, not yet rescaled): the leading non-trivial eigenvectors of
 * the normalised graph Laplacian. A disconnected graph is laid out component by component as umap-learn's
 * multi_component_layout does: component centres at +-e_i when there are at most 2 nComponents components
 * (largest first), otherwise at a seeded random projection of the components' mean vectors; each component's own
 * spectral layout (uniform random when it has fewer than 2 nComponents points or Lanczos cannot give enough
 * vectors) is scaled into a ball of radius half the smallest distance between centres, so components do not
 * overlap.
 */
export function spectralLayout(
  graph: SparseGraph,
  nComponents: number,
  random: RandomStream,
  source: LayoutVectors,
): Float64Array {
  const n = graph.rows;
  const comps = connectedComponents(graph);
  if (comps.count === 1) {
    const spectral = leadingEigenvectors(graph, nComponents, random);
    return spectral ? spectral.vectors : randomBox(n, nComponents, 10, random);
  }
  const members = componentMembers(comps.labels, comps.count);
  const centres = componentCentres(members, comps.sizes, nComponents, random, source);
  const half = boxHalfWidth(centres, comps.count, nComponents);
  const out = new Float64Array(n * nComponents);
  for (let c = 0; c < comps.count; c++) {
    const nodes = members[c]!;
    let local: Float64Array | null = null;
    if (nodes.length >= 2 * nComponents) {
      const spectral = leadingEigenvectors(inducedSubgraph(graph, nodes), nComponents, random);
      if (spectral) {
        local = spectral.vectors;
        let maxNorm = 0;
        for (let i = 0; i < nodes.length; i++) {
          let s = 0;
          for (let d = 0; d < nComponents; d++) s += local[i * nComponents + d]! ** 2;
          maxNorm = Math.max(maxNorm, Math.sqrt(s));
        }
        const f = maxNorm > 0 ? half / maxNorm : 0;
        for (let i = 0; i < local.length; i++) local[i]! *= f;
      }
    }
    // A cube of half-width half / sqrt(dims) lies inside the ball of radius `half` too.
    local ??= randomBox(nodes.length, nComponents, half / Math.sqrt(nComponents), random);
    nodes.forEach((v, i) => {
      for (let d = 0; d < nComponents; d++)
        out[v * nComponents + d] = local[i * nComponents + d]! + centres[c * nComponents + d]!;
    });
  }
  return out;
}

/** Uniform random positions in [-half, half]^dims. */
export function randomBox(n: number, dims: number, half: number, random: RandomStream): Float64Array {
  const out = new Float64Array(n * dims);
  for (let i = 0; i < out.length; i++) out[i] = random.uniform(-half, half);
  return out;
}

function componentMembers(labels: Int32Array, count: number): Int32Array[] {
  const sizes = new Int32Array(count);
  for (const c of labels) sizes[c]!++;
  const members = Array.from(sizes, (s) => new Int32Array(s));
  const fill = new Int32Array(count);
  labels.forEach((c, v) => (members[c]![fill[c]!++] = v));
  return members;
}

/** Row-major count x dims centre of each component. */
function componentCentres(
  members: Int32Array[],
  sizes: Int32Array,
  dims: number,
  random: RandomStream,
  source: LayoutVectors,
): Float64Array {
  const count = members.length;
  const centres = new Float64Array(count * dims);
  if (count <= 2 * dims) {
    // Largest components take the first corners: +e_0, +e_1, ..., then -e_0, ...
    const bySize = Array.from({ length: count }, (_, c) => c).sort((x, y) => sizes[y]! - sizes[x]! || x - y);
    bySize.forEach((c, rank) => (centres[c * dims + (rank % dims)] = rank < dims ? 1 : -1));
    return centres;
  }
  // Mean vector of each component (of unit vectors for cosine), projected on `dims` seeded Gaussian directions.
  const { vectors, dim, metric } = source;
  const means = new Float64Array(count * dim);
  members.forEach((nodes, c) => {
    for (const v of nodes) {
      let s = 0;
      for (let t = 0; t < dim; t++) s += vectors[v * dim + t]! * vectors[v * dim + t]!;
      const f = metric === 'cosine' ? (s > 0 ? 1 / Math.sqrt(s) : 0) : 1;
      for (let t = 0; t < dim; t++) means[c * dim + t]! += (vectors[v * dim + t]! * f) / nodes.length;
    }
  });
  const projection = new Float64Array(dim * dims);
  for (let i = 0; i < projection.length; i++) projection[i] = random.normalFromComplement();
  let maxAbs = 0;
  for (let c = 0; c < count; c++) {
    for (let d = 0; d < dims; d++) {
      let s = 0;
      for (let t = 0; t < dim; t++) s += means[c * dim + t]! * projection[t * dims + d]!;
      centres[c * dims + d] = s;
    }
  }
  for (let d = 0; d < dims; d++) {
    let mean = 0;
    for (let c = 0; c < count; c++) mean += centres[c * dims + d]! / count;
    for (let c = 0; c < count; c++) maxAbs = Math.max(maxAbs, Math.abs((centres[c * dims + d]! -= mean)));
  }
  if (maxAbs > 0) for (let i = 0; i < centres.length; i++) centres[i]! /= maxAbs;
  return centres;
}

/**
 * Half the smallest positive distance between centres (umap-learn's data_range), floored at 0.5 / sqrt(count)
 * so that two projections landing almost together do not shrink every component to a point.
 */
function boxHalfWidth(centres: Float64Array, count: number, dims: number): number {
  let min = Infinity;
  for (let a = 0; a < count; a++) {
    for (let b = a + 1; b < count; b++) {
      let s = 0;
      for (let d = 0; d < dims; d++) s += (centres[a * dims + d]! - centres[b * dims + d]!) ** 2;
      if (s > 0) min = Math.min(min, Math.sqrt(s));
    }
  }
  const floor = 0.5 / Math.sqrt(count);
  return Number.isFinite(min) ? Math.max(min / 2, floor) : floor;
}
