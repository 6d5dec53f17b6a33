import * as ort from 'onnxruntime-node';
import { describe, expect, it } from 'vitest';
import { OnnxGraphBuilder } from './OnnxGraphBuilder';
import { readOnnxMetadata } from './protobuf/readOnnxMetadata';

describe('OnnxGraphBuilder', () => {
  it('names node outputs uniquely from hints, keeps reserved names for outputs, and shares equal constants', () => {
    const g = new OnnxGraphBuilder('names');
    g.reserveOutputNames(['y']);
    const x = g.input('x', 'float32', ['n', 2]);
    const a = g.op('Relu', [x], {}, 'y');
    const b = g.op('Relu', [a], {}, 'y');
    expect(a).not.toBe('y');
    expect(new Set([x, a, b]).size).toBe(3);
    expect(g.int64s([0, -1])).toBe(g.int64s([0, -1]));
    expect(g.int64s([0, -1])).not.toBe(g.int64s([0, 1]));
    expect(g.int64s([3], [])).not.toBe(g.int64s([3]));
    expect(g.scalar(0.5)).toBe(g.scalar(0.5));
    g.output('y', b, 'float32', ['n', 2]);
    expect(() => g.input('y', 'float32', [1])).toThrow(/already used/);
  });

  it('builds a model with symbolic dimensions, attributes and metadata that ONNX Runtime runs', async () => {
    // y = LayerNorm(softmax(transpose(x)) @ w + 1), over a batch of any size.
    const g = new OnnxGraphBuilder('small');
    const x = g.input('x', 'float32', ['batch', 3, 2]);
    const t = g.softmax(g.transpose(x, [0, 2, 1]), -1);
    const w = g.weight('w', Float32Array.of(1, 2, 3, 4, 5, 6), [3, 2]);
    const h = g.add(g.matMul(t, w), g.scalar(1));
    const y = g.layerNorm(
      h,
      g.weight('gamma', Float32Array.of(1, 1), [2]),
      g.weight('beta', Float32Array.of(0, 0.5), [2]),
      1e-5,
    );
    g.output('y', y, 'float32', ['batch', 2, 2]);
    const bytes = g.build({ metadata: { 'test.key': 'värde' } });
    expect(readOnnxMetadata(bytes)).toEqual({ 'test.key': 'värde' });

    const session = await ort.InferenceSession.create(bytes);
    try {
      const input = Float32Array.of(0, 1, 2, 3, 4, 5, 1, 1, 1, 1, 1, 1);
      const { y: out } = await session.run({ x: new ort.Tensor('float32', input, [2, 3, 2]) });
      expect(out!.dims).toEqual([2, 2, 2]);
      // Reference in plain TypeScript.
      const expected: number[] = [];
      for (let b = 0; b < 2; b++) {
        for (let r = 0; r < 2; r++) {
          const row = [0, 1, 2].map((c) => input[b * 6 + c * 2 + r]!);
          const e = row.map((v) => Math.exp(v - Math.max(...row)));
          const p = e.map((v) => v / e.reduce((s, u) => s + u, 0));
          const hRow = [0, 1].map((j) => 1 + p.reduce((s, v, c) => s + v * (c * 2 + j + 1), 0));
          const mean = (hRow[0]! + hRow[1]!) / 2;
          const variance = ((hRow[0]! - mean) ** 2 + (hRow[1]! - mean) ** 2) / 2;
          expected.push(...hRow.map((v, j) => (v - mean) / Math.sqrt(variance + 1e-5) + [0, 0.5][j]!));
        }
      }
      Array.from(out!.data as Float32Array).forEach((v, i) => expect(v).toBeCloseTo(expected[i]!, 4));
    } finally {
      await session.release();
    }
  });
});
