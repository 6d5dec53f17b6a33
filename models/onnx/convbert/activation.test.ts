import * as ort from 'onnxruntime-node';
import { describe, expect, it } from 'vitest';
import { OnnxBuildError } from '../errors';
import { OnnxGraphBuilder } from '../OnnxGraphBuilder';
import { applyActivation, SUPPORTED_HIDDEN_ACTS } from './activation';

const sigmoid = (x: number) => 1 / (1 + Math.exp(-x));
const tanhGelu = (x: number) => 0.5 * x * (1 + Math.tanh(Math.sqrt(2 / Math.PI) * (x + 0.044715 * x ** 3)));
/** HF's definitions (transformers activations.py), in double precision. The erf GELU is checked against HF's fixtures. */
const REFERENCE: Record<string, (x: number) => number> = {
  gelu_new: tanhGelu,
  gelu_pytorch_tanh: tanhGelu,
  gelu_fast: tanhGelu,
  quick_gelu: (x) => x * sigmoid(1.702 * x),
  relu: (x) => Math.max(0, x),
  silu: (x) => x * sigmoid(x),
  swish: (x) => x * sigmoid(x),
  tanh: Math.tanh,
  sigmoid,
  linear: (x) => x,
};

async function run(act: (typeof SUPPORTED_HIDDEN_ACTS)[number], xs: Float32Array): Promise<Float32Array> {
  const g = new OnnxGraphBuilder(act);
  g.reserveOutputNames(['y']);
  g.output('y', applyActivation(g, g.input('x', 'float32', ['n']), act), 'float32', ['n']);
  const session = await ort.InferenceSession.create(g.build());
  try {
    return (await session.run({ x: new ort.Tensor('float32', xs, [xs.length]) })).y!.data as Float32Array;
  } finally {
    await session.release();
  }
}

describe('applyActivation', () => {
  const xs = Float32Array.from({ length: 41 }, (_, i) => (i - 20) / 4);

  it.each(Object.keys(REFERENCE))('computes %s as HF defines it', async (act) => {
    const ys = await run(act as (typeof SUPPORTED_HIDDEN_ACTS)[number], xs);
    xs.forEach((x, i) => expect(ys[i]!).toBeCloseTo(REFERENCE[act]!(x), 5));
  });

  it('computes the erf GELU between the tanh approximation and its known values', async () => {
    const ys = await run('gelu', Float32Array.of(-1, 0, 1, 2));
    // 0.5 x (1 + erf(x / sqrt 2)): Phi(1) = 0.8413447, Phi(2) = 0.9772499.
    expect(Array.from(ys).map((v) => Number(v.toFixed(6)))).toEqual([-0.158655, 0, 0.841345, 1.9545]);
  });

  it('refuses activations it does not implement, listing the supported ones', () => {
    const g = new OnnxGraphBuilder('x');
    const x = g.input('x', 'float32', [1]);
    expect(() => applyActivation(g, x, 'relu6')).toThrow(OnnxBuildError);
    expect(() => applyActivation(g, x, 'relu6')).toThrow(
      /field "hidden_act": activation "relu6" is not implemented .*supported: gelu, /,
    );
  });
});
