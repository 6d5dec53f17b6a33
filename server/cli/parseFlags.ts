import { parseArgs, type ParseArgsConfig } from 'node:util';
import { UsageError } from '../errors';

/**
 * `node:util` parseArgs with our error type: an unknown or malformed flag becomes a `UsageError` that names it.
 * @example const { values, positionals } = parseFlags(ctx.argv, { out: { type: 'string' } });
 */
export function parseFlags<T extends NonNullable<ParseArgsConfig['options']>>(argv: string[], options: T) {
  try {
    return parseArgs({ args: argv, options, allowPositionals: true, strict: true });
  } catch (err) {
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
