import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { captureCliContext } from '../../test/support/cliContext';
import { commands } from './commands/index';
import { runCli } from './main';

let dir: string;
beforeAll(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'cli-main-'));
});
afterAll(() => fs.rmSync(dir, { recursive: true, force: true }));

async function run(argv: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const cli = captureCliContext(argv, dir);
  const code = await runCli(cli.ctx);
  return { code, stdout: cli.stdout(), stderr: cli.stderr() };
}

/** The first argument a command needs before it reads flags (its subcommand), if any. */
const SUBCOMMAND: Record<string, string[]> = { admin: ['hash-password'], model: ['list'] };

describe('chat-topics CLI: usage errors', () => {
  it('names an unknown flag and where to read the options, in one line, exit 1', async () => {
    expect(await run(['analyze', '--frobnicate'])).toEqual({
      code: 1,
      stdout: '',
      stderr: 'chat-topics analyze: unknown flag --frobnicate (see chat-topics help analyze)\n',
    });
  });

  it.each(commands.map((c) => c.name))('refuses an unknown flag the same way in %s', async (name) => {
    const result = await run([name, ...(SUBCOMMAND[name] ?? []), '--frobnicate=1']);
    expect(result.code).toBe(1);
    expect(result.stderr).toBe(`chat-topics ${name}: unknown flag --frobnicate (see chat-topics help ${name})\n`);
  });

  it('says a flag lacks its value, naming it', async () => {
    const result = await run(['export', 'some-stream', '--out']);
    expect(result.code).toBe(1);
    expect(result.stderr).toBe('chat-topics export: --out needs a value (see chat-topics help export)\n');
  });

  it('names the flag and the value that is not a number', async () => {
    const result = await run(['serve', '--port', 'abc']);
    expect(result.code).toBe(1);
    expect(result.stderr).toContain('port (flag --port): "abc" is not a number');
    expect(result.stderr).not.toMatch(/NaN/);
  });

  it('refuses help for an unknown command: says so on stderr, exit 1', async () => {
    const result = await run(['help', 'frobnicate']);
    expect(result.code).toBe(1);
    expect(result.stdout).toBe('');
    expect(result.stderr).toMatch(/^chat-topics: unknown command "frobnicate"/);
    expect(result.stderr).toContain('chat-topics help <command>');
    expect((await run(['help', 'analyze'])).code).toBe(0);
    expect((await run(['help'])).code).toBe(0);
  });
});
