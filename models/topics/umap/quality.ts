import { exactKnn, type KnnGraph } from '../knn';

/**
 * Neighbourhood preservation (kNN recall) of a layout: the mean fraction of each point's k nearest input-space
 * neighbours that are also among its k nearest layout neighbours (euclidean). 1 = every neighbourhood kept;
 * a random layout scores about k / n.
 *
 * @param reference input-space neighbours, self excluded (e.g. exactKnn(v, v, dim, k, { excludeSelf: true }))
 * @param embedding row-major reference.n x dims layout
 * @param k neighbours compared (<= reference.k); default reference.k
 * @example neighbourPreservation(exactKnn(v, v, 256, 15, { excludeSelf: true }), model.embedding, 2) // ~0.6
 */
export function neighbourPreservation(
  reference: KnnGraph,
  embedding: Float32Array,
  dims: number,
  k: number = reference.k,
): number {
  const n = reference.n;
  const low = exactKnn(embedding, embedding, dims, k, { metric: 'euclidean', excludeSelf: true });
  const mark = new Int32Array(n).fill(-1);
  let hits = 0;
  for (let i = 0; i < n; i++) {
    for (let j = 0; j < k; j++) mark[reference.indices[i * reference.k + j]!] = i;
    for (let j = 0; j < k; j++) if (mark[low.indices[i * k + j]!] === i) hits++;
  }
  return hits / (n * k);
}
