import { ChatTopicsError, type ErrorKind } from '../../errors/ChatTopicsError';

/** Why a clustering metric refused its input. */
export type MetricsErrorCode =
  'INVALID_DIMS' | 'INVALID_POINTS' | 'INVALID_LABELS' | 'LENGTH_MISMATCH' | 'INVALID_OPTION';

/** Typed input error of the clustering metrics; the message names the argument, option or row at fault. */
export class MetricsInputError extends ChatTopicsError {
  static override readonly kind: ErrorKind = 'bad-input';
  override readonly name = 'MetricsInputError';
  constructor(
    readonly code: MetricsErrorCode,
    message: string,
  ) {
    super(message);
  }
}
