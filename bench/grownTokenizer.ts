// A tokenizer with a realistic vocabulary size for benchmarks: the fixture Unigram tokenizer (260 pieces) grown with
// made-up pieces (substrings of the benchmark's own chat words). Not a trained tokenizer: its segmentations are only
// roughly those of a real one; benchmarks report the tokens per message they got.
import fs from 'node:fs';
import { UnigramTokenizer } from '../models/tokenizer';
import { Sfc32 } from '../models/random';

const FIXTURE = new URL('../test/fixtures/tokenizer-unigram-tiny/tokenizer.json', import.meta.url);

/** The fixture tokenizer's JSON, unchanged. */
export function fixtureTokenizerJson(): { model: { vocab: [string, number][] } } & Record<string, unknown> {
  return JSON.parse(fs.readFileSync(FIXTURE, 'utf8'));
}

/** The fixture tokenizer's JSON grown to `size` pieces: substrings of `words`. */
export function grownTokenizerJson(words: readonly string[], size: number): ReturnType<typeof fixtureTokenizerJson> {
  const json = fixtureTokenizerJson();
  const vocab = json.model.vocab;
  const seen = new Set(vocab.map(([p]) => p));
  const rng = new Sfc32(7);
  for (let round = 0; vocab.length < size && round < 2000; round++) {
    for (const w of words) {
      const from = rng.int(0, w.length - 1);
      const to = Math.min(w.length, from + rng.int(1, 8));
      const suffix = round > 20 ? String.fromCharCode(97 + (round % 26), 97 + rng.int(0, 25)) : '';
      const piece = (from === 0 && rng.next() < 0.5 ? '▁' : '') + w.slice(from, to) + suffix;
      if (!seen.has(piece)) {
        seen.add(piece);
        vocab.push([piece, rng.uniform(-15, -5)]);
      }
      if (vocab.length >= size) break;
    }
  }
  return json;
}

/** {@link grownTokenizerJson}, loaded. */
export function grownTokenizer(words: readonly string[], size: number): UnigramTokenizer {
  const json = grownTokenizerJson(words, size);
  return UnigramTokenizer.fromJson(json, `grown-${json.model.vocab.length}`);
}
