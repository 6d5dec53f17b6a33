import { describe, expect, it } from 'vitest';
import { AlignedText, wellFormed } from './alignedText';
import { compileNormalizer, nmt, replace, unicodeNormalize } from './normalizer';

/** The original range of every UTF-16 unit. */
const spans = (t: AlignedText) => Array.from({ length: t.length }, (_u, i) => [t.starts[i], t.ends[i]]);
const original = (s: string) => AlignedText.original(s);

describe('Nmt', () => {
  it('removes control characters and maps tabs, newlines, zero-width and odd spaces to a space', () => {
    const t = nmt(original('a\x07b\tc\r\nd\u200be\ufeff\u2581\ufffd\x00'));
    expect(t.text).toBe('ab c  d e   \x00');
    expect(spans(t)).toEqual([
      [0, 1],
      [2, 3],
      [3, 4],
      [4, 5],
      [5, 6],
      [6, 7],
      [7, 8],
      [8, 9],
      [9, 10],
      [10, 11],
      [11, 12],
      [12, 13],
      [13, 14],
    ]);
  });

  it('returns clean text untouched', () => {
    const t = original('salut les gars');
    expect(nmt(t)).toBe(t);
  });
});

describe('NFKC alignments (as HF tokenizers reports them)', () => {
  it('gives every character of a decomposition the source character', () => {
    const t = unicodeNormalize(original('ﬁn ㍿'), 'NFKC');
    expect(t.text).toBe('fin 株式会社');
    expect(spans(t)).toEqual([
      [0, 1],
      [0, 1],
      [1, 2],
      [2, 3],
      [3, 4],
      [3, 4],
      [3, 4],
      [3, 4],
    ]);
  });

  it('aligns a composition with its base; leftover marks keep their own place', () => {
    expect(spans(unicodeNormalize(original('xe\u0301\u0302x'), 'NFKC'))).toEqual([
      [0, 1],
      [1, 2],
      [3, 4],
      [4, 5],
    ]);
    expect(spans(unicodeNormalize(original('a\u0301\u0301\u0301b'), 'NFKC'))).toEqual([
      [0, 1],
      [2, 3],
      [3, 4],
      [4, 5],
    ]);
    expect(spans(unicodeNormalize(original('x\u1112\u1161\u11abx'), 'NFKC'))).toEqual([
      [0, 1],
      [1, 2],
      [4, 5],
    ]);
    expect(spans(unicodeNormalize(original('ﾊﾟﾊﾟ'), 'NFKC'))).toEqual([
      [0, 1],
      [2, 3],
    ]);
  });

  it('counts astral characters as one code point', () => {
    const t = unicodeNormalize(original('😀ＧＧ'), 'NFKC');
    expect(t.text).toBe('😀GG');
    expect(spans(t)).toEqual([
      [0, 1],
      [0, 1],
      [1, 2],
      [2, 3],
    ]);
  });
});

describe('Replace and the whole Twitch normaliser', () => {
  it('gives a collapsed run of spaces the position of its last space', () => {
    const t = replace(original('a   b'), / {2,}/gu, ' ');
    expect(t.text).toBe('a b');
    expect(spans(t)).toEqual([
      [0, 1],
      [3, 4],
      [4, 5],
    ]);
  });

  it('runs Nmt, NFKC, then collapses spaces', () => {
    const normalize = compileNormalizer({
      type: 'Sequence',
      normalizers: [{ type: 'Nmt' }, { type: 'NFKC' }, { type: 'Replace', pattern: / {2,}/gu, content: ' ' }],
    });
    expect(normalize(original('Salut \t les\u00a0\u00a0ＧＧ\n')).text).toBe('Salut les GG ');
    expect(normalize(original('')).text).toBe('');
  });

  it('lowercases with alignments', () => {
    const t = compileNormalizer({ type: 'Lowercase' })(original('İx'));
    expect(t.text).toBe('i\u0307x');
    expect(spans(t)).toEqual([
      [0, 1],
      [0, 1],
      [1, 2],
    ]);
  });
});

describe('wellFormed', () => {
  it('replaces lone surrogates only', () => {
    expect(wellFormed('a\ud800b\udc00😀\ud83d')).toBe('a\ufffdb\ufffd😀\ufffd');
  });
});
