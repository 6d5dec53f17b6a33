export { findMoments, momentOfTopics, type MomentParams, type MomentsResult } from './findMoments';
export {
  rowCosine,
  sparseCosine,
  sparseTextRows,
  sparseTextVectors,
  type SparseRows,
  type SparseVector,
} from './sparseTextVectors';
export { timeLocalAverageLinkage, type RowDistances, type TimeLocalLinkageOptions } from './timeLocalAverageLinkage';
export { windowCosines, type WindowCosines } from './windowCosines';
export { isReaction } from './isReaction';
