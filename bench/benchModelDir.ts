// A full-size ConvBERT model directory for benchmarks: the lincoln-small shape with random weights and the fixture
// tokenizer grown with the given chat's frequent words (no trained tokenizer exists yet).
import { readConvBertConfig } from '../models/checkpoint';
import { LINCOLN_SMALL_CONFIG, randomConvBertWeights } from '../models/convbert';
import { writeModelDir } from '../models/format';
import { preprocessChat, UnigramTokenizer } from '../models/tokenizer';
import { grownTokenizerJson } from './grownTokenizer';

/**
 * Writes the model into `modelDir` and returns its tokenizer (to count tokens per message).
 * @param texts chat whose frequent words become whole tokens
 */
export function writeBenchModelDir(modelDir: string, texts: readonly string[]): { tokenizer: UnigramTokenizer } {
  const wordCounts = new Map<string, number>();
  for (const t of texts) for (const w of preprocessChat(t).split(/\s+/)) if (w.length > 1) wordCounts.set(w, (wordCounts.get(w) ?? 0) + 1);
  const tokenizerJson = grownTokenizerJson([...wordCounts.keys()], LINCOLN_SMALL_CONFIG.vocab_size, wordCounts);
  const tokenizer = UnigramTokenizer.fromJson(tokenizerJson);
  const config = readConvBertConfig({ ...LINCOLN_SMALL_CONFIG, pad_token_id: tokenizer.tokenToId('<pad>') ?? 0 }, 'lincoln-small');
  writeModelDir(modelDir, {
    name: 'bench-lincoln-small',
    version: 'random',
    source: { kind: 'training', ref: 'benchmark' },
    weights: randomConvBertWeights(config, 1),
    pooling: 'cls',
    tokenizer: { json: Buffer.from(JSON.stringify(tokenizerJson)), preprocess: 'chat' },
  });
  return { tokenizer };
}
