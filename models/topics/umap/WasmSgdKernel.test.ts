import { describe, expect, it } from 'vitest';
import { exactKnn } from '../knn';
import { findAbParams } from './curve';
import { UmapParamError } from './errors';
import { fuzzySimplicialSet } from './fuzzySimplicialSet';
import { initialLayout } from './initialLayout';
import { edgeSchedule, optimizeLayout, type SgdKernelChoice, type SgdSettings } from './optimizeLayout';
import { optimizeLayoutParallel } from './parallelLayout';
import { resolveUmapParams } from './params';
import { neighbourPreservation } from './quality';
import { syntheticClusters } from './syntheticClusters';
import { neighbourMajorityAccuracy } from './testMetrics';
import { wasmSgdAvailable } from './WasmSgdKernel';
import { Xoshiro128StarStar } from '../../random';

const N = 600;
const data = syntheticClusters({ n: N, clusters: 6, dim: 32, seed: 5 });
const knn = exactKnn(data.vectors, data.vectors, 32, 14, { metric: 'cosine', excludeSelf: true });

/** A fit's starting layout, schedule and settings for a `dims`-D layout, as fitUmap builds them. */
function setup(dims: number, nEpochs: number) {
  const p = resolveUmapParams({ nNeighbors: 15, nComponents: dims, minDist: 0.5, nEpochs, seed: 3 }, N);
  const graph = fuzzySimplicialSet(N, 14, knn.indices, knn.distances, p);
  const random = new Xoshiro128StarStar(p.seed);
  const layout = initialLayout(graph, dims, 'spectral', random, { vectors: data.vectors, dim: 32, metric: 'cosine' });
  const { a, b } = findAbParams(p.spread, p.minDist);
  const settings: SgdSettings = {
    dims,
    nEpochs,
    a,
    b,
    gamma: 1,
    initialAlpha: 1,
    negativeSampleRate: 5,
    moveOther: true,
  };
  return { layout, schedule: edgeSchedule(graph, nEpochs), settings };
}

function fit(kernel: SgdKernelChoice, dims: number, nEpochs = 100, seed = 77) {
  const { layout, schedule, settings } = setup(dims, nEpochs);
  optimizeLayout(layout, layout, N, schedule, { ...settings, kernel }, seed);
  return layout;
}

const maxAbsDifference = (x: Float32Array, y: Float32Array) =>
  x.reduce((m, v, i) => Math.max(m, Math.abs(v - y[i]!)), 0);

describe('the WebAssembly SGD kernel', () => {
  it('is available on this runtime (Node has WebAssembly SIMD), so the default kernel is the fast one', () => {
    expect(wasmSgdAvailable()).toBe(true);
    expect(wasmSgdAvailable(true)).toBe(true);
  });

  // The same draws and clocks as the JS kernel: only float32 vs float64 rounding separates them after one epoch (later
  // epochs' large clipped steps amplify the rounding, as any change of arithmetic would). The batched kernel moves
  // as the sequential one where an edge draws at most one negative sample at a time (rate 1).
  for (const dims of [2, 4, 5, 10]) {
    it(`follows the JS kernel's steps, draw for draw, to float32 rounding over an epoch (${dims}-D)`, () => {
      const { layout, schedule, settings } = setup(dims, 100);
      for (const [kernel, negativeSampleRate] of [
        ['wasm-sequential', 5],
        ['wasm', 1],
      ] as const) {
        const one = { ...settings, nEpochs: 1, negativeSampleRate };
        const [js, wasm] = [layout.slice(), layout.slice()];
        optimizeLayout(js, js, N, schedule, { ...one, kernel: 'js' }, 77);
        optimizeLayout(wasm, wasm, N, schedule, { ...one, kernel }, 77);
        expect(maxAbsDifference(js, layout)).toBeGreaterThan(0.1);
        expect(maxAbsDifference(js, wasm)).toBeLessThan(2e-4);
      }
    });
  }

  it('batches an edge’s negative samples by default: not the sequential kernel’s steps at 5 per positive', () => {
    const { layout, schedule, settings } = setup(10, 100);
    const one = { ...settings, nEpochs: 1 };
    const [batched, sequential] = [layout.slice(), layout.slice()];
    optimizeLayout(batched, batched, N, schedule, one, 77);
    optimizeLayout(sequential, sequential, N, schedule, { ...one, kernel: 'wasm-sequential' }, 77);
    expect(maxAbsDifference(batched, sequential)).toBeGreaterThan(1e-3);
  });

  for (const dims of [2, 10]) {
    it(`lays out synthetic clusters as well as the JS kernel (${dims}-D): clusters apart, neighbourhoods kept`, () => {
      const js = fit('js', dims, 150);
      const reference = neighbourPreservation(knn, js, dims, 10);
      for (const kernel of ['wasm', 'wasm-sequential'] as const) {
        const wasm = fit(kernel, dims, 150);
        expect(Array.from(wasm)).not.toEqual(Array.from(js));
        expect(neighbourMajorityAccuracy(wasm, dims, data.labels)).toBeGreaterThan(0.95);
        expect(Math.abs(neighbourPreservation(knn, wasm, dims, 10) - reference)).toBeLessThan(0.02);
      }
    });
  }

  it('is reproducible run to run, and the seed matters', () => {
    expect(Array.from(fit('wasm', 10, 40))).toEqual(Array.from(fit('wasm', 10, 40)));
    expect(Array.from(fit('wasm', 10, 40, 78))).not.toEqual(Array.from(fit('wasm', 10, 40)));
  });

  it('moves only the heads in a transform (separate tail rows), as the JS kernel does', () => {
    const { layout, schedule, settings } = setup(3, 30);
    const heads = { js: layout.slice(), wasm: layout.slice() };
    const tails = layout.slice();
    for (const kernel of ['js', 'wasm'] as const)
      optimizeLayout(heads[kernel], tails, N, schedule, { ...settings, moveOther: false, kernel }, 9);
    expect(Array.from(tails)).toEqual(Array.from(layout));
    expect(maxAbsDifference(heads.wasm, layout)).toBeGreaterThan(0.01);
    expect(neighbourMajorityAccuracy(heads.wasm, 3, data.labels)).toBeGreaterThan(0.95);
  });

  it("refuses kernel 'wasm' for a layout wider than it is emitted for; 'auto' takes the JS kernel there", () => {
    const dims = 65;
    const layout = new Float32Array(4 * dims).map((_, i) => Math.sin(i));
    const schedule = { head: Int32Array.of(0, 1), tail: Int32Array.of(1, 2), epochsPerSample: Float64Array.of(1, 1) };
    const settings = { ...setup(2, 1).settings, dims, nEpochs: 2 };
    expect(() => optimizeLayout(layout, layout, 4, schedule, { ...settings, kernel: 'wasm' }, 1)).toThrow(
      UmapParamError,
    );
    const [auto, js] = [layout.slice(), layout.slice()];
    optimizeLayout(auto, auto, 4, schedule, { ...settings, kernel: 'auto' }, 1);
    optimizeLayout(js, js, 4, schedule, { ...settings, kernel: 'js' }, 1);
    expect(Array.from(auto)).toEqual(Array.from(js));
  });
});

describe('the parallel layout on the WebAssembly kernel', () => {
  const parallel = (threads: number, kernel: SgdKernelChoice, seed = 99) => {
    const { layout, schedule, settings } = setup(10, 60);
    optimizeLayoutParallel(layout, N, schedule, { ...settings, kernel }, seed, null, 8, threads);
    return layout;
  };

  it('is reproducible for a given seed and thread count; the thread count and the kernel matter', () => {
    const twice = [parallel(2, 'wasm'), parallel(2, 'wasm')];
    expect(Array.from(twice[1]!)).toEqual(Array.from(twice[0]!));
    expect(Array.from(parallel(3, 'wasm'))).not.toEqual(Array.from(twice[0]!));
    expect(Array.from(parallel(2, 'js'))).not.toEqual(Array.from(twice[0]!));
  });

  it('lays out as well as the JS kernel on the same threads', () => {
    for (const threads of [2, 4]) {
      const js = neighbourPreservation(knn, parallel(threads, 'js'), 10, 10);
      const wasm = parallel(threads, 'wasm');
      expect(neighbourMajorityAccuracy(wasm, 10, data.labels)).toBeGreaterThan(0.95);
      expect(Math.abs(neighbourPreservation(knn, wasm, 10, 10) - js)).toBeLessThan(0.02);
    }
  });
});
