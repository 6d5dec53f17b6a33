import { OnnxGraphBuilder } from '../OnnxGraphBuilder';
import { attr } from '../protobuf/onnxModel';

/**
 * A graph that scores query rows against a fixed data set and keeps the `k` best: `scores = q @ dataT`, then
 * `TopK` along the data axis. With unit-length rows the scores are cosine similarities. Only the `[m, k]` winners
 * leave ONNX Runtime, so a 10k x 10k similarity matrix is never copied into JavaScript.
 *
 * @param dataT the data set transposed, `[dim, n]` row-major, stored as a constant so ONNX Runtime packs it once
 * @example
 * const bytes = buildCosineTopKOnnx(unitDataT, 256, 10_000, 101);
 */
export function buildCosineTopKOnnx(dataT: Float32Array, dim: number, n: number, k: number): Uint8Array {
  for (const [name, v] of Object.entries({ dim, n, k })) {
    if (!Number.isInteger(v) || v < 1)
      throw new RangeError(`buildCosineTopKOnnx: ${name} must be a positive integer, got ${v}`);
  }
  if (k > n) throw new RangeError(`buildCosineTopKOnnx: k (${k}) must be at most the number of data rows (${n})`);
  if (dataT.length !== dim * n)
    throw new RangeError(`buildCosineTopKOnnx: dataT has ${dataT.length} values, [${dim}, ${n}] needs ${dim * n}`);
  const g = new OnnxGraphBuilder('cosine_topk');
  const q = g.input('q', 'float32', ['m', dim]);
  const d = g.weight('data_t', dataT, [dim, n]);
  const scores = g.matMul(q, d, 'scores');
  g.node(
    'TopK',
    [scores, g.int64s([k])],
    { axis: attr.int(1), largest: attr.int(1), sorted: attr.int(1) },
    { names: ['values', 'indices'] },
  );
  g.output('values', 'values', 'float32', ['m', k]);
  g.output('indices', 'indices', 'int64', ['m', k]);
  return g.build();
}
