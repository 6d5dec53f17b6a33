export { findMoments, momentOfTopics, type MomentParams, type MomentsResult } from './findMoments';
export { rowCosine, sparseTextRows, type SparseRows } from './sparseTextVectors';
export { timeLocalAverageLinkage, type RowDistances, type TimeLocalLinkageOptions } from './timeLocalAverageLinkage';
export { windowCosines, type WindowCosines } from './windowCosines';
export { isReaction } from './isReaction';
