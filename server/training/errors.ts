import { ChatTopicsError, type ErrorKind } from '../errors';

/** A training corpus that cannot be built: the message names the file (and line) or the archive filter at fault. */
export class TrainingCorpusError extends ChatTopicsError {
  static override readonly kind: ErrorKind = 'bad-input';

  constructor(
    message: string,
    /** The chat file concerned, as the user gave it. */
    readonly file?: string,
    options?: { cause?: unknown },
  ) {
    super(message, options);
  }
}

/** A training job request or operation that cannot be honoured (unknown job, bad preset, a job already running...). */
export class TrainingJobError extends ChatTopicsError {
  static override readonly kind: ErrorKind = 'bad-input';
}

/** The training jobs' database cannot be reached or refused a call (PostgreSQL away, a schema too new). */
export class TrainingStoreError extends ChatTopicsError {
  static override readonly kind: ErrorKind = 'upstream';
}
