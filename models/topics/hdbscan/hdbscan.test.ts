import { describe, expect, it } from 'vitest';
import { coreDistances } from './coreDistances';
import { euclidean } from './distance';
import { HdbscanParamError } from './errors';
import { hdbscan } from './hdbscan';
import { mutualReachabilityMst } from './mst';

const pts = (rows: number[][]) => Float64Array.from(rows.flat());

describe('building blocks', () => {
  it('gives identical points distance exactly 0', () => {
    const p = pts([
      [0.1 + 0.2, 1e8 / 3, -7.123456789],
      [0.1 + 0.2, 1e8 / 3, -7.123456789],
    ]);
    expect(euclidean(p, 3, 0, 1)).toBe(0);
  });

  it('counts the point itself in the core distance', () => {
    const p = pts([[0], [1], [3], [7]]);
    expect(Array.from(coreDistances(p, 1, 1))).toEqual([0, 0, 0, 0]);
    expect(Array.from(coreDistances(p, 1, 2))).toEqual([1, 1, 2, 4]);
    expect(Array.from(coreDistances(p, 1, 4))).toEqual([7, 6, 4, 7]);
  });

  it('builds a minimum spanning tree of the mutual-reachability graph', () => {
    const p = pts([[0], [1], [3], [7], [7.5]]);
    const core = coreDistances(p, 1, 2);
    const t = mutualReachabilityMst(p, 1, core);
    expect(Array.from(t.weight).sort((a, b) => a - b)).toEqual([0.5, 1, 2, 4]);
  });

  it('attaches identical copies to one copy (a star of zero-weight edges)', () => {
    const p = pts([
      [5, 5],
      [0, 0],
      [0, 0],
      [0, 0],
      [0, 0],
      [9, 9],
    ]);
    const t = mutualReachabilityMst(p, 2, coreDistances(p, 2, 3));
    const zero = Array.from(t.weight.keys()).filter((e) => t.weight[e] === 0);
    expect(zero).toHaveLength(3);
    const hubs = new Set(zero.map((e) => t.from[e]));
    expect(hubs.size).toBe(1);
  });
});

describe('hdbscan parameters', () => {
  const p = pts([
    [0, 0],
    [0, 1],
    [1, 0],
    [10, 10],
  ]);
  const code = (f: () => unknown) => {
    try {
      f();
    } catch (e) {
      expect(e).toBeInstanceOf(HdbscanParamError);
      return (e as HdbscanParamError).code;
    }
    return 'no error';
  };

  it('rejects bad input with typed errors', () => {
    expect(code(() => hdbscan(p, 2, { minClusterSize: 2, minSamples: 5 }))).toBe('MIN_SAMPLES_TOO_LARGE');
    expect(code(() => hdbscan(p, 2, { minClusterSize: 1 }))).toBe('INVALID_MIN_CLUSTER_SIZE');
    expect(code(() => hdbscan(p, 2, { minClusterSize: 2, minSamples: 0 }))).toBe('INVALID_MIN_SAMPLES');
    expect(code(() => hdbscan(p, 2, { minClusterSize: 2.5 }))).toBe('INVALID_MIN_CLUSTER_SIZE');
    expect(code(() => hdbscan(p, 3, { minClusterSize: 2 }))).toBe('INVALID_POINTS');
    expect(code(() => hdbscan(p, 0, { minClusterSize: 2 }))).toBe('INVALID_DIMS');
    expect(
      code(() =>
        hdbscan(
          pts([
            [0, NaN],
            [1, 1],
          ]),
          2,
          { minClusterSize: 2 },
        ),
      ),
    ).toBe('INVALID_POINTS');
    expect(code(() => hdbscan(p, 2, { minClusterSize: 2, clusterSelectionEpsilon: -1 }))).toBe('INVALID_EPSILON');
    expect(code(() => hdbscan(p, 2, { minClusterSize: 2, clusterSelectionMethod: 'x' as 'eom' }))).toBe(
      'INVALID_METHOD',
    );
    expect(code(() => hdbscan(pts([[0, 0]]), 2, { minClusterSize: 2, minSamples: 1 }))).toBe('TOO_FEW_POINTS');
  });

  it('accepts minClusterSize > n and calls everything noise', () => {
    const r = hdbscan(p, 2, { minClusterSize: 10, minSamples: 2 });
    expect(Array.from(r.labels)).toEqual([-1, -1, -1, -1]);
    expect(r.nClusters).toBe(0);
  });

  it('separates two clear groups', () => {
    const q = pts([
      [0, 0],
      [0, 0.1],
      [0.1, 0],
      [0.1, 0.1],
      [5, 5],
      [5, 5.1],
      [5.1, 5],
      [5.1, 5.1],
    ]);
    const r = hdbscan(q, 2, { minClusterSize: 3, minSamples: 2 });
    expect(r.nClusters).toBe(2);
    expect(new Set(Array.from(r.labels.subarray(0, 4))).size).toBe(1);
    expect(new Set(Array.from(r.labels.subarray(4))).size).toBe(1);
    expect(r.labels[0]).not.toBe(r.labels[4]);
  });
});
