import { describe, expect, it } from 'vitest';
import { TokenizerError } from './errors';
import type { Encoding } from './postProcessor';
import { fixtureJson, fixtureTokenizer, readFixture, type FixtureFile } from './testing';
import { UnigramTokenizer } from './UnigramTokenizer';

interface ExpectedCase {
  text: string;
  text_pair?: string;
  ids?: number[];
  tokens?: string[];
  type_ids?: number[];
  attention_mask?: number[];
  offsets?: [number, number][];
  ids_without_special_tokens?: number[];
  decoded_skip_special?: string;
  error?: string;
}

interface Expected {
  vocab_size_total: number;
  special_token_ids: Record<string, number>;
  cases: ExpectedCase[];
  cases_with_unk_id: ExpectedCase[];
}

interface ExtraCase {
  text: string;
  pair: string | null;
  max_length: number | null;
  ids?: number[];
  tokens?: string[];
  type_ids?: number[];
  offsets?: [number, number][];
  decoded?: string;
  decoded_with_special?: string;
  error?: string;
}

const expected = readFixture('expected.json') as Expected;
const extra = readFixture('hf-extra-cases.json') as Record<'tokenizer.json' | 'tokenizer.with-unk.json', ExtraCase[]>;

const view = (e: Encoding) => ({
  ids: e.ids,
  tokens: e.tokens,
  type_ids: e.typeIds,
  attention_mask: e.attentionMask,
  offsets: e.offsets,
});
const label = (c: { text: string }) => JSON.stringify(c.text).slice(0, 60);

describe.each<FixtureFile>(['tokenizer.json', 'tokenizer.legacy-0.10.json'])(
  '%s reproduces HF tokenizers (expected.json)',
  (file) => {
    const tok = fixtureTokenizer(file);

    it('has the vocab size and special-token ids (Kappa takes the later duplicate, 215)', () => {
      expect(tok.vocabSize).toBe(expected.vocab_size_total);
      expect(Object.fromEntries(tok.specialTokens)).toEqual(expected.special_token_ids);
      expect(tok.tokenToId('Kappa')).toBe(215);
      expect(tok.idToToken(0)).toBe('Kappa');
      expect(tok.unknownTokenId).toBe(9); // no unk_id, but there is a <unk> token
    });

    for (const c of expected.cases) {
      if (c.error !== undefined) {
        it(`refuses ${label(c)} under onUnknown 'error', like HF`, () => {
          expect(() => tok.encode(c.text, { onUnknown: 'error' })).toThrow(TokenizerError);
          expect(() => tok.encode(c.text, { onUnknown: 'error' })).toThrow(/unknown token but `unk_id` is missing/);
        });
        continue;
      }
      it(`encodes ${label(c)}${c.text_pair !== undefined ? ' + pair' : ''}`, () => {
        const e =
          c.text_pair !== undefined
            ? tok.encodePair(c.text, c.text_pair, { onUnknown: 'error' })
            : tok.encode(c.text, { onUnknown: 'error' });
        expect(view(e)).toEqual({
          ids: c.ids,
          tokens: c.tokens,
          type_ids: c.type_ids,
          attention_mask: c.attention_mask,
          offsets: c.offsets,
        });
        if (c.ids_without_special_tokens !== undefined) {
          expect(tok.encode(c.text, { addSpecialTokens: false, onUnknown: 'error' }).ids).toEqual(
            c.ids_without_special_tokens,
          );
        }
        if (c.decoded_skip_special !== undefined)
          expect(tok.decode(e.ids, { skipSpecialTokens: true })).toBe(c.decoded_skip_special);
      });
    }

    it('loads exactly like the other layout', () => {
      const other = fixtureTokenizer(file === 'tokenizer.json' ? 'tokenizer.legacy-0.10.json' : 'tokenizer.json');
      for (const c of [...expected.cases, ...extra['tokenizer.with-unk.json']]) {
        expect(tok.encode(c.text)).toEqual(other.encode(c.text));
      }
    });
  },
);

describe('tokenizer.with-unk.json reproduces HF tokenizers (cases_with_unk_id)', () => {
  const tok = fixtureTokenizer('tokenizer.with-unk.json');
  for (const c of expected.cases_with_unk_id) {
    it(`encodes ${label(c)}`, () => {
      const e = tok.encode(c.text, { onUnknown: 'unk' });
      expect(view(e)).toEqual({
        ids: c.ids,
        tokens: c.tokens,
        type_ids: c.type_ids,
        attention_mask: c.attention_mask,
        offsets: c.offsets,
      });
      // The default policy is 'unk' here too.
      expect(tok.encode(c.text)).toEqual(e);
    });
  }

  it("gives tokenizer.json's default policy the same result: unknown characters become <unk> (id 9)", () => {
    const plain = fixtureTokenizer('tokenizer.json');
    for (const c of expected.cases_with_unk_id) expect(plain.encode(c.text)).toEqual(tok.encode(c.text));
  });
});

describe.each(['tokenizer.json', 'tokenizer.with-unk.json'] as const)(
  '%s matches more HF encodings (hf-extra-cases.json)',
  (file) => {
    const tok = fixtureTokenizer(file);
    const policy = file === 'tokenizer.json' ? 'error' : 'unk';
    it.each(extra[file].map((c, i) => [i, label(c), c] as const))('case %i %s', (_i, _label, c) => {
      const options = { onUnknown: policy, ...(c.max_length !== null ? { maxLength: c.max_length } : {}) } as const;
      const run = () => (c.pair !== null ? tok.encodePair(c.text, c.pair, options) : tok.encode(c.text, options));
      if (c.error !== undefined) {
        expect(run).toThrow(TokenizerError);
        return;
      }
      const e = run();
      expect({ ids: e.ids, tokens: e.tokens, type_ids: e.typeIds, offsets: e.offsets }).toEqual({
        ids: c.ids,
        tokens: c.tokens,
        type_ids: c.type_ids,
        offsets: c.offsets,
      });
      expect(tok.decode(e.ids)).toBe(c.decoded);
      expect(tok.decode(e.ids, { skipSpecialTokens: false })).toBe(c.decoded_with_special);
    });
  },
);

describe('unknown characters', () => {
  const tok = fixtureTokenizer('tokenizer.json');

  it("'skip' drops them, 'unk' merges a run into one <unk> whose token is the text, 'error' throws", () => {
    expect(tok.encode('deux emojis 😀😀 ok', { onUnknown: 'skip' }).tokens).not.toContain('😀😀');
    const unk = tok.encode('deux 😀😀 ok', { onUnknown: 'unk' });
    const at = unk.tokens.indexOf('😀😀');
    expect(unk.ids[at]).toBe(9);
    expect(unk.offsets[at]).toEqual([5, 7]);
    expect(() => tok.encode('deux 😀😀 ok', { onUnknown: 'error' })).toThrow(TokenizerError);
  });

  it("'unk' throws a TokenizerError when the tokenizer has no unknown token; the default then skips", () => {
    const json = fixtureJson('tokenizer.json');
    json.added_tokens = json.added_tokens.filter((t: { content: string }) => t.content !== '<unk>');
    json.model.vocab = json.model.vocab.map(([piece, score]: [string, number]) => [
      piece === '<unk>' ? '<nothing>' : piece,
      score,
    ]);
    const noUnk = UnigramTokenizer.fromJson(json);
    expect(noUnk.unknownTokenId).toBeNull();
    expect(() => noUnk.encode('ok', { onUnknown: 'unk' })).toThrow(/no unknown token/);
    expect(noUnk.encode('a 😀 b').ids).toEqual([10, 14, 21, 14, 14, 47, 8]);
  });

  it('never throws under the default policy', () => {
    for (const text of ['😀', '㍿', '\u{10FFFF}', 'x\u0301\u0301', '\ud800', 'a\u2060b', '\x00']) {
      expect(() => fixtureTokenizer('tokenizer.json').encode(text)).not.toThrow();
      expect(() => fixtureTokenizer('tokenizer.with-unk.json').encode(text)).not.toThrow();
    }
  });
});

describe('bad input gets a defined output, never a crash', () => {
  const tok = fixtureTokenizer('tokenizer.json');

  it('empty string: only the specials', () => {
    expect(view(tok.encode(''))).toEqual({
      ids: [10, 8],
      tokens: ['<cls>', '<sep>'],
      type_ids: [0, 0],
      attention_mask: [1, 1],
      offsets: [
        [0, 0],
        [0, 0],
      ],
    });
    expect(tok.encodeBatch([''], { maxLength: 4 }).ids).toEqual(Int32Array.from([10, 8, 11, 11]));
  });

  it('a 10,000-character message is cut to maxLength, specials kept', () => {
    const long = 'trop fort le boss '.repeat(556).slice(0, 10_000);
    const e = tok.encode(long, { maxLength: 64 });
    expect(e.ids).toHaveLength(64);
    expect(e.ids[0]).toBe(10);
    expect(e.ids[63]).toBe(8);
    expect(e.tokens.slice(1, 4)).toEqual(['▁tro', 'p', '▁fo']);
    expect(tok.encode(long).ids.length).toBeGreaterThan(5000); // no limit unless asked
    const started = performance.now();
    tok.encode('x'.repeat(10_000), { maxLength: 16 });
    expect(performance.now() - started).toBeLessThan(1000);
  });

  it('only emoji: one <unk> per run, or nothing under skip', () => {
    expect(tok.encode('😀🔥👍🏽').tokens).toEqual(['<cls>', '▁', '😀🔥👍🏽', '<sep>']);
    expect(tok.encode('😀 🔥').offsets).toEqual([
      [0, 0],
      [0, 1],
      [0, 1],
      [1, 2],
      [2, 3],
      [0, 0],
    ]);
    expect(tok.encode('😀🔥', { onUnknown: 'skip' }).tokens).toEqual(['<cls>', '▁', '<sep>']);
  });

  it('zero-width characters are spaces (Nmt), word joiners are unknown', () => {
    expect(tok.encode('\u200bsalut\u200d').tokens).toEqual(['<cls>', '▁', 's', 'a', 'l', 'u', 't', '▁', '<sep>']);
    expect(tok.encode('\u200b\u200c\u200d\ufeff').tokens).toEqual(['<cls>', '▁', '<sep>']);
    expect(tok.encode('a\u2060b').tokens).toEqual(['<cls>', '▁', 'a', '\u2060', 'b', '<sep>']);
  });

  it('lone surrogates read as U+FFFD, which Nmt makes a space; offsets stay in code points', () => {
    const e = tok.encode('gg\ud800gg\udfff');
    expect(e.tokens).toEqual(['<cls>', '▁', 'g', 'g', '▁', 'g', 'g', '▁', '<sep>']);
    expect(e.offsets).toEqual([
      [0, 0],
      [0, 1],
      [0, 1],
      [1, 2],
      [2, 3],
      [3, 4],
      [4, 5],
      [5, 6],
      [0, 0],
    ]);
    expect(tok.encode('\udc00\ud83d').ids).toEqual([10, 14, 8]);
  });

  it('control characters vanish and offsets skip them', () => {
    const e = tok.encode('\x07gg\x1b');
    expect(e.tokens).toEqual(['<cls>', '▁', 'g', 'g', '<sep>']);
    expect(e.offsets).toEqual([
      [0, 0],
      [1, 2],
      [1, 2],
      [2, 3],
      [0, 0],
    ]);
  });
});

describe('truncation', () => {
  const tok = fixtureTokenizer('tokenizer.json');

  it('keeps the specials and cuts the text on the right', () => {
    expect(tok.encode('salut les gars', { maxLength: 6 }).tokens).toEqual(['<cls>', '▁', 's', 'a', 'l', '<sep>']);
    expect(tok.encode('salut les gars', { maxLength: 2 }).tokens).toEqual(['<cls>', '<sep>']);
    expect(tok.encode('salut', { maxLength: 3, addSpecialTokens: false }).tokens).toEqual(['▁', 's', 'a']);
  });

  it('cuts a pair from its longer side first (HF longest_first)', () => {
    const e = tok.encodePair('salut les gars', 'le', { maxLength: 9 });
    expect(e.tokens).toEqual(['<cls>', '▁', 's', 'a', 'l', 'u', '<sep>', '▁le', '<sep>']);
    expect(e.typeIds).toEqual([0, 0, 0, 0, 0, 0, 0, 1, 1]);
  });

  it('rejects a maxLength with no room for the specials', () => {
    expect(() => tok.encode('gg', { maxLength: 1 })).toThrow(RangeError);
    expect(() => tok.encodePair('gg', 'gg', { maxLength: 2 })).toThrow(RangeError);
    expect(() => tok.encode('gg', { maxLength: 2.5 })).toThrow(RangeError);
  });

  it('takes truncation.max_length from the file as the default', () => {
    const json = fixtureJson();
    json.truncation = { max_length: 5, strategy: 'LongestFirst', stride: 0, direction: 'Right' };
    const cut = UnigramTokenizer.fromJson(json);
    expect(cut.encode('salut les gars').ids).toHaveLength(5);
    expect(cut.encode('salut les gars', { maxLength: 7 }).ids).toHaveLength(7);
  });
});

describe('encodeBatch', () => {
  const tok = fixtureTokenizer('tokenizer.json');

  it('pads to maxLength with <pad> (11), mask 0 on padding', () => {
    const b = tok.encodeBatch(['gg', 'le boss est facile', ''], { maxLength: 8 });
    expect(b.batchSize).toBe(3);
    expect(b.sequenceLength).toBe(8);
    expect(b.padId).toBe(11);
    expect(Array.from(b.lengths)).toEqual([5, 8, 2]);
    expect(Array.from(b.ids.subarray(0, 8))).toEqual([10, 14, 38, 38, 8, 11, 11, 11]);
    expect(Array.from(b.ids.subarray(8, 16))).toEqual([10, 40, 48, 16, 16, 14, 34, 8]);
    expect(Array.from(b.ids.subarray(16, 24))).toEqual([10, 8, 11, 11, 11, 11, 11, 11]);
    expect(Array.from(b.attentionMask)).toEqual([
      1, 1, 1, 1, 1, 0, 0, 0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 0, 0, 0, 0, 0,
    ]);
    expect(b.typeIds.every((x) => x === 0)).toBe(true);
    expect(b.encodings[1]!.tokens).toHaveLength(8);
  });

  it('pads to the longest row with padToLongest', () => {
    const b = tok.encodeBatch(['gg', 'salut'], { maxLength: 32, padToLongest: true });
    expect(b.sequenceLength).toBe(8);
    expect(Array.from(b.ids)).toEqual([10, 14, 38, 38, 8, 11, 11, 11, 10, 14, 16, 21, 26, 19, 18, 8]);
    expect(tok.encodeBatch([], { maxLength: 8, padToLongest: true }).ids).toHaveLength(0);
  });

  it('rows equal single encodes', () => {
    const texts = ['xKappax LUL<3', 'ﬁn du stream ＧＧ', '😀'];
    const b = tok.encodeBatch(texts, { maxLength: 12 });
    texts.forEach((t, i) => expect(b.encodings[i]).toEqual(tok.encode(t, { maxLength: 12 })));
  });
});

describe('decode and vocab access', () => {
  const tok = fixtureTokenizer('tokenizer.json');

  it('decodes with the Metaspace decoder, skipping specials by default', () => {
    const ids = tok.encode('salut les gars Kappa').ids;
    expect(tok.decode(ids)).toBe('salut les gars ');
    expect(tok.decode(ids, { skipSpecialTokens: false })).toBe('<cls> salut les gars Kappa<sep>');
    expect(tok.decode([])).toBe('');
    expect(tok.decode([14, 16, 99999, -1, 0.5])).toBe('s');
    expect(tok.decode(Int32Array.from([40, 48, 16, 16]))).toBe('le boss');
  });

  it('maps tokens and ids both ways', () => {
    expect(tok.tokenToId('▁le')).toBe(40);
    expect(tok.tokenToId('<pad>')).toBe(11);
    expect(tok.tokenToId('absent')).toBeUndefined();
    expect(tok.idToToken(40)).toBe('▁le');
    expect(tok.idToToken(215)).toBe('Kappa');
    expect(tok.idToToken(260)).toBeUndefined();
    expect(tok.specialTokens.get('<mention>')).toBe(12);
  });
});

describe('preprocess option', () => {
  const tok = fixtureTokenizer('tokenizer.json');

  it('replaces mentions and URLs with their tokens, offsets pointing at the original text', () => {
    const text = '@Bob_42 regarde https://clips.twitch.tv/abc !';
    const e = tok.encode(text, { preprocess: true });
    expect(e.tokens.slice(0, 2)).toEqual(['<cls>', '<mention>']);
    expect(e.ids).toContain(13);
    expect(e.offsets[1]).toEqual([0, 7]);
    const url = e.tokens.indexOf('<url>');
    expect(e.offsets[url]).toEqual([16, 43]);
    expect(tok.encode(text).tokens).not.toContain('<url>');
  });
});

describe('fromFile', () => {
  it('loads a file and names it in errors', async () => {
    const { FIXTURE_DIR } = await import('./testing');
    const tok = await UnigramTokenizer.fromFile(`${FIXTURE_DIR}tokenizer.json`);
    expect(tok.encode('gg').ids).toEqual([10, 14, 38, 38, 8]);
    await expect(UnigramTokenizer.fromFile(`${FIXTURE_DIR}absent.json`)).rejects.toThrow(
      /absent\.json: cannot read the file/,
    );
    await expect(UnigramTokenizer.fromFile(`${FIXTURE_DIR}generate_hf_extra.py`)).rejects.toThrow(
      /generate_hf_extra\.py: not valid JSON/,
    );
  });
});
