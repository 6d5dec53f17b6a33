import { ARCHITECTURES, type ArchitectureName, type ArchitectureRegistry } from '../architectures/registry';
import { loadModelDir, type InstalledModel } from '../format/loadModelDir';
import type { ExecutionProviderChoice } from './ConvBertEmbedder';
import type { Embedder } from './Embedder';
import { EmbedderSpecError } from './errors';

/** How a model embedder runs (each architecture takes what applies to it). */
export interface ModelEmbedderOptions {
  /** ONNX Runtime intra-op threads (or the architecture's equivalent). */
  threads?: number;
  executionProvider?: ExecutionProviderChoice;
  /** Most sequences per run. */
  maxBatchSize?: number;
}

/** Builds the embedder of a verified model directory of one architecture. */
export type ModelEmbedderFactory = (model: InstalledModel, options: ModelEmbedderOptions) => Promise<Embedder>;

/**
 * How each architecture of the registry embeds, by the same name. The mapped type makes a registry entry without an
 * embedder a compile error. Runtime code is imported on first use, so a server that embeds with the bag-of-words
 * baseline never loads ONNX Runtime.
 */
export const MODEL_EMBEDDERS: { readonly [K in ArchitectureName]: ModelEmbedderFactory } = {
  convbert: async (model, options) => {
    const { ConvBertEmbedder } = await import('./ConvBertEmbedder');
    return ConvBertEmbedder.fromModel(model, options);
  },
};

/** The two tables a model embedder is found in: the built-in ones, or a test's copies with one more architecture. */
export interface ModelEmbedderTables {
  architectures: ArchitectureRegistry;
  embedders: Readonly<Record<string, ModelEmbedderFactory>>;
}

const BUILTIN_TABLES: ModelEmbedderTables = { architectures: ARCHITECTURES, embedders: MODEL_EMBEDDERS };

/**
 * Loads (and verifies) a model directory, then builds the embedder its architecture names.
 *
 * @param options.architecture when given, the architecture the directory must hold (a spec that names one)
 * @throws ModelFormatError for a missing, partial, corrupt or unknown-architecture model; EmbedderSpecError when
 *   the model is not of `options.architecture`, or its architecture has no embedder
 * @example
 * const embedder = await loadModelEmbedder('models/twitch-fr', { threads: 2 });
 * embedder.id; // 'convbert:twitch-fr@1'
 */
export async function loadModelEmbedder(
  dir: string,
  options: ModelEmbedderOptions & { architecture?: string } = {},
  tables: ModelEmbedderTables = BUILTIN_TABLES,
): Promise<Embedder> {
  const model = loadModelDir(dir, { architectures: tables.architectures });
  if (options.architecture !== undefined && model.architecture !== options.architecture) {
    throw new EmbedderSpecError(`${dir}: holds a ${model.architecture} model, not ${options.architecture}`);
  }
  const factory = tables.embedders[model.architecture];
  if (factory === undefined)
    throw new EmbedderSpecError(`${dir}: no embedder for architecture "${model.architecture}"`);
  return factory(model, options);
}
