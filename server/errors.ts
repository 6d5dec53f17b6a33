/** Base class of every error we throw on purpose: the CLI prints its message without a stack trace. */
export class ChatTopicsError extends Error {
  constructor(message: string, options?: { cause?: unknown }) {
    super(message, options);
    this.name = new.target.name;
  }
}

/** Invalid settings (environment variable or flag). */
export class ConfigError extends ChatTopicsError {}

/** A chat file that cannot be imported at all (unknown format, unreadable). Nothing was written. */
export class ImportFormatError extends ChatTopicsError {}

/** An archive operation on a stream or message that does not exist, or a corrupt archive. */
export class ArchiveError extends ChatTopicsError {}

/** Bad CLI usage. */
export class UsageError extends ChatTopicsError {}

/** A request from the dashboard that cannot be honoured (unknown channel, bad replay speed...). */
export class RequestError extends ChatTopicsError {}
