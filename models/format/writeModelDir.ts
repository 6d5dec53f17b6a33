import { join } from 'node:path';
import {
  CheckpointError,
  readConvBertConfig,
  selectConvBertWeights,
  writeSafetensors,
  type ConvBertConfig,
  type Tensor,
} from '../checkpoint';
import type { ConvBertWeights, Pooling } from '../convbert';
import { buildConvBertOnnx } from '../onnx';
import { convBertConfigToHfJson } from './convBertConfigJson';
import { ModelFormatError } from './errors';
import {
  MODEL_FILES,
  MODEL_FORMAT,
  MODEL_FORMAT_VERSION,
  MODEL_NAME_PATTERN,
  MODEL_VERSION_PATTERN,
  parseModelManifest,
  type ModelFileEntry,
  type ModelManifest,
  type ModelSource,
  type TextPreprocess,
} from './ModelManifest';
import { checkMaxTokens, defaultMaxTokens } from './maxTokens';
import { assertPublishable, publishDir, writeFileDurably } from './publishDir';
import { sha256Hex } from './sha256';
import { parseModelTokenizer } from './modelTokenizer';

/** Everything a model directory is made of. */
export interface ModelDirInput {
  name: string;
  version: string;
  source: ModelSource;
  weights: ConvBertWeights;
  /**
   * The HF `config.json` object to store, as read (snake_case, unknown keys kept). Default: built from
   * `weights.config` ({@link convBertConfigToHfJson}). It must describe the same shapes as the weights.
   */
  hfConfig?: Record<string, unknown>;
  pooling: Pooling;
  /** Truncation length including special tokens; default min(128, max_position_embeddings). */
  maxTokens?: number;
  /** The `tokenizer.json` bytes (stored unchanged) and how texts are prepared; null for an ids-only model. */
  tokenizer: { json: Uint8Array; preprocess: TextPreprocess } | null;
  metrics?: Record<string, unknown>;
  notes?: string;
  /** Default: now. */
  created?: Date;
}

/** What {@link writeModelDir} wrote. */
export interface WrittenModelDir {
  /** The directory as given. */
  dir: string;
  manifest: ModelManifest;
}

/**
 * Writes a model directory: `model.safetensors` (encoder plus MLM head when `weights.mlmHead` is set),
 * `model.onnx` (the encoder only: ONNX Runtime would compute a head's `logits` even when only `cls` is asked for,
 * about 30% of the full-size model's time; a fill-mask graph is built from the safetensors when needed),
 * `tokenizer.json` when given, and `manifest.json` with each
 * file's size and sha256. Everything is validated first (name, version, config against the weights, tokenizer
 * vocabulary against the model's, `maxTokens`), the files are written into a temporary sibling and the directory
 * appears under `outDir` only when complete (see {@link publishDir}).
 *
 * @param outDir the model directory to create
 * @param input the model
 * @param options `overwrite`: replace an existing non-empty model directory (one holding `manifest.json`)
 * @throws ModelFormatError for invalid input or an existing non-empty `outDir`; nothing is written then
 * @example
 * const { manifest } = writeModelDir('models/tiny', {
 *   name: 'tiny', version: '1', source: { kind: 'training', ref: 'simcse-run-3' },
 *   weights, pooling: 'cls', tokenizer: { json: readFileSync('tokenizer.json'), preprocess: 'chat' },
 * });
 */
export function writeModelDir(
  outDir: string,
  input: ModelDirInput,
  options: { overwrite?: boolean } = {},
): WrittenModelDir {
  const publish = { overwrite: options.overwrite, marker: MODEL_FILES.manifest };
  assertPublishable(outDir, publish);
  const fail = (field: string, message: string) => new ModelFormatError(message, { field });

  if (!MODEL_NAME_PATTERN.test(input.name))
    throw fail('name', `"${input.name}" must be 1-100 of A-Z a-z 0-9 . _ - (starting with a letter or digit)`);
  if (!MODEL_VERSION_PATTERN.test(input.version))
    throw fail('version', `"${input.version}" must be 1-50 of A-Z a-z 0-9 . _ + - (starting with a letter or digit)`);
  const hfConfig = input.hfConfig ?? convBertConfigToHfJson(input.weights.config);
  const config = configMatchingWeights(hfConfig, input.weights);
  const maxTokens = input.maxTokens ?? defaultMaxTokens(config);
  checkMaxTokens(maxTokens, config, 'maxTokens');
  if (input.tokenizer !== null) parseModelTokenizer(input.tokenizer.json, config, { file: MODEL_FILES.tokenizer });

  const weightsBytes = writeSafetensors(allTensors(input.weights), { format: 'pt' });
  const onnxBytes = buildConvBertOnnx(input.weights);
  const payload: { entry: Omit<ModelFileEntry, 'bytes' | 'sha256'>; bytes: Uint8Array }[] = [
    { entry: { path: MODEL_FILES.weights, role: 'weights' }, bytes: weightsBytes },
    { entry: { path: MODEL_FILES.onnx, role: 'onnx' }, bytes: onnxBytes },
  ];
  if (input.tokenizer !== null)
    payload.push({ entry: { path: MODEL_FILES.tokenizer, role: 'tokenizer' }, bytes: input.tokenizer.json });

  const manifest = parseModelManifest(
    {
      format: MODEL_FORMAT,
      formatVersion: MODEL_FORMAT_VERSION,
      name: input.name,
      version: input.version,
      created: (input.created ?? new Date()).toISOString(),
      source: input.source,
      architecture: { type: 'convbert', config: hfConfig },
      pooling: input.pooling,
      maxTokens,
      tokenizer:
        input.tokenizer === null ? null : { file: MODEL_FILES.tokenizer, preprocess: input.tokenizer.preprocess },
      mlmHead: input.weights.mlmHead !== null,
      files: payload.map(({ entry, bytes }) => ({ ...entry, bytes: bytes.length, sha256: sha256Hex(bytes) })),
      ...(input.metrics !== undefined ? { metrics: input.metrics } : {}),
      ...(input.notes !== undefined ? { notes: input.notes } : {}),
    },
    { file: `${MODEL_FILES.manifest} (being written)` },
  );

  publishDir(outDir, publish, (tmp) => {
    for (const { entry, bytes } of payload) writeFileDurably(join(tmp, entry.path), bytes);
    // Last: a directory with a manifest is a complete one.
    writeFileDurably(
      join(tmp, MODEL_FILES.manifest),
      new TextEncoder().encode(JSON.stringify(manifest, null, 2) + '\n'),
    );
  });
  return { dir: outDir, manifest };
}

/** Encoder then MLM head tensors, under their stored (normalised) names. */
function allTensors(weights: ConvBertWeights): Tensor[] {
  return [...weights.encoder.values(), ...(weights.mlmHead?.values() ?? [])];
}

/** Reads `hfConfig` and checks every weight against it, so the directory never pairs a config with other shapes. */
function configMatchingWeights(hfConfig: Record<string, unknown>, weights: ConvBertWeights): ConvBertConfig {
  let config: ConvBertConfig;
  try {
    config = readConvBertConfig(hfConfig, 'config');
  } catch (error) {
    if (!(error instanceof CheckpointError)) throw error;
    const field = error.field !== undefined ? `architecture.config.${error.field}` : 'architecture.config';
    throw new ModelFormatError(`invalid ConvBERT config: ${error.message}`, { field, cause: error });
  }
  const byName = new Map<string, Tensor>();
  for (const t of allTensors(weights)) byName.set(t.name, t);
  try {
    selectConvBertWeights(byName, config, 'weights');
  } catch (error) {
    if (!(error instanceof CheckpointError)) throw error;
    throw new ModelFormatError(`the weights do not fit the config: ${error.message}`, {
      field: 'weights',
      cause: error,
    });
  }
  return config;
}
