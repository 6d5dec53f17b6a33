/** Exact k-nearest-neighbour search over typed arrays (cosine or euclidean), for UMAP and the topic pipeline. */
export { exactKnn, type ExactKnnOptions } from './exactKnn';
export type { KnnGraph, KnnMetric } from './KnnGraph';
export { KnnParamError, type KnnErrorCode } from './errors';
