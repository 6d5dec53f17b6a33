import { describe, expect, it } from 'vitest';
import { pickColour } from './palette';

describe('pickColour', () => {
  it('prefers a colour used by nobody, then one used only by ended topics', () => {
    expect(pickColour(4, [0, 1], [2])).toBe(3);
    expect(pickColour(3, [0, 2], [1])).toBe(1);
  });

  it('with every colour live, takes the least used one', () => {
    expect(pickColour(3, [0, 0, 1, 2, 2], [])).toBe(1);
  });
});
