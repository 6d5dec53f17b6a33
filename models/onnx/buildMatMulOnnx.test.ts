import * as ort from 'onnxruntime-node';
import { describe, expect, it } from 'vitest';
import { buildMatMulOnnx } from './buildMatMulOnnx';

describe('buildMatMulOnnx', () => {
  it('writes a graph ONNX Runtime loads and that computes a @ b', async () => {
    const [m, k, n] = [3, 4, 5];
    const a = Float32Array.from({ length: m * k }, (_, i) => (i % 7) - 3);
    const b = Float32Array.from({ length: k * n }, (_, i) => ((i * 5) % 11) / 4 - 1);
    const session = await ort.InferenceSession.create(buildMatMulOnnx(m, k, n));
    try {
      expect(session.inputNames).toEqual(['a', 'b']);
      expect(session.outputNames).toEqual(['c']);
      const { c } = await session.run({
        a: new ort.Tensor('float32', a, [m, k]),
        b: new ort.Tensor('float32', b, [k, n]),
      });
      expect(c!.dims).toEqual([m, n]);
      const expected = new Float32Array(m * n);
      for (let i = 0; i < m; i++)
        for (let j = 0; j < n; j++) for (let t = 0; t < k; t++) expected[i * n + j]! += a[i * k + t]! * b[t * n + j]!;
      expect(Array.from(c!.data as Float32Array)).toEqual(Array.from(expected));
    } finally {
      await session.release();
    }
  });

  it('stores a constant b as a weight: a is the only input and the product is the same', async () => {
    const a = Float32Array.from({ length: 6 }, (_, i) => i - 2);
    const b = Float32Array.from({ length: 6 }, (_, i) => (i % 3) - 1);
    const session = await ort.InferenceSession.create(buildMatMulOnnx(2, 3, 2, b));
    try {
      expect(session.inputNames).toEqual(['a']);
      const { c } = await session.run({ a: new ort.Tensor('float32', a, [2, 3]) });
      // [[-2,-1,0],[1,2,3]] @ [[-1,0],[1,-1],[0,1]]
      expect(Array.from(c!.data as Float32Array)).toEqual([1, 1, 1, 1]);
    } finally {
      await session.release();
    }
    expect(() => buildMatMulOnnx(2, 3, 2, new Float32Array(5))).toThrow(/constant b has 5 values/);
  });

  it('refuses sizes that are not positive integers', () => {
    expect(() => buildMatMulOnnx(0, 2, 2)).toThrow(/m must be a positive integer/);
    expect(() => buildMatMulOnnx(2, 1.5, 2)).toThrow(/k must be a positive integer/);
  });
});
