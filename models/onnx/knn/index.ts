export { buildCosineTopKOnnx } from './buildCosineTopKOnnx';
export { OnnxCosineKnn, type OnnxCosineKnnOptions } from './OnnxCosineKnn';
export { onnxNeighbourSearch, ONNX_KNN_MIN_VECTORS } from './onnxNeighbourSearch';
