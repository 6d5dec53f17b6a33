import { UmapParamError } from './errors';
import type { RandomStream } from '../../random';
import { randomBox, spectralLayout, type LayoutVectors } from './spectralLayout';
import type { SparseGraph } from './SparseGraph';

/**
 * umap-learn's starting layout: the spectral layout expanded to a largest coordinate of 10 plus N(0, 1e-4) noise
 * (which separates exact duplicates), or uniform in [-10, 10]; then each axis rescaled to [0, 10].
 */
export function initialLayout(
  graph: SparseGraph,
  nComponents: number,
  init: 'spectral' | 'random',
  random: RandomStream,
  source: LayoutVectors,
): Float32Array {
  const n = graph.rows;
  let layout: Float64Array;
  if (init === 'spectral') {
    layout = spectralLayout(graph, nComponents, random, source);
    let maxAbs = 0;
    for (const x of layout) maxAbs = Math.max(maxAbs, Math.abs(x));
    const expansion = maxAbs > 0 ? 10 / maxAbs : 1;
    for (let i = 0; i < layout.length; i++) layout[i] = layout[i]! * expansion + 1e-4 * random.normalFromComplement();
  } else {
    layout = randomBox(n, nComponents, 10, random);
  }
  return rescaleAxes(layout, n, nComponents);
}

/** Each axis mapped linearly onto [0, 10] (a constant axis to 0). */
function rescaleAxes(layout: Float64Array, n: number, dims: number): Float32Array {
  const out = new Float32Array(n * dims);
  for (let d = 0; d < dims; d++) {
    let lo = Infinity;
    let hi = -Infinity;
    for (let i = 0; i < n; i++) {
      lo = Math.min(lo, layout[i * dims + d]!);
      hi = Math.max(hi, layout[i * dims + d]!);
    }
    const f = hi > lo ? 10 / (hi - lo) : 0;
    for (let i = 0; i < n; i++) out[i * dims + d] = (layout[i * dims + d]! - lo) * f;
  }
  return out;
}

/**
 * A warm-start layout: rows of `initial` are kept as they are (no rescaling, so positions stay comparable with
 * the previous fit); NaN rows (new points) take the membership-weighted mean of their already placed graph
 * neighbours, pass after pass so that new points next to new points get placed too. Points with no path to a
 * placed one go uniformly into the placed points' bounding box.
 *
 * @returns null when no row is placed (nothing to start from)
 * @throws UmapParamError (INVALID_INITIAL) for a wrong length or a row mixing NaN and numbers
 */
export function warmStartLayout(
  initial: Float32Array,
  graph: SparseGraph,
  nComponents: number,
  random: RandomStream,
): Float32Array | null {
  const n = graph.rows;
  if (initial.length !== n * nComponents) {
    throw new UmapParamError(
      'INVALID_INITIAL',
      `initial layout has ${initial.length} values, expected n x nComponents = ${n} x ${nComponents}`,
    );
  }
  const out = Float32Array.from(initial);
  const placed = new Uint8Array(n);
  let missing = 0;
  for (let i = 0; i < n; i++) {
    let nan = 0;
    for (let d = 0; d < nComponents; d++) {
      const x = out[i * nComponents + d]!;
      if (Number.isNaN(x)) nan++;
      else if (!Number.isFinite(x))
        throw new UmapParamError('INVALID_INITIAL', `initial layout row ${i} has an infinite value`);
    }
    if (nan !== 0 && nan !== nComponents)
      throw new UmapParamError(
        'INVALID_INITIAL',
        `initial layout row ${i} mixes NaN and numbers (a new point's row must be all NaN)`,
      );
    placed[i] = nan === 0 ? 1 : 0;
    if (nan) missing++;
  }
  if (missing === n) return null;
  const sums = new Float64Array(nComponents);
  while (missing > 0) {
    // Placements of this pass are committed after it, so the result does not depend on the row order.
    const newly: number[] = [];
    for (let i = 0; i < n; i++) {
      if (placed[i]) continue;
      sums.fill(0);
      let total = 0;
      for (let e = graph.rowPtr[i]!; e < graph.rowPtr[i + 1]!; e++) {
        const j = graph.colIndex[e]!;
        if (!placed[j]) continue;
        const w = graph.weights[e]!;
        total += w;
        for (let d = 0; d < nComponents; d++) sums[d]! += w * out[j * nComponents + d]!;
      }
      if (total > 0) {
        for (let d = 0; d < nComponents; d++) out[i * nComponents + d] = sums[d]! / total;
        newly.push(i);
      }
    }
    if (newly.length === 0) break;
    for (const i of newly) placed[i] = 1;
    missing -= newly.length;
  }
  if (missing > 0) {
    const lo = new Float64Array(nComponents).fill(Infinity);
    const hi = new Float64Array(nComponents).fill(-Infinity);
    for (let i = 0; i < n; i++) {
      if (!placed[i]) continue;
      for (let d = 0; d < nComponents; d++) {
        lo[d] = Math.min(lo[d]!, out[i * nComponents + d]!);
        hi[d] = Math.max(hi[d]!, out[i * nComponents + d]!);
      }
    }
    for (let i = 0; i < n; i++) {
      if (placed[i]) continue;
      for (let d = 0; d < nComponents; d++) out[i * nComponents + d] = random.uniform(lo[d]!, hi[d]!);
    }
  }
  return out;
}
