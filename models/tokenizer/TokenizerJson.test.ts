import { describe, expect, it } from 'vitest';
import { TokenizerError } from './errors';
import { fixtureJson } from './testing';
import { parseTokenizerJson } from './TokenizerJson';
import { UnigramTokenizer } from './UnigramTokenizer';

/** Loads a broken copy of tokenizer.json and returns the error. */
function failure(breakIt: (json: Record<string, any>) => unknown): TokenizerError {
  const json = fixtureJson();
  const replaced = breakIt(json);
  try {
    UnigramTokenizer.fromJson(replaced === undefined ? json : replaced, 'models/x/tokenizer.json');
  } catch (e) {
    expect(e).toBeInstanceOf(TokenizerError);
    return e as TokenizerError;
  }
  throw new Error('expected a TokenizerError');
}

describe('malformed or unsupported tokenizer.json', () => {
  it.each([
    ['not an object', () => [1, 2], '(root)', /expected an object/],
    ['no model', (j: any) => void delete j.model, 'model', /expected an object, got nothing/],
    [
      'a BPE model',
      (j: any) => void (j.model = { type: 'BPE', vocab: {}, merges: [] }),
      'model.type',
      /unsupported model type "BPE"/,
    ],
    ['a WordPiece model', (j: any) => void (j.model = { type: 'WordPiece', vocab: {} }), 'model.type', /only Unigram/],
    ['an untyped BPE-like model', (j: any) => void (j.model = { vocab: { a: 0 } }), 'model.type', /not a Unigram/],
    ['no vocab', (j: any) => void delete j.model.vocab, 'model.vocab', /missing/],
    ['an empty vocab', (j: any) => void (j.model.vocab = []), 'model.vocab', /is empty/],
    ['a vocab entry without score', (j: any) => void (j.model.vocab[3] = ['x']), 'model.vocab[3]', /\[piece, score\]/],
    ['a NaN-like score', (j: any) => void (j.model.vocab[4] = ['x', 'high']), 'model.vocab[4]', /finite score/],
    ['an unk_id outside the vocab', (j: any) => void (j.model.unk_id = 999), 'model.unk_id', /outside the vocab/],
    ['a negative unk_id', (j: any) => void (j.model.unk_id = -1), 'model.unk_id', /integer >= 0/],
    ['byte fallback', (j: any) => void (j.model.byte_fallback = true), 'model.byte_fallback', /not supported/],
    ['added tokens not a list', (j: any) => void (j.added_tokens = {}), 'added_tokens', /expected an array/],
    ['an added token without id', (j: any) => void delete j.added_tokens[2].id, 'added_tokens[2].id', /integer/],
    [
      'an added token with empty content',
      (j: any) => void (j.added_tokens[0].content = ''),
      'added_tokens[0].content',
      /empty/,
    ],
    [
      'a Precompiled normalizer',
      (j: any) => void (j.normalizer.normalizers[0] = { type: 'Precompiled', precompiled_charsmap: '' }),
      'normalizer.normalizers[0].type',
      /unsupported normalizer "Precompiled"/,
    ],
    [
      'a bad Replace regex',
      (j: any) => void (j.normalizer.normalizers[2].pattern = { Regex: '(' }),
      'normalizer.normalizers[2].pattern.Regex',
      /regular expression/,
    ],
    [
      'a ByteLevel pre-tokenizer',
      (j: any) => void (j.pre_tokenizer = { type: 'ByteLevel' }),
      'pre_tokenizer.type',
      /only Metaspace/,
    ],
    [
      'a bad prepend scheme',
      (j: any) => void (j.pre_tokenizer.prepend_scheme = 'sometimes'),
      'pre_tokenizer.prepend_scheme',
      /always/,
    ],
    [
      'a two-character replacement',
      (j: any) => void (j.pre_tokenizer.replacement = '__'),
      'pre_tokenizer.replacement',
      /one character/,
    ],
    [
      'a RobertaProcessing post-processor',
      (j: any) => void (j.post_processor = { type: 'RobertaProcessing' }),
      'post_processor.type',
      /unsupported post-processor/,
    ],
    [
      'a template naming an unknown special',
      (j: any) => void (j.post_processor.single[0].SpecialToken.id = '<bos>'),
      'post_processor.single[0].SpecialToken.id',
      /not in post_processor.special_tokens/,
    ],
    [
      'a single template without $A',
      (j: any) => void j.post_processor.single.splice(1, 1),
      'post_processor.single',
      /\$A exactly once/,
    ],
    [
      'a WordPiece decoder',
      (j: any) => void (j.decoder = { type: 'WordPiece' }),
      'decoder.type',
      /unsupported decoder/,
    ],
    [
      'left truncation',
      (j: any) => void (j.truncation = { max_length: 8, strategy: 'LongestFirst', direction: 'Left' }),
      'truncation.direction',
      /Right/,
    ],
  ])('%s', (_what, breakIt, field, message) => {
    const error = failure(breakIt);
    expect(error.file).toBe('models/x/tokenizer.json');
    expect(error.field).toBe(field);
    expect(error.message).toMatch(message);
    expect(error.message.startsWith(`models/x/tokenizer.json: field "${field}": `)).toBe(true);
  });

  it('labels JSON given without a file name', () => {
    expect(() => UnigramTokenizer.fromJson(null)).toThrow(/^<json>: field "\(root\)": expected an object, got null/);
  });
});

describe('both layouts read the same', () => {
  it('legacy add_prefix_space and current prepend_scheme give the same Metaspace settings', () => {
    const current = parseTokenizerJson(fixtureJson('tokenizer.json'));
    const legacy = parseTokenizerJson(fixtureJson('tokenizer.legacy-0.10.json'));
    expect(legacy.preTokenizer).toEqual({ replacement: '▁', prependScheme: 'always', split: true });
    expect(legacy.preTokenizer).toEqual(current.preTokenizer);
    expect(legacy.decoder).toEqual(current.decoder);
    expect(legacy.addedTokens).toEqual(current.addedTokens);
    expect(legacy.vocab).toEqual(current.vocab);
  });

  it('reads add_prefix_space: false as the never scheme, and BertProcessing as a template', () => {
    const json = fixtureJson('tokenizer.legacy-0.10.json');
    json.pre_tokenizer.add_prefix_space = false;
    json.post_processor = { type: 'BertProcessing', sep: ['<sep>', 8], cls: ['<cls>', 10] };
    const spec = parseTokenizerJson(json);
    expect(spec.preTokenizer?.prependScheme).toBe('never');
    const tok = UnigramTokenizer.fromJson(json);
    expect(tok.encodePair('le', 'gg').tokens).toEqual(['<cls>', 'le', '<sep>', 'g', 'g', '<sep>']);
    expect(tok.encodePair('le', 'gg').typeIds).toEqual([0, 0, 0, 1, 1, 1]);
  });

  it('works without normalizer, pre-tokenizer, post-processor or decoder', () => {
    const json = fixtureJson();
    json.normalizer = null;
    json.pre_tokenizer = null;
    json.post_processor = null;
    json.decoder = null;
    const tok = UnigramTokenizer.fromJson(json);
    const e = tok.encode('▁le▁boss');
    expect(e.tokens).toEqual(['▁le', '▁bo', 's', 's']);
    expect(tok.decode(e.ids)).toBe('▁le▁boss');
    expect(tok.encodePair('▁le', '▁le').typeIds).toEqual([0, 1]);
  });
});
