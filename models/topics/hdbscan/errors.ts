import { ChatTopicsError, type ErrorKind } from '../../errors/ChatTopicsError';

/** Why `hdbscan` refused its input. */
export type HdbscanErrorCode =
  | 'INVALID_DIMS'
  | 'INVALID_POINTS'
  | 'TOO_FEW_POINTS'
  | 'INVALID_MIN_CLUSTER_SIZE'
  | 'INVALID_MIN_SAMPLES'
  | 'MIN_SAMPLES_TOO_LARGE'
  | 'INVALID_EPSILON'
  | 'INVALID_METHOD'
  | 'INVALID_MAX_CLUSTER_SIZE';

/** Typed parameter / input error, in the spirit of scikit-learn's ValueErrors. */
export class HdbscanParamError extends ChatTopicsError {
  static override readonly kind: ErrorKind = 'bad-input';
  override readonly name = 'HdbscanParamError';
  constructor(
    readonly code: HdbscanErrorCode,
    message: string,
  ) {
    super(message);
  }
}
