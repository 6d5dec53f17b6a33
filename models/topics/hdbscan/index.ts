export { hdbscan, validateHdbscanInput, type HdbscanParams, type HdbscanResult } from './hdbscan';
export { HdbscanParamError, type HdbscanErrorCode } from './errors';
export type { ClusterSelectionMethod } from './selectClusters';
export { outlierScores } from './glosh';
export {
  approximatePredict,
  leaveOneOutPredict,
  hdbscanPredictionData,
  type HdbscanPrediction,
  type HdbscanPredictionData,
} from './predict';
export { HdbscanPredictError, type HdbscanPredictErrorCode } from './predictErrors';
export { attachNoise, attachPoints, type NoiseAttachment } from './attachNoise';
