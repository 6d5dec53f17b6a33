export { silhouetteSamples, clusterSilhouettes, type SilhouetteOptions } from './silhouette';
export { rowSilhouettes, estimateSilhouettes } from './rowSilhouettes';
export { normalizedMutualInformation } from './normalizedMutualInformation';
export { adjustedRandIndex } from './adjustedRandIndex';
export { noiseRate } from './noiseRate';
export type { Label } from './encodeLabels';
export { MetricsInputError, type MetricsErrorCode } from './errors';
export { purity } from './purity';
