import { TokenizerError } from './errors';

/**
 * The parts of a HuggingFace `tokenizer.json` this package understands, checked and put in one shape whatever the
 * layout that wrote them (tokenizers 0.10 or current). Produced by {@link parseTokenizerJson}.
 */
export interface TokenizerSpec {
  /** Unigram pieces and their log-probabilities, in id order (duplicates kept: ids are positions). */
  vocab: ReadonlyArray<readonly [piece: string, score: number]>;
  /** `model.unk_id`: null means HF refuses text with a character no piece covers. */
  unkId: number | null;
  addedTokens: readonly AddedTokenSpec[];
  normalizer: NormalizerSpec | null;
  preTokenizer: MetaspaceSpec | null;
  postProcessor: TemplateSpec | null;
  decoder: MetaspaceSpec | null;
  /** `truncation.max_length` when the file sets one (right side, longest first). */
  maxLength: number | null;
  /** `padding.pad_id` / `padding.pad_token` when the file sets them. */
  padding: { padId: number | null; padToken: string | null } | null;
}

export interface AddedTokenSpec {
  id: number;
  content: string;
  special: boolean;
  singleWord: boolean;
  lstrip: boolean;
  rstrip: boolean;
  /** Matched in the normalized text (true) or in the raw text (false). */
  normalized: boolean;
}

export type NormalizerSpec =
  | { type: 'Sequence'; normalizers: NormalizerSpec[] }
  | { type: 'Nmt' | 'NFKC' | 'NFC' | 'NFD' | 'NFKD' | 'Lowercase' }
  | { type: 'Replace'; pattern: RegExp; content: string }
  | { type: 'Strip'; left: boolean; right: boolean }
  | { type: 'Prepend'; prepend: string };

export type PrependScheme = 'always' | 'first' | 'never';

/** Metaspace pre-tokenizer or decoder settings. */
export interface MetaspaceSpec {
  replacement: string;
  prependScheme: PrependScheme;
  split: boolean;
}

export type TemplatePiece =
  { kind: 'special'; token: string; typeId: number } | { kind: 'sequence'; sequence: 'A' | 'B'; typeId: number };

export interface TemplateSpec {
  single: TemplatePiece[];
  pair: TemplatePiece[];
  /** Template special-token name -> the ids and tokens it expands to. */
  specialTokens: ReadonlyMap<string, { ids: number[]; tokens: string[] }>;
}

type Json = Record<string, unknown>;

/** Field-by-field reader that throws a {@link TokenizerError} naming the file and the JSON path. */
class Reader {
  constructor(readonly file: string) {}

  fail(field: string, message: string): never {
    throw new TokenizerError(message, { file: this.file, field });
  }

  object(value: unknown, field: string): Json {
    if (typeof value !== 'object' || value === null || Array.isArray(value))
      this.fail(field, `expected an object, got ${describe(value)}`);
    return value as Json;
  }

  array(value: unknown, field: string): unknown[] {
    if (!Array.isArray(value)) this.fail(field, `expected an array, got ${describe(value)}`);
    return value;
  }

  string(value: unknown, field: string): string {
    if (typeof value !== 'string') this.fail(field, `expected a string, got ${describe(value)}`);
    return value;
  }

  bool(value: unknown, field: string, fallback: boolean): boolean {
    if (value === undefined || value === null) return fallback;
    if (typeof value !== 'boolean') this.fail(field, `expected true or false, got ${describe(value)}`);
    return value;
  }

  int(value: unknown, field: string, min = 0): number {
    if (typeof value !== 'number' || !Number.isInteger(value) || value < min)
      this.fail(field, `expected an integer >= ${min}, got ${describe(value)}`);
    return value;
  }
}

function describe(value: unknown): string {
  if (value === undefined) return 'nothing';
  if (value === null) return 'null';
  if (Array.isArray(value)) return 'an array';
  if (typeof value === 'string') return JSON.stringify(value.length > 40 ? `${value.slice(0, 40)}...` : value);
  if (typeof value === 'object') return 'an object';
  return String(value);
}

/**
 * Checks a parsed `tokenizer.json` (Unigram model, Metaspace pre-tokenizer) and returns it in one shape.
 * Accepts the tokenizers 0.10 layout (`add_prefix_space`, no `byte_fallback`) and the current one
 * (`prepend_scheme`, `split`).
 *
 * @param json the parsed file
 * @param file the file name (or a label) used in error messages
 * @throws TokenizerError naming the file and the field: not an object, not a Unigram model (BPE, WordPiece...),
 *   missing or malformed vocab, unsupported normalizer / pre-tokenizer / post-processor / decoder
 * @example
 * const spec = parseTokenizerJson(JSON.parse(text), 'tokenizer.json');
 * spec.vocab.length; // 260
 */
export function parseTokenizerJson(json: unknown, file = '<json>'): TokenizerSpec {
  const r = new Reader(file);
  const root = r.object(json, '(root)');
  const model = r.object(root.model, 'model');
  const vocab = parseModel(r, model);
  const addedTokens =
    root.added_tokens === undefined || root.added_tokens === null ? [] : parseAddedTokens(r, root.added_tokens);
  const unkId = model.unk_id === undefined || model.unk_id === null ? null : r.int(model.unk_id, 'model.unk_id');
  if (unkId !== null && unkId >= vocab.length)
    r.fail('model.unk_id', `${unkId} is outside the vocab (${vocab.length} pieces)`);
  const spec: TokenizerSpec = {
    vocab,
    unkId,
    addedTokens,
    normalizer: parseNormalizer(r, root.normalizer, 'normalizer'),
    preTokenizer: parseMetaspace(r, root.pre_tokenizer, 'pre_tokenizer'),
    postProcessor: parsePostProcessor(r, root.post_processor),
    decoder: parseMetaspace(r, root.decoder, 'decoder'),
    maxLength: parseTruncation(r, root.truncation),
    padding: parsePadding(r, root.padding),
  };
  return spec;
}

function parseModel(r: Reader, model: Json): Array<readonly [string, number]> {
  const type = model.type;
  if (type !== undefined && type !== 'Unigram') {
    r.fail(
      'model.type',
      `unsupported model type ${describe(type)}: only Unigram (SentencePiece) tokenizers are supported`,
    );
  }
  if (model.vocab === undefined || model.vocab === null)
    r.fail('model.vocab', 'missing: a Unigram model needs its vocab');
  if (type === undefined && !Array.isArray(model.vocab)) {
    r.fail(
      'model.type',
      'missing, and the vocab is not a Unigram [piece, score] list (BPE and WordPiece are not supported)',
    );
  }
  const raw = r.array(model.vocab, 'model.vocab');
  if (raw.length === 0) r.fail('model.vocab', 'is empty');
  const vocab = raw.map((entry, i): readonly [string, number] => {
    const field = `model.vocab[${i}]`;
    if (!Array.isArray(entry) || entry.length !== 2)
      r.fail(field, `expected a [piece, score] pair, got ${describe(entry)}`);
    const [piece, score] = entry as [unknown, unknown];
    if (typeof piece !== 'string' || piece.length === 0)
      r.fail(field, `expected a non-empty piece string, got ${describe(piece)}`);
    if (typeof score !== 'number' || !Number.isFinite(score))
      r.fail(field, `expected a finite score, got ${describe(score)}`);
    return [piece, score];
  });
  if (model.byte_fallback === true) r.fail('model.byte_fallback', 'byte fallback is not supported');
  return vocab;
}

function parseAddedTokens(r: Reader, value: unknown): AddedTokenSpec[] {
  return r.array(value, 'added_tokens').map((entry, i) => {
    const field = `added_tokens[${i}]`;
    const t = r.object(entry, field);
    const special = r.bool(t.special, `${field}.special`, false);
    const content = r.string(t.content, `${field}.content`);
    if (content.length === 0) r.fail(`${field}.content`, 'is empty');
    return {
      id: r.int(t.id, `${field}.id`),
      content,
      special,
      singleWord: r.bool(t.single_word, `${field}.single_word`, false),
      lstrip: r.bool(t.lstrip, `${field}.lstrip`, false),
      rstrip: r.bool(t.rstrip, `${field}.rstrip`, false),
      normalized: r.bool(t.normalized, `${field}.normalized`, !special),
    };
  });
}

function parseNormalizer(r: Reader, value: unknown, field: string): NormalizerSpec | null {
  if (value === undefined || value === null) return null;
  const n = r.object(value, field);
  const type = n.type;
  switch (type) {
    case 'Sequence':
      return {
        type,
        normalizers: r.array(n.normalizers, `${field}.normalizers`).map((child, i) => {
          const parsed = parseNormalizer(r, child, `${field}.normalizers[${i}]`);
          if (parsed === null) r.fail(`${field}.normalizers[${i}]`, 'is null');
          return parsed;
        }),
      };
    case 'Nmt':
    case 'NFKC':
    case 'NFC':
    case 'NFD':
    case 'NFKD':
    case 'Lowercase':
      return { type };
    case 'Replace':
      return {
        type,
        pattern: parsePattern(r, n.pattern, `${field}.pattern`),
        content: r.string(n.content, `${field}.content`),
      };
    case 'Strip':
      return {
        type,
        left: r.bool(n.strip_left, `${field}.strip_left`, true),
        right: r.bool(n.strip_right, `${field}.strip_right`, true),
      };
    case 'Prepend':
      return { type, prepend: r.string(n.prepend, `${field}.prepend`) };
    default:
      return r.fail(
        `${field}.type`,
        `unsupported normalizer ${describe(type)} (supported: Sequence, Nmt, NFKC, NFC, NFD, NFKD, Lowercase, Replace, Strip, Prepend)`,
      );
  }
}

function parsePattern(r: Reader, value: unknown, field: string): RegExp {
  const p = r.object(value, field);
  if (typeof p.String === 'string') return new RegExp(escapeRegExp(p.String), 'gu');
  if (typeof p.Regex === 'string') {
    // HF uses Oniguruma; simple patterns read the same in JavaScript. Try Unicode mode first, then legacy mode
    // (which accepts identity escapes such as `\-`).
    try {
      return new RegExp(p.Regex, 'gu');
    } catch {
      try {
        return new RegExp(p.Regex, 'g');
      } catch (cause) {
        return r.fail(`${field}.Regex`, `not a regular expression this package can run: ${(cause as Error).message}`);
      }
    }
  }
  return r.fail(field, 'expected {"String": ...} or {"Regex": ...}');
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function parseMetaspace(r: Reader, value: unknown, field: string): MetaspaceSpec | null {
  if (value === undefined || value === null) return null;
  const m = r.object(value, field);
  if (m.type !== 'Metaspace') {
    return r.fail(
      `${field}.type`,
      `unsupported ${field === 'decoder' ? 'decoder' : 'pre-tokenizer'} ${describe(m.type)} (only Metaspace)`,
    );
  }
  const replacement = r.string(m.replacement ?? m.str_rep ?? '\u2581', `${field}.replacement`);
  if ([...replacement].length !== 1)
    r.fail(`${field}.replacement`, `expected one character, got ${describe(replacement)}`);
  let prependScheme: PrependScheme;
  if (m.prepend_scheme !== undefined && m.prepend_scheme !== null) {
    const scheme = m.prepend_scheme;
    if (scheme !== 'always' && scheme !== 'first' && scheme !== 'never')
      r.fail(`${field}.prepend_scheme`, `expected "always", "first" or "never", got ${describe(scheme)}`);
    prependScheme = scheme;
  } else {
    prependScheme = r.bool(m.add_prefix_space, `${field}.add_prefix_space`, true) ? 'always' : 'never';
  }
  return { replacement, prependScheme, split: r.bool(m.split, `${field}.split`, true) };
}

function parsePostProcessor(r: Reader, value: unknown): TemplateSpec | null {
  if (value === undefined || value === null) return null;
  const p = r.object(value, 'post_processor');
  if (p.type === 'BertProcessing') {
    const special = (v: unknown, f: string) => {
      const pair = r.array(v, f);
      return { token: r.string(pair[0], `${f}[0]`), id: r.int(pair[1], `${f}[1]`) };
    };
    const cls = special(p.cls, 'post_processor.cls');
    const sep = special(p.sep, 'post_processor.sep');
    const s = (token: string, typeId: number): TemplatePiece => ({ kind: 'special', token, typeId });
    const q = (sequence: 'A' | 'B', typeId: number): TemplatePiece => ({ kind: 'sequence', sequence, typeId });
    return {
      single: [s(cls.token, 0), q('A', 0), s(sep.token, 0)],
      pair: [s(cls.token, 0), q('A', 0), s(sep.token, 0), q('B', 1), s(sep.token, 1)],
      specialTokens: new Map([
        [cls.token, { ids: [cls.id], tokens: [cls.token] }],
        [sep.token, { ids: [sep.id], tokens: [sep.token] }],
      ]),
    };
  }
  if (p.type !== 'TemplateProcessing') {
    return r.fail(
      'post_processor.type',
      `unsupported post-processor ${describe(p.type)} (TemplateProcessing or BertProcessing)`,
    );
  }
  const specialTokens = new Map<string, { ids: number[]; tokens: string[] }>();
  const st = r.object(p.special_tokens ?? {}, 'post_processor.special_tokens');
  for (const [name, raw] of Object.entries(st)) {
    const f = `post_processor.special_tokens.${name}`;
    const entry = r.object(raw, f);
    const ids = r.array(entry.ids, `${f}.ids`).map((id, i) => r.int(id, `${f}.ids[${i}]`));
    const tokens = r.array(entry.tokens, `${f}.tokens`).map((t, i) => r.string(t, `${f}.tokens[${i}]`));
    if (ids.length !== tokens.length) r.fail(f, `has ${ids.length} ids but ${tokens.length} tokens`);
    specialTokens.set(name, { ids, tokens });
  }
  const template = (v: unknown, f: string): TemplatePiece[] =>
    r.array(v, f).map((raw, i) => {
      const pf = `${f}[${i}]`;
      const piece = r.object(raw, pf);
      if (piece.SpecialToken !== undefined) {
        const s = r.object(piece.SpecialToken, `${pf}.SpecialToken`);
        const token = r.string(s.id, `${pf}.SpecialToken.id`);
        if (!specialTokens.has(token))
          r.fail(`${pf}.SpecialToken.id`, `${describe(token)} is not in post_processor.special_tokens`);
        return { kind: 'special', token, typeId: r.int(s.type_id ?? 0, `${pf}.SpecialToken.type_id`) };
      }
      if (piece.Sequence !== undefined) {
        const s = r.object(piece.Sequence, `${pf}.Sequence`);
        const id = s.id;
        if (id !== 'A' && id !== 'B') r.fail(`${pf}.Sequence.id`, `expected "A" or "B", got ${describe(id)}`);
        return { kind: 'sequence', sequence: id, typeId: r.int(s.type_id ?? 0, `${pf}.Sequence.type_id`) };
      }
      return r.fail(pf, 'expected {"SpecialToken": ...} or {"Sequence": ...}');
    });
  const single = template(p.single, 'post_processor.single');
  const pair = template(p.pair, 'post_processor.pair');
  const count = (t: TemplatePiece[], s: 'A' | 'B') => t.filter((x) => x.kind === 'sequence' && x.sequence === s).length;
  if (count(single, 'A') !== 1 || count(single, 'B') !== 0)
    r.fail('post_processor.single', 'must hold the sequence $A exactly once and no $B');
  if (count(pair, 'A') !== 1 || count(pair, 'B') !== 1)
    r.fail('post_processor.pair', 'must hold $A and $B exactly once each');
  return { single, pair, specialTokens };
}

function parseTruncation(r: Reader, value: unknown): number | null {
  if (value === undefined || value === null) return null;
  const t = r.object(value, 'truncation');
  if (t.strategy !== undefined && t.strategy !== 'LongestFirst' && t.strategy !== 'longest_first') {
    r.fail('truncation.strategy', `unsupported truncation strategy ${describe(t.strategy)} (only LongestFirst)`);
  }
  if (t.direction !== undefined && t.direction !== 'Right' && t.direction !== 'right') {
    r.fail('truncation.direction', `unsupported truncation direction ${describe(t.direction)} (only Right)`);
  }
  return r.int(t.max_length, 'truncation.max_length', 1);
}

function parsePadding(r: Reader, value: unknown): TokenizerSpec['padding'] {
  if (value === undefined || value === null) return null;
  const p = r.object(value, 'padding');
  return {
    padId: p.pad_id === undefined || p.pad_id === null ? null : r.int(p.pad_id, 'padding.pad_id'),
    padToken: p.pad_token === undefined || p.pad_token === null ? null : r.string(p.pad_token, 'padding.pad_token'),
  };
}
