import { fuzzyUnion } from './fuzzyUnion';
import type { ResolvedUmapParams } from './params';
import { membershipStrengths, smoothKnnDistances } from './smoothKnnDistances';
import type { SparseGraph } from './SparseGraph';

/**
 * The symmetric fuzzy graph UMAP lays out: smoothed kNN memberships (rho, sigma per point) combined by the fuzzy
 * union of set_op_mix_ratio.
 *
 * @param indices row-major n x k neighbours, the point itself excluded (k = nNeighbors - 1)
 * @param distances aligned ascending distances
 */
export function fuzzySimplicialSet(
  n: number,
  k: number,
  indices: Int32Array,
  distances: Float32Array,
  params: ResolvedUmapParams,
): SparseGraph {
  const smooth = smoothKnnDistances(distances, n, k, {
    nNeighbors: params.nNeighbors,
    localConnectivity: params.localConnectivity,
    skipColumns: 0,
  });
  const weights = membershipStrengths(distances, n, k, smooth);
  return fuzzyUnion(n, k, indices, weights, params.setOpMixRatio);
}
