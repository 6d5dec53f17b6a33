import { createRequire } from 'node:module';
import { pathToFileURL } from 'node:url';

/**
 * Node flags that load tsx, resolved from this package: a bare `--import tsx` would be resolved from the process's
 * working directory, which for an installed CLI is the user's, not ours. For a worker or child process whose entry
 * is a .ts file.
 *
 * @example fork(entry, [], { execArgv: [...TSX_EXEC_ARGV, '--max-old-space-size=4096'] });
 */
export const TSX_EXEC_ARGV: readonly string[] = [
  '--import',
  pathToFileURL(createRequire(import.meta.url).resolve('tsx')).href,
];
