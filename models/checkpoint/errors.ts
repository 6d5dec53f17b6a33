import { ChatTopicsError, type ErrorKind } from '../errors/ChatTopicsError';

/** Where a checkpoint problem was found: the file, and the tensor or config field when there is one. */
export interface CheckpointErrorContext {
  /** The file (or a caller-given label such as `<bytes>`) being read. */
  file: string;
  /** The tensor concerned, under the name the file uses. */
  tensor?: string;
  /** The config field or archive entry concerned. */
  field?: string;
  cause?: unknown;
}

/**
 * Anything wrong with a checkpoint: truncated or corrupt files, refused pickle content, a config of the wrong
 * architecture, missing or wrongly shaped weights. The message always starts with the file, then names the
 * tensor or field, so it can be shown to a user as is.
 *
 * @example
 * try {
 *   readSafetensors(bytes, 'model.safetensors');
 * } catch (e) {
 *   if (e instanceof CheckpointError) console.error(e.message, e.file, e.tensor);
 * }
 */
export class CheckpointError extends ChatTopicsError {
  static override readonly kind: ErrorKind = 'bad-input';
  override readonly name = 'CheckpointError';
  readonly file: string;
  readonly tensor: string | undefined;
  readonly field: string | undefined;

  constructor(message: string, context: CheckpointErrorContext) {
    const where = [
      context.file,
      context.tensor !== undefined ? `tensor "${context.tensor}"` : null,
      context.field !== undefined ? `field "${context.field}"` : null,
    ].filter((part) => part !== null);
    super(`${where.join(': ')}: ${message}`, context.cause !== undefined ? { cause: context.cause } : undefined);
    this.file = context.file;
    this.tensor = context.tensor;
    this.field = context.field;
  }
}
