import type { ErrorCode, ErrorParams } from '../../contracts/errorCodes';

/**
 * What went wrong, as the caller must react to it. Every error we throw on purpose carries one; the CLI's exit code
 * and message and the HTTP status of an answer follow from the kind alone (`server/httpStatus.ts`,
 * `server/cli/cliFailure.ts`), never from the class name, so renaming or adding a class cannot change them.
 *
 * - `bad-input`: the request, file, flag, setting or model given is invalid; the message says what to fix.
 * - `not-found`: the named thing (model, stream, job, topic) does not exist.
 * - `conflict`: the thing exists but its state forbids this now (already installed, nothing to roll back).
 * - `forbidden`: the caller may not do this (no session, foreign origin, operator-only action).
 * - `upstream`: a service we depend on failed or refused (the HuggingFace hub, Twitch, a remote embed server).
 * - `overloaded`: no room right now (a queue or a limit is full); the same request may succeed later.
 * - `cancelled`: the operation was stopped on request before it finished.
 * - `internal`: our own machinery failed (a worker crashed, the runtime refused a graph); not the caller's fault.
 */
export type ErrorKind =
  'bad-input' | 'not-found' | 'conflict' | 'forbidden' | 'upstream' | 'overloaded' | 'cancelled' | 'internal';

/** Every {@link ErrorKind}, in the order of the list above. */
export const ERROR_KINDS: readonly ErrorKind[] = [
  'bad-input',
  'not-found',
  'conflict',
  'forbidden',
  'upstream',
  'overloaded',
  'cancelled',
  'internal',
];

export interface ChatTopicsErrorOptions {
  cause?: unknown;
  /** This instance's kind, when it differs from its class's (an error class whose instances vary, e.g. by status). */
  kind?: ErrorKind;
  /** The stable code of a message a person may read in the dashboard, which says it in the page's language. */
  code?: ErrorCode;
  /** The values the translated message is filled with (the English message already holds them). */
  params?: ErrorParams;
}

/**
 * The root of every error `models/` and `server/` throw on purpose. Its message can be shown to a user as is (the
 * CLI prints it without a stack trace); `kind` says how to react. A class states its kind once, as the static
 * `kind`, and its subclasses inherit it unless they state their own.
 *
 * @example
 * class UnknownThingError extends ChatTopicsError {
 *   static override readonly kind = 'not-found';
 * }
 * new UnknownThingError('no thing "x"').kind; // 'not-found'
 */
export class ChatTopicsError extends Error {
  /** The kind of this class's instances; `bad-input` for the root, which predates kinds and meant "your fault". */
  static readonly kind: ErrorKind = 'bad-input';
  readonly kind: ErrorKind;
  /**
   * The stable code and params of a message a person may read (options `code`, `params`): the server sends them next
   * to the English message so the dashboard can say it in the page's language. Named apart from `code`, which some
   * model errors use for their own codes.
   */
  readonly coded: { code: ErrorCode; params?: ErrorParams } | undefined;

  constructor(message: string, options?: ChatTopicsErrorOptions) {
    // Only pass `cause` on when given, so errors without one keep no `cause` property at all.
    super(message, options !== undefined && 'cause' in options ? { cause: options.cause } : undefined);
    this.name = new.target.name;
    this.kind = options?.kind ?? (new.target as typeof ChatTopicsError).kind;
    this.coded =
      options?.code === undefined
        ? undefined
        : { code: options.code, ...(options.params === undefined ? {} : { params: options.params }) };
  }
}
