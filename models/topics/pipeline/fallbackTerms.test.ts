import { describe, expect, it } from 'vitest';
import { fallbackTerms } from './fallbackTerms';

describe('fallbackTerms', () => {
  it('names a topic of filler by its most common message, scored by its share', () => {
    const texts = ['MDR', 'mdr', 'ptdr', 'mdr  ', 'autre chose'];
    expect(fallbackTerms(texts, [0, 1, 2, 3])).toEqual([{ term: 'mdr', score: 0.75 }]);
  });

  it('breaks ties alphabetically and returns nothing for an empty topic', () => {
    expect(fallbackTerms(['b', 'a'], [0, 1])).toEqual([{ term: 'a', score: 0.5 }]);
    expect(fallbackTerms(['x'], [])).toEqual([]);
  });
});
