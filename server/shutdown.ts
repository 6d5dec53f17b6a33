import type { Writable } from 'node:stream';
import type { Logger } from './logger';
import type { RunningServer } from './main';

/** How long a graceful stop may take before the process exits anyway. */
const FORCE_EXIT_MS = 10_000;

/**
 * Stops the server cleanly on SIGINT or SIGTERM: sources stop, the archive is flushed, sockets close; then the
 * process exits 0 (1 if the stop failed or took longer than 10 s).
 */
export function stopOnSignals(server: RunningServer, logger: Logger, stdout: Writable): void {
  let stopping = false;
  const stop = (signal: NodeJS.Signals) => {
    if (stopping) return;
    stopping = true;
    logger.info({ signal }, 'shutting down');
    setTimeout(() => process.exit(1), FORCE_EXIT_MS).unref();
    server.close().then(
      () => {
        stdout.write('chat-topics: stopped, archive flushed\n', () => process.exit(0));
      },
      (err) => {
        logger.error({ err }, 'shutdown failed');
        process.exit(1);
      },
    );
  };
  process.once('SIGINT', stop);
  process.once('SIGTERM', stop);
}
