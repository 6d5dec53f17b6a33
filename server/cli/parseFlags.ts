import { parseArgs, type ParseArgsConfig } from 'node:util';
import { FlagError, UsageError } from '../errors';

/**
 * Node's parser error in our words: Node's own messages are long and speak of positionals, and every command
 * would word them differently. The flag is read back from Node's message, its only place.
 */
function flagErrorOf(err: Error & { code?: string }): FlagError {
  const flag = /'(-[^' ]+)/.exec(err.message)?.[1];
  if (flag === undefined) return new FlagError(err.message.split('\n')[0]!, { cause: err });
  if (err.code === 'ERR_PARSE_ARGS_UNKNOWN_OPTION') return new FlagError(`unknown flag ${flag}`, { cause: err });
  if (/does not take an argument/.test(err.message))
    return new FlagError(`${flag} takes no value (use ${flag} alone)`, { cause: err });
  return new FlagError(`${flag} needs a value`, { cause: err });
}

/**
 * `node:util` parseArgs with our error type: an unknown flag, or one missing its value, becomes a {@link FlagError}
 * that names it (the CLI adds where to read the command's options).
 * @example const { values, positionals } = parseFlags(ctx.argv, { out: { type: 'string' } });
 */
export function parseFlags<T extends NonNullable<ParseArgsConfig['options']>>(argv: string[], options: T) {
  try {
    return parseArgs({ args: argv, options, allowPositionals: true, strict: true });
  } catch (err) {
    const code = (err as { code?: unknown }).code;
    if (typeof code === 'string' && code.startsWith('ERR_PARSE_ARGS_')) throw flagErrorOf(err as Error);
    throw new UsageError((err as Error).message);
  }
}

/** Parses a numeric flag, naming the flag in the error. */
export function numberFlag(value: string | undefined, flag: string, fallback: number): number {
  if (value === undefined) return fallback;
  const n = Number(value);
  if (!Number.isFinite(n)) throw new UsageError(`--${flag}: expected a number, got "${value}"`);
  return n;
}
