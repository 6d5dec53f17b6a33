import { describe, expect, it } from 'vitest';
import { FakePlatform } from '../../test/support/FakePlatform';
import { RequestError } from '../errors';
import { InvalidChannelError } from './errors';
import { LivePlatforms } from './LivePlatforms';
import { twitchPlatform } from './twitchPlatform';
import pino from 'pino';

const twitch = () => twitchPlatform({ botNames: [], logger: pino({ level: 'silent' }) });

describe('LivePlatforms', () => {
  it('parses references into canonical refs, Twitch for a bare name', () => {
    const platforms = new LivePlatforms([twitch(), new FakePlatform()]);
    expect(platforms.names()).toEqual(['twitch', 'fake']);
    expect(platforms.parse('#Zerator')).toEqual({ platform: 'twitch', name: 'zerator' });
    expect(platforms.parse('twitch:Zerator')).toEqual({ platform: 'twitch', name: 'zerator' });
    expect(platforms.parse('FAKE:Room1')).toEqual({ platform: 'fake', name: 'room1' });
  });

  it('refuses an unknown platform as bad input, listing the known ones', () => {
    const platforms = new LivePlatforms([twitch()]);
    const error = (() => {
      try {
        platforms.parse('youtube:abc');
      } catch (err) {
        return err;
      }
    })();
    expect(error).toBeInstanceOf(InvalidChannelError);
    expect(error).toBeInstanceOf(RequestError);
    expect((error as InvalidChannelError).message).toBe(
      'channel "youtube:abc": unknown chat platform "youtube" (known: twitch)',
    );
    expect(() => platforms.parse('fake:room1')).toThrow(/unknown chat platform "fake"/);
  });

  it('refuses a registration with a bad or repeated name', () => {
    expect(() => new LivePlatforms([new FakePlatform('Fake')])).toThrow(RangeError);
    expect(() => new LivePlatforms([new FakePlatform('a:b')])).toThrow(RangeError);
    expect(() => new LivePlatforms([new FakePlatform(), new FakePlatform()])).toThrow(/registered twice/);
  });
});
