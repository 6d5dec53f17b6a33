import { readFileSync } from 'node:fs';
import { CheckpointError, readSafetensors, selectConvBertWeights } from '../checkpoint';
import type { ConvBertWeights } from '../convbert';
import { ModelFormatError } from './errors';
import type { InstalledModel } from './loadModelDir';

/**
 * Reads a loaded model's `model.safetensors` back into {@link ConvBertWeights}, validated against its config
 * (every encoder weight present with the config's shape) and against the manifest (MLM head present exactly when
 * `manifest.mlmHead` says so). The starting point of fine-tuning and of re-exports.
 *
 * @throws ModelFormatError naming the weights file, with the checkpoint reader's error as `cause`
 * @example
 * const weights = readModelWeights(loadModelDir('models/twitch'));
 * weights.encoder.get('embeddings.word_embeddings.weight')?.shape; // [vocab_size, embedding_size]
 */
export function readModelWeights(model: InstalledModel): ConvBertWeights {
  const file = model.manifest.files.find((f) => f.role === 'weights')!.path;
  const context = { dir: model.dir, file };
  let selected: ReturnType<typeof selectConvBertWeights>;
  try {
    selected = selectConvBertWeights(readSafetensors(readFileSync(model.weightsPath), file), model.config, file);
  } catch (error) {
    if (!(error instanceof CheckpointError)) throw error;
    throw new ModelFormatError(`unreadable weights: ${error.message}`, { dir: model.dir, cause: error });
  }
  const hasHead = selected.mlmHead !== null;
  if (hasHead !== model.manifest.mlmHead) {
    throw new ModelFormatError(
      `manifest.json says mlmHead ${model.manifest.mlmHead}, the file ${hasHead ? 'has' : 'has no'} MLM head`,
      context,
    );
  }
  return { config: model.config, encoder: selected.encoder, mlmHead: selected.mlmHead };
}
