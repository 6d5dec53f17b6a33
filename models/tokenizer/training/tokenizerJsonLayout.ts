/** One entry of `added_tokens`, with HF's key order. */
export interface HfAddedToken {
  id: number;
  content: string;
  single_word: boolean;
  lstrip: boolean;
  rstrip: boolean;
  normalized: boolean;
  special: boolean;
}

type TemplateEntry =
  { SpecialToken: { id: string; type_id: number } } | { Sequence: { id: 'A' | 'B'; type_id: number } };

/** The `tokenizer.json` the trainer writes: the current HuggingFace layout, keys in the order HF writes them. */
export interface HfUnigramTokenizerJson {
  version: '1.0';
  truncation: null;
  padding: null;
  added_tokens: HfAddedToken[];
  normalizer: {
    type: 'Sequence';
    normalizers: [{ type: 'Nmt' }, { type: 'NFKC' }, { type: 'Replace'; pattern: { Regex: string }; content: string }];
  };
  pre_tokenizer: { type: 'Metaspace'; replacement: string; prepend_scheme: 'always'; split: true };
  post_processor: {
    type: 'TemplateProcessing';
    single: TemplateEntry[];
    pair: TemplateEntry[];
    special_tokens: Record<string, { id: string; ids: number[]; tokens: string[] }>;
  };
  decoder: { type: 'Metaspace'; replacement: string; prepend_scheme: 'always'; split: true };
  model: { type: 'Unigram'; unk_id: number | null; vocab: Array<[string, number]>; byte_fallback: false };
}

export interface TokenizerJsonParts {
  /** Added tokens in id order (emotes, then special tokens); each is also a vocab entry of score 0. */
  addedTokens: readonly string[];
  /** The Unigram pieces and their log-probabilities, after the added tokens. */
  pieces: ReadonlyArray<readonly [string, number]>;
  /** Point `model.unk_id` at `<unk>` (true) or leave it null. */
  unkIdAtUnkToken: boolean;
}

const METASPACE = { type: 'Metaspace', replacement: '\u2581', prepend_scheme: 'always', split: true } as const;

/**
 * The `tokenizer.json` object of a Twitch-style Unigram tokenizer, laid out exactly as HF `tokenizers` writes
 * `test/fixtures/tokenizer-unigram-tiny/tokenizer.json`: Nmt -> NFKC -> collapse runs of spaces, Metaspace `▁`
 * (always prepended, split), template `<cls> $A <sep>` / `<cls> $A <sep> $B:1 <sep>:1`, Metaspace decoder.
 * Added tokens are matched in the raw text (`normalized: false`), all marked special, as in the reference.
 *
 * @example
 * const json = buildTokenizerJson({ addedTokens: ['<mask>', '<sep>', '<unk>', '<cls>', '<pad>'], pieces: [['▁', -1], ['a', -2]], unkIdAtUnkToken: true });
 * json.model.vocab.length; // 7
 */
export function buildTokenizerJson(parts: TokenizerJsonParts): HfUnigramTokenizerJson {
  const ids = new Map<string, number>();
  parts.addedTokens.forEach((t, i) => ids.set(t, i));
  const idOf = (token: string): number => {
    const id = ids.get(token);
    if (id === undefined) throw new Error(`buildTokenizerJson: ${token} is not among the added tokens`);
    return id;
  };
  const special = (token: string, typeId: number): TemplateEntry => ({ SpecialToken: { id: token, type_id: typeId } });
  const sequence = (id: 'A' | 'B', typeId: number): TemplateEntry => ({ Sequence: { id, type_id: typeId } });
  return {
    version: '1.0',
    truncation: null,
    padding: null,
    added_tokens: parts.addedTokens.map((content, id) => ({
      id,
      content,
      single_word: false,
      lstrip: false,
      rstrip: false,
      normalized: false,
      special: true,
    })),
    normalizer: {
      type: 'Sequence',
      normalizers: [{ type: 'Nmt' }, { type: 'NFKC' }, { type: 'Replace', pattern: { Regex: ' {2,}' }, content: ' ' }],
    },
    pre_tokenizer: { ...METASPACE },
    post_processor: {
      type: 'TemplateProcessing',
      single: [special('<cls>', 0), sequence('A', 0), special('<sep>', 0)],
      pair: [special('<cls>', 0), sequence('A', 0), special('<sep>', 0), sequence('B', 1), special('<sep>', 1)],
      special_tokens: {
        '<cls>': { id: '<cls>', ids: [idOf('<cls>')], tokens: ['<cls>'] },
        '<sep>': { id: '<sep>', ids: [idOf('<sep>')], tokens: ['<sep>'] },
      },
    },
    decoder: { ...METASPACE },
    model: {
      type: 'Unigram',
      unk_id: parts.unkIdAtUnkToken ? idOf('<unk>') : null,
      vocab: [
        ...parts.addedTokens.map((t): [string, number] => [t, 0]),
        ...parts.pieces.map(([p, s]): [string, number] => [p, s]),
      ],
      byte_fallback: false,
    },
  };
}
