import { ChatTopicsError, type ErrorKind } from '../errors/ChatTopicsError';

/** Where a TensorFlow.js ConvBERT problem was found: the method, and the input row/field when there is one. */
export interface ConvBertTfErrorContext {
  /** The call at fault, e.g. `ConvBertTf.encode`. */
  where: string;
  /** The input field concerned, e.g. `inputIds`. */
  field?: string;
  /** The batch row concerned. */
  row?: number;
}

/**
 * Inputs the TensorFlow.js ConvBERT cannot run on: a token id outside the vocabulary, a batch longer than the
 * position table, arrays of the wrong length, a disposed model. The message starts with where it happened.
 *
 * @example
 * try {
 *   model.encode(batch);
 * } catch (e) {
 *   if (e instanceof ConvBertTfError) console.error(e.message, e.field, e.row);
 * }
 */
export class ConvBertTfError extends ChatTopicsError {
  static override readonly kind: ErrorKind = 'bad-input';
  override readonly name = 'ConvBertTfError';
  readonly where: string;
  readonly field: string | undefined;
  readonly row: number | undefined;

  constructor(message: string, context: ConvBertTfErrorContext) {
    const parts = [
      context.where,
      context.field !== undefined ? `field "${context.field}"` : null,
      context.row !== undefined ? `row ${context.row}` : null,
    ];
    super(`${parts.filter((p) => p !== null).join(': ')}: ${message}`);
    this.where = context.where;
    this.field = context.field;
    this.row = context.row;
  }
}
