import * as tf from '@tensorflow/tfjs';
import type { ConvBertConfig } from '../checkpoint';
import { depthwiseConv1d, dynamicConv } from './ops/convolutions';
import { linear, matMulPlain } from './ops/linear';
import type { ForwardContext, ParameterLookup } from './parameters';

type Kernel = tf.Variable<tf.Rank.R2>;
type Bias = tf.Variable<tf.Rank.R1>;

/** Layer-0 style intermediates, for step-by-step comparison with HF (fixtures' `layer0_self_attention`). */
export interface SelfAttentionTrace {
  /** `[batch, length, A]`: the separable convolution's output (`key_conv_attn_layer`, positions first). */
  keyConvAttn: tf.Tensor3D;
  /** `[batch, length, heads * K]`: `conv_kernel_layer` before its softmax. */
  convKernelLogits: tf.Tensor3D;
  /** `[batch, length, A]`: `conv_out_layer`'s output. */
  convOutLinear: tf.Tensor3D;
  /** `[batch, heads, length, length]`. */
  attentionProbs: tf.Tensor4D;
}

/**
 * HF `ConvBertSelfAttention` (transformers 4.57) with `head_ratio` 2: `heads` attention heads of size d, plus
 * as many span-based dynamic convolution heads, concatenated (attention heads first) into `[rows, hidden]`.
 * The output dense layer and LayerNorm are in {@link ConvBertLayerTf}.
 */
export class ConvBertSelfAttentionTf {
  private readonly query: { kernel: Kernel; bias: Bias };
  private readonly key: { kernel: Kernel; bias: Bias };
  private readonly value: { kernel: Kernel; bias: Bias };
  private readonly depthwise: Kernel;
  private readonly pointwise: Kernel;
  private readonly separableBias: Bias;
  private readonly convKernel: { kernel: Kernel; bias: Bias };
  private readonly convOut: { kernel: Kernel; bias: Bias };

  constructor(
    param: ParameterLookup,
    prefix: string,
    private readonly config: ConvBertConfig,
  ) {
    const dense = (name: string) => ({
      kernel: param<tf.Rank.R2>(`${prefix}${name}.weight`),
      bias: param<tf.Rank.R1>(`${prefix}${name}.bias`),
    });
    this.query = dense('query');
    this.key = dense('key');
    this.value = dense('value');
    this.depthwise = param(`${prefix}key_conv_attn_layer.depthwise.weight`);
    this.pointwise = param(`${prefix}key_conv_attn_layer.pointwise.weight`);
    this.separableBias = param(`${prefix}key_conv_attn_layer.bias`);
    this.convKernel = dense('conv_kernel_layer');
    this.convOut = dense('conv_out_layer');
  }

  /**
   * @param x `[batch * length, hidden]`
   * @param trace when given, receives the intermediates (the caller owns and disposes them)
   * @returns `[batch * length, hidden]`: attention heads' context, then the convolution heads' output
   */
  apply(x: tf.Tensor2D, ctx: ForwardContext, trace?: (t: SelfAttentionTrace) => void): tf.Tensor2D {
    const { batch, length } = ctx;
    const rows = batch * length;
    const { attentionHeads: heads, attentionHeadSize: d, allHeadSize: A } = this.config.derived;
    const H = this.config.hiddenSize;
    const K = this.config.convKernelSize;

    const q = linear(x, this.query.kernel, this.query.bias);
    const k = linear(x, this.key.kernel, this.key.bias);
    const v = linear(x, this.value.kernel, this.value.bias);

    // Separable convolution over positions. HF convolves padding too; the masked mode zeroes its input there
    // so each row sees what it would see alone.
    const convInput = ctx.convMask === null ? x : tf.mul(x, ctx.convMask);
    const depthwise = depthwiseConv1d(tf.reshape(convInput, [batch, length, H]), this.depthwise);
    const keyConvAttn = tf.add(matMulPlain(tf.reshape(depthwise, [rows, H]), this.pointwise), this.separableBias);
    const convKernelLogits = linear(tf.mul(keyConvAttn, q), this.convKernel.kernel, this.convKernel.bias);
    const convWeights: tf.Tensor4D = tf.reshape(tf.softmax(tf.reshape(convKernelLogits, [rows * heads, K])), [
      batch,
      length,
      heads,
      K,
    ]);
    let convOutLinear = linear(x, this.convOut.kernel, this.convOut.bias);
    if (ctx.convMask !== null) convOutLinear = tf.mul(convOutLinear, ctx.convMask);
    const convHeads = dynamicConv(tf.reshape(convOutLinear, [batch, length, A]), convWeights);

    const split = (t: tf.Tensor2D) => tf.reshape(t, [batch, length, heads, d]);
    const qh = tf.transpose(split(q), [0, 2, 1, 3]);
    const khT = tf.transpose(split(k), [0, 2, 3, 1]);
    const vh = tf.transpose(split(v), [0, 2, 1, 3]);
    const scores = tf.add(tf.div(tf.matMul(qh, khT), Math.sqrt(d)), ctx.attentionBias);
    const probs = tf.softmax(scores) as tf.Tensor4D;
    const context = tf.transpose(tf.matMul(ctx.dropout(probs), vh), [0, 2, 1, 3]);

    if (trace !== undefined) {
      trace({
        keyConvAttn: tf.reshape(keyConvAttn, [batch, length, A]),
        convKernelLogits: tf.reshape(convKernelLogits, [batch, length, heads * K]),
        convOutLinear: tf.reshape(convOutLinear, [batch, length, A]),
        attentionProbs: probs,
      });
    }
    return tf.reshape(tf.concat([context, convHeads], 2), [rows, H]);
  }
}
