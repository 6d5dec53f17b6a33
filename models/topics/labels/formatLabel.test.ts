import { describe, expect, it } from 'vitest';
import { formatLabel } from './formatLabel';

const TERMS = [
  { term: 'circus', score: 0.8812 },
  { term: 'sulli', score: 0.234 },
  { term: 'connu', score: 0.19 },
  { term: 'jure', score: 0.1249 },
  { term: 'aime', score: 0.106 },
  { term: 'extra', score: 0.05 },
];

describe('formatLabel', () => {
  it('prints five terms as "term (score)" with two decimals, joined by "/"', () => {
    expect(formatLabel(TERMS)).toBe('circus (0.88)/sulli (0.23)/connu (0.19)/jure (0.12)/aime (0.11)');
  });

  it('shows `count` terms, all when fewer, nothing when none', () => {
    expect(formatLabel(TERMS, 2)).toBe('circus (0.88)/sulli (0.23)');
    expect(formatLabel(TERMS.slice(0, 1), 5)).toBe('circus (0.88)');
    expect(formatLabel([])).toBe('');
    expect(() => formatLabel(TERMS, -1)).toThrow(/count/);
  });

  it('keeps emote case and bigram spaces', () => {
    expect(
      formatLabel([
        { term: 'KEKW', score: 1.5 },
        { term: 'boss final', score: 0.3 },
      ]),
    ).toBe('KEKW (1.50)/boss final (0.30)');
  });
});
