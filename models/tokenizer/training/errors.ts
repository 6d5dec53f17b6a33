import { ChatTopicsError, type ErrorKind } from '../../errors/ChatTopicsError';

/** Where a training problem was found: the option at fault, or the training step that failed. */
export interface TokenizerTrainingErrorContext {
  /** The option of `trainUnigramTokenizer` at fault, e.g. `vocabSize` or `messages` (the corpus itself). */
  option?: string;
  /** The training step, e.g. `pruning round 3`. */
  step?: string;
  cause?: unknown;
}

/**
 * A tokenizer training that cannot go on: an option out of range, a corpus with nothing to learn from, a vocabulary
 * too small for the characters the corpus needs. The message names the option (or the step) and can be shown as is.
 *
 * @example
 * try {
 *   trainUnigramTokenizer(messages, { vocabSize: 10 });
 * } catch (e) {
 *   if (e instanceof TokenizerTrainingError) console.error(e.option, e.message);
 * }
 */
export class TokenizerTrainingError extends ChatTopicsError {
  static override readonly kind: ErrorKind = 'bad-input';
  override readonly name = 'TokenizerTrainingError';
  readonly option: string | undefined;
  readonly step: string | undefined;

  constructor(message: string, context: TokenizerTrainingErrorContext = {}) {
    const where = context.option !== undefined ? `option "${context.option}"` : context.step;
    super(
      where !== undefined ? `tokenizer training: ${where}: ${message}` : `tokenizer training: ${message}`,
      context.cause !== undefined ? { cause: context.cause } : undefined,
    );
    this.option = context.option;
    this.step = context.step;
  }
}
