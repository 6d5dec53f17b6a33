import type { NeighbourSearch } from '../../topics/pipeline/NeighbourSearch';
import { jsNeighbourSearch } from '../../topics/pipeline/NeighbourSearch';
import { OnnxCosineKnn } from './OnnxCosineKnn';

/** Below this many vectors plain JS is as fast as building an ONNX session. */
export const ONNX_KNN_MIN_VECTORS = 1500;

/**
 * The pipeline's neighbour search on ONNX Runtime (exact cosine, one matrix product per block of rows), with the
 * plain-JS search for small sets.
 * @param threads ONNX Runtime intra-op threads
 * @example const result = await clusterMessages(input, params, { neighbours: onnxNeighbourSearch({ threads: 2 }) });
 */
export function onnxNeighbourSearch(options: { threads?: number } = {}): NeighbourSearch {
  return async (vectors, dim, k) => {
    const n = vectors.length / dim;
    if (n < ONNX_KNN_MIN_VECTORS) return jsNeighbourSearch(vectors, dim, k);
    const knn = await OnnxCosineKnn.create(
      vectors,
      dim,
      k + 1,
      options.threads === undefined ? {} : { threads: options.threads },
    );
    try {
      return await knn.selfNeighbours();
    } finally {
      knn.close();
    }
  };
}
