import { ChatTopicsError, type ErrorKind } from '../../errors/ChatTopicsError';

/** Why a labels function refused its input. */
export type LabelsErrorCode =
  | 'INVALID_NGRAM_RANGE'
  | 'INVALID_MIN_WORD_LENGTH'
  | 'INVALID_LABELS'
  | 'INVALID_N_TOPICS'
  | 'INVALID_OPTION'
  | 'LENGTH_MISMATCH';

/** Typed input error of the topic-label code; the message names the parameter (and the row when there is one). */
export class LabelsError extends ChatTopicsError {
  static override readonly kind: ErrorKind = 'bad-input';
  override readonly name = 'LabelsError';
  constructor(
    readonly code: LabelsErrorCode,
    message: string,
  ) {
    super(message);
  }
}
