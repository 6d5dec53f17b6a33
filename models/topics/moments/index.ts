export { findMoments, momentOfTopics, type MomentParams, type MomentsResult } from './findMoments';
export { sparseCosine, sparseTextVectors, type SparseVector } from './sparseTextVectors';
export { timeLocalAverageLinkage, type TimeLocalLinkageOptions } from './timeLocalAverageLinkage';
export { isReaction } from './isReaction';
