import type { CliCommand, CliContext } from './CliContext';
import { cliFailureOf } from './cliFailure';
import { commands } from './commands/index';

function usage(): string {
  const width = Math.max(...commands.map((c) => c.name.length));
  return [
    'Usage: chat-topics <command> [options]   (default command: serve)',
    '',
    'Commands:',
    ...commands.map((c) => `  ${c.name.padEnd(width)}  ${c.summary}`),
    '',
    'chat-topics help <command> shows its options.',
  ].join('\n');
}

/**
 * Runs the CLI. Our errors (`ChatTopicsError`, models' included) print their message only and exit by kind
 * ({@link cliFailureOf}); anything else is a bug and prints its stack.
 */
export async function runCli(ctx: CliContext): Promise<number> {
  const [first, ...rest] = ctx.argv;
  if (first === '--help' || first === '-h' || first === 'help') {
    const cmd = commands.find((c) => c.name === rest[0]);
    // `help <typo>` must not look like success: scripts and people would read the general help as an answer.
    if (rest[0] !== undefined && !cmd) {
      ctx.stderr.write(`chat-topics: unknown command "${rest[0]}"\n\n${usage()}\n`);
      return 1;
    }
    ctx.stdout.write((cmd ? cmd.usage : usage()) + '\n');
    return 0;
  }
  const named: CliCommand | undefined =
    first && !first.startsWith('-') ? commands.find((c) => c.name === first) : undefined;
  if (first && !first.startsWith('-') && !named) {
    ctx.stderr.write(`chat-topics: unknown command "${first}"\n\n${usage()}\n`);
    return 2;
  }
  const command = named ?? commands.find((c) => c.name === 'serve')!;
  const args = named ? rest : ctx.argv;
  if (args.includes('--help') || args.includes('-h')) {
    ctx.stdout.write(command.usage + '\n');
    return 0;
  }
  try {
    return await command.run({ ...ctx, argv: args });
  } catch (err) {
    const failure = cliFailureOf(err, command.name);
    if (failure === null) throw err;
    ctx.stderr.write(failure.message);
    return failure.exitCode;
  }
}

const isEntry = process.argv[1] && import.meta.url === new URL(`file://${process.argv[1]}`).href;
if (isEntry) {
  runCli({
    argv: process.argv.slice(2),
    env: process.env,
    stdin: process.stdin,
    stdout: process.stdout,
    stderr: process.stderr,
    cwd: process.cwd(),
  }).then(
    (code) => {
      // serve keeps running until a signal; other commands end here.
      if (code !== -1) process.exitCode = code;
    },
    (err) => {
      process.stderr.write(`chat-topics: unexpected error\n${(err as Error).stack ?? err}\n`);
      process.exitCode = 70;
    },
  );
}
