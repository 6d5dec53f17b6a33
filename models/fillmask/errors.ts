import { ChatTopicsError, type ErrorKind } from '../errors/ChatTopicsError';

/** Where a fill-mask request failed: the model directory and, for text errors, the text. */
export interface FillMaskErrorContext {
  dir?: string;
  text?: string;
  cause?: unknown;
}

/**
 * A fill-mask request that cannot be answered: no `<mask>` or more than one in the text, a model without an MLM
 * head or without a tokenizer (or one with no `<mask>` token), a mask cut off by the model's length limit.
 */
export class FillMaskError extends ChatTopicsError {
  static override readonly kind: ErrorKind = 'bad-input';
  readonly dir: string | undefined;
  readonly text: string | undefined;

  constructor(message: string, context: FillMaskErrorContext = {}) {
    super(`${context.dir !== undefined ? `${context.dir}: ` : ''}${message}`, { cause: context.cause });
    this.name = 'FillMaskError';
    this.dir = context.dir;
    this.text = context.text;
  }
}
