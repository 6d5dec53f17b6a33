import type { Readable } from 'node:stream';
import { hashPassword } from '../../admin/passwordHash';
import { UsageError } from '../../errors';
import type { CliCommand } from '../CliContext';
import { parseFlags } from '../parseFlags';

const USAGE = `Usage: chat-topics admin hash-password < password.txt

hash-password  Reads the admin password from stdin (the first line) and prints its scrypt hash
               (scrypt$N$r$p$salt$hash, random salt). Put the hash in the config as adminPasswordHash
               (environment variable CHAT_TOPICS_ADMIN_PASSWORD_HASH): the password itself then appears in no
               config file, flag or process list. Typed interactively, end the line with Enter (then Ctrl-D).
               At least 8 characters.`;

/** Minimum length, as the config's `adminPassword`. */
const MIN_PASSWORD_LENGTH = 8;
const MAX_INPUT_BYTES = 4096;

async function readFirstLine(stdin: Readable): Promise<string> {
  let text = '';
  for await (const chunk of stdin) {
    text += typeof chunk === 'string' ? chunk : (chunk as Buffer).toString('utf8');
    if (text.includes('\n') || text.length > MAX_INPUT_BYTES) break;
  }
  return text.split(/\r?\n/)[0]!;
}

/** `chat-topics admin hash-password`: the admin password hash for `adminPasswordHash`. */
export const adminCommand: CliCommand = {
  name: 'admin',
  summary: 'admin section tools: hash-password (reads the password from stdin, prints the hash for adminPasswordHash)',
  usage: USAGE,
  async run(ctx) {
    const [sub, ...rest] = ctx.argv;
    if (sub !== 'hash-password')
      throw new UsageError(
        sub === undefined ? 'expected a subcommand: hash-password' : `unknown subcommand "${sub}" (hash-password)`,
      );
    const { positionals } = parseFlags(rest, {});
    if (positionals.length > 0)
      throw new UsageError(
        'admin hash-password: the password comes from stdin, never from an argument (it would show in the process list)',
      );
    const password = await readFirstLine(ctx.stdin);
    if (password.length < MIN_PASSWORD_LENGTH)
      throw new UsageError(
        `admin hash-password: the password on stdin must have at least ${MIN_PASSWORD_LENGTH} characters, got ${password.length}`,
      );
    ctx.stdout.write(hashPassword(password) + '\n');
    return 0;
  },
};
