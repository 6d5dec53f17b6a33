import { describe, expect, it } from 'vitest';
import { packRows } from './packRows';
import { warmStartRows } from './warmStartRows';

describe('warmStartRows', () => {
  const layout = Float32Array.of(1, 2, 3, 4, 5, 6); // rows a, b, c
  const rowOf = new Map([
    ['a', 0],
    ['b', 1],
    ['c', 2],
  ]);

  it('takes the previous row of each known message and NaN for new ones, in the new order', () => {
    const rows = warmStartRows(['c', 'new', 'a'], rowOf, layout, 2)!;
    expect(Array.from(rows.slice(0, 2))).toEqual([5, 6]);
    expect(rows.slice(2, 4).every(Number.isNaN)).toBe(true);
    expect(Array.from(rows.slice(4, 6))).toEqual([1, 2]);
  });

  it('gives nothing when most of the window is new', () => {
    expect(warmStartRows(['a', 'x', 'y'], rowOf, layout, 2)).toBeNull();
  });
});

describe('packRows', () => {
  it('packs rows in order and names a row of the wrong length', () => {
    expect(Array.from(packRows([Float32Array.of(1, 2), Float32Array.of(3, 4)], 2))).toEqual([1, 2, 3, 4]);
    expect(() => packRows([Float32Array.of(1)], 2)).toThrow(/row 0 has 1 values/);
  });
});
