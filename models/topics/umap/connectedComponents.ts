import type { SparseGraph } from './SparseGraph';

export interface Components {
  count: number;
  /** Component of each node, numbered in order of each component's lowest node. */
  labels: Int32Array;
  sizes: Int32Array;
}

/** Connected components of a symmetric graph by breadth-first search. */
export function connectedComponents(graph: SparseGraph): Components {
  const n = graph.rows;
  const labels = new Int32Array(n).fill(-1);
  const queue = new Int32Array(n);
  const sizes: number[] = [];
  for (let start = 0; start < n; start++) {
    if (labels[start] !== -1) continue;
    const c = sizes.length;
    let head = 0;
    let tail = 0;
    queue[tail++] = start;
    labels[start] = c;
    while (head < tail) {
      const v = queue[head++]!;
      for (let e = graph.rowPtr[v]!; e < graph.rowPtr[v + 1]!; e++) {
        const u = graph.colIndex[e]!;
        if (labels[u] === -1) {
          labels[u] = c;
          queue[tail++] = u;
        }
      }
    }
    sizes.push(tail);
  }
  return { count: sizes.length, labels, sizes: Int32Array.from(sizes) };
}

/** The sub-graph induced by `nodes` (ascending), re-indexed 0..nodes.length-1. */
export function inducedSubgraph(graph: SparseGraph, nodes: Int32Array): SparseGraph {
  const local = new Int32Array(graph.rows).fill(-1);
  nodes.forEach((v, i) => (local[v] = i));
  const rowPtr = new Int32Array(nodes.length + 1);
  let nnz = 0;
  for (let i = 0; i < nodes.length; i++) {
    const v = nodes[i]!;
    for (let e = graph.rowPtr[v]!; e < graph.rowPtr[v + 1]!; e++) if (local[graph.colIndex[e]!]! >= 0) nnz++;
    rowPtr[i + 1] = nnz;
  }
  const colIndex = new Int32Array(nnz);
  const weights = new Float32Array(nnz);
  let w = 0;
  for (const v of nodes) {
    for (let e = graph.rowPtr[v]!; e < graph.rowPtr[v + 1]!; e++) {
      const c = local[graph.colIndex[e]!]!;
      if (c < 0) continue;
      colIndex[w] = c;
      weights[w++] = graph.weights[e]!;
    }
  }
  return { rows: nodes.length, cols: nodes.length, rowPtr, colIndex, weights };
}
