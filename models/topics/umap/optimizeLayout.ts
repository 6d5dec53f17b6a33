import { xorshift32 } from '../../random';
import { FastPow } from './FastPow';
import type { SparseGraph } from './SparseGraph';

/** Edges in SGD order with umap-learn's sampling schedule: an edge of weight w is used every max/w epochs. */
export interface EdgeSchedule {
  head: Int32Array;
  tail: Int32Array;
  epochsPerSample: Float64Array;
}

/**
 * Lists the graph's edges (row = head, column = tail), dropping those too weak to be sampled once in `nEpochs`
 * (weight < max / nEpochs), as umap-learn does before optimising.
 */
export function edgeSchedule(graph: SparseGraph, nEpochs: number): EdgeSchedule {
  let max = 0;
  for (const w of graph.weights) max = Math.max(max, w);
  const cut = max / Math.max(1, nEpochs);
  let count = 0;
  for (const w of graph.weights) if (w > 0 && w >= cut) count++;
  const head = new Int32Array(count);
  const tail = new Int32Array(count);
  const epochsPerSample = new Float64Array(count);
  let e = 0;
  for (let r = 0; r < graph.rows; r++) {
    for (let s = graph.rowPtr[r]!; s < graph.rowPtr[r + 1]!; s++) {
      const w = graph.weights[s]!;
      if (!(w > 0 && w >= cut)) continue;
      head[e] = r;
      tail[e] = graph.colIndex[s]!;
      epochsPerSample[e++] = max / w;
    }
  }
  return { head, tail, epochsPerSample };
}

export interface SgdSettings {
  dims: number;
  nEpochs: number;
  /** Curve 1 / (1 + a d^(2b)). */
  a: number;
  b: number;
  /** Repulsion strength. */
  gamma: number;
  /** Step size of the first epoch, decaying linearly towards 0. */
  initialAlpha: number;
  negativeSampleRate: number;
  /** Fit: both ends of a positive edge move. Transform: only the head (new point) moves. */
  moveOther: boolean;
}

/** Gradient components are clipped to [-4, 4] (umap-learn's clip). */
const CLIP = 4;

/** Squared euclidean distance between rows of two layouts (two accumulators: a shorter chain of dependent adds). */
function squaredDistance(x: Float32Array, xo: number, y: Float32Array, yo: number, dims: number): number {
  let even = 0;
  let odd = 0;
  let d = 0;
  for (; d + 1 < dims; d += 2) {
    const u = x[xo + d]! - y[yo + d]!;
    const v = x[xo + d + 1]! - y[yo + d + 1]!;
    even += u * u;
    odd += v * v;
  }
  if (d < dims) {
    const u = x[xo + d]! - y[yo + d]!;
    even += u * u;
  }
  return even + odd;
}

/**
 * umap-learn's optimize_layout_euclidean: for each epoch, every edge due for a sample pulls its head towards its
 * tail (attractive gradient of the a/b curve), then its head is pushed away from a few uniformly drawn tail
 * points (negative samples); the step size decays linearly. Edges are visited in order and negative samples come
 * from a seeded xorshift32 stream, so the result is deterministic. Mutates `head` (and `tail` with moveOther;
 * in a fit both are the same array).
 *
 * Cost per epoch: (sum of weights / max weight) positive samples, each with negativeSampleRate negative ones,
 * O(dims) each; x^b goes through FastPow (Math.pow's transcendental calls were half of the loop's time). At 10k
 * chat messages, 100 neighbours, 10 dimensions that is ~170k positive and ~850k negative samples, ~50 ms here.
 * The step is folded into the clip (clip(g, 4) alpha = clip(g alpha, 4 alpha) for alpha >= 0) to save a multiply
 * per component.
 *
 * @param head row-major embedding of the points that move
 * @param tail row-major embedding of the edge targets and negative samples (nTail rows)
 * @param seedState non-zero 32-bit xorshift state
 */
export function optimizeLayout(
  head: Float32Array,
  tail: Float32Array,
  nTail: number,
  schedule: EdgeSchedule,
  settings: SgdSettings,
  seedState: number,
): void {
  const { dims, nEpochs, a, b, gamma, initialAlpha, negativeSampleRate, moveOther } = settings;
  const heads = schedule.head;
  const tails = schedule.tail;
  const eps = schedule.epochsPerSample;
  const m = eps.length;
  const nextSample = Float64Array.from(eps);
  const epochsPerNegative = eps.map((x) => (negativeSampleRate > 0 ? x / negativeSampleRate : Infinity));
  const nextNegative = Float64Array.from(epochsPerNegative);
  const power = new FastPow(b);
  const twoAB = 2 * a * b;
  const twoGammaB = 2 * gamma * b;
  let s = seedState | 0 || 1;
  // Maps a uint32 onto 0..nTail-1 by multiplication: `%` on values above 2^31 falls back to a slow float modulo.
  const toTail = nTail / 4294967296;
  for (let epoch = 0; epoch < nEpochs; epoch++) {
    const alpha = initialAlpha * (1 - epoch / nEpochs);
    const limit = CLIP * alpha;
    // Epochs count from 1 here, so an edge sampled every e epochs is used floor(nEpochs / e) times.
    const now = epoch + 1;
    for (let e = 0; e < m; e++) {
      if (nextSample[e]! > now) continue;
      const jo = heads[e]! * dims;
      const ko = tails[e]! * dims;
      const d2 = squaredDistance(head, jo, tail, ko, dims);
      if (d2 > 0) {
        const pb = power.pow(d2);
        const coeff = (-twoAB * alpha * pb) / (d2 * (a * pb + 1));
        for (let d = 0; d < dims; d++) {
          let g = coeff * (head[jo + d]! - tail[ko + d]!);
          g = g > limit ? limit : g < -limit ? -limit : g;
          head[jo + d]! += g;
          if (moveOther) tail[ko + d]! -= g;
        }
      }
      nextSample[e]! += eps[e]!;
      const epn = epochsPerNegative[e]!;
      const nNegative = Math.floor((now - nextNegative[e]!) / epn);
      for (let p = 0; p < nNegative; p++) {
        s = xorshift32(s);
        const no = (((s >>> 0) * toTail) | 0) * dims;
        const n2 = squaredDistance(head, jo, tail, no, dims);
        // The point itself, or one at the very same place: no direction to push along.
        if (!(n2 > 0)) continue;
        const coeff = (twoGammaB * alpha) / ((0.001 + n2) * (a * power.pow(n2) + 1));
        for (let d = 0; d < dims; d++) {
          let g = coeff * (head[jo + d]! - tail[no + d]!);
          g = g > limit ? limit : g < -limit ? -limit : g;
          head[jo + d]! += g;
        }
      }
      if (nNegative > 0) nextNegative[e]! += nNegative * epn;
    }
  }
}
