import { ChatTopicsError } from '../errors';
import { EmbeddingError } from '../../models/embedding/errors';

/** A request the embed server refuses, with the HTTP status to answer. Its message never quotes the input. */
export class EmbedRequestError extends ChatTopicsError {
  constructor(
    readonly status: number,
    message: string,
  ) {
    super(message);
  }
}

/**
 * An embedding-layer failure (`EmbeddingError`: bad model, worker crash, refused ids...) as the CLI reports it:
 * its message only, no stack trace.
 */
export class EmbedCommandError extends ChatTopicsError {}

/** An `EmbeddingError` as an {@link EmbedCommandError} (the CLI prints its message); anything else unchanged. */
export function asCommandError(err: unknown): unknown {
  return err instanceof EmbeddingError ? new EmbedCommandError(err.message, { cause: err }) : err;
}
