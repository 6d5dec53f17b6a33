import * as tf from '@tensorflow/tfjs';
import type { ConvBertConfig } from '../checkpoint';
import { gelu } from './ops/activations';
import { layerNorm } from './ops/layerNorm';
import { linear, matMulPlain } from './ops/linear';
import type { ParameterLookup } from './parameters';

/**
 * HF `ConvBertForMaskedLM`'s head: `generator_predictions` (dense hidden -> embedding, exact gelu, LayerNorm;
 * HF hard-codes gelu here whatever `hidden_act` says), then `generator_lm_head`, whose weight is tied to the
 * word embeddings, plus its own bias.
 */
export class ConvBertMlmHeadTf {
  private readonly kernel: tf.Variable<tf.Rank.R2>;
  private readonly bias: tf.Variable<tf.Rank.R1>;
  private readonly normWeight: tf.Variable<tf.Rank.R1>;
  private readonly normBias: tf.Variable<tf.Rank.R1>;
  private readonly decoderBias: tf.Variable<tf.Rank.R1>;
  private readonly wordEmbeddings: tf.Variable<tf.Rank.R2>;

  constructor(
    param: ParameterLookup,
    private readonly config: ConvBertConfig,
  ) {
    this.kernel = param('generator_predictions.dense.weight');
    this.bias = param('generator_predictions.dense.bias');
    this.normWeight = param('generator_predictions.LayerNorm.weight');
    this.normBias = param('generator_predictions.LayerNorm.bias');
    this.decoderBias = param('generator_lm_head.bias');
    this.wordEmbeddings = param('embeddings.word_embeddings.weight');
  }

  /**
   * @param hidden `[rows, hidden]`
   * @returns logits `[rows, vocab]`
   */
  apply(hidden: tf.Tensor2D): tf.Tensor2D {
    const predicted = layerNorm(
      gelu(linear(hidden, this.kernel, this.bias)),
      this.normWeight,
      this.normBias,
      this.config.layerNormEps,
    );
    // The tied decoder multiplies by the table's transpose; transposing first keeps both passes plain products.
    return tf.add(matMulPlain(predicted, tf.transpose(this.wordEmbeddings)), this.decoderBias);
  }
}
