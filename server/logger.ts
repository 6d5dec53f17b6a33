import pino, { type Logger } from 'pino';

export type { Logger };

/**
 * The structured logger. JSON lines on stderr (stdout stays free for CLI output such as exports).
 * @param level pino level from the config; `warn` by default, so a healthy server is quiet.
 */
export function createLogger(level: string): Logger {
  return pino({ level, base: { app: 'chat-topics' } }, pino.destination(2));
}
