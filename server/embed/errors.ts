import { ChatTopicsError, type ErrorKind } from '../errors';
import { HttpStatusError } from '../httpStatus';

/** A request the embed server refuses, with the HTTP status to answer. Its message never quotes the input. */
export class EmbedRequestError extends HttpStatusError {}

/** An `embed` / `embed-server` command that cannot go on (unreadable input, a port it cannot listen on...). */
export class EmbedCommandError extends ChatTopicsError {
  static override readonly kind: ErrorKind = 'bad-input';
}
