import { describe, expect, it } from 'vitest';
import { collapseStretches, foldWord } from './foldWord';

describe('foldWord', () => {
  it('lowercases and removes accents, ligatures and full-width forms', () => {
    expect(foldWord('Été')).toBe('ete');
    expect(foldWord('ÇA')).toBe('ca');
    expect(foldWord('Œuf')).toBe('oeuf');
    expect(foldWord('ＰＯＧ')).toBe('pog');
    expect(foldWord('naïve')).toBe('naive');
  });
});

describe('collapseStretches', () => {
  it('shortens 3+ repeats to one letter and leaves doubles alone', () => {
    expect(collapseStretches('ouiiiii')).toBe('oui');
    expect(collapseStretches('mdrrrr')).toBe('mdr');
    expect(collapseStretches('nooooonnn')).toBe('non');
    expect(collapseStretches('ouii')).toBe('ouii');
    expect(collapseStretches('allez')).toBe('allez');
  });

  it('keeps two letters of a one-letter word', () => {
    expect(collapseStretches('ggggg')).toBe('gg');
    expect(collapseStretches('gg')).toBe('gg');
  });
});
