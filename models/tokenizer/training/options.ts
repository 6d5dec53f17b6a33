import { TokenizerTrainingError } from './errors';

/** The special tokens of the Twitch tokenizer, in the order (and so with the ids) the reference model has them. */
export const DEFAULT_SPECIAL_TOKENS: readonly string[] = [
  '<mask>',
  '<sep>',
  '<unk>',
  '<cls>',
  '<pad>',
  '<mention>',
  '<url>',
];

/** Special tokens the model chain needs by name (batches, the template, masking, unknown characters). */
export const REQUIRED_SPECIAL_TOKENS = ['<pad>', '<cls>', '<sep>', '<mask>', '<unk>'] as const;

/** One EM sub-iteration's result, as given to `onProgress` and kept in the summary. */
export interface EmProgress {
  /** Pruning round (0: the seed vocabulary). */
  round: number;
  /** EM sub-iteration in the round (0-based). */
  iteration: number;
  /** Pieces of the Unigram model (added tokens not counted). */
  pieces: number;
  /** Mean negative log-likelihood per word occurrence of the training words, under the scores before this M-step. */
  loss: number;
}

export interface UnigramTrainerOptions {
  /** Total number of ids: emotes + special tokens + Unigram pieces. */
  vocabSize: number;
  /** Longest piece, in code points. Default 16. */
  maxPieceLength?: number;
  /** Each pruning round keeps this share of the pieces (at least `vocabSize`). Default 0.75. */
  shrinkingFactor?: number;
  /** EM sub-iterations per pruning round (and after the last one). Default 2. */
  emRounds?: number;
  /** Pieces of the seed vocabulary (characters included). Default `max(20 * vocabSize, 50_000)`. */
  seedSize?: number;
  /** Emote names to keep whole when the corpus has them often enough, e.g. the simulator's catalog. Default none. */
  emotes?: Iterable<string>;
  /**
   * Also keep whole the words shaped like emotes (`massietBonjour`, `KappaPride`; all caps like `KEKW` unless the
   * word is more frequent written in lower case, like `MDR`/`mdr`). Default true.
   */
  discoverEmotes?: boolean;
  /** Whole-word occurrences an emote needs to be kept. Default 10. */
  emoteMinCount?: number;
  /** At most this many emotes (candidates from `emotes` first). Default `floor(vocabSize / 10)`. */
  maxEmotes?: number;
  /** Added tokens after the emotes, in id order. Must hold `<pad> <cls> <sep> <mask> <unk>`. Default {@link DEFAULT_SPECIAL_TOKENS}. */
  specialTokens?: readonly string[];
  /** Seed of the held-out sample. Default 0. */
  seed?: number;
  /** Share of the messages held out of training to measure tokens per message. Default 0.02 (at most 2000 messages). */
  heldOutShare?: number;
  /**
   * `model.unk_id`: `'<unk>'` (default) points it at the `<unk>` token, so text with a character never seen in
   * training encodes to `<unk>` (in HF too) instead of being refused; `null` writes none, as the reference file.
   */
  unkToken?: '<unk>' | null;
  /** Called after each EM sub-iteration. */
  onProgress?: (round: number, vocabSize: number, loss: number, detail: EmProgress) => void;
  /** Stops the training between EM sub-iterations (the abort reason is thrown). */
  signal?: AbortSignal;
}

/** Options with their defaults filled in and checked. */
export interface ResolvedTrainerOptions {
  vocabSize: number;
  maxPieceLength: number;
  shrinkingFactor: number;
  emRounds: number;
  seedSize: number;
  emotes: string[];
  discoverEmotes: boolean;
  emoteMinCount: number;
  maxEmotes: number;
  specialTokens: string[];
  seed: number;
  heldOutShare: number;
  unkToken: '<unk>' | null;
}

function integer(value: unknown, option: string, min: number): number {
  if (typeof value !== 'number' || !Number.isInteger(value) || value < min) {
    throw new TokenizerTrainingError(`expected an integer >= ${min}, got ${String(value)}`, { option });
  }
  return value;
}

function share(value: unknown, option: string, min: number, max: number, openMin: boolean): number {
  if (
    typeof value !== 'number' ||
    !Number.isFinite(value) ||
    value > max ||
    value < min ||
    (openMin && value === min)
  ) {
    throw new TokenizerTrainingError(
      `expected a number in ${openMin ? '(' : '['}${min}, ${max}], got ${String(value)}`,
      { option },
    );
  }
  return value;
}

/**
 * Fills in the defaults and checks every option.
 * @throws TokenizerTrainingError naming the option: not an integer, out of range, special tokens missing or repeated
 */
export function resolveTrainerOptions(options: UnigramTrainerOptions): ResolvedTrainerOptions {
  const vocabSize = integer(options.vocabSize, 'vocabSize', 1);
  const specialTokens = [...(options.specialTokens ?? DEFAULT_SPECIAL_TOKENS)];
  for (const name of REQUIRED_SPECIAL_TOKENS) {
    if (!specialTokens.includes(name))
      throw new TokenizerTrainingError(`must include ${name} (the model chain needs it)`, { option: 'specialTokens' });
  }
  const seen = new Set<string>();
  for (const t of specialTokens) {
    if (typeof t !== 'string' || t.length === 0)
      throw new TokenizerTrainingError('holds an empty or non-string token', { option: 'specialTokens' });
    if (seen.has(t)) throw new TokenizerTrainingError(`holds ${JSON.stringify(t)} twice`, { option: 'specialTokens' });
    seen.add(t);
  }
  const emotes: string[] = [];
  for (const e of options.emotes ?? []) {
    if (typeof e !== 'string')
      throw new TokenizerTrainingError(`expected strings, got ${typeof e}`, { option: 'emotes' });
    emotes.push(e);
  }
  const unkToken = options.unkToken === undefined ? '<unk>' : options.unkToken;
  if (unkToken !== null && unkToken !== '<unk>')
    throw new TokenizerTrainingError(`expected "<unk>" or null, got ${String(unkToken)}`, { option: 'unkToken' });
  return {
    vocabSize,
    maxPieceLength: integer(options.maxPieceLength ?? 16, 'maxPieceLength', 1),
    shrinkingFactor: share(options.shrinkingFactor ?? 0.75, 'shrinkingFactor', 0, 0.99, true),
    emRounds: integer(options.emRounds ?? 2, 'emRounds', 1),
    seedSize: integer(options.seedSize ?? Math.max(20 * vocabSize, 50_000), 'seedSize', 1),
    emotes,
    discoverEmotes: options.discoverEmotes ?? true,
    emoteMinCount: integer(options.emoteMinCount ?? 10, 'emoteMinCount', 1),
    maxEmotes: integer(options.maxEmotes ?? Math.floor(vocabSize / 10), 'maxEmotes', 0),
    specialTokens,
    seed: integer(options.seed ?? 0, 'seed', Number.MIN_SAFE_INTEGER),
    heldOutShare: share(options.heldOutShare ?? 0.02, 'heldOutShare', 0, 0.5, false),
    unkToken,
  };
}
