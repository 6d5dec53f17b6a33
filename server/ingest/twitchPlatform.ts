import type { LivePlatform } from './LiveChatSource';
import { TwitchIngest, type TwitchIngestOptions } from './TwitchIngest';
import { toTwitchLogin } from './twitchLogin';

/**
 * Twitch as a live platform: channels are logins, chat comes through one tmi.js connection ({@link TwitchIngest}).
 * @param options the connection's settings (login, bots, server, logger)
 */
export function twitchPlatform(options: TwitchIngestOptions): LivePlatform {
  return {
    name: 'twitch',
    parseName: toTwitchLogin,
    createSource: (handlers) => new TwitchIngest(options, handlers),
  };
}
