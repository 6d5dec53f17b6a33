import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { importHfModel } from '../../format';
import { fixtureJson } from '../../tokenizer/testing';

/** The `convbert-tiny` fixture folder (an HF ConvBERT: vocab 120, hidden 32, 64 positions; no tokenizer). */
export const CONVBERT_TINY = fileURLToPath(new URL('../../../test/fixtures/convbert-tiny/', import.meta.url));

/** The fixture's inputs and HF reference outputs (each sequence run alone), rows cut to their real length. */
export function convBertTinyCases(): { ids: number[]; typeIds: number[]; cls: number[]; meanPooled: number[] }[] {
  const read = (file: string) => JSON.parse(fs.readFileSync(path.join(CONVBERT_TINY, file), 'utf8'));
  const inputs = read('inputs.json') as { input_ids: number[][]; token_type_ids: number[][]; lengths: number[] };
  const expected = read('expected.json') as { unpadded: { cls: number[]; mean_pooled: number[] }[] };
  return inputs.lengths.map((length, i) => ({
    ids: inputs.input_ids[i]!.slice(0, length),
    typeIds: inputs.token_type_ids[i]!.slice(0, length),
    cls: expected.unpadded[i]!.cls,
    meanPooled: expected.unpadded[i]!.mean_pooled,
  }));
}

/**
 * A tokenizer.json that fits the tiny model's 120 ids: the Unigram tokenizer fixture cut to its first 120 pieces.
 * It keeps `<cls>`, `<sep>`, `<unk>`, `<mention>`, `<url>` and single letters, so most words split into letters
 * and anything rarer (digits, emoji, accents beyond é) is `<unk>`.
 */
export function tinyTokenizerJson(): string {
  const json = fixtureJson('tokenizer.json');
  json.model.vocab = json.model.vocab.slice(0, 120);
  json.added_tokens = json.added_tokens.filter((t: { id: number }) => t.id < 120);
  return JSON.stringify(json);
}

/** Model directories imported from `convbert-tiny` into a temporary folder; `remove()` deletes them. */
export interface TinyModels {
  /** With the tiny tokenizer, CLS pooling, chat preprocessing, maxTokens 16. */
  withTokenizer: string;
  /** Same weights, mean pooling. */
  meanPooled: string;
  /** No tokenizer: embeds token ids only. */
  idsOnly: string;
  remove(): void;
}

/** Imports the tiny fixture as our model format, three ways (see {@link TinyModels}). */
export function importTinyModels(): TinyModels {
  const root = fs.mkdtempSync(path.join(os.tmpdir(), 'embed-tiny-'));
  const tokenizerFile = path.join(root, 'tokenizer.json');
  fs.writeFileSync(tokenizerFile, tinyTokenizerJson());
  const withTokenizer = path.join(root, 'tiny');
  const meanPooled = path.join(root, 'tiny-mean');
  const idsOnly = path.join(root, 'tiny-ids');
  importHfModel(CONVBERT_TINY, withTokenizer, { name: 'tiny', tokenizerFile, maxTokens: 16 });
  importHfModel(CONVBERT_TINY, meanPooled, { name: 'tiny-mean', tokenizerFile, maxTokens: 16, pooling: 'mean' });
  importHfModel(CONVBERT_TINY, idsOnly, { name: 'tiny-ids' });
  return { withTokenizer, meanPooled, idsOnly, remove: () => fs.rmSync(root, { recursive: true, force: true }) };
}

/** Largest absolute difference between two equally long vectors. */
export function maxAbsDiff(a: ArrayLike<number>, b: ArrayLike<number>): number {
  if (a.length !== b.length) throw new RangeError(`lengths differ: ${a.length} vs ${b.length}`);
  let max = 0;
  for (let i = 0; i < a.length; i++) max = Math.max(max, Math.abs(a[i]! - b[i]!));
  return max;
}
