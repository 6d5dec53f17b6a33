import { ChatTopicsError, type ErrorKind } from '../../errors/ChatTopicsError';

/** Why `exactKnn` refused its input. */
export type KnnErrorCode = 'INVALID_DIM' | 'INVALID_VECTORS' | 'INVALID_K' | 'INVALID_METRIC' | 'INVALID_EXCLUDE_SELF';

/** Typed input error of the neighbour search; the message names the parameter or row at fault. */
export class KnnParamError extends ChatTopicsError {
  static override readonly kind: ErrorKind = 'bad-input';
  override readonly name = 'KnnParamError';
  constructor(
    readonly code: KnnErrorCode,
    message: string,
  ) {
    super(message);
  }
}
