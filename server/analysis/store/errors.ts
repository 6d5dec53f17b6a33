import { ChatTopicsError, type ErrorKind } from '../../errors';

/** No stored analysis of that stream under that key (or a key that cannot be one). */
export class StoredAnalysisNotFoundError extends ChatTopicsError {
  static override readonly kind: ErrorKind = 'not-found';
}

/**
 * A file of the analysis store that cannot be read back (truncated, edited by hand, written by a newer version):
 * the message names the file, relative to the data directory's store, and what is wrong with it.
 */
export class CorruptStoredAnalysisError extends ChatTopicsError {
  static override readonly kind: ErrorKind = 'internal';

  constructor(
    /** The file at fault, relative to the store's directory. */
    readonly file: string,
    reason: string,
    options?: { cause?: unknown },
  ) {
    super(`stored analysis file ${file} cannot be read: ${reason}`, options);
  }
}
