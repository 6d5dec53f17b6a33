import { describe, expect, it } from 'vitest';
import { kdCoreDistancesAndMst } from './boruvkaMst';
import { coreDistances } from './coreDistances';
import { mutualReachabilityMst } from './mst';
import { Mulberry32 } from '../../random';

/** n points in a few blobs, rounded to a grid in some dimensions, with ~30% exact copies of earlier points. */
function data(n: number, dims: number, seed: number): Float64Array {
  const r = new Mulberry32(seed).toFunction();
  const p = new Float64Array(n * dims);
  const centres = Array.from({ length: 4 }, () => Array.from({ length: dims }, () => r() * 10));
  for (let i = 0; i < n; i++) {
    if (i > 0 && r() < 0.3) {
      const j = Math.floor(r() * i);
      for (let k = 0; k < dims; k++) p[i * dims + k] = p[j * dims + k]!;
      continue;
    }
    const c = centres[Math.floor(r() * centres.length)]!;
    for (let k = 0; k < dims; k++) {
      const v = c[k]! + (r() + r() + r() - 1.5);
      p[i * dims + k] = k % 2 === 0 ? Math.round(v * 4) / 4 : v;
    }
  }
  return p;
}

const sorted = (w: Float64Array) => Array.from(w).sort((a, b) => a - b);

function isSpanningTree(n: number, from: Int32Array, to: Int32Array): boolean {
  const parent = Int32Array.from({ length: n }, (_, i) => i);
  const find = (x: number): number => (parent[x] === x ? x : (parent[x] = find(parent[x]!)));
  for (let e = 0; e < from.length; e++) {
    const a = find(from[e]!);
    const b = find(to[e]!);
    if (a === b) return false;
    parent[a] = b;
  }
  return from.length === n - 1;
}

describe('k-d tree core distances and Boruvka MST', () => {
  for (const dims of [2, 5, 11]) {
    for (const [n, k, seed] of [
      [300, 5, 1],
      [500, 1, 2],
      [400, 2, 3],
      [257, 17, 4],
    ] as const) {
      it(`equal brute force and Prim's MST weights (${dims}-D, n=${n}, k=${k})`, () => {
        const p = data(n, dims, seed * 31 + dims);
        const core = coreDistances(p, dims, k);
        const prim = mutualReachabilityMst(p, dims, core);
        const fast = kdCoreDistancesAndMst(p, dims, k);
        expect(Array.from(fast.core)).toEqual(Array.from(core));
        expect(sorted(fast.mst.weight)).toEqual(sorted(prim.weight));
        expect(isSpanningTree(n, fast.mst.from, fast.mst.to)).toBe(true);
        // Each edge's weight is the mutual-reachability distance of its endpoints.
        for (let e = 0; e < n - 1; e++) {
          const a = fast.mst.from[e]!;
          const b = fast.mst.to[e]!;
          let s = 0;
          for (let d = 0; d < dims; d++) s += (p[a * dims + d]! - p[b * dims + d]!) ** 2;
          expect(fast.mst.weight[e]).toBe(Math.max(Math.sqrt(s), core[a]!, core[b]!));
        }
      });
    }
  }

  it('handles all-identical points, two points and k = n', () => {
    const same = new Float64Array(40 * 3).fill(2.5);
    const r = kdCoreDistancesAndMst(same, 3, 4);
    expect(Array.from(r.mst.weight)).toEqual(new Array(39).fill(0));
    // Prim's order over the tree: every zero edge joins a new copy to the copies already reached.
    const reached = new Set([0]);
    for (let e = 0; e < 39; e++) {
      expect(reached.has(r.mst.from[e]!)).toBe(true);
      reached.add(r.mst.to[e]!);
    }
    const two = Float64Array.from([0, 0, 3, 4]);
    const t = kdCoreDistancesAndMst(two, 2, 2);
    expect(Array.from(t.core)).toEqual([5, 5]);
    expect(Array.from(t.mst.weight)).toEqual([5]);
    const p = data(60, 2, 9);
    expect(sorted(kdCoreDistancesAndMst(p, 2, 60).mst.weight)).toEqual(
      sorted(mutualReachabilityMst(p, 2, coreDistances(p, 2, 60)).weight),
    );
  });

  it('is deterministic', () => {
    const p = data(400, 5, 7);
    const a = kdCoreDistancesAndMst(p, 5, 5).mst;
    const b = kdCoreDistancesAndMst(p, 5, 5).mst;
    expect([Array.from(a.from), Array.from(a.to), Array.from(a.weight)]).toEqual([
      Array.from(b.from),
      Array.from(b.to),
      Array.from(b.weight),
    ]);
  });
});

describe('Boruvka on many well-separated blobs (most rounds settled from the neighbour lists)', () => {
  it("gives the weights of Prim's MST in 11-D with minSamples 1 and 5", () => {
    const r = new Mulberry32(11).toFunction();
    const dims = 11;
    const n = 2500;
    const p = new Float64Array(n * dims);
    const centres = Array.from({ length: 60 }, () => Array.from({ length: dims }, () => r() * 40));
    for (let i = 0; i < n; i++) {
      const c = centres[i % centres.length]!;
      for (let d = 0; d < dims; d++) p[i * dims + d] = c[d]! + (r() - 0.5) * (1 + (i % 7));
    }
    for (const k of [1, 5]) {
      const core = coreDistances(p, dims, k);
      const fast = kdCoreDistancesAndMst(p, dims, k);
      expect(sorted(fast.mst.weight)).toEqual(sorted(mutualReachabilityMst(p, dims, core).weight));
      expect(isSpanningTree(n, fast.mst.from, fast.mst.to)).toBe(true);
    }
  });
});
