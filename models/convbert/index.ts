/** Types shared by every ConvBERT path (ONNX inference, TensorFlow.js training, the model format). */
export type { ConvBertWeights, Pooling } from './ConvBertWeights';
export { POOLINGS } from './ConvBertWeights';
export { padTokenBatch, type TokenBatch } from './TokenBatch';
export { randomConvBertWeights } from './randomConvBertWeights';
export { LINCOLN_SMALL_CONFIG } from './lincolnSmallConfig';
