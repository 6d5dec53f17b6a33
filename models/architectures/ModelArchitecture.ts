/**
 * What every architecture's config must say about its size: the checks of a model directory (`maxTokens` within the
 * position table, a tokenizer whose ids all have an embedding row) read these two, whatever the architecture.
 */
export interface ArchitectureLimits {
  /** Longest sequence the model takes, special tokens included. */
  maxPositionEmbeddings: number;
  /** Rows of the word-embedding table: token ids must stay below it. */
  vocabSize: number;
}

/**
 * One model architecture, as a model directory names it (`manifest.json`'s `architecture.type`): how to read and
 * check its config. Pure description, no I/O: how an architecture runs (its embedder) is keyed by the same name in
 * `models/embedding/modelEmbedders.ts`, a layer up, so that the model format can read this table without importing
 * the runtime.
 */
export interface ModelArchitecture<Config extends ArchitectureLimits = ArchitectureLimits> {
  /** How messages and docs name it, e.g. `ConvBERT`. */
  readonly label: string;
  /**
   * Validates the config stored in the manifest (HF `config.json`, snake_case).
   * @param label the file or field named in errors
   * @throws CheckpointError naming the field at fault (`field`, relative to the config)
   */
  readConfig(json: Record<string, unknown>, label: string): Config;
}
