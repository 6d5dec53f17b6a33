import { xorshift32 } from '../../random';
import { FastPow } from './FastPow';

/** Edges in SGD order with umap-learn's sampling schedule: an edge of weight w is used every max/w epochs. */
export interface EdgeSchedule {
  head: Int32Array;
  tail: Int32Array;
  epochsPerSample: Float64Array;
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
  /**
   * Which inner loop runs the epochs: 'wasm' the WebAssembly SIMD kernel (float32 lanes, an edge's negative samples
   * overlapped: 4-5x faster), 'wasm-sequential' the same with umap-learn's one-after-the-other negative samples
   * (~3x), 'js' this file's SgdKernel (float64 arithmetic), 'auto' (default) 'wasm' where the runtime has
   * WebAssembly SIMD and the layout has at most WASM_SGD_MAX_DIMS dimensions, else 'js'. Each is deterministic;
   * they give different layouts of the same quality.
   */
  kernel?: SgdKernelChoice;
}

export type SgdKernelChoice = 'auto' | 'wasm' | 'wasm-sequential' | 'js';

/**
 * The schedule's per-edge clocks: when each edge is next due for a positive sample and for its negative ones. Plain
 * typed arrays, which may live in SharedArrayBuffers so that threads owning disjoint edge ranges share one set.
 */
export interface SgdEdgeClocks {
  nextSample: Float64Array;
  epochsPerNegative: Float64Array;
  nextNegative: Float64Array;
}

/** Gradient components are clipped to [-4, 4] (umap-learn's clip). */
const CLIP = 4;

/**
 * The clocks at the start of the SGD, in `alloc`'s arrays (plain ones by default).
 *
 * @param alloc makes a zeroed Float64Array of the given length (e.g. over a SharedArrayBuffer)
 */
export function startEdgeClocks(
  epochsPerSample: Float64Array,
  negativeSampleRate: number,
  alloc: (length: number) => Float64Array = (length) => new Float64Array(length),
): SgdEdgeClocks {
  const m = epochsPerSample.length;
  const nextSample = alloc(m);
  const epochsPerNegative = alloc(m);
  const nextNegative = alloc(m);
  for (let e = 0; e < m; e++) {
    const eps = epochsPerSample[e]!;
    nextSample[e] = eps;
    epochsPerNegative[e] = negativeSampleRate > 0 ? eps / negativeSampleRate : Infinity;
    nextNegative[e] = epochsPerNegative[e]!;
  }
  return { nextSample, epochsPerNegative, nextNegative };
}

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

/** What every pass of one SGD run shares: the settings and x^b's tables. */
export class SgdKernel {
  private readonly power: FastPow;

  constructor(readonly settings: SgdSettings) {
    this.power = new FastPow(settings.b);
  }

  /**
   * One epoch of umap-learn's optimize_layout_euclidean over the edges [from, to): every edge due for a sample pulls
   * its head towards its tail (attractive gradient of the a/b curve), then its head is pushed away from a few
   * uniformly drawn tail points (negative samples). Edges are visited in order and negative samples come from the
   * xorshift32 stream `seedState`, so the pass is deterministic. Mutates `head` (and `tail` with moveOther) and the
   * clocks of the edges it visits.
   *
   * The step is folded into the clip (clip(g, 4) alpha = clip(g alpha, 4 alpha) for alpha >= 0) to save a multiply
   * per component; x^b goes through FastPow (Math.pow's transcendental calls were half of the loop's time).
   *
   * @param epoch 0-based; sets the step size, decaying linearly from initialAlpha
   * @param seedState non-zero 32-bit xorshift state
   * @returns the xorshift state after the pass's draws
   */
  pass(
    head: Float32Array,
    tail: Float32Array,
    nTail: number,
    schedule: EdgeSchedule,
    clocks: SgdEdgeClocks,
    from: number,
    to: number,
    epoch: number,
    seedState: number,
  ): number {
    const { dims, nEpochs, a, b, gamma, initialAlpha, moveOther } = this.settings;
    const power = this.power;
    const heads = schedule.head;
    const tails = schedule.tail;
    const eps = schedule.epochsPerSample;
    const { nextSample, epochsPerNegative, nextNegative } = clocks;
    const twoAB = 2 * a * b;
    const twoGammaB = 2 * gamma * b;
    // Maps a uint32 onto 0..nTail-1 by multiplication: `%` on values above 2^31 falls back to a slow float modulo.
    const toTail = nTail / 4294967296;
    const alpha = initialAlpha * (1 - epoch / nEpochs);
    const limit = CLIP * alpha;
    // Epochs count from 1 here, so an edge sampled every e epochs is used floor(nEpochs / e) times.
    const now = epoch + 1;
    let s = seedState;
    for (let e = from; e < to; e++) {
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
    return s;
  }
}
