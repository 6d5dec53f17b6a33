import { describe, expect, it } from 'vitest';
import { AddedTokenMatcher } from './addedTokens';
import { AlignedText } from './alignedText';
import { decodeTokens } from './decoder';
import { MetaspacePreTokenizer } from './preTokenizer';
import { fixtureJson } from './testing';
import type { AddedTokenSpec } from './TokenizerJson';
import { pairLengths } from './truncation';
import { UNKNOWN, UnigramModel, type Segments } from './UnigramModel';
import { UnigramTokenizer } from './UnigramTokenizer';

const added = (content: string, id: number, extra: Partial<AddedTokenSpec> = {}): AddedTokenSpec => ({
  id,
  content,
  special: true,
  singleWord: false,
  lstrip: false,
  rstrip: false,
  normalized: false,
  ...extra,
});

describe('Metaspace pre-tokenizer', () => {
  const words = (scheme: 'always' | 'first' | 'never', text: string, atStart = true, split = true) =>
    new MetaspacePreTokenizer({ replacement: '▁', prependScheme: scheme, split })
      .words(AlignedText.original(text), atStart)
      .map((w) => w.text);

  it('replaces spaces, prepends ▁ and splits before each ▁', () => {
    expect(words('always', 'le boss')).toEqual(['▁le', '▁boss']);
    expect(words('always', ' x ')).toEqual(['▁x', '▁']);
    expect(words('first', 'x y', false)).toEqual(['x', '▁y']);
    expect(words('never', 'le boss')).toEqual(['le', '▁boss']);
    expect(words('always', 'le boss', true, false)).toEqual(['▁le▁boss']);
    expect(words('always', '')).toEqual([]);
  });
});

describe('UnigramModel', () => {
  const segment = (model: UnigramModel, word: string, refuse = false) => {
    const out: Segments = { ids: [], from: [], to: [] };
    model.segment(word, out, refuse);
    return out.ids.map((id, i) => (id === UNKNOWN ? `?${word.slice(out.from[i], out.to[i])}` : model.pieces[id]));
  };

  it('finds the most probable segmentation', () => {
    const model = new UnigramModel([
      ['▁', -2],
      ['▁le', -3],
      ['l', -4],
      ['e', -4],
      ['s', -3],
      ['es', -6.5],
    ]);
    expect(segment(model, '▁les')).toEqual(['▁le', 's']);
  });

  it('keeps the path found first on a tie', () => {
    const model = new UnigramModel([
      ['a', -1],
      ['b', -1],
      ['ab', -2],
    ]);
    expect(segment(model, 'ab')).toEqual(['ab']);
  });

  it('fuses runs of unknown characters, and refuses them like HF when asked', () => {
    const model = new UnigramModel([['a', -1]]);
    expect(segment(model, 'a😀😀a')).toEqual(['a', '?😀😀', 'a']);
    expect(() => segment(model, 'a😀', true)).toThrow(/U\+1F600/);
  });

  it('refuses where HF does even if a longer piece covers the character', () => {
    // 'x' has no piece of its own but 'xa' does: HF still raises when it first meets 'x' unreached.
    const model = new UnigramModel([
      ['a', -1],
      ['▁', -1],
      ['▁x', -5],
      ['xa', -1],
    ]);
    expect(segment(model, '▁xa', true)).toEqual(['▁', 'xa']); // '▁x' reached the position first: no refusal
    expect(() => segment(model, 'xa', true)).toThrow();
  });

  it('lets the later duplicate win', () => {
    const model = new UnigramModel([
      ['gg', -1],
      ['g', -3],
      ['gg', -9],
    ]);
    expect(model.pieceToId.get('gg')).toBe(2);
    expect(segment(model, 'gg')).toEqual(['g', 'g']); // -6 beats the later entry's -9
  });
});

describe('AddedTokenMatcher', () => {
  it('matches leftmost-longest anywhere', () => {
    const m = new AddedTokenMatcher([added('Kappa', 215), added('KappaPride', 1)]);
    expect(m.split('xKappaPridex Kappa').map((s) => [s.from, s.to, s.token?.id ?? null])).toEqual([
      [0, 1, null],
      [1, 11, 1],
      [11, 13, null],
      [13, 18, 215],
    ]);
    expect(new AddedTokenMatcher([]).split('ab')).toEqual([{ from: 0, to: 2, token: null }]);
    expect(m.split('')).toEqual([]);
  });

  it('honours single_word, lstrip and rstrip', () => {
    const m = new AddedTokenMatcher([
      added('mdr', 1, { singleWord: true, rstrip: true }),
      added('<3', 2, { lstrip: true }),
    ]);
    expect(m.split('xmdr mdr  a <3').map((s) => [s.from, s.to, s.token?.id ?? null])).toEqual([
      [0, 5, null],
      [5, 10, 1],
      [10, 11, null],
      [11, 14, 2],
    ]);
  });
});

describe('tokenizer variants (values from HF tokenizers 0.23.2)', () => {
  const variant = (change: (json: Record<string, any>) => void) => {
    const json = fixtureJson('tokenizer.with-unk.json');
    change(json);
    return UnigramTokenizer.fromJson(json);
  };

  it('prepend_scheme first: only text starting the input gets ▁', () => {
    const tok = variant((j) => {
      j.pre_tokenizer.prepend_scheme = 'first';
      j.decoder.prepend_scheme = 'first';
    });
    expect(tok.encode('xKappax LUL').tokens).toEqual(['<cls>', '▁', 'x', 'Kappa', 'x', '▁', 'LUL', '<sep>']);
    expect(tok.encode('Kappax y').tokens).toEqual(['<cls>', 'Kappa', 'x', '▁', 'y', '<sep>']);
    const e = tok.encode('\x07le gg');
    expect(e.tokens).toEqual(['<cls>', 'le', '▁', 'g', 'g', '<sep>']);
    expect(e.offsets).toEqual([
      [0, 0],
      [1, 3],
      [3, 4],
      [4, 5],
      [5, 6],
      [0, 0],
    ]);
  });

  it('prepend_scheme never, and split false', () => {
    const never = variant((j) => {
      j.pre_tokenizer.prepend_scheme = 'never';
      j.decoder.prepend_scheme = 'never';
    });
    expect(never.encode('le boss').tokens).toEqual(['<cls>', 'le', '▁bo', 's', 's', '<sep>']);
    expect(never.decode(never.encode('le boss').ids)).toBe('le boss');
    const whole = variant((j) => void (j.pre_tokenizer.split = false));
    expect(whole.encode('le boss est').tokens).toEqual(['<cls>', '▁le', '▁bo', 's', 's', '▁', 'est', '<sep>']);
  });

  it('added tokens with lstrip/rstrip, single_word and normalized', () => {
    const tok = variant((j) => {
      for (const t of j.added_tokens) {
        if (t.content === '<3') Object.assign(t, { lstrip: true, rstrip: true });
        if (t.content === ':D') t.normalized = true;
      }
      j.added_tokens.push({
        id: 260,
        content: 'ﬁn',
        special: false,
        normalized: true,
        lstrip: false,
        rstrip: false,
        single_word: false,
      });
      j.added_tokens.push({
        id: 261,
        content: 'mdr',
        special: false,
        normalized: false,
        lstrip: false,
        rstrip: true,
        single_word: true,
      });
    });
    const strip = tok.encode('salut  <3  gg');
    expect(strip.tokens).toEqual(['<cls>', '▁', 's', 'a', 'l', 'u', 't', '  <3  ', '▁', 'g', 'g', '<sep>']);
    expect(strip.offsets.slice(7, 9)).toEqual([
      [5, 11],
      [11, 12],
    ]);
    const fin = tok.encode('ﬁn du stream');
    expect(fin.tokens).toEqual(['<cls>', 'fin', '▁', 'd', 'u', '▁stream', '<sep>']);
    expect(fin.ids[1]).toBe(260);
    expect(fin.offsets[1]).toEqual([0, 2]);
    expect(tok.idToToken(260)).toBe('fin');
    expect(tok.tokenToId('ﬁn')).toBe(260);
    expect(tok.vocabSize).toBe(262);
    expect(tok.encode('mdr\tmdrr mdr').tokens).toEqual(['<cls>', 'mdr\t', '▁', 'm', 'dr', 'r', '▁', 'mdr', '<sep>']);
    expect(tok.encode(':D ：Ｄ').ids).toEqual([10, 6, 14, 6, 8]);
  });
});

describe('helpers', () => {
  it('pairLengths follows longest_first', () => {
    expect(pairLengths(11, 10, 3)).toEqual([2, 1]);
    expect(pairLengths(10, 10, 3)).toEqual([1, 2]);
    expect(pairLengths(2, 10, 7)).toEqual([2, 5]);
    expect(pairLengths(3, 4, 10)).toEqual([3, 4]);
    expect(pairLengths(5, 5, 0)).toEqual([0, 0]);
  });

  it('decodeTokens drops ▁ in the first token only', () => {
    const spec = { replacement: '▁', prependScheme: 'always', split: true } as const;
    expect(decodeTokens(['▁', 's', '▁', '▁', '!'], spec)).toBe('s  !');
    expect(decodeTokens(['<cls>', '▁le'], spec)).toBe('<cls> le');
    expect(decodeTokens(['▁le'], { ...spec, prependScheme: 'never' })).toBe(' le');
    expect(decodeTokens(['a', 'b'], null)).toBe('ab');
  });
});
