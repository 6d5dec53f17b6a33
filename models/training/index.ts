/**
 * The training chain in TensorFlow.js: tokenizer, ELECTRA pretraining, masked LM, unsupervised SimCSE, with
 * presets, checkpoints and resume, writing a model directory of our format.
 */
export { runTrainingChain, type TrainingChainOptions, type TrainingChainResult } from './runTrainingChain';
export { DEFAULT_PRESET, listPresets, resolvePreset, TrainingPresetSchema, type TrainingPreset } from './presets';
export { TrainingCancelledError, TrainingError, type TrainingErrorContext } from './errors';
export { splitHeldOut, type CorpusMessage, type CorpusSplit } from './data/CorpusMessage';
export { windowSequences, type WindowOptions } from './data/windowSequences';
export { maskTokens, type MaskedRow, type MaskOptions } from './data/maskTokens';
export { BatchSampler, type SamplerCursor } from './data/BatchSampler';
export { AdamW, decaysByDefault, type AdamWOptions } from './optim/AdamW';
export { accumulateGradients, clipByGlobalNorm } from './optim/accumulateGradients';
export { learningRateAt } from './optim/learningRate';
export { benchmarkTrainingStages, type BenchmarkOptions, type StageBenchmark } from './benchmarkStages';
