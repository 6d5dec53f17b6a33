import { exactKnn, type KnnGraph } from '../knn';

/**
 * Finds each vector's `k` nearest other vectors (cosine; the row itself left out, exact duplicates kept): the
 * swappable first stage of the pipeline. The server and the CLI pass ONNX Runtime's matrix-product search
 * (`models/onnx/knn`); tests and small windows use the plain-JS one.
 */
export type NeighbourSearch = (vectors: Float32Array, dim: number, k: number) => Promise<KnnGraph>;

/** Exact search in plain JavaScript: fine up to a few thousand vectors. */
export const jsNeighbourSearch: NeighbourSearch = async (vectors, dim, k) =>
  exactKnn(vectors, vectors, dim, k, { metric: 'cosine', excludeSelf: true });
