import type { ConvBertConfig } from '../../checkpoint';
import type { OnnxGraphBuilder } from '../OnnxGraphBuilder';
import { attr } from '../protobuf/onnxModel';
import { applyActivation } from './activation';
import type { WeightSource } from './WeightSource';

/** What every layer shares: the graph, the weights, and the masks derived once from `attention_mask`. */
export interface ConvBertLayerContext {
  g: OnnxGraphBuilder;
  config: ConvBertConfig;
  weights: WeightSource;
  /** `[batch, 1, 1, sequence]`: 0 on tokens, float32 min on padding, added to the attention scores (HF's rule). */
  attentionBias: string;
  /**
   * `[batch * sequence, 1]`, 1 on tokens and 0 on padding, when the convolution inputs are masked (our serving
   * rule); null to reproduce HF, whose convolution reads the padding.
   */
  convMask: string | null;
  /** Reshapes `[batch * sequence, ...]` to `[batch, sequence, ...tail]`. */
  unflatten: (x: string, tail: readonly number[], hint: string) => string;
}

/**
 * The `K` windows of a kernel-K convolution centred on each position, zero beyond both ends: window k holds
 * `x[s + k - (K - 1) / 2]` at position s. `x` is `[batch, sequence, ...]`; each window has x's shape.
 */
function shiftedWindows(g: OnnxGraphBuilder, x: string, rank: number, kernel: number, hint: string): string[] {
  const half = (kernel - 1) / 2;
  const pads = new Array<number>(2 * rank).fill(0);
  pads[1] = half;
  pads[rank + 1] = half;
  const padded = g.pad(x, pads, hint);
  // Ends are relative to the padded length S + K - 1, so window k ends at S + k; the last window runs to the end.
  return Array.from({ length: kernel }, (_, k) =>
    g.slice(padded, [k], [k === kernel - 1 ? Number.MAX_SAFE_INTEGER : k - (kernel - 1)], [1], hint),
  );
}

/**
 * HF's `SeparableConv1D` (`key_conv_attn_layer`: depthwise `nn.Conv1d(H, H, K, groups=H, padding=K // 2)`, then a
 * kernel-1 pointwise `nn.Conv1d(H, A, 1)`, then a bias) on `[batch, sequence, H]`, returned as
 * `[batch * sequence, A]`. Both run as 2-D Convs over `[batch, channels, 1, sequence]`: ONNX Runtime has fast
 * kernels for 4-D convolutions (its NCHWc layout), about five times faster here than K shifted windows times
 * per-channel taps, transposes included.
 */
function separableConv(
  g: OnnxGraphBuilder,
  w: WeightSource,
  x: string,
  name: string,
  channels: number,
  outputs: number,
  kernel: number,
): string {
  const half = (kernel - 1) / 2;
  const image = g.reshape(g.transpose(x, [0, 2, 1], name), [0, 0, 1, -1], name);
  const depthwise = g.op(
    'Conv',
    [image, w.reshaped(`${name}.depthwise.weight`, [channels, 1, kernel], [channels, 1, 1, kernel])],
    { group: attr.int(channels), kernel_shape: attr.ints([1, kernel]), pads: attr.ints([0, half, 0, half]) },
    name,
  );
  const pointwise = g.op(
    'Conv',
    [
      depthwise,
      w.reshaped(`${name}.pointwise.weight`, [outputs, channels, 1], [outputs, channels, 1, 1]),
      w.reshaped(`${name}.bias`, [outputs, 1], [outputs]),
    ],
    { kernel_shape: attr.ints([1, 1]) },
    name,
  );
  return g.reshape(g.transpose(g.reshape(pointwise, [0, 0, -1], name), [0, 2, 1], name), [-1, outputs], name);
}

/**
 * One `ConvBertLayer` (transformers 4.57): mixed self-attention (`attentionHeads` ordinary heads beside as many
 * dynamic-convolution heads), output dense + residual + LayerNorm, then the (optionally grouped) feed-forward
 * block + residual + LayerNorm. `x` is `[batch * sequence, H]` (2-D, so that ONNX Runtime fuses each MatMul and
 * its bias into one Gemm); returns the same shape.
 */
export function convBertLayer(ctx: ConvBertLayerContext, layer: number, x: string): string {
  const { g, config, weights: w, unflatten } = ctx;
  const { hiddenSize: H, convKernelSize: K, intermediateSize: I, numGroups: G, layerNormEps: eps } = config;
  const { attentionHeads: heads, attentionHeadSize: d, allHeadSize: A } = config.derived;
  const p = `encoder.layer.${layer}.`;
  const s = `${p}attention.self.`;

  const project = (n: string) =>
    g.linear(x, w.dense(`${s}${n}.weight`, H, A), w.asIs(`${s}${n}.bias`, [A]), `${p}${n}`);
  const [query, key, value, convOut] = ['query', 'key', 'value', 'conv_out_layer'].map(project) as [
    string,
    string,
    string,
    string,
  ];

  // Dynamic convolution: the separable conv of the input, times the query, predicts a softmaxed K-tap kernel per
  // head and position, which mixes a window of conv_out_layer's output.
  const convInput = ctx.convMask === null ? x : g.mul(x, ctx.convMask, `${p}conv_in`);
  const keyConvAttn = separableConv(g, w, unflatten(convInput, [H], `${p}conv_in`), `${s}key_conv_attn_layer`, H, A, K);
  const convAttn = g.mul(keyConvAttn, query, `${p}conv_attn`);
  const kernelLogits = g.linear(
    convAttn,
    w.dense(`${s}conv_kernel_layer.weight`, A, heads * K),
    w.asIs(`${s}conv_kernel_layer.bias`, [heads * K]),
    `${p}conv_kernel`,
  );
  const kernel = g.softmax(unflatten(kernelLogits, [heads, K], `${p}conv_kernel`), -1, `${p}conv_kernel`);
  const taps = g.split(kernel, 3, K, `${p}conv_tap`);
  const convValues = ctx.convMask === null ? convOut : g.mul(convOut, ctx.convMask, `${p}conv_out`);
  const windows = shiftedWindows(g, unflatten(convValues, [heads, d], `${p}conv_out`), 4, K, `${p}conv_window`);
  let mixed = '';
  windows.forEach((window, k) => {
    const term = g.mul(window, taps[k]!, `${p}conv_mix`);
    mixed = k === 0 ? term : g.add(mixed, term, `${p}conv_mix`);
  });
  const convContext = g.reshape(mixed, [-1, A], `${p}conv_context`);

  // Ordinary scaled dot-product attention on the remaining heads.
  const heads4 = (t: string, perm: number[], hint: string) => g.transpose(unflatten(t, [heads, d], hint), perm, hint);
  const q = heads4(query, [0, 2, 1, 3], `${p}q`);
  const kT = heads4(key, [0, 2, 3, 1], `${p}k`);
  const v = heads4(value, [0, 2, 1, 3], `${p}v`);
  const scores = g.add(
    g.div(g.matMul(q, kT, `${p}scores`), g.scalar(Math.sqrt(d)), `${p}scores`),
    ctx.attentionBias,
    `${p}scores`,
  );
  const probs = g.softmax(scores, -1, `${p}attention_probs`);
  const attnContext = g.reshape(
    g.transpose(g.matMul(probs, v, `${p}context`), [0, 2, 1, 3], `${p}context`),
    [-1, A],
    `${p}context`,
  );

  // Attention heads first, then convolution heads, as HF concatenates them.
  const selfOutput = g.concat([attnContext, convContext], -1, `${p}self_output`);
  const attention = g.layerNorm(
    g.add(
      g.linear(
        selfOutput,
        w.dense(`${p}attention.output.dense.weight`, H, H),
        w.asIs(`${p}attention.output.dense.bias`, [H]),
        `${p}attention_output`,
      ),
      x,
      `${p}attention_residual`,
    ),
    w.asIs(`${p}attention.output.LayerNorm.weight`, [H]),
    w.asIs(`${p}attention.output.LayerNorm.bias`, [H]),
    eps,
    `${p}attention_output`,
  );

  const up =
    G === 1 ? w.dense(`${p}intermediate.dense.weight`, H, I) : w.groupedDense(`${p}intermediate.dense.weight`, G, H, I);
  const down = G === 1 ? w.dense(`${p}output.dense.weight`, I, H) : w.groupedDense(`${p}output.dense.weight`, G, I, H);
  const intermediate = applyActivation(
    g,
    g.linear(attention, up, w.asIs(`${p}intermediate.dense.bias`, [I]), `${p}intermediate`),
    config.hiddenAct,
  );
  return g.layerNorm(
    g.add(
      g.linear(intermediate, down, w.asIs(`${p}output.dense.bias`, [H]), `${p}output`),
      attention,
      `${p}output_residual`,
    ),
    w.asIs(`${p}output.LayerNorm.weight`, [H]),
    w.asIs(`${p}output.LayerNorm.bias`, [H]),
    eps,
    `${p}output`,
  );
}
