import { ChatTopicsError, FlagError, type ErrorKind } from '../errors';

/**
 * The exit code each error kind ends the CLI with: 1 for everything the user can act on (scripts rely on it), 70
 * (EX_SOFTWARE, as for a bug) when our own machinery failed. A kind that should exit differently changes here, and
 * nowhere else.
 */
export const EXIT_CODE_BY_KIND: Readonly<Record<ErrorKind, number>> = {
  'bad-input': 1,
  'not-found': 1,
  conflict: 1,
  forbidden: 1,
  upstream: 1,
  overloaded: 1,
  cancelled: 1,
  internal: 70,
};

/** How the CLI ends on one of our errors: the exit code and the line it prints on stderr. */
export interface CliFailure {
  exitCode: number;
  /** `chat-topics <command>: <message>` and a newline; never a stack trace (the message is written for users). */
  message: string;
}

/**
 * How a command's error ends the CLI: ours ({@link ChatTopicsError}, `models/` included) by kind, with their message
 * only (a {@link FlagError} also says where the command's flags are listed); null for anything else, a bug, which
 * the caller lets through so its stack is printed.
 *
 * @param command the command's name, which prefixes the message
 * @example
 * cliFailureOf(new UsageError('--port: expected an integer'), 'serve');
 * // { exitCode: 1, message: 'chat-topics serve: --port: expected an integer\n' }
 */
export function cliFailureOf(err: unknown, command: string): CliFailure | null {
  if (!(err instanceof ChatTopicsError)) return null;
  const hint = err instanceof FlagError ? ` (see chat-topics help ${command})` : '';
  return { exitCode: EXIT_CODE_BY_KIND[err.kind], message: `chat-topics ${command}: ${err.message}${hint}\n` };
}
