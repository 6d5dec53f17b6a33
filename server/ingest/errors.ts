import { ChatTopicsError, RequestError } from '../errors';

/** A channel name that is not a Twitch login (1-25 letters, digits or `_`, optionally prefixed with `#`). */
export class InvalidChannelError extends RequestError {
  constructor(readonly input: string) {
    super(`"${input}" is not a Twitch login (1-25 letters, digits or _)`);
  }
}

/** Twitch refused or did not confirm a JOIN (unknown or suspended channel, banned account, timeout). */
export class TwitchJoinError extends ChatTopicsError {
  constructor(
    readonly channel: string,
    readonly reason: string,
  ) {
    super(`cannot join #${channel}: ${reason}`);
  }
}

/** The connection to Twitch chat failed, was refused (bad login) or was closed before an operation finished. */
export class TwitchConnectionError extends ChatTopicsError {}
