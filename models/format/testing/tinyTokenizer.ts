import { fixtureJson } from '../../tokenizer/testing';

/**
 * Test helper: the tiny Unigram fixture tokenizer cut to its first `vocabSize` pieces (added tokens beyond them
 * dropped), as `tokenizer.json` bytes. The full fixture has 260 ids; the ConvBERT fixtures take 120.
 */
export function tinyTokenizerJson(vocabSize: number): Uint8Array {
  const json = fixtureJson('tokenizer.json');
  json.model.vocab = json.model.vocab.slice(0, vocabSize);
  json.added_tokens = json.added_tokens.filter((t: { id: number }) => t.id < vocabSize);
  return new TextEncoder().encode(JSON.stringify(json));
}

/** The full fixture tokenizer (260 ids) as bytes. */
export function fullTokenizerJson(): Uint8Array {
  return new TextEncoder().encode(JSON.stringify(fixtureJson('tokenizer.json')));
}
