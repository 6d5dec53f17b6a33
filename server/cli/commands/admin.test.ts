import { Readable } from 'node:stream';
import { describe, expect, it } from 'vitest';
import { captureCliContext } from '../../../test/support/cliContext';
import { parsePasswordHash, verifyPassword } from '../../admin/passwordHash';
import { runCli } from '../main';

describe('chat-topics admin hash-password', () => {
  it('prints a scrypt hash of the first stdin line that verifies that password only', async () => {
    const run = captureCliContext(
      ['admin', 'hash-password'],
      '.',
      {},
      Readable.from(['correct horse\nignored second line\n']),
    );
    expect(await runCli(run.ctx)).toBe(0);
    const hash = parsePasswordHash(run.stdout().trim());
    expect(await verifyPassword(hash, 'correct horse')).toBe(true);
    expect(await verifyPassword(hash, 'correct horse\nignored second line')).toBe(false);
  });

  it('refuses a short password and a password given as an argument', async () => {
    const short = captureCliContext(['admin', 'hash-password'], '.', {}, Readable.from(['short\n']));
    expect(await runCli(short.ctx)).toBe(1);
    expect(short.stderr()).toMatch(/at least 8 characters/);
    const arg = captureCliContext(['admin', 'hash-password', 'hunter22hunter'], '.', {}, Readable.from([]));
    expect(await runCli(arg.ctx)).toBe(1);
    expect(arg.stderr()).toMatch(/never from an argument/);
  });
});
