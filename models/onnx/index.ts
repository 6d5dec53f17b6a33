/**
 * ConvBERT as an ONNX graph written from TypeScript (our own protobuf writer, no ONNX package), and its
 * ONNX Runtime session: the inference path of the embedding engine.
 */
export { buildConvBertOnnx, type BuildConvBertOnnxOptions, type ConvPadding } from './convbert/buildConvBertOnnx';
export { CONVBERT_ONNX_INPUTS, CONVBERT_ONNX_METADATA, CONVBERT_ONNX_OUTPUTS } from './convbert/convBertOnnxContract';
export { SUPPORTED_HIDDEN_ACTS } from './convbert/activation';
export { OnnxConvBertSession, type OnnxConvBertSessionOptions, type OnnxOutput } from './OnnxConvBertSession';
export { validateTokenBatch, type TokenBatchLimits } from './validateTokenBatch';
export {
  cudaAvailability,
  CUDA_INSTALL_HINT,
  type CudaAvailability,
  type ExecutionProviderChoice,
} from './executionProvider';
export { buildMatMulOnnx } from './buildMatMulOnnx';
export { convBertFlops } from './convBertFlops';
export { InferenceError, OnnxBuildError, type InferenceErrorContext, type OnnxBuildErrorContext } from './errors';
export { OnnxGraphBuilder, ONNX_IR_VERSION, ONNX_OPSET, type OnnxBuildOptions } from './OnnxGraphBuilder';
export { encodeOnnxModel } from './protobuf/encodeOnnxModel';
export { readOnnxMetadata } from './protobuf/readOnnxMetadata';
export {
  attr,
  ONNX_DATA_TYPE,
  type OnnxAttribute,
  type OnnxDataType,
  type OnnxDim,
  type OnnxGraph,
  type OnnxModel,
  type OnnxNode,
  type OnnxTensor,
  type OnnxValueInfo,
} from './protobuf/onnxModel';
export { encodeVarint, ProtoWriter, WIRE_TYPE } from './protobuf/ProtoWriter';
export { ProtoDecodeError, readProtoFields, type ProtoField } from './protobuf/ProtoReader';
