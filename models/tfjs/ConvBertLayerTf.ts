import * as tf from '@tensorflow/tfjs';
import type { ConvBertConfig } from '../checkpoint';
import { ConvBertSelfAttentionTf, type SelfAttentionTrace } from './ConvBertSelfAttentionTf';
import type { Activation } from './ops/activations';
import { layerNorm } from './ops/layerNorm';
import { groupedLinear, linear } from './ops/linear';
import type { ForwardContext, ParameterLookup } from './parameters';

type Kernel = tf.Variable<tf.Rank.R2>;
type Bias = tf.Variable<tf.Rank.R1>;

/**
 * One HF `ConvBertLayer`: self-attention (with its convolution heads), output dense + dropout + residual
 * LayerNorm, then the feed-forward block (grouped when `num_groups > 1`) + dropout + residual LayerNorm.
 */
export class ConvBertLayerTf {
  private readonly attention: ConvBertSelfAttentionTf;
  private readonly attentionOut: { kernel: Kernel; bias: Bias; normWeight: Bias; normBias: Bias };
  private readonly intermediate: { kernel: tf.Variable; bias: Bias };
  private readonly output: { kernel: tf.Variable; bias: Bias; normWeight: Bias; normBias: Bias };

  constructor(
    param: ParameterLookup,
    index: number,
    private readonly config: ConvBertConfig,
    private readonly activation: Activation,
  ) {
    const p = `encoder.layer.${index}.`;
    this.attention = new ConvBertSelfAttentionTf(param, `${p}attention.self.`, config);
    this.attentionOut = {
      kernel: param(`${p}attention.output.dense.weight`),
      bias: param(`${p}attention.output.dense.bias`),
      normWeight: param(`${p}attention.output.LayerNorm.weight`),
      normBias: param(`${p}attention.output.LayerNorm.bias`),
    };
    this.intermediate = { kernel: param(`${p}intermediate.dense.weight`), bias: param(`${p}intermediate.dense.bias`) };
    this.output = {
      kernel: param(`${p}output.dense.weight`),
      bias: param(`${p}output.dense.bias`),
      normWeight: param(`${p}output.LayerNorm.weight`),
      normBias: param(`${p}output.LayerNorm.bias`),
    };
  }

  /**
   * @param x `[batch * length, hidden]`
   * @returns `[batch * length, hidden]`
   */
  apply(x: tf.Tensor2D, ctx: ForwardContext, trace?: (t: SelfAttentionTrace) => void): tf.Tensor2D {
    const eps = this.config.layerNormEps;
    const selfOut = this.attention.apply(x, ctx, trace);
    const a = this.attentionOut;
    const attended = layerNorm(
      tf.add(ctx.dropout(linear(selfOut, a.kernel, a.bias)), x) as tf.Tensor2D,
      a.normWeight,
      a.normBias,
      eps,
    );
    const inner = this.activation(this.feedForward(attended, this.intermediate.kernel, this.intermediate.bias));
    const o = this.output;
    return layerNorm(
      tf.add(ctx.dropout(this.feedForward(inner, o.kernel, o.bias)), attended) as tf.Tensor2D,
      o.normWeight,
      o.normBias,
      eps,
    );
  }

  /** `nn.Linear` (kernel `[in, out]`) or `GroupedLinearLayer` (kernel `[groups, in/g, out/g]`). */
  private feedForward(x: tf.Tensor2D, kernel: tf.Variable, bias: Bias): tf.Tensor2D {
    return kernel.rank === 3 ? groupedLinear(x, kernel as tf.Tensor3D, bias) : linear(x, kernel as tf.Tensor2D, bias);
  }
}
