// A full-size ConvBERT model directory for benchmarks: the lincoln-small shape with random weights and a Unigram
// tokenizer of the same vocabulary size trained on the given chat (our trainer), so tokens per message are close to
// those of a real model's tokenizer.
import { readConvBertConfig } from '../models/checkpoint';
import { LINCOLN_SMALL_CONFIG, randomConvBertWeights } from '../models/convbert';
import { writeModelDir } from '../models/format';
import { preprocessChat, trainUnigramTokenizer, UnigramTokenizer } from '../models/tokenizer';

/**
 * Writes the model into `modelDir` and returns its tokenizer (to count tokens per message).
 * @param texts chat the tokenizer is trained on
 */
export function writeBenchModelDir(
  modelDir: string,
  texts: readonly string[],
): { tokenizer: UnigramTokenizer; tokenizerSource: string } {
  const trained = trainUnigramTokenizer(
    texts.map((t) => preprocessChat(t)),
    { vocabSize: LINCOLN_SMALL_CONFIG.vocab_size, maxPieceLength: 16 },
  );
  const tokenizer = UnigramTokenizer.fromJson(trained.json);
  const config = readConvBertConfig(
    { ...LINCOLN_SMALL_CONFIG, vocab_size: tokenizer.vocabSize, pad_token_id: trained.specialIds.pad },
    'lincoln-small',
  );
  writeModelDir(modelDir, {
    name: 'bench-lincoln-small',
    version: 'random',
    source: { kind: 'training', ref: 'benchmark' },
    weights: randomConvBertWeights(config, 1),
    pooling: 'cls',
    tokenizer: { json: trained.bytes, preprocess: 'chat' },
  });
  return {
    tokenizer,
    tokenizerSource: `Unigram tokenizer of ${tokenizer.vocabSize} ids trained on this chat (chat-topics' trainer)`,
  };
}
