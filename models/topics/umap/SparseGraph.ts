/**
 * A weighted graph in compressed sparse rows: row r's edges are cols/weights[rowPtr[r] .. rowPtr[r+1]).
 * The fuzzy simplicial set is symmetric (each edge stored in both rows); a transform graph has one row per new
 * point and columns indexing the training points.
 */
export interface SparseGraph {
  rows: number;
  cols: number;
  rowPtr: Int32Array;
  colIndex: Int32Array;
  weights: Float32Array;
}
