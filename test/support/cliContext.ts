import { PassThrough, Readable } from 'node:stream';
import type { CliContext } from '../../server/cli/CliContext';

/** A CLI context whose stdout and stderr are captured, for running commands in tests. */
export function captureCliContext(
  argv: string[],
  cwd: string,
  env: Record<string, string> = {},
  stdin: Readable = Readable.from([]),
) {
  const out: Buffer[] = [];
  const err: Buffer[] = [];
  const stdout = new PassThrough();
  const stderr = new PassThrough();
  stdout.on('data', (c: Buffer) => out.push(c));
  stderr.on('data', (c: Buffer) => err.push(c));
  const ctx: CliContext = { argv, env: env as NodeJS.ProcessEnv, stdin, stdout, stderr, cwd };
  return { ctx, stdout: () => Buffer.concat(out).toString('utf8'), stderr: () => Buffer.concat(err).toString('utf8') };
}
