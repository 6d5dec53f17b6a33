import { ChatTopicsError, type ChatTopicsErrorOptions, type ErrorKind } from '../models/errors/ChatTopicsError';

// The root lives in models/ (the lowest layer) so that model errors share it; server code keeps importing it here.
export {
  ChatTopicsError,
  ERROR_KINDS,
  type ChatTopicsErrorOptions,
  type ErrorKind,
} from '../models/errors/ChatTopicsError';

/** Invalid settings (environment variable or flag). */
export class ConfigError extends ChatTopicsError {
  static override readonly kind: ErrorKind = 'bad-input';
}

/** A chat file that cannot be imported at all (unknown format, unreadable). Nothing was written. */
export class ImportFormatError extends ChatTopicsError {
  static override readonly kind: ErrorKind = 'bad-input';
  /** What the message leaves out to stay one short line (each format's shape): for the log, not the form. */
  readonly details: string | undefined;

  constructor(message: string, options?: ChatTopicsErrorOptions & { details?: string }) {
    super(message, options);
    this.details = options?.details;
  }
}

/** An archive operation on a stream or message that does not exist, or a corrupt archive. */
export class ArchiveError extends ChatTopicsError {
  static override readonly kind: ErrorKind = 'bad-input';
}

/** Bad CLI usage. */
export class UsageError extends ChatTopicsError {
  static override readonly kind: ErrorKind = 'bad-input';
}

/** A flag the command does not know, or one given without its value: the command's help lists the right ones. */
export class FlagError extends UsageError {}

/** A request from the dashboard that cannot be honoured (unknown channel, bad replay speed...). */
export class RequestError extends ChatTopicsError {
  static override readonly kind: ErrorKind = 'bad-input';
}

/** Family of operations stopped on request (a refit superseded by a newer one...): kind `cancelled`. */
export class CancelledError extends ChatTopicsError {
  static override readonly kind: ErrorKind = 'cancelled';
}

/** Family of failures of our own machinery (a worker that died, a broken reply): kind `internal`. */
export class InternalError extends ChatTopicsError {
  static override readonly kind: ErrorKind = 'internal';
}
