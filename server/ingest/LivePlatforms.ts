import type { ChannelRef } from '../../contracts/chat';
import { PLATFORM_NAME, splitChannelRef } from './channelRef';
import { InvalidChannelError } from './errors';
import type { LivePlatform } from './LiveChatSource';

/**
 * The chat platforms live channels can be joined on, by registry name. The composition root lists them; adding a
 * platform is its file and one entry in that list.
 *
 * @example
 * const platforms = new LivePlatforms([twitchPlatform(options)]);
 * platforms.parse('#Zerator'); // { platform: 'twitch', name: 'zerator' }
 */
export class LivePlatforms {
  private readonly byName = new Map<string, LivePlatform>();

  /** @throws RangeError for a platform name that breaks `PLATFORM_NAME` or is listed twice (a programming error). */
  constructor(platforms: readonly LivePlatform[]) {
    for (const platform of platforms) {
      if (!PLATFORM_NAME.test(platform.name))
        throw new RangeError(`chat platform name "${platform.name}" must match ${PLATFORM_NAME}`);
      if (this.byName.has(platform.name)) throw new RangeError(`chat platform "${platform.name}" is registered twice`);
      this.byName.set(platform.name, platform);
    }
  }

  /** Registry names, in registration order. */
  names(): string[] {
    return [...this.byName.keys()];
  }

  /**
   * The platform registered under `name`.
   * @throws InvalidChannelError when none is (the message lists those that are)
   */
  get(name: string, input = name): LivePlatform {
    const platform = this.byName.get(name);
    if (!platform)
      throw new InvalidChannelError(
        input,
        null,
        `unknown chat platform "${name}" (known: ${this.names().join(', ')})`,
        {
          code: 'channel.unknown-platform',
          params: { platform: name, known: this.names().join(', ') },
        },
      );
    return platform;
  }

  /**
   * Reads a channel reference as a user typed it (`zerator`, `#Zerator`, `twitch:zerator`, `kick:name`) into a
   * canonical {@link ChannelRef}.
   * @throws InvalidChannelError naming the platform and what is wrong: an unknown platform, or a name its platform refuses
   */
  parse(input: string): ChannelRef {
    const { platform, name } = splitChannelRef(input);
    return { platform, name: this.get(platform, input).parseName(name) };
  }
}
