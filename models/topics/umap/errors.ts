import { ChatTopicsError, type ErrorKind } from '../../errors/ChatTopicsError';

/** Why fitUmap / transformUmap refused their input. */
export type UmapErrorCode =
  | 'INVALID_DIM'
  | 'INVALID_VECTORS'
  | 'TOO_FEW_POINTS'
  | 'INVALID_PARAM'
  | 'INVALID_KNN'
  | 'INVALID_INITIAL'
  | 'INVALID_MODEL';

/** Typed input error of the UMAP code; the message names the parameter, field or row at fault. */
export class UmapParamError extends ChatTopicsError {
  static override readonly kind: ErrorKind = 'bad-input';
  override readonly name = 'UmapParamError';
  constructor(
    readonly code: UmapErrorCode,
    message: string,
  ) {
    super(message);
  }
}
