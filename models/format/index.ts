/**
 * Our on-disk model format: a directory with `manifest.json` (validated, hashed file list), `model.safetensors`,
 * `model.onnx` and `tokenizer.json`; writing it atomically, loading it with full verification, and importing
 * HuggingFace ConvBERT folders (transformers or sentence-transformers layouts) into it, and exporting it back.
 */
export { ModelFormatError, type ModelFormatErrorContext } from './errors';
export {
  MODEL_FILES,
  MODEL_FORMAT,
  MODEL_FORMAT_VERSION,
  MODEL_NAME_PATTERN,
  MODEL_VERSION_PATTERN,
  architectureOfModelId,
  modelId,
  parseModelManifest,
  type ModelFileEntry,
  type ModelFileRole,
  type ModelManifest,
  type ModelSource,
  type TextPreprocess,
} from './ModelManifest';
export { writeModelDir, type ModelDirInput, type WrittenModelDir } from './writeModelDir';
export { checkMaxTokens, DEFAULT_MAX_TOKENS, defaultMaxTokens } from './maxTokens';
export { loadModelDir, type InstalledModel, type LoadModelOptions } from './loadModelDir';
export { readModelWeights } from './readModelWeights';
export { importHfModel, type HfImportReport, type ImportHfModelOptions, type Provenance } from './importHfModel';
export { exportHfModel, HF_MODEL_FILES, type ExportHfModelOptions, type HfExportReport } from './exportHfModel';
export { hfTokenizerConfig, HF_TOKENIZER_FILES } from './hfTokenizerConfig';
export {
  parseSentenceTransformersModules,
  readPoolingConfig,
  readSentenceBertConfig,
  SENTENCE_TRANSFORMERS_FILES,
  sentenceTransformersFiles,
  type SentenceBertConfig,
  type SentenceTransformersLayout,
} from './sentenceTransformers';
export { convBertConfigToHfJson } from './convBertConfigJson';
export { sha256File, sha256Hex } from './sha256';
