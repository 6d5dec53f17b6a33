import { ChatTopicsError, type ChatTopicsErrorOptions, type ErrorKind } from './errors';

/**
 * The HTTP status each error kind answers with. The one place statuses of our errors are decided: the admin API and
 * the import route answer through {@link httpStatusOf}.
 */
export const HTTP_STATUS_BY_KIND: Readonly<Record<ErrorKind, number>> = {
  'bad-input': 400,
  'not-found': 404,
  conflict: 409,
  forbidden: 403,
  upstream: 502,
  overloaded: 429,
  cancelled: 409,
  internal: 500,
};

/**
 * The kind an HTTP status stands for: what an {@link HttpStatusError} is when it reaches code that knows kinds only
 * (the CLI, the socket layer).
 */
export function kindOfHttpStatus(status: number): ErrorKind {
  if (status === 401 || status === 403 || status === 421) return 'forbidden';
  if (status === 404) return 'not-found';
  if (status === 409) return 'conflict';
  if (status === 429 || status === 503) return 'overloaded';
  if (status === 502 || status === 504) return 'upstream';
  return status >= 500 ? 'internal' : 'bad-input';
}

/**
 * An error raised by the HTTP layer itself, whose exact status is the point (401 no session, 405 wrong method, 413
 * body too large, 421 a host we do not serve...): finer than a kind, so it carries the status; its kind follows
 * from it.
 *
 * @example
 * throw new HttpStatusError(405, 'use POST'); // answers 405; kind 'bad-input'
 */
export class HttpStatusError extends ChatTopicsError {
  constructor(
    readonly status: number,
    message: string,
    options?: Pick<ChatTopicsErrorOptions, 'cause' | 'code' | 'params'>,
  ) {
    super(message, { ...options, kind: kindOfHttpStatus(status) });
  }
}

/**
 * The status to answer an error with: an {@link HttpStatusError}'s own, else its kind's; a foreign error that names
 * a 4xx/5xx status (`status` or `statusCode`, as HTTP libraries do) keeps it; anything else is a bug (500).
 *
 * @example
 * httpStatusOf(new UnknownModelError('x@1', 'data/models')); // 404, because its kind is 'not-found'
 * httpStatusOf(new TypeError('oops')); // 500
 */
export function httpStatusOf(err: unknown): number {
  if (err instanceof HttpStatusError) return err.status;
  if (err instanceof ChatTopicsError) return HTTP_STATUS_BY_KIND[err.kind];
  const named = (err as { status?: unknown } | null)?.status ?? (err as { statusCode?: unknown } | null)?.statusCode;
  return typeof named === 'number' && named >= 400 && named < 600 ? named : 500;
}
