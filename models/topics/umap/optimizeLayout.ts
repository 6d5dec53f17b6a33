import { SgdKernel, startEdgeClocks, type EdgeSchedule, type SgdSettings } from './sgdPass';
import type { SparseGraph } from './SparseGraph';
import { optimizeLayoutWasm } from './wasmOptimizeLayout';

export type { EdgeSchedule, SgdKernelChoice, SgdSettings } from './sgdPass';

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

/**
 * umap-learn's optimize_layout_euclidean: `nEpochs` passes of {@link SgdKernel.pass} over every edge, the step size
 * decaying linearly; one xorshift32 stream for the negative samples, so the result is deterministic. Mutates `head`
 * (and `tail` with moveOther; in a fit both are the same array). `optimizeLayoutParallel` splits the same work
 * over threads. `settings.kernel` picks the inner loop: by default the WebAssembly SIMD kernel
 * (wasmOptimizeLayout), else this file's JS one.
 *
 * Cost per epoch: (sum of weights / max weight) positive samples, each with negativeSampleRate negative ones,
 * O(dims) each. At 13k real chat messages, 100 neighbours, 10 dimensions that is ~183k positive and ~900k negative
 * samples: ~80 ms an epoch with the JS kernel on a quiet core of a 2-vCPU EPYC; the WebAssembly one is 3.7-6x
 * faster (`npm run bench -- umap --variants single+js,single`).
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
  if (optimizeLayoutWasm(head, tail, nTail, schedule, settings, seedState)) return;
  const kernel = new SgdKernel(settings);
  const clocks = startEdgeClocks(schedule.epochsPerSample, settings.negativeSampleRate);
  const m = schedule.epochsPerSample.length;
  let s = seedState | 0 || 1;
  for (let epoch = 0; epoch < settings.nEpochs; epoch++)
    s = kernel.pass(head, tail, nTail, schedule, clocks, 0, m, epoch, s);
}
