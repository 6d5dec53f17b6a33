import type { Readable, Writable } from 'node:stream';

/** What a CLI command receives: its arguments and where to write. Commands never touch `process` directly. */
export interface CliContext {
  /** Arguments after the command name. */
  argv: string[];
  env: NodeJS.ProcessEnv;
  /** Input for commands that read it (`embed`); tests pass their own stream. */
  stdin: Readable;
  stdout: Writable;
  stderr: Writable;
  cwd: string;
}

export interface CliCommand {
  name: string;
  summary: string;
  /** Full usage text printed by `chat-topics help <name>`. */
  usage: string;
  /** @returns the process exit code. */
  run(ctx: CliContext): Promise<number>;
}
