import { InvalidChannelError } from './errors';

/**
 * Twitch's login rules (users and channels alike): 1-25 of lowercase a-z, 0-9 and `_`. Twitch requires 4+ for new
 * accounts, but old ones are shorter. A login also names channels and becomes part of stream ids, so every place that
 * accepts one (config, joins, imports, the simulator) checks it against this one definition.
 */
export const TWITCH_LOGIN = /^[a-z0-9_]{1,25}$/;

/** What {@link TWITCH_LOGIN} asks for, in words, for error messages. */
export const TWITCH_LOGIN_RULE = 'not a Twitch login (1-25 letters, digits or _)';

/**
 * Normalises a Twitch channel as people write it (`#Name`, ` name `) into its login.
 * @param input the channel, with or without `#`, any case
 * @throws InvalidChannelError (platform `twitch`) when what remains is not a login
 * @example toTwitchLogin('#ZeratoR') // 'zerator'
 */
export function toTwitchLogin(input: string): string {
  const login = String(input).trim().replace(/^#/, '').toLowerCase();
  if (!TWITCH_LOGIN.test(login))
    throw new InvalidChannelError(String(input), 'twitch', TWITCH_LOGIN_RULE, {
      code: 'channel.bad-twitch-login',
      params: { input: String(input) },
    });
  return login;
}
