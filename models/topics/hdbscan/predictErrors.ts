import { ChatTopicsError, type ErrorKind } from '../../errors/ChatTopicsError';

/** Why `hdbscanPredictionData` or `approximatePredict` refused its input. */
export type HdbscanPredictErrorCode = 'INVALID_DIMS' | 'INVALID_POINTS' | 'RESULT_MISMATCH' | 'INVALID_PREDICTION_DATA';

/** Typed input error of HDBSCAN prediction; the message names the parameter, field or row at fault. */
export class HdbscanPredictError extends ChatTopicsError {
  static override readonly kind: ErrorKind = 'bad-input';
  override readonly name = 'HdbscanPredictError';
  constructor(
    readonly code: HdbscanPredictErrorCode,
    message: string,
  ) {
    super(message);
  }
}
