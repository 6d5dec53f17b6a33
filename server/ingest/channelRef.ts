import type { ChannelRef, ChatPlatform } from '../../contracts/chat';

/**
 * The platform of a reference that names none. Every channel key, URL, config value and archive written before
 * platforms existed is a bare Twitch login, so a bare name keeps meaning Twitch.
 */
export const DEFAULT_PLATFORM: ChatPlatform = 'twitch';

/** A platform's registry name. Lowercase only, so that a key's prefix is never ambiguous (`Kick:x` is `kick:x`). */
export const PLATFORM_NAME = /^[a-z][a-z0-9_]{0,19}$/;

/**
 * Splits a channel reference as a user typed it into its platform and the platform's own part, untouched (each
 * platform normalises and checks its names itself). Only the platform prefix is read here: everything after the
 * first `:` belongs to the platform.
 * @param input `name`, `#name` or `platform:name`
 * @example splitChannelRef('twitch:Zerator') // { platform: 'twitch', name: 'Zerator' }
 * @example splitChannelRef('#Zerator') // { platform: 'twitch', name: '#Zerator' }
 */
export function splitChannelRef(input: string): ChannelRef {
  const text = String(input).trim();
  const colon = text.indexOf(':');
  if (colon < 0) return { platform: DEFAULT_PLATFORM, name: text };
  return { platform: text.slice(0, colon).trim().toLowerCase(), name: text.slice(colon + 1) };
}

/**
 * The channel key of a reference: the dashboard's channel key and the `channel` of its messages. A Twitch channel
 * keeps its bare login (so existing keys, URLs and archives stay valid); other platforms are `platform:name`.
 * @example channelKey({ platform: 'twitch', name: 'zerator' }) // 'zerator'
 * @example channelKey({ platform: 'kick', name: 'zerator' }) // 'kick:zerator'
 */
export function channelKey(ref: ChannelRef): string {
  return ref.platform === DEFAULT_PLATFORM ? ref.name : `${ref.platform}:${ref.name}`;
}

/**
 * The reference a channel key stands for (the inverse of {@link channelKey}). Reads the key's shape only: whether
 * the platform exists and the name is valid was checked when the key was made.
 * @example channelRefOfKey('zerator') // { platform: 'twitch', name: 'zerator' }
 */
export function channelRefOfKey(key: string): ChannelRef {
  const colon = key.indexOf(':');
  return colon < 0
    ? { platform: DEFAULT_PLATFORM, name: key }
    : { platform: key.slice(0, colon), name: key.slice(colon + 1) };
}

/**
 * How a channel is shown in titles: `#zerator` on Twitch (as chat writes it, and as live streams were always titled),
 * the channel key elsewhere.
 */
export function channelLabel(ref: ChannelRef): string {
  return ref.platform === DEFAULT_PLATFORM ? `#${ref.name}` : channelKey(ref);
}
