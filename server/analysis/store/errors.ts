import { ChatTopicsError, type ErrorKind } from '../../errors';

/** No stored analysis of that stream under that key (or a key that cannot be one). */
export class StoredAnalysisNotFoundError extends ChatTopicsError {
  static override readonly kind: ErrorKind = 'not-found';
}

/**
 * A file or row of the analysis store that cannot be read back (truncated, edited by hand, written by a newer
 * version): the message names it (a file relative to the store's directory, or a row's stream and key in its
 * database) and what is wrong with it.
 */
export class CorruptStoredAnalysisError extends ChatTopicsError {
  static override readonly kind: ErrorKind = 'internal';

  constructor(
    /** The file at fault, relative to the store's directory, or the row (stream/key in database). */
    readonly file: string,
    reason: string,
    options?: { cause?: unknown },
  ) {
    super(`stored analysis ${file} cannot be read: ${reason}`, options);
  }
}

/** The store's database cannot be reached or refused a call (PostgreSQL away, a schema too new): kind `upstream`. */
export class AnalysisStoreError extends ChatTopicsError {
  static override readonly kind: ErrorKind = 'upstream';
}
