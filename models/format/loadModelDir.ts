import { existsSync, readFileSync, statSync } from 'node:fs';
import { join, resolve } from 'node:path';
import {
  ARCHITECTURES,
  type ArchitectureConfig,
  type ArchitectureName,
  type ArchitectureRegistry,
} from '../architectures/registry';
import { CheckpointError } from '../checkpoint/errors';
import type { Pooling } from '../convbert';
import type { UnigramTokenizer } from '../tokenizer';
import { ModelFormatError } from './errors';
import { MODEL_FILES, modelId, parseModelManifest, type ModelManifest, type TextPreprocess } from './ModelManifest';
import { parseModelTokenizer } from './modelTokenizer';
import { sha256File } from './sha256';
import { checkMaxTokens } from './maxTokens';

/** A model directory that passed every check of {@link loadModelDir}. */
export interface InstalledModel {
  /** The directory, absolute. */
  dir: string;
  manifest: ModelManifest;
  /** `<architecture>:<name>@<version>`, e.g. `convbert:twitch@1`: what embedders report as their id. */
  id: string;
  /** The manifest's `architecture.type`: which entry of the architecture registry reads and runs this model. */
  architecture: ArchitectureName;
  /** The architecture's config, as its registry entry read it. */
  config: ArchitectureConfig;
  pooling: Pooling;
  /** Truncation length including special tokens. */
  maxTokens: number;
  /** Null for an ids-only model (imported without a tokenizer). */
  tokenizer: UnigramTokenizer | null;
  preprocess: TextPreprocess;
  /** Absolute paths of the ONNX graph and the safetensors weights. */
  onnxPath: string;
  weightsPath: string;
}

/** How much of each listed file {@link loadModelDir} checks. */
export interface LoadModelOptions {
  /**
   * `full` (default): size and sha256 of every file (about 0.3 s per 100 MB). `size`: sizes only, for a quick
   * start when the directory was verified before.
   */
  verify?: 'full' | 'size';
  /** The architectures the manifest may name (default: the built-in registry; tests add their own). */
  architectures?: ArchitectureRegistry;
}

/**
 * Loads and verifies a model directory: `manifest.json` present and valid (a known format version), every file it
 * lists present with the listed size and sha256, the architecture config valid for its architecture, `maxTokens`
 * within the model's positions, and the tokenizer (when there is one) loadable with a vocabulary that fits the
 * model. Returns a complete model or throws; nothing is half-loaded. The ONNX graph and the weights are not read
 * here (beyond hashing): `OnnxConvBertSession.create(model.onnxPath)` and {@link readModelWeights} do that.
 *
 * @param dir the model directory
 * @throws ModelFormatError naming the directory, the file and the field at fault
 * @example
 * const model = loadModelDir('models/twitch');
 * model.id; // 'convbert:twitch@1'
 * const session = await OnnxConvBertSession.create(model.onnxPath);
 */
export function loadModelDir(dir: string, options: LoadModelOptions = {}): InstalledModel {
  const root = resolve(dir);
  if (!existsSync(root) || !statSync(root).isDirectory())
    throw new ModelFormatError('not found or not a directory', { dir });
  const architectures = options.architectures ?? ARCHITECTURES;
  const manifest = readManifest(dir, root, architectures);
  for (const entry of manifest.files) verifyListedFile(dir, root, entry, options.verify ?? 'full');

  const architecture = architectures[manifest.architecture.type]!;
  let config: ArchitectureConfig;
  try {
    // A test registry's config is checked for the limits only; the built-in ones are exactly ArchitectureConfig.
    config = architecture.readConfig(manifest.architecture.config, 'config') as ArchitectureConfig;
  } catch (error) {
    if (!(error instanceof CheckpointError)) throw error;
    const field = error.field !== undefined ? `architecture.config.${error.field}` : 'architecture.config';
    const hint = error.field === 'model_type' ? ` (wrong architecture: the manifest says ${architecture.label})` : '';
    throw new ModelFormatError(`invalid ${architecture.label} config${hint}: ${error.message}`, {
      dir,
      file: MODEL_FILES.manifest,
      field,
      cause: error,
    });
  }
  checkMaxTokens(manifest.maxTokens, config, 'maxTokens', { dir, file: MODEL_FILES.manifest });

  let tokenizer: UnigramTokenizer | null = null;
  if (manifest.tokenizer !== null) {
    const file = manifest.tokenizer.file;
    tokenizer = parseModelTokenizer(readFileSync(join(root, file)), config, { dir, file });
  }
  const fileOf = (role: 'weights' | 'onnx') => join(root, manifest.files.find((f) => f.role === role)!.path);
  return {
    dir: root,
    manifest,
    id: modelId(manifest),
    architecture: manifest.architecture.type,
    config,
    pooling: manifest.pooling,
    maxTokens: manifest.maxTokens,
    tokenizer,
    preprocess: manifest.tokenizer?.preprocess ?? 'none',
    onnxPath: fileOf('onnx'),
    weightsPath: fileOf('weights'),
  };
}

function readManifest(dir: string, root: string, architectures: ArchitectureRegistry): ModelManifest {
  const file = MODEL_FILES.manifest;
  const path = join(root, file);
  if (!existsSync(path))
    throw new ModelFormatError('missing: not a chat-topics model directory (or an unfinished import)', { dir, file });
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(path, 'utf8'));
  } catch (cause) {
    throw new ModelFormatError(`not valid JSON (${(cause as Error).message})`, { dir, file, cause });
  }
  return parseModelManifest(json, { dir, file }, architectures);
}

function verifyListedFile(
  dir: string,
  root: string,
  entry: ModelManifest['files'][number],
  verify: 'full' | 'size',
): void {
  const file = entry.path;
  const path = join(root, file);
  const damaged = 'partial or corrupt model';
  if (!existsSync(path) || !statSync(path).isFile())
    throw new ModelFormatError(`listed in manifest.json but missing: ${damaged}`, { dir, file });
  const size = statSync(path).size;
  if (size !== entry.bytes)
    throw new ModelFormatError(`${size} bytes, manifest.json says ${entry.bytes}: ${damaged}`, { dir, file });
  if (verify === 'full') {
    const { hex } = sha256File(path);
    if (hex !== entry.sha256)
      throw new ModelFormatError(`sha256 ${hex} differs from manifest.json's ${entry.sha256}: ${damaged}`, {
        dir,
        file,
      });
  }
}
