import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { readConvBertConfig, type ConvBertConfig } from './convbertConfig';
import { CheckpointError } from './errors';
import { readSafetensors } from './safetensors';
import type { Tensor } from './Tensor';
import { readTorchBin } from './torchBin';
import { selectConvBertWeights } from './weightNames';

/** A loaded and validated HF ConvBERT checkpoint. */
export interface HfConvBertCheckpoint {
  config: ConvBertConfig;
  /** Encoder weights under their normalised names (no `convbert.` prefix), in module order, all float32. */
  encoder: Map<string, Tensor>;
  /**
   * `generator_predictions.*` and `generator_lm_head.bias`, or null when the file has no MLM head.
   * `generator_lm_head.weight` is present only when the file stores it; otherwise it is tied to
   * `encoder.get('embeddings.word_embeddings.weight')`.
   */
  mlmHead: Map<string, Tensor> | null;
  /** Which weights file was read. */
  source: 'safetensors' | 'pytorch_model.bin';
}

/**
 * Loads a HF ConvBERT model folder: `config.json`, plus `model.safetensors` when present, else
 * `pytorch_model.bin`. Accepts `ConvBertModel` and `ConvBertFor*` checkpoints (with or without the `convbert.`
 * prefix), skips `embeddings.position_ids`, and validates every weight against the config
 * ({@link expectedConvBertWeights}). Either returns a complete checkpoint or throws; nothing is half-loaded.
 *
 * @param dir the model folder
 * @param options `allowUnexpected`: ignore tensors that belong to neither the encoder nor the MLM head (a
 *   classifier head, say) instead of refusing the file
 * @throws CheckpointError naming the file and the field or tensor at fault
 * @example
 * const { config, encoder, mlmHead, source } = loadHfConvBertCheckpoint('models/convbert-small');
 * encoder.get('embeddings.word_embeddings.weight')?.shape; // [config.vocabSize, config.embeddingSize]
 */
export function loadHfConvBertCheckpoint(
  dir: string,
  options: { allowUnexpected?: boolean } = {},
): HfConvBertCheckpoint {
  const configPath = join(dir, 'config.json');
  if (!existsSync(configPath))
    throw new CheckpointError('not found: a HF model folder needs config.json', { file: configPath });
  let json: unknown;
  try {
    json = JSON.parse(readFileSync(configPath, 'utf8'));
  } catch (cause) {
    throw new CheckpointError(`not valid JSON (${(cause as Error).message})`, { file: configPath, cause });
  }
  const config = readConvBertConfig(json, configPath);

  const safetensorsPath = join(dir, 'model.safetensors');
  const binPath = join(dir, 'pytorch_model.bin');
  let tensors: Map<string, Tensor>;
  let source: HfConvBertCheckpoint['source'];
  let file: string;
  if (existsSync(safetensorsPath)) {
    file = safetensorsPath;
    tensors = readSafetensors(readFileSync(safetensorsPath), safetensorsPath);
    source = 'safetensors';
  } else if (existsSync(binPath)) {
    file = binPath;
    tensors = readTorchBin(readFileSync(binPath), binPath);
    source = 'pytorch_model.bin';
  } else {
    const sharded = ['model.safetensors.index.json', 'pytorch_model.bin.index.json'].find((f) =>
      existsSync(join(dir, f)),
    );
    throw new CheckpointError(
      sharded !== undefined
        ? `sharded checkpoints (${sharded}) are not supported: no model.safetensors or pytorch_model.bin`
        : 'no weights: neither model.safetensors nor pytorch_model.bin is there',
      { file: dir },
    );
  }
  const { encoder, mlmHead } = selectConvBertWeights(tensors, config, file, options);
  return { config, encoder, mlmHead, source };
}
