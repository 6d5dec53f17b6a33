import type { Writable } from 'node:stream';
import type { Logger } from './logger';

/** How long a graceful stop may take before the process exits anyway. */
const FORCE_EXIT_MS = 10_000;

/**
 * Stops a long-running command cleanly on SIGINT or SIGTERM: `close` runs once, then `stoppedLine` is printed and
 * the process exits 0 (1 if closing failed or took longer than 10 s).
 *
 * @param close the graceful stop (for the dashboard: sources stop, the archive is flushed, sockets close)
 * @param stoppedLine printed on stdout once stopped
 * @example closeOnSignals(() => server.close(), logger, ctx.stdout, 'chat-topics: stopped, archive flushed');
 */
export function closeOnSignals(
  close: () => Promise<void>,
  logger: Logger,
  stdout: Writable,
  stoppedLine: string,
): void {
  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    setTimeout(() => process.exit(1), FORCE_EXIT_MS).unref();
    close().then(
      () => stdout.write(stoppedLine + '\n', () => process.exit(0)),
      (err: unknown) => {
        logger.error({ err }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}
