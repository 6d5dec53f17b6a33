import type { ConvBertConfig } from '../../checkpoint';
import type { OnnxGraphBuilder } from '../OnnxGraphBuilder';
import { attr } from '../protobuf/onnxModel';
import type { WeightSource } from './WeightSource';

/** The outputs of {@link convBertEmbeddings}. */
export interface ConvBertEmbeddingValues {
  /** Initializer of the `[V, E]` word embedding table (the MLM decoder is tied to it). */
  wordTable: string;
  /** `[batch, sequence, E]`: the embedding sum after its LayerNorm (HF's `embeddings` output). */
  layerNormed: string;
  /** `[batch * sequence, H]`: after `embeddings_project` (the LayerNorm output itself when E = H). */
  projected: string;
}

/**
 * `ConvBertEmbeddings` + `embeddings_project`: word + token type + position embeddings (added in HF's order),
 * LayerNorm, then the projection to the hidden size. Positions are 0..sequence-1, read as one slice of the table.
 */
export function convBertEmbeddings(
  g: OnnxGraphBuilder,
  w: WeightSource,
  config: ConvBertConfig,
  inputIds: string,
  tokenTypeIds: string,
): ConvBertEmbeddingValues {
  const { vocabSize: V, hiddenSize: H, embeddingSize: E } = config;
  const wordTable = w.asIs('embeddings.word_embeddings.weight', [V, E]);
  const typeTable = w.asIs('embeddings.token_type_embeddings.weight', [config.typeVocabSize, E]);
  const positionTable = w.asIs('embeddings.position_embeddings.weight', [config.maxPositionEmbeddings, E]);
  const sequenceLength = g.op('Shape', [inputIds], { start: attr.int(1), end: attr.int(2) }, 'sequence_length');
  const positions = g.op(
    'Slice',
    [positionTable, g.int64s([0]), sequenceLength, g.int64s([0])],
    {},
    'position_embeddings',
  );
  const words = g.gather(wordTable, inputIds, 0, 'word_embeddings');
  const types = g.gather(typeTable, tokenTypeIds, 0, 'token_type_embeddings');
  const summed = g.add(g.add(words, types, 'embeddings'), positions, 'embeddings');
  const layerNormed = g.layerNorm(
    summed,
    w.asIs('embeddings.LayerNorm.weight', [E]),
    w.asIs('embeddings.LayerNorm.bias', [E]),
    config.layerNormEps,
    'embeddings_layernorm',
  );
  const flat = g.reshape(layerNormed, [-1, E], 'embeddings_layernorm');
  const projected = config.derived.hasEmbeddingsProject
    ? g.linear(
        flat,
        w.dense('embeddings_project.weight', E, H),
        w.asIs('embeddings_project.bias', [H]),
        'embeddings_project',
      )
    : flat;
  return { wordTable, layerNormed, projected };
}
