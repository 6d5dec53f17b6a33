/**
 * ConvBERT in TensorFlow.js, matching HF's ConvBERT and trainable on the wasm backend: backend set-up, the
 * model, and the differentiable building blocks a training loop needs.
 */
export { initTfBackend, type TfBackendInfo, type TfBackendName, type TfBackendOptions } from './tfBackend';
export {
  ConvBertTf,
  type ConvPadding,
  type EncodeOptions,
  type EncodeResult,
  type SharedVariablesOptions,
} from './ConvBertTf';
export type { SelfAttentionTrace } from './ConvBertSelfAttentionTf';
export { ConvBertTfError, type ConvBertTfErrorContext } from './errors';
export { maskedLmLoss, MLM_IGNORE_INDEX } from './maskedLmLoss';
// Differentiable pieces a training loop needs beside the model: picking masked rows, plain-product similarity.
export { gatherRows } from './ops/gatherRows';
export { matMulPlain } from './ops/linear';
// Shared by training code: the gelu of HF and the dense layer whose gradients stay on wasm's fast path.
export { gelu } from './ops/activations';
export { linear } from './ops/linear';
export { layerNorm } from './ops/layerNorm';
