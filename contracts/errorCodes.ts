/**
 * Stable codes of the server's refusals and errors that a person may read in the dashboard. The server sends one next
 * to its English message (`{ error, code, params }` in an HTTP error body, a socket.io ack and an admin refusal), so
 * the dashboard can say it in the page's language (`app/lib/serverMessage.ts`) while logs, the CLI and API clients
 * keep the English text. Every code has a French and an English entry `serverError.<code>`
 * (`app/lib/i18n/errors/`): a test fails for a code added here without them.
 */
export const ERROR_CODES = [
  // Our own machinery failed; the details are in the server log only.
  'server.internal',
  'request.bad-field',
  'operator.required',
  'origin.foreign',
  'channel.bad-name',
  'channel.bad-twitch-login',
  'channel.unknown-platform',
  'channel.not-open',
  'channel.not-live',
  'channel.already-open',
  'cluster.no-owner',
  'quota.channels',
  'quota.replays',
  'quota.events',
  'stream.unknown',
  'replay.bad-speed',
  'replay.unknown',
  'topics.off',
  'import.busy',
  'import.too-large',
  'import.over-limit',
  'import.unknown-format',
  'import.empty',
  'import.no-text',
  'import.unrecognised',
  'import.binary',
  'import.not-format',
  'import.unreadable',
  'import.failed',
  'admin.disabled',
  'admin.bad-password',
  'admin.too-many-attempts',
  'admin.signed-out',
  'admin.import-running',
  'analysis.busy',
  'analysis.closed',
  'analysis.not-cancellable',
  'analysis.unknown-job',
] as const;

/** One of {@link ERROR_CODES}. */
export type ErrorCode = (typeof ERROR_CODES)[number];

/** Values a coded message is filled with (numbers are formatted for the page's locale). */
export type ErrorParams = Readonly<Record<string, string | number>>;

/**
 * What the server says when it refuses: the English `error` always; `code` and `params` when a person may read it.
 * `code` is a plain string on the wire, so that a newer server's code never breaks an older dashboard's parsing.
 */
export interface ServerMessage {
  error: string;
  code?: string;
  params?: ErrorParams;
}
