import { describe, expect, it } from 'vitest';
import { PointGrid } from './pointGrid';

/** The nearest point by scanning every point (the reference the grid must agree with). */
function bruteNearest(x: Float32Array, y: Float32Array, px: number, py: number, max: number): number {
  let best = -1;
  let bestD = max * max;
  for (let i = 0; i < x.length; i++) {
    const d = (x[i]! - px) ** 2 + (y[i]! - py) ** 2;
    if (d <= bestD) {
      bestD = d;
      best = i;
    }
  }
  return best;
}

/** A seeded uniform generator (tests must not depend on Math.random). */
function lcg(seed: number): () => number {
  let s = seed >>> 0;
  return () => (s = (Math.imul(s, 1664525) + 1013904223) >>> 0) / 2 ** 32;
}

describe('PointGrid', () => {
  it('finds the same nearest point as a full scan, clustered points and queries outside the box included', () => {
    const rand = lcg(7);
    const n = 5000;
    const x = new Float32Array(n);
    const y = new Float32Array(n);
    for (let i = 0; i < n; i++) {
      // Three dense blobs and a sparse background: cells of very different fill.
      const blob = i % 4;
      x[i] = blob === 3 ? rand() * 100 : blob * 30 + rand() * 2;
      y[i] = blob === 3 ? rand() * 100 : 50 + rand() * 2;
    }
    const grid = new PointGrid(x, y);
    for (let q = 0; q < 500; q++) {
      const px = rand() * 120 - 10;
      const py = rand() * 120 - 10;
      const max = q % 2 === 0 ? 3 : 50;
      const got = grid.nearest(px, py, max);
      const want = bruteNearest(x, y, px, py, max);
      if (want === -1) expect(got).toBe(-1);
      else {
        expect(got).not.toBe(-1);
        const dGot = (x[got]! - px) ** 2 + (y[got]! - py) ** 2;
        const dWant = (x[want]! - px) ** 2 + (y[want]! - py) ** 2;
        expect(dGot).toBeCloseTo(dWant, 6);
      }
    }
  });

  it('answers -1 beyond the search radius and skips points the filter refuses', () => {
    const grid = new PointGrid(Float32Array.of(0, 1, 10), Float32Array.of(0, 0, 0));
    expect(grid.nearest(5, 0, 2)).toBe(-1);
    expect(grid.nearest(0.2, 0, 2)).toBe(0);
    expect(grid.nearest(0.2, 0, 2, (i) => i !== 0)).toBe(1);
    expect(new PointGrid(new Float32Array(0), new Float32Array(0)).nearest(0, 0, 10)).toBe(-1);
  });
});
