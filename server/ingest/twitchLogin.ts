/**
 * Twitch's login rules (users and channels alike): 1-25 of lowercase a-z, 0-9 and `_`. Twitch requires 4+ for new
 * accounts, but old ones are shorter. A login also names channels and becomes part of stream ids, so every place that
 * accepts one (config, joins, imports, the simulator) checks it against this one definition.
 */
export const TWITCH_LOGIN = /^[a-z0-9_]{1,25}$/;
