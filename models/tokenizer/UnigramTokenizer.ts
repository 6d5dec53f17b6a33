import { AddedTokenMatcher } from './addedTokens';
import { AlignedText, wellFormed } from './alignedText';
import { preprocessChatAligned } from './chatPreprocess';
import { decodeTokens } from './decoder';
import { TokenizerError } from './errors';
import { compileNormalizer, type Normalizer } from './normalizer';
import { TemplatePostProcessor, type Encoding, type SequenceTokens } from './postProcessor';
import { MetaspacePreTokenizer } from './preTokenizer';
import { parseTokenizerJson, type AddedTokenSpec, type MetaspaceSpec, type TokenizerSpec } from './TokenizerJson';
import { pairLengths, truncateSequence } from './truncation';
import { UNKNOWN, UnigramModel, type Segments } from './UnigramModel';

/**
 * What to do with a character no vocab piece covers (an emoji the tokenizer never saw, say):
 * - `'error'`: throw a {@link TokenizerError}, exactly where HF `tokenizers` refuses the text of a tokenizer whose
 *   `unk_id` is null ("Encountered an unknown token but `unk_id` is missing"), whatever this tokenizer's `unk_id`;
 * - `'unk'`: one `<unk>` token per run of such characters (HF's behaviour when `unk_id` is set); its token string is
 *   the (normalised) text it stands for. Needs an unknown-token id (see {@link UnigramTokenizer.unknownTokenId});
 * - `'skip'`: drop them.
 */
export type UnknownPolicy = 'error' | 'unk' | 'skip';

export interface EncodeOptions {
  /** Add the template's special tokens (`<cls>`, `<sep>`). Default true. */
  addSpecialTokens?: boolean;
  /**
   * Keep at most this many tokens in all, special tokens included (they are always kept): the text is cut on the
   * right; a pair loses tokens from its longer sequence first. Default: `truncation.max_length` of the file, else
   * no limit. Must leave room for the special tokens (RangeError otherwise).
   */
  maxLength?: number;
  /**
   * Default: `'unk'` when the tokenizer has an unknown token (`model.unk_id`, else a `<unk>` token), otherwise
   * `'skip'`, so that live chat never throws. See {@link UnknownPolicy}.
   */
  onUnknown?: UnknownPolicy;
  /** Replace @mentions and URLs with `<mention>` / `<url>` first (see `preprocessChat`). Offsets still point into the text as given. Default false. */
  preprocess?: boolean;
}

export interface BatchOptions extends EncodeOptions {
  /** Every row is truncated to this many tokens. */
  maxLength: number;
  /** Pad to the longest row of the batch instead of `maxLength`. Default false (fixed shape). */
  padToLongest?: boolean;
}

/** A padded batch, row-major `[batchSize, sequenceLength]`, ready for a model's input tensors. */
export interface BatchEncoding {
  batchSize: number;
  sequenceLength: number;
  /** Token ids; padding positions hold {@link padId}. */
  ids: Int32Array;
  /** 0 everywhere for single texts (padding too). */
  typeIds: Int32Array;
  /** 1 for real tokens, 0 for padding. */
  attentionMask: Int32Array;
  /** Real (unpadded) length of each row. */
  lengths: Int32Array;
  padId: number;
  /** The per-text encodings (tokens and offsets), unpadded. */
  encodings: Encoding[];
}

export interface DecodeOptions {
  /** Leave out special tokens (`<cls>`, emotes given as special tokens...). Default true, as in HF. */
  skipSpecialTokens?: boolean;
}

/**
 * A HuggingFace `tokenizer.json` of the SentencePiece Unigram kind (Nmt + NFKC normaliser, Metaspace `▁`,
 * `<cls> $A <sep>` template), in plain TypeScript, giving the same ids, tokens and offsets as `tokenizers` 0.23.
 * Loads both the tokenizers 0.10 layout and the current one.
 *
 * Pipeline: lone surrogates -> U+FFFD; optional chat preprocessing; added tokens (emotes, `<mention>`...) cut out of
 * the raw text anywhere (no word boundary); each piece between them normalised, split by Metaspace (each piece gets
 * its own `▁`) and segmented by Viterbi; template; truncation. Offsets are code points into the original text.
 *
 * Encoding is synchronous and allocation-light (the Viterbi buffers are reused per instance): about 100k chat
 * messages/s on one core (`npm run bench -- tokenizer`).
 *
 * @example
 * const tok = await UnigramTokenizer.fromFile('test/fixtures/tokenizer-unigram-tiny/tokenizer.json');
 * const { ids, tokens, offsets } = tok.encode('salut les gars Kappa');
 * tok.decode(ids); // 'salut les gars '
 */
export class UnigramTokenizer {
  /** Special tokens (added tokens marked special) -> id; for duplicates the later vocab entry's id (`Kappa` -> 215). */
  readonly specialTokens: ReadonlyMap<string, number>;
  /** The id unknown characters map to under `'unk'`: `model.unk_id`, else the `<unk>` token's id, else null. */
  readonly unknownTokenId: number | null;
  /** The padding id of batches: `padding.pad_id` / `pad_token` of the file, else `<pad>`, else 0. */
  readonly padId: number;
  /** Number of ids: the vocab plus added tokens whose id lies beyond it (HF's `get_vocab_size(true)`). */
  readonly vocabSize: number;

  private readonly model: UnigramModel;
  private readonly normalize: Normalizer;
  private readonly preTokenizer: MetaspacePreTokenizer | null;
  private readonly post: TemplatePostProcessor;
  private readonly decoderSpec: MetaspaceSpec | null;
  private readonly rawTokens: AddedTokenMatcher;
  private readonly normalizedTokens: AddedTokenMatcher;
  private readonly addedIdToToken = new Map<number, string>();
  private readonly addedByContent = new Map<string, AddedTokenSpec>();
  private readonly specialContents = new Set<string>();
  private readonly defaultMaxLength: number | null;
  private readonly defaultUnknown: UnknownPolicy;

  private constructor(spec: TokenizerSpec) {
    this.model = new UnigramModel(spec.vocab);
    this.normalize = compileNormalizer(spec.normalizer);
    this.preTokenizer = spec.preTokenizer === null ? null : new MetaspacePreTokenizer(spec.preTokenizer);
    this.post = new TemplatePostProcessor(spec.postProcessor);
    this.decoderSpec = spec.decoder;
    this.rawTokens = new AddedTokenMatcher(spec.addedTokens.filter((t) => !t.normalized));
    const normalizedContent = (t: AddedTokenSpec) => this.normalize(AlignedText.original(wellFormed(t.content))).text;
    this.normalizedTokens = new AddedTokenMatcher(
      spec.addedTokens.filter((t) => t.normalized),
      normalizedContent,
    );
    const specials = new Map<string, number>();
    const beyond = new Set<number>();
    for (const t of spec.addedTokens) {
      // As in HF, a normalised added token reads back in its normalised form (`ﬁn` -> `fin`).
      const readBack = t.normalized ? normalizedContent(t) : t.content;
      this.addedIdToToken.set(t.id, readBack);
      this.addedByContent.set(t.content, t);
      if (t.special) {
        specials.set(t.content, t.id);
        this.specialContents.add(t.content);
        this.specialContents.add(readBack);
      }
      if (t.id >= spec.vocab.length) beyond.add(t.id);
    }
    this.specialTokens = specials;
    this.vocabSize = spec.vocab.length + beyond.size;
    this.unknownTokenId = spec.unkId ?? this.tokenToId('<unk>') ?? null;
    this.defaultUnknown = this.unknownTokenId === null ? 'skip' : 'unk';
    this.defaultMaxLength = spec.maxLength;
    const padToken = spec.padding?.padToken;
    this.padId =
      spec.padding?.padId ?? (padToken != null ? this.tokenToId(padToken) : undefined) ?? this.tokenToId('<pad>') ?? 0;
  }

  /**
   * Builds a tokenizer from a parsed `tokenizer.json`.
   * @param json the parsed file
   * @param file a name for error messages
   * @throws TokenizerError naming the file and field, for a malformed or unsupported file (BPE, WordPiece...)
   * @example
   * const tok = UnigramTokenizer.fromJson(JSON.parse(text), 'tokenizer.json');
   */
  static fromJson(json: unknown, file = '<json>'): UnigramTokenizer {
    return new UnigramTokenizer(parseTokenizerJson(json, file));
  }

  /**
   * Reads and builds a `tokenizer.json` (Node only).
   * @throws TokenizerError naming the file: unreadable, not JSON, malformed or unsupported
   * @example
   * const tok = await UnigramTokenizer.fromFile('models/twitch/tokenizer.json');
   */
  static async fromFile(path: string): Promise<UnigramTokenizer> {
    const { readFile } = await import('node:fs/promises');
    let text: string;
    try {
      text = await readFile(path, 'utf8');
    } catch (cause) {
      throw new TokenizerError(`cannot read the file: ${(cause as Error).message}`, { file: path, cause });
    }
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch (cause) {
      throw new TokenizerError(`not valid JSON: ${(cause as Error).message}`, { file: path, cause });
    }
    return UnigramTokenizer.fromJson(json, path);
  }

  /**
   * Encodes one text. Never throws on odd text (empty, emoji only, zero-width or control characters, lone
   * surrogates, very long) unless `onUnknown: 'error'` is asked for.
   * @example
   * tok.encode('xKappax LUL<3').tokens; // ['<cls>', '▁', 'x', 'Kappa', '▁', 'x', '▁', 'LUL', '<3', '<sep>']
   * tok.encode('😀', { onUnknown: 'skip' }).tokens; // ['<cls>', '▁', '<sep>']
   * tok.encode('@bob https://x.io', { preprocess: true }).tokens; // ['<cls>', '<mention>', '▁', '<url>', '<sep>']
   */
  encode(text: string, options: EncodeOptions = {}): Encoding {
    const addSpecial = options.addSpecialTokens ?? true;
    const max = this.maxLengthFor(options, false, addSpecial);
    let seq = this.encodeSequence(text, options, max ?? Infinity);
    if (max !== null) seq = truncateSequence(seq, max - (addSpecial ? this.post.addedTokens(false) : 0));
    return this.post.apply(seq, null, addSpecial);
  }

  /**
   * Encodes a pair (`<cls> A <sep> B <sep>`, B with type id 1). Offsets of B point into `pair`.
   * @example
   * tok.encodePair('on va gagner', 'le jeu est cassé').typeIds; // [0, ..., 0, 1, ..., 1]
   */
  encodePair(text: string, pair: string, options: EncodeOptions = {}): Encoding {
    const addSpecial = options.addSpecialTokens ?? true;
    const max = this.maxLengthFor(options, true, addSpecial);
    let a = this.encodeSequence(text, options, max ?? Infinity);
    let b = this.encodeSequence(pair, options, max ?? Infinity);
    if (max !== null) {
      const [na, nb] = pairLengths(a.ids.length, b.ids.length, max - (addSpecial ? this.post.addedTokens(true) : 0));
      a = truncateSequence(a, na);
      b = truncateSequence(b, nb);
    }
    return this.post.apply(a, b, addSpecial);
  }

  /**
   * Encodes texts into one padded batch (right padding with {@link padId}, attention mask 0 there).
   * @example
   * const batch = tok.encodeBatch(['gg', 'le boss est facile'], { maxLength: 16, padToLongest: true });
   * batch.ids.subarray(0, batch.sequenceLength); // first row: [10, 14, 38, 38, 8, 11, 11, ...]
   */
  encodeBatch(texts: readonly string[], options: BatchOptions): BatchEncoding {
    const encodings = texts.map((text) => this.encode(text, options));
    let longest = 0;
    for (const e of encodings) longest = Math.max(longest, e.ids.length);
    const sequenceLength = options.padToLongest === true ? longest : options.maxLength;
    const batchSize = encodings.length;
    const ids = new Int32Array(batchSize * sequenceLength).fill(this.padId);
    const typeIds = new Int32Array(batchSize * sequenceLength);
    const attentionMask = new Int32Array(batchSize * sequenceLength);
    const lengths = new Int32Array(batchSize);
    encodings.forEach((e, row) => {
      const at = row * sequenceLength;
      lengths[row] = e.ids.length;
      ids.set(e.ids, at);
      typeIds.set(e.typeIds, at);
      attentionMask.set(e.attentionMask, at);
    });
    return { batchSize, sequenceLength, ids, typeIds, attentionMask, lengths, padId: this.padId, encodings };
  }

  /**
   * Turns ids back into text with the Metaspace decoder. Ids outside the vocab are ignored.
   * @example
   * tok.decode([10, 14, 16, 21, 26, 19, 18, 8]); // 'salut'
   * tok.decode([10, 14, 16, 21, 26, 19, 18, 8], { skipSpecialTokens: false }); // '<cls> salut<sep>'
   */
  decode(ids: ArrayLike<number>, options: DecodeOptions = {}): string {
    const skip = options.skipSpecialTokens ?? true;
    const tokens: string[] = [];
    for (let i = 0; i < ids.length; i++) {
      const token = this.idToToken(ids[i]!);
      if (token === undefined || (skip && this.specialContents.has(token))) continue;
      tokens.push(token);
    }
    return decodeTokens(tokens, this.decoderSpec);
  }

  /**
   * The id of a token: an added token's id first, else the vocab piece's (the later duplicate).
   * @example
   * tok.tokenToId('Kappa'); // 215
   */
  tokenToId(token: string): number | undefined {
    return this.addedByContent.get(token)?.id ?? this.model.pieceToId.get(token);
  }

  /**
   * The token of an id, or undefined outside the vocab.
   * @example
   * tok.idToToken(14); // '▁'
   */
  idToToken(id: number): string | undefined {
    return this.addedIdToToken.get(id) ?? this.model.pieces[id];
  }

  private maxLengthFor(options: EncodeOptions, pair: boolean, addSpecial: boolean): number | null {
    const max = options.maxLength ?? this.defaultMaxLength;
    if (max === null) return null;
    const specials = addSpecial ? this.post.addedTokens(pair) : 0;
    if (!Number.isInteger(max) || max < Math.max(1, specials)) {
      throw new RangeError(
        `maxLength must be an integer >= ${Math.max(1, specials)} (room for the special tokens), got ${max}`,
      );
    }
    return max;
  }

  /**
   * Tokens of one text, without special tokens. Stops after the first Viterbi-segmented word that brings the count
   * to `stopAfter` or more (added tokens count, but are not a stopping point): HF `tokenizers` measures a sequence
   * this way when it truncates, which decides how a pair is cut.
   */
  private encodeSequence(input: string, options: EncodeOptions, stopAfter: number): SequenceTokens {
    const policy = options.onUnknown ?? this.defaultUnknown;
    const unkId = this.unknownTokenId;
    if (policy === 'unk' && unkId === null) {
      throw new TokenizerError(
        'onUnknown is "unk" but this tokenizer has no unknown token (model.unk_id is null and there is no <unk>): use "skip"',
      );
    }
    const text = /[\ud800-\udfff]/.test(input) ? wellFormed(input) : input;
    let raw = AlignedText.original(text);
    if (options.preprocess === true) raw = preprocessChatAligned(raw);
    const out: SequenceTokens = { ids: [], tokens: [], offsets: [] };
    const segments: Segments = { ids: [], from: [], to: [] };
    const refuse = policy === 'error';
    let done = false;
    for (const split of this.rawTokens.split(raw.text)) {
      if (done) break;
      if (split.token !== null) {
        out.ids.push(split.token.id);
        out.tokens.push(raw.text.slice(split.from, split.to));
        out.offsets.push(raw.originalRange(split.from, split.to));
        continue;
      }
      const normalized = this.normalize(raw.slice(split.from, split.to));
      const subSplits = this.normalizedTokens.split(normalized.text);
      for (let s = 0; s < subSplits.length; s++) {
        const sub = subSplits[s]!;
        if (done) break;
        if (sub.token !== null) {
          out.ids.push(sub.token.id);
          out.tokens.push(normalized.text.slice(sub.from, sub.to));
          out.offsets.push(normalized.originalRange(sub.from, sub.to));
          continue;
        }
        const piece = normalized.slice(sub.from, sub.to);
        const words =
          this.preTokenizer === null
            ? [piece]
            : this.preTokenizer.words(piece, piece.length > 0 && piece.starts[0] === 0);
        for (const word of words) {
          if (done) break;
          segments.ids.length = 0;
          segments.from.length = 0;
          segments.to.length = 0;
          this.model.segment(word.text, segments, refuse);
          for (let k = 0; k < segments.ids.length; k++) {
            const id = segments.ids[k]!;
            if (id === UNKNOWN && policy === 'skip') continue;
            const from = segments.from[k]!;
            const to = segments.to[k]!;
            out.ids.push(id === UNKNOWN ? unkId! : id);
            out.tokens.push(id === UNKNOWN ? word.text.slice(from, to) : this.model.pieces[id]!);
            out.offsets.push(word.originalRange(from, to));
          }
          done = out.ids.length >= stopAfter;
        }
      }
    }
    return out;
  }
}
