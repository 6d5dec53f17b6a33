import { ChatTopicsError, RequestError, type ChatTopicsErrorOptions, type ErrorKind } from '../errors';

/**
 * A channel reference that names no channel: an unknown platform, or a name its platform refuses. The message names
 * the platform (when one was recognised) and what is wrong, e.g. `twitch channel "a b": not a Twitch login (...)`.
 */
export class InvalidChannelError extends RequestError {
  /**
   * @param input what was given, as given
   * @param platform the platform whose rule refused it; null when no platform could be told from the input
   * @param problem what is wrong, e.g. `not a Twitch login (1-25 letters, digits or _)`
   * @param coded the dashboard's code of the problem (default `channel.bad-name`, with the input)
   */
  constructor(
    readonly input: string,
    readonly platform: string | null,
    readonly problem: string,
    coded: Pick<ChatTopicsErrorOptions, 'code' | 'params'> = { code: 'channel.bad-name', params: { input } },
  ) {
    super(`${platform === null ? 'channel' : `${platform} channel`} "${input}": ${problem}`, coded);
  }
}

/** Twitch refused or did not confirm a JOIN (unknown or suspended channel, banned account, timeout). */
export class TwitchJoinError extends ChatTopicsError {
  static override readonly kind: ErrorKind = 'upstream';

  constructor(
    readonly channel: string,
    readonly reason: string,
  ) {
    super(`cannot join #${channel}: ${reason}`);
  }
}

/** The connection to Twitch chat failed, was refused (bad login) or was closed before an operation finished. */
export class TwitchConnectionError extends ChatTopicsError {
  static override readonly kind: ErrorKind = 'upstream';
}
