import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { TrainingStage } from '../../../contracts/training';
import { UnigramTokenizer } from '../../tokenizer';
import type { CorpusMessage } from '../data/CorpusMessage';
import { encodeMessages } from '../data/encodeMessages';
import { specialIdsOf, structuralIds } from '../data/SpecialIds';
import type { StageContext, TrainingCallbacks } from '../stages/StageContext';
import type { StageData } from '../stages/StageData';
import { readConvBertConfig, type ConvBertConfig } from '../../checkpoint';

const FIXTURE = join(import.meta.dirname, '../../../test/fixtures/tokenizer-unigram-tiny');

/**
 * Test corpus: the first `count` lines of the tiny tokenizer fixture's synthetic French chat, spread over three
 * streams, one message every 1.5 s per stream.
 */
export function tinyCorpus(count: number): CorpusMessage[] {
  const lines = readFileSync(join(FIXTURE, 'corpus.txt'), 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '');
  return lines
    .slice(0, count)
    .map((text, i) => ({ text, stream: `stream-${i % 3}`, timeMs: Math.floor(i / 3) * 1500 }));
}

/** The tiny fixture tokenizer (260 ids, `<pad> <cls> <sep> <mask> <unk>` present) and its bytes. */
export function tinyTokenizer(): { tokenizer: UnigramTokenizer; json: Uint8Array } {
  const json = readFileSync(join(FIXTURE, 'tokenizer.json'));
  return { tokenizer: UnigramTokenizer.fromJson(JSON.parse(json.toString('utf8')), 'tokenizer.json'), json };
}

/** Stage data from the tiny corpus and tokenizer: the first `trainCount` messages trained on, the next `heldOutCount` held out. */
export function tinyStageData(trainCount: number, heldOutCount = 40): StageData {
  const { tokenizer } = tinyTokenizer();
  const specials = specialIdsOf(tokenizer);
  const corpus = tinyCorpus(trainCount + heldOutCount);
  return {
    vocabSize: tokenizer.vocabSize,
    specials,
    protectedIds: structuralIds(specials),
    train: encodeMessages(tokenizer, corpus.slice(0, trainCount)),
    heldOut: encodeMessages(tokenizer, corpus.slice(trainCount)),
  };
}

/** A stage context for tests: progress on every step, callbacks as given. */
export function testStageContext(
  stage: TrainingStage,
  workDir: string,
  options: { seed?: number; signal?: AbortSignal; callbacks?: TrainingCallbacks; checkpointEverySteps?: number } = {},
): StageContext {
  return {
    stage,
    stageIndex: 0,
    stageCount: 1,
    workDir,
    seed: options.seed ?? 7,
    signal: options.signal,
    callbacks: options.callbacks ?? {},
    checkpointEverySteps: options.checkpointEverySteps ?? 0,
    progressIntervalMs: 0,
    elapsedSeconds: () => 0,
    laterStagesSeconds: () => 0,
  };
}

/** A one-layer ConvBERT config small enough for gradient checks in milliseconds. */
export function tinyConvBertConfig(vocabSize: number): ConvBertConfig {
  return readConvBertConfig({
    model_type: 'convbert',
    vocab_size: vocabSize,
    hidden_size: 16,
    embedding_size: 8,
    num_hidden_layers: 1,
    num_attention_heads: 2,
    intermediate_size: 32,
    conv_kernel_size: 3,
    max_position_embeddings: 16,
    pad_token_id: 0,
  });
}
