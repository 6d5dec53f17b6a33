import { OnnxGraphBuilder } from './OnnxGraphBuilder';

/**
 * A graph of one float32 MatMul, `c = a @ b` with inputs `a` `[m, k]` and `b` `[k, n]`: run in the same runtime
 * and threads as the encoder, it measures the machine's practical matrix-product peak (2 m k n FLOP per run),
 * the yardstick for the encoder's achieved GFLOP/s.
 *
 * @param constantB when given, `b` is stored in the graph as a weight instead of being an input: ONNX Runtime
 *   pre-packs constant right-hand sides once, as it does the encoder's weights, so the peak is measured the way the
 *   encoder runs (an input `b` is re-packed on every run, which made the "peak" slower than the encoder itself)
 *
 * @example
 * const session = await ort.InferenceSession.create(buildMatMulOnnx(1536, 1024, 1024));
 * await session.run({ a: new ort.Tensor('float32', a, [1536, 1024]), b: new ort.Tensor('float32', b, [1024, 1024]) });
 */
export function buildMatMulOnnx(m: number, k: number, n: number, constantB?: Float32Array): Uint8Array {
  for (const [name, v] of Object.entries({ m, k, n })) {
    if (!Number.isInteger(v) || v < 1)
      throw new RangeError(`buildMatMulOnnx: ${name} must be a positive integer, got ${v}`);
  }
  const g = new OnnxGraphBuilder('matmul');
  if (constantB !== undefined && constantB.length !== k * n)
    throw new RangeError(`buildMatMulOnnx: constant b has ${constantB.length} values, [${k}, ${n}] needs ${k * n}`);
  const a = g.input('a', 'float32', [m, k]);
  const b = constantB === undefined ? g.input('b', 'float32', [k, n]) : g.weight('b', constantB, [k, n]);
  g.node('MatMul', [a, b], {}, { names: ['c'] });
  g.output('c', 'c', 'float32', [m, n]);
  return g.build();
}
