import type { SparseGraph } from './SparseGraph';

/**
 * Symmetrises the directed membership graph A (row i: its k neighbours) into
 * mix * (A + A^T - A o A^T) + (1 - mix) * (A o A^T), umap-learn's fuzzy set union/intersection, dropping zero
 * weights. Works in O(nnz) with two stamp arrays instead of sorting rows or keying a map by (i, j).
 *
 * @param indices row-major n x k neighbour indices (no row lists itself, no repeats within a row)
 * @param weights membership strengths aligned with indices
 * @param mix setOpMixRatio in [0, 1]
 */
export function fuzzyUnion(n: number, k: number, indices: Int32Array, weights: Float32Array, mix: number): SparseGraph {
  // Transpose: for each node, the nodes that list it (in-edges) with their weights.
  const inPtr = new Int32Array(n + 1);
  for (let e = 0; e < n * k; e++) inPtr[indices[e]! + 1]!++;
  for (let i = 0; i < n; i++) inPtr[i + 1]! += inPtr[i]!;
  const inFrom = new Int32Array(n * k);
  const inWeight = new Float32Array(n * k);
  const fill = inPtr.slice(0, n);
  for (let i = 0; i < n; i++) {
    for (let e = i * k; e < i * k + k; e++) {
      const slot = fill[indices[e]!]!++;
      inFrom[slot] = i;
      inWeight[slot] = weights[e]!;
    }
  }
  const rowPtr = new Int32Array(n + 1);
  const colIndex = new Int32Array(2 * n * k);
  const out = new Float32Array(2 * n * k);
  // reverseWeight[c] holds w(c -> i) while reverseStamp[c] === i; listedStamp marks i's own neighbours.
  const reverseWeight = new Float64Array(n);
  const reverseStamp = new Int32Array(n).fill(-1);
  const listedStamp = new Int32Array(n).fill(-1);
  let nnz = 0;
  for (let i = 0; i < n; i++) {
    for (let s = inPtr[i]!; s < inPtr[i + 1]!; s++) {
      reverseStamp[inFrom[s]!] = i;
      reverseWeight[inFrom[s]!] = inWeight[s]!;
    }
    for (let e = i * k; e < i * k + k; e++) {
      const c = indices[e]!;
      const w = weights[e]!;
      const wt = reverseStamp[c] === i ? reverseWeight[c]! : 0;
      listedStamp[c] = i;
      const prod = w * wt;
      const v = mix * (w + wt - prod) + (1 - mix) * prod;
      if (v > 0) {
        colIndex[nnz] = c;
        out[nnz++] = v;
      }
    }
    for (let s = inPtr[i]!; s < inPtr[i + 1]!; s++) {
      const c = inFrom[s]!;
      if (listedStamp[c] === i) continue;
      // Only c lists i: the product term is 0.
      const v = mix * inWeight[s]!;
      if (v > 0) {
        colIndex[nnz] = c;
        out[nnz++] = v;
      }
    }
    rowPtr[i + 1] = nnz;
  }
  return { rows: n, cols: n, rowPtr, colIndex: colIndex.slice(0, nnz), weights: out.slice(0, nnz) };
}
