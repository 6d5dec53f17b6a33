import { ChatTopicsError, type ErrorKind } from '../errors/ChatTopicsError';

/** Where a tokenizer problem was found: the file (or a label such as `<json>`), and the field when there is one. */
export interface TokenizerErrorContext {
  /** The tokenizer.json file, or the label given to `fromJson`. */
  file?: string;
  /** The JSON path of the offending field, e.g. `model.type` or `added_tokens[3].id`. */
  field?: string;
  cause?: unknown;
}

/**
 * Anything wrong with a tokenizer: an unreadable, malformed or unsupported `tokenizer.json` (the message names the
 * file and the field), or text refused under `onUnknown: 'error'`. The message can be shown to a user as is.
 *
 * @example
 * try {
 *   await UnigramTokenizer.fromFile('models/x/tokenizer.json');
 * } catch (e) {
 *   if (e instanceof TokenizerError) console.error(e.message, e.file, e.field);
 * }
 */
export class TokenizerError extends ChatTopicsError {
  static override readonly kind: ErrorKind = 'bad-input';
  override readonly name = 'TokenizerError';
  readonly file: string | undefined;
  readonly field: string | undefined;

  constructor(message: string, context: TokenizerErrorContext = {}) {
    const where = [context.file, context.field !== undefined ? `field "${context.field}"` : undefined].filter(
      (part): part is string => part !== undefined,
    );
    super(
      where.length > 0 ? `${where.join(': ')}: ${message}` : message,
      context.cause !== undefined ? { cause: context.cause } : undefined,
    );
    this.file = context.file;
    this.field = context.field;
  }
}
