import { foldSeed, SplitMix32 } from '../../random';
import { UnigramTokenizer } from '../UnigramTokenizer';
import { countWholeWords, selectEmotes } from './emoteSelection';
import { TokenizerTrainingError } from './errors';
import {
  resolveTrainerOptions,
  type EmProgress,
  type ResolvedTrainerOptions,
  type UnigramTrainerOptions,
} from './options';
import { compareText, seedPieces } from './seedPieces';
import { tokenizerJsonToString } from './serializeTokenizerJson';
import { buildTokenizerJson, type HfUnigramTokenizerJson } from './tokenizerJsonLayout';
import { UnigramPieces, corpusLoss, emStep, prunePieces } from './unigramEm';
import { TrainingPreTokenizer, countWords } from './wordCorpus';

/** At most this many messages are held out (and measured) for tokens per message. */
const MAX_HELD_OUT = 2000;

/** What a training run did, for logs, the model card and `StageMetrics`. */
export interface TokenizerTrainingSummary {
  /** Ids in all: emotes + special tokens + pieces (equals the `vocabSize` option unless the corpus has too few substrings). */
  vocabSize: number;
  /** Pieces of the Unigram model (added tokens not counted). */
  pieces: number;
  /** Emotes kept as whole tokens, in id order. */
  emotes: string[];
  specialTokens: string[];
  /** Distinct characters of the corpus (all in the vocabulary). */
  characters: number;
  seedPieces: number;
  distinctWords: number;
  trainingMessages: number;
  heldOutMessages: number;
  /** EM sub-iterations run in all, and pruning rounds. */
  emIterations: number;
  pruningRounds: number;
  /** Every EM sub-iteration, in order. */
  losses: EmProgress[];
  /** Mean negative log-likelihood per word occurrence under the final model. */
  finalLoss: number;
  /** Tokens per message (special tokens not counted) on the held-out messages, or on training messages when none were held out. */
  tokensPerMessage: number;
  tokensPerMessageOn: 'held-out' | 'training';
  /** `model.unk_id` written. */
  unkId: number | null;
  seconds: number;
}

/** Ids of the tokens the model chain needs. */
export interface SpecialTokenIds {
  pad: number;
  cls: number;
  sep: number;
  mask: number;
  unk: number;
}

export interface TrainedTokenizer {
  /** The `tokenizer.json` object (HF's current layout and key order). */
  json: HfUnigramTokenizerJson;
  /** The file as HF writes it (see `tokenizerJsonToString`), UTF-8. */
  bytes: Uint8Array;
  specialIds: SpecialTokenIds;
  summary: TokenizerTrainingSummary;
}

/**
 * Trains a SentencePiece-style Unigram tokenizer on chat messages and returns its `tokenizer.json`.
 *
 * - Messages must already be preprocessed (`preprocessChat`: mentions and URLs replaced by `<mention>` / `<url>`).
 * - Emotes frequent in the corpus (the `emotes` candidates, and emote-shaped words unless `discoverEmotes` is false)
 *   and the special tokens become added tokens, ids `0..` (emotes first), matched in the raw text before the model,
 *   as HF does; the Unigram model learns from the text between them.
 * - Words come from the same normaliser and Metaspace pre-tokenizer as inference (built from the written file).
 * - Seed: every character (never pruned) + the most frequent substrings; EM (forward-backward expected counts,
 *   plain log-probabilities); pruning by estimated likelihood loss down by `shrinkingFactor` per round until exactly
 *   `vocabSize` ids; EM after each pruning.
 * - Deterministic: the same messages and options give the same bytes.
 *
 * @param messages the corpus, one chat message per item (iterated once)
 * @throws TokenizerTrainingError naming the option: bad options, empty corpus (`messages`), `vocabSize` below the
 *   characters + added tokens the corpus needs
 * @example
 * const { bytes, specialIds, summary } = trainUnigramTokenizer(messages.map(preprocessChat), { vocabSize: 8000, emotes: ['Kappa', 'LUL'] });
 * await writeFile('tokenizer.json', bytes);
 */
export function trainUnigramTokenizer(messages: Iterable<string>, options: UnigramTrainerOptions): TrainedTokenizer {
  const steps = trainingSteps(messages, options);
  for (;;) {
    options.signal?.throwIfAborted();
    const next = steps.next();
    if (next.done === true) return next.value;
  }
}

/**
 * {@link trainUnigramTokenizer} that gives the event loop a turn after each EM sub-iteration, so that a cancel
 * (`signal`) or progress messages get through while it runs.
 */
export async function trainUnigramTokenizerAsync(
  messages: Iterable<string>,
  options: UnigramTrainerOptions,
): Promise<TrainedTokenizer> {
  const steps = trainingSteps(messages, options);
  for (;;) {
    options.signal?.throwIfAborted();
    const next = steps.next();
    if (next.done === true) return next.value;
    await new Promise<void>((resolve) => setImmediate(resolve));
  }
}

/** The training, yielding after each long step (corpus counts, each EM sub-iteration). */
function* trainingSteps(
  messages: Iterable<string>,
  rawOptions: UnigramTrainerOptions,
): Generator<void, TrainedTokenizer> {
  const started = performance.now();
  const options = resolveTrainerOptions(rawOptions);
  const { training, heldOut } = splitCorpus(messages, options);

  const emotes = selectEmotes(countWholeWords(training), {
    candidates: options.emotes,
    discover: options.discoverEmotes,
    minCount: options.emoteMinCount,
    max: options.maxEmotes,
    exclude: new Set(options.specialTokens),
  }).map((e) => e.content);
  const addedTokens = [...emotes, ...options.specialTokens];
  const layout = (pieces: ReadonlyArray<readonly [string, number]>) =>
    buildTokenizerJson({ addedTokens, pieces, unkIdAtUnkToken: options.unkToken !== null });

  const words = countWords(training, new TrainingPreTokenizer(layout([])));
  if (words.occurrences === 0) {
    throw new TokenizerTrainingError(
      `has no text to learn from (${training.length} training messages, all empty or only added tokens)`,
      { option: 'messages' },
    );
  }
  yield;

  const seed = seedPieces(words, options.maxPieceLength, options.seedSize);
  const characters = seed.filter((s) => s.required).length;
  const target = options.vocabSize - addedTokens.length;
  if (characters > target) {
    throw new TokenizerTrainingError(
      `${options.vocabSize} is too small: the corpus has ${characters} distinct characters (all kept) and there are ${addedTokens.length} added tokens (${emotes.length} emotes, ${options.specialTokens.length} special tokens); use at least ${characters + addedTokens.length}, or lower maxEmotes`,
      { option: 'vocabSize' },
    );
  }
  let model = UnigramPieces.fromCounts(
    seed.map((s) => s.piece),
    seed.map((s) => s.count),
    seed.map((s) => s.required),
    options.maxPieceLength,
  );
  yield;

  const losses: EmProgress[] = [];
  let round = 0;
  for (;;) {
    for (let iteration = 0; iteration < options.emRounds; iteration++) {
      const step = emStep(model, words);
      model = step.model;
      const progress: EmProgress = { round, iteration, pieces: model.size, loss: step.loss };
      losses.push(progress);
      rawOptions.onProgress?.(round, model.size + addedTokens.length, step.loss, progress);
      yield;
    }
    if (model.size <= target) break;
    model = prunePieces(model, words, Math.max(target, Math.floor(model.size * options.shrinkingFactor)));
    round++;
  }
  const finalLoss = corpusLoss(model, words);

  const order = Array.from({ length: model.size }, (_, i) => i);
  order.sort((a, b) => model.scores[b]! - model.scores[a]! || compareText(model.pieces[a]!, model.pieces[b]!));
  const json = layout(order.map((i) => [model.pieces[i]!, model.scores[i]!] as const));
  const bytes = new TextEncoder().encode(tokenizerJsonToString(json));

  const tokenizer = UnigramTokenizer.fromJson(json, '<trained>');
  const measured = heldOut.length > 0 ? heldOut : training.slice(0, MAX_HELD_OUT);
  let tokens = 0;
  for (const m of measured) tokens += tokenizer.encode(m, { addSpecialTokens: false }).ids.length;

  const idOf = (token: string) => addedTokens.indexOf(token);
  return {
    json,
    bytes,
    specialIds: {
      pad: idOf('<pad>'),
      cls: idOf('<cls>'),
      sep: idOf('<sep>'),
      mask: idOf('<mask>'),
      unk: idOf('<unk>'),
    },
    summary: {
      vocabSize: json.model.vocab.length,
      pieces: model.size,
      emotes,
      specialTokens: options.specialTokens,
      characters,
      seedPieces: seed.length,
      distinctWords: words.words.length,
      trainingMessages: training.length,
      heldOutMessages: heldOut.length,
      emIterations: losses.length,
      pruningRounds: round,
      losses,
      finalLoss,
      tokensPerMessage: measured.length > 0 ? tokens / measured.length : 0,
      tokensPerMessageOn: heldOut.length > 0 ? 'held-out' : 'training',
      unkId: json.model.unk_id,
      seconds: (performance.now() - started) / 1000,
    },
  };
}

/** Reads the corpus once, holding out a seeded sample of `heldOutShare` (at most {@link MAX_HELD_OUT} messages). */
function splitCorpus(
  messages: Iterable<string>,
  options: ResolvedTrainerOptions,
): { training: string[]; heldOut: string[] } {
  if (messages === null || typeof (messages as Partial<Iterable<string>>)?.[Symbol.iterator] !== 'function') {
    throw new TokenizerTrainingError('expected an iterable of strings', { option: 'messages' });
  }
  // splitmix32 from the folded seed and the trainer's own salt: the held-out sample every trained tokenizer was made with.
  const random = new SplitMix32(foldSeed(options.seed) ^ 0x2545f491);
  const training: string[] = [];
  const heldOut: string[] = [];
  let index = 0;
  for (const m of messages) {
    if (typeof m !== 'string')
      throw new TokenizerTrainingError(`item ${index} is a ${typeof m}, not a string`, { option: 'messages' });
    if (options.heldOutShare > 0 && heldOut.length < MAX_HELD_OUT && random.chance(options.heldOutShare))
      heldOut.push(m);
    else training.push(m);
    index++;
  }
  return { training, heldOut };
}
