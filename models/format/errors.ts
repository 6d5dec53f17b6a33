import { ChatTopicsError, type ErrorKind } from '../errors/ChatTopicsError';

/** Where a model-directory problem was found: the file (relative to the model directory) and the field. */
export interface ModelFormatErrorContext {
  /** The model directory (or source folder) concerned. */
  dir?: string;
  /** The file inside it, e.g. `manifest.json` or `model.onnx`. */
  file?: string;
  /** The manifest or config field, as a dotted path, e.g. `source.kind` or `architecture.config.model_type`. */
  field?: string;
  cause?: unknown;
}

/**
 * Anything that stops a model directory from being written, imported or loaded: a missing or invalid
 * `manifest.json`, a listed file that is absent or whose size or sha256 differs (a partial or corrupt model), a
 * config of another architecture, a tokenizer that does not fit the model, an unsupported sentence-transformers
 * layout. The message starts with where (directory, file, field) so it can be shown to a user as is; problems found
 * by the checkpoint or tokenizer readers keep theirs as `cause`.
 *
 * @example
 * try {
 *   loadModelDir('models/twitch');
 * } catch (e) {
 *   if (e instanceof ModelFormatError) console.error(e.message, e.file, e.field);
 * }
 */
export class ModelFormatError extends ChatTopicsError {
  static override readonly kind: ErrorKind = 'bad-input';
  override readonly name = 'ModelFormatError';
  readonly dir: string | undefined;
  readonly file: string | undefined;
  readonly field: string | undefined;

  constructor(message: string, context: ModelFormatErrorContext = {}) {
    const where = [
      context.dir !== undefined && context.file !== undefined
        ? joinForMessage(context.dir, context.file)
        : (context.file ?? context.dir),
      context.field !== undefined ? `field "${context.field}"` : undefined,
    ].filter((part): part is string => part !== undefined);
    super(
      where.length > 0 ? `${where.join(': ')}: ${message}` : message,
      context.cause !== undefined ? { cause: context.cause } : undefined,
    );
    this.dir = context.dir;
    this.file = context.file;
    this.field = context.field;
  }
}

function joinForMessage(dir: string, file: string): string {
  return dir.endsWith('/') ? dir + file : `${dir}/${file}`;
}
