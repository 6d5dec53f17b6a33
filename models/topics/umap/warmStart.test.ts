import { describe, expect, it } from 'vitest';
import { exactKnn } from '../knn';
import { UmapParamError } from './errors';
import { fitUmap } from './fitUmap';
import { neighbourPreservation } from './quality';
import { syntheticClusters } from './syntheticClusters';

const dim = 48;
const all = syntheticClusters({ n: 660, clusters: 6, dim, seed: 21 });
const shift = 60;
const windowA = all.vectors.slice(0, 600 * dim);
const windowB = all.vectors.slice(shift * dim, 660 * dim);
const stayed = 600 - shift;
const params = { nEpochs: 200, seed: 1 };
const previous = fitUmap(windowA, dim, params);
/** Window B's starting layout: the stayed points where they were, NaN rows for the new ones. */
const initial = new Float32Array(600 * 2).fill(NaN);
initial.set(previous.embedding.subarray(shift * 2, 600 * 2));

/** Pearson correlation of the layout distances of fixed pairs of stayed points: global arrangement kept = 1. */
function arrangementCorrelation(a: Float32Array, b: Float32Array): number {
  const xs: number[] = [];
  const ys: number[] = [];
  for (let t = 0; t < 4000; t++) {
    const i = (t * 7919) % stayed;
    const j = (t * 104729 + 17) % stayed;
    xs.push(Math.hypot(a[i * 2]! - a[j * 2]!, a[i * 2 + 1]! - a[j * 2 + 1]!));
    ys.push(Math.hypot(b[i * 2]! - b[j * 2]!, b[i * 2 + 1]! - b[j * 2 + 1]!));
  }
  const mean = (v: number[]) => v.reduce((s, x) => s + x, 0) / v.length;
  const [mx, my] = [mean(xs), mean(ys)];
  let sxy = 0;
  let sxx = 0;
  let syy = 0;
  xs.forEach((x, k) => {
    sxy += (x - mx) * (ys[k]! - my);
    sxx += (x - mx) ** 2;
    syy += (ys[k]! - my) ** 2;
  });
  return sxy / Math.sqrt(sxx * syy);
}

/** Root-mean-square displacement of the stayed points. */
function rmsMove(a: Float32Array, b: Float32Array): number {
  let s = 0;
  for (let i = 0; i < stayed * 2; i++) s += (a[i]! - b[i]!) ** 2;
  return Math.sqrt(s / stayed);
}

describe('fitUmap warm start', () => {
  const before = previous.embedding.slice(shift * 2, 600 * 2);
  const warm = fitUmap(windowB, dim, params, { initial });
  const fresh = fitUmap(windowB, dim, { ...params, seed: 2 });

  it('keeps the stayed points where they were: neighbourhoods, global arrangement and coordinates', () => {
    const layoutNeighbours = exactKnn(before, before, 2, 10, { metric: 'euclidean', excludeSelf: true });
    const warmKept = neighbourPreservation(layoutNeighbours, warm.embedding.slice(0, stayed * 2), 2);
    const freshKept = neighbourPreservation(layoutNeighbours, fresh.embedding.slice(0, stayed * 2), 2);
    expect(warmKept).toBeGreaterThan(0.6);
    expect(arrangementCorrelation(before, warm.embedding)).toBeGreaterThan(0.95);
    expect(arrangementCorrelation(before, warm.embedding)).toBeGreaterThan(
      arrangementCorrelation(before, fresh.embedding),
    );
    // Local neighbourhoods come from the data, so a fresh fit keeps them too; only the warm start keeps the
    // global arrangement (a fresh fit lands rotated / reflected / rearranged) and the coordinates themselves.
    expect(freshKept).toBeGreaterThan(0.6);
    expect(rmsMove(before, warm.embedding)).toBeLessThan(0.05 * (Math.max(...before) - Math.min(...before)));
  });

  it('places the new points with their clusters', () => {
    const labels = all.labels.slice(shift, 660);
    const knn = exactKnn(warm.embedding.slice(stayed * 2), warm.embedding.slice(0, stayed * 2), 2, 10, {
      metric: 'euclidean',
    });
    let ok = 0;
    for (let i = 0; i < shift; i++) {
      let same = 0;
      for (let j = 0; j < 10; j++) if (labels[knn.indices[i * 10 + j]!] === labels[stayed + i]) same++;
      if (same > 5) ok++;
    }
    expect(ok / shift).toBeGreaterThanOrEqual(0.95);
  });

  it('runs a quarter of the epochs by default, so it is faster than a fresh fit', () => {
    expect(warm.timings.warmStart).toBe(true);
    expect(warm.timings.epochs).toBe(50);
    expect(fresh.timings.epochs).toBe(200);
    expect(warm.timings.optimizeMs).toBeLessThan(fresh.timings.optimizeMs);
    expect(fitUmap(windowB, dim, params, { initial, warmEpochs: 10 }).timings.epochs).toBe(10);
  });

  it('starts from scratch when every row is new, and rejects rows mixing NaN and numbers', () => {
    const none = fitUmap(windowB, dim, { ...params, nEpochs: 20 }, { initial: new Float32Array(600 * 2).fill(NaN) });
    expect(none.timings.warmStart).toBe(false);
    expect(Array.from(none.embedding).every(Number.isFinite)).toBe(true);
    const mixed = initial.slice();
    mixed[2 * (stayed + 3)] = 1; // a new point's row with x set and y NaN
    try {
      fitUmap(windowB, dim, params, { initial: mixed });
      expect.unreachable();
    } catch (e) {
      expect(e).toBeInstanceOf(UmapParamError);
      expect((e as Error).message).toMatch(`row ${stayed + 3} mixes NaN`);
    }
  });
});
