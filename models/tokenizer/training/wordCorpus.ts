import { AddedTokenMatcher } from '../addedTokens';
import { AlignedText, wellFormed } from '../alignedText';
import { compileNormalizer } from '../normalizer';
import { MetaspacePreTokenizer } from '../preTokenizer';
import { parseTokenizerJson } from '../TokenizerJson';
import type { HfUnigramTokenizerJson } from './tokenizerJsonLayout';

/**
 * The distinct pre-tokenized words of a corpus and how often each occurs, as code points: word `w` is
 * `codePoints[offsets[w] .. offsets[w + 1])` and occurs `counts[w]` times.
 */
export interface WordTable {
  codePoints: Int32Array;
  offsets: Int32Array;
  counts: Float64Array;
  /** The words as strings, same order. */
  words: string[];
  /** Sum of `counts`. */
  occurrences: number;
}

/**
 * Splits text into words exactly as the tokenizer described by `json` will at inference: added tokens cut out of
 * the raw text, each stretch between them normalised (Nmt, NFKC, runs of spaces) and split by Metaspace. It is
 * built from the same `tokenizer.json` object through the inference classes, so training and inference agree.
 */
export class TrainingPreTokenizer {
  private readonly normalize;
  private readonly preTokenizer;
  private readonly addedTokens;

  constructor(json: HfUnigramTokenizerJson) {
    // The vocab does not matter to the pipeline; a one-piece stand-in keeps the parser happy before training.
    const spec = parseTokenizerJson(
      { ...json, model: { ...json.model, unk_id: null, vocab: [['\u2581', 0]] } },
      '<trainer>',
    );
    this.normalize = compileNormalizer(spec.normalizer);
    this.preTokenizer = spec.preTokenizer === null ? null : new MetaspacePreTokenizer(spec.preTokenizer);
    this.addedTokens = new AddedTokenMatcher(spec.addedTokens.filter((t) => !t.normalized));
  }

  /** Calls `onWord` for each word of `message` (added tokens are not words). */
  forEachWord(message: string, onWord: (word: string) => void): void {
    const text = /[\ud800-\udfff]/.test(message) ? wellFormed(message) : message;
    for (const split of this.addedTokens.split(text)) {
      if (split.token !== null) continue;
      const normalized = this.normalize(AlignedText.original(text.slice(split.from, split.to)));
      const words = this.preTokenizer === null ? [normalized] : this.preTokenizer.words(normalized, split.from === 0);
      for (const w of words) onWord(w.text);
    }
  }
}

/**
 * Counts the words of the messages (see {@link TrainingPreTokenizer}) into a {@link WordTable}, words in order of
 * first appearance (so the same corpus always gives the same table).
 */
export function countWords(messages: readonly string[], preTokenizer: TrainingPreTokenizer): WordTable {
  const counts = new Map<string, number>();
  const add = (word: string) => counts.set(word, (counts.get(word) ?? 0) + 1);
  for (const m of messages) preTokenizer.forEachWord(m, add);
  const words = [...counts.keys()];
  const offsets = new Int32Array(words.length + 1);
  const cps: number[] = [];
  const countArray = new Float64Array(words.length);
  let occurrences = 0;
  words.forEach((word, w) => {
    for (const ch of word) cps.push(ch.codePointAt(0)!);
    offsets[w + 1] = cps.length;
    const c = counts.get(word)!;
    countArray[w] = c;
    occurrences += c;
  });
  return { codePoints: Int32Array.from(cps), offsets, counts: countArray, words, occurrences };
}
