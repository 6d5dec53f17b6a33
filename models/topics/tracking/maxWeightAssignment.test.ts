import { describe, expect, it } from 'vitest';
import { maxWeightAssignment } from './maxWeightAssignment';
import { Mulberry32 } from '../../random';

/** Best total over every one-to-one partial assignment (pairs of weight <= 0 never used), by exhaustive search. */
function bruteForceBest(weights: Float64Array, rows: number, cols: number): number {
  const usedCols = new Array<boolean>(cols).fill(false);
  const search = (row: number): number => {
    if (row === rows) return 0;
    let best = search(row + 1);
    for (let c = 0; c < cols; c++) {
      const w = weights[row * cols + c]!;
      if (usedCols[c] || w <= 0) continue;
      usedCols[c] = true;
      best = Math.max(best, w + search(row + 1));
      usedCols[c] = false;
    }
    return best;
  };
  return search(0);
}

function totalOf(assignment: Int32Array, weights: Float64Array, cols: number): number {
  let total = 0;
  assignment.forEach((c, r) => {
    if (c >= 0) total += weights[r * cols + c]!;
  });
  return total;
}

describe('maxWeightAssignment', () => {
  it('prefers the optimum to the greedy choice', () => {
    // Greedy takes (0,0)=6 then (1,1)=1: 7. The optimum is (0,1)+(1,0) = 4+5 = 9.
    expect([...maxWeightAssignment(Float64Array.from([6, 4, 5, 1]), 2, 2)]).toEqual([1, 0]);
  });

  it('leaves rows unassigned rather than use a pair of weight 0', () => {
    expect([...maxWeightAssignment(Float64Array.from([3, 0, 2, 0]), 2, 2)]).toEqual([0, -1]);
  });

  it('matches an exhaustive search on random sparse rectangular matrices', () => {
    const random = new Mulberry32(42).toFunction();
    for (let trial = 0; trial < 300; trial++) {
      const rows = 1 + Math.floor(random() * 5);
      const cols = 1 + Math.floor(random() * 5);
      const weights = Float64Array.from({ length: rows * cols }, () =>
        random() < 0.5 ? 0 : Math.round(random() * 20),
      );
      const assignment = maxWeightAssignment(weights, rows, cols);
      const usedCols = [...assignment].filter((c) => c >= 0);
      expect(new Set(usedCols).size).toBe(usedCols.length);
      assignment.forEach((c, r) => {
        if (c >= 0) expect(weights[r * cols + c]).toBeGreaterThan(0);
      });
      expect(totalOf(assignment, weights, cols)).toBeCloseTo(bruteForceBest(weights, rows, cols), 9);
    }
  });

  it('rejects a matrix of the wrong length', () => {
    expect(() => maxWeightAssignment(new Float64Array(5), 2, 3)).toThrow(/rows x cols \(2 x 3\)/);
  });
});
