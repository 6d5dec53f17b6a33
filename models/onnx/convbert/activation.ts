import type { ConvBertConfig } from '../../checkpoint';
import { OnnxBuildError } from '../errors';
import type { OnnxGraphBuilder } from '../OnnxGraphBuilder';

type HiddenAct = ConvBertConfig['hiddenAct'];

/**
 * The activations (HF `ACT2FN` names) the graph can compute, each written exactly as HF defines it. The erf GELU
 * is spelt `x * (1 + erf(x / sqrt 2)) * 0.5` in the shape ONNX Runtime's Gelu fusion recognises.
 */
const ACTIVATIONS: Partial<Record<HiddenAct, (g: OnnxGraphBuilder, x: string) => string>> = {
  gelu: erfGelu,
  gelu_python: erfGelu,
  gelu_new: tanhGelu,
  gelu_pytorch_tanh: tanhGelu,
  gelu_fast: tanhGelu,
  quick_gelu: (g, x) => g.mul(x, g.op('Sigmoid', [g.mul(x, g.scalar(1.702))])),
  relu: (g, x) => g.op('Relu', [x]),
  silu: (g, x) => g.mul(x, g.op('Sigmoid', [x])),
  swish: (g, x) => g.mul(x, g.op('Sigmoid', [x])),
  tanh: (g, x) => g.op('Tanh', [x]),
  sigmoid: (g, x) => g.op('Sigmoid', [x]),
  linear: (_g, x) => x,
};

/** The `hidden_act` values {@link applyActivation} accepts. */
export const SUPPORTED_HIDDEN_ACTS = Object.keys(ACTIVATIONS) as HiddenAct[];

function erfGelu(g: OnnxGraphBuilder, x: string): string {
  const erf = g.op('Erf', [g.div(x, g.scalar(Math.SQRT2))], {}, 'gelu');
  return g.mul(g.mul(x, g.add(erf, g.scalar(1))), g.scalar(0.5), 'gelu');
}

/** 0.5 x (1 + tanh(sqrt(2 / pi) (x + 0.044715 x^3))): `gelu_new`, and `gelu_fast` / `gelu_pytorch_tanh` (same function). */
function tanhGelu(g: OnnxGraphBuilder, x: string): string {
  const cube = g.mul(g.mul(x, x), x);
  const inner = g.mul(g.add(x, g.mul(cube, g.scalar(0.044715))), g.scalar(Math.sqrt(2 / Math.PI)));
  return g.mul(g.mul(x, g.add(g.op('Tanh', [inner]), g.scalar(1))), g.scalar(0.5), 'gelu');
}

/**
 * Applies an activation by its HF name.
 *
 * @throws OnnxBuildError (field `hidden_act`) for an activation not in {@link SUPPORTED_HIDDEN_ACTS}
 * @example
 * const h = applyActivation(g, g.linear(x, w, b), 'gelu');
 */
export function applyActivation(g: OnnxGraphBuilder, x: string, act: HiddenAct): string {
  const f = ACTIVATIONS[act];
  if (f === undefined) {
    throw new OnnxBuildError(
      `activation "${act}" is not implemented in the ONNX graph (supported: ${SUPPORTED_HIDDEN_ACTS.join(', ')})`,
      { field: 'hidden_act' },
    );
  }
  return f(g, x);
}
