/** A typed-array UMAP: fit (spectral or random init, warm start), transform of new points, any layout dimension. */
export { fitUmap, PARALLEL_LAYOUT_MIN_POINTS, type UmapFitOptions } from './fitUmap';
export {
  optimizeLayoutParallel,
  runLayoutThread,
  ParallelLayoutError,
  type LayoutExecutor,
  type ParallelLayoutJob,
} from './parallelLayout';
export { transformUmap, type UmapTransformOptions } from './transformUmap';
export { WASM_MAX_PAGES, WASM_PAGE_BYTES } from './wasmSgdMemory';
export type { UmapModelData, UmapFitTimings } from './UmapModelData';
export { resolveUmapParams, type UmapParams, type ResolvedUmapParams } from './params';
export { UmapParamError, type UmapErrorCode } from './errors';
export { findAbParams, type CurveParams } from './curve';
export { neighbourPreservation } from './quality';
export { syntheticClusters, type SyntheticClusters } from './syntheticClusters';
