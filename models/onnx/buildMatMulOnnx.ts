import { OnnxGraphBuilder } from './OnnxGraphBuilder';

/**
 * A graph of one float32 MatMul, `c = a @ b` with inputs `a` `[m, k]` and `b` `[k, n]`: run in the same runtime
 * and threads as the encoder, it measures the machine's practical matrix-product peak (2 m k n FLOP per run),
 * the yardstick for the encoder's achieved GFLOP/s.
 *
 * @example
 * const session = await ort.InferenceSession.create(buildMatMulOnnx(1536, 1024, 1024));
 * await session.run({ a: new ort.Tensor('float32', a, [1536, 1024]), b: new ort.Tensor('float32', b, [1024, 1024]) });
 */
export function buildMatMulOnnx(m: number, k: number, n: number): Uint8Array {
  for (const [name, v] of Object.entries({ m, k, n })) {
    if (!Number.isInteger(v) || v < 1) throw new RangeError(`buildMatMulOnnx: ${name} must be a positive integer, got ${v}`);
  }
  const g = new OnnxGraphBuilder('matmul');
  g.node('MatMul', [g.input('a', 'float32', [m, k]), g.input('b', 'float32', [k, n])], {}, { names: ['c'] });
  g.output('c', 'c', 'float32', [m, n]);
  return g.build();
}
