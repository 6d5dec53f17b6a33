import * as tf from '@tensorflow/tfjs';
import type { ConvBertConfig } from '../checkpoint';
import { gatherRows } from './ops/gatherRows';
import { layerNorm } from './ops/layerNorm';
import { linear } from './ops/linear';
import type { ForwardContext, ParameterLookup } from './parameters';

/**
 * HF `ConvBertEmbeddings` plus `embeddings_project`: word + position + token-type embeddings, LayerNorm,
 * dropout, then the projection from `embedding_size` to `hidden_size` when they differ.
 */
export class ConvBertEmbeddingsTf {
  private readonly word: tf.Variable<tf.Rank.R2>;
  private readonly position: tf.Variable<tf.Rank.R2>;
  private readonly tokenType: tf.Variable<tf.Rank.R2>;
  private readonly normWeight: tf.Variable<tf.Rank.R1>;
  private readonly normBias: tf.Variable<tf.Rank.R1>;
  private readonly project: { kernel: tf.Variable<tf.Rank.R2>; bias: tf.Variable<tf.Rank.R1> } | null;

  constructor(
    param: ParameterLookup,
    private readonly config: ConvBertConfig,
  ) {
    this.word = param('embeddings.word_embeddings.weight');
    this.position = param('embeddings.position_embeddings.weight');
    this.tokenType = param('embeddings.token_type_embeddings.weight');
    this.normWeight = param('embeddings.LayerNorm.weight');
    this.normBias = param('embeddings.LayerNorm.bias');
    this.project = config.derived.hasEmbeddingsProject
      ? { kernel: param('embeddings_project.weight'), bias: param('embeddings_project.bias') }
      : null;
  }

  /**
   * @param inputIds int32 `[batch * length]`, row-major
   * @param tokenTypeIds int32 `[batch * length]`
   * @returns `[batch * length, hidden]`
   */
  apply(inputIds: tf.Tensor1D, tokenTypeIds: tf.Tensor1D, ctx: ForwardContext): tf.Tensor2D {
    const { batch, length } = ctx;
    const E = this.config.embeddingSize;
    // torch's nn.Embedding(padding_idx=pad) never updates the pad row; the lookup's gradient does the same.
    const words = gatherRows(this.word, inputIds, { frozenRow: this.config.padTokenId });
    const types = gatherRows(this.tokenType, tokenTypeIds);
    const positions = tf.slice(this.position, [0, 0], [length, E]);
    const summed = tf.add(tf.reshape(tf.add(words, types), [batch, length, E]), positions);
    const normed = ctx.dropout(
      layerNorm(
        tf.reshape(summed, [batch * length, E]) as tf.Tensor2D,
        this.normWeight,
        this.normBias,
        this.config.layerNormEps,
      ),
    );
    return this.project === null ? normed : linear(normed, this.project.kernel, this.project.bias);
  }
}
