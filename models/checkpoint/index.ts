/**
 * Model checkpoint I/O: safetensors (read and write), torch.save `.bin` files (read, through a safe pickle
 * subset), HF ConvBERT configs and weight names. No server code is imported here.
 */
export { CheckpointError, type CheckpointErrorContext } from './errors';
export {
  formatShape,
  sameShape,
  shapeSize,
  TENSOR_DTYPE_BYTES,
  type Tensor,
  type TensorDataByDType,
  type TensorDType,
} from './Tensor';
export { readSafetensors, readSafetensorsHeader, writeSafetensors, type SafetensorsHeader } from './safetensors';
export { openZip, looksLikeZip, type ZipArchive, type ZipEntry } from './zipReader';
export {
  ALLOWED_PICKLE_GLOBALS,
  loadTorchPickle,
  PickleDict,
  PickleGlobal,
  PickleList,
  PickleTuple,
  SUPPORTED_PICKLE_OPCODES,
  TORCH_STORAGE_TYPES,
  TorchStorageRef,
  TorchTensorRef,
  type PickleKey,
  type PickleValue,
  type TorchStorageDType,
} from './pickle';
export { readTorchBin } from './torchBin';
export {
  KNOWN_HIDDEN_ACTS,
  readConvBertConfig,
  type ConvBertConfig,
  type ConvBertDerivedSizes,
} from './convbertConfig';
export {
  CONVBERT_PREFIX,
  expectedConvBertWeights,
  hfConvBertWeightName,
  normaliseConvBertWeightName,
  reportConvBertWeights,
  selectConvBertWeights,
  SKIPPED_BUFFERS,
  TIED_LM_HEAD_WEIGHT,
  type ConvBertWeightReport,
  type ExpectedWeight,
  type HfConvBertLayout,
  type WeightNameKind,
} from './weightNames';
export { loadHfConvBertCheckpoint, type HfConvBertCheckpoint } from './loadHfConvBertCheckpoint';
