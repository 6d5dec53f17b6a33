import { describe, expect, it } from 'vitest';
import { channelKey, channelLabel, channelRefOfKey, splitChannelRef } from './channelRef';
import { InvalidChannelError } from './errors';
import { toTwitchLogin } from './twitchLogin';

describe('channel references', () => {
  it('reads a bare name as Twitch and leaves the rest of a platform:name reference to the platform', () => {
    expect(splitChannelRef(' #Zerator ')).toEqual({ platform: 'twitch', name: '#Zerator' });
    expect(splitChannelRef('Twitch:Zerator')).toEqual({ platform: 'twitch', name: 'Zerator' });
    expect(splitChannelRef('kick:a:b')).toEqual({ platform: 'kick', name: 'a:b' });
    expect(splitChannelRef(':x')).toEqual({ platform: '', name: 'x' });
  });

  it('keys a Twitch channel by its bare login and other platforms platform:name, and reads keys back', () => {
    expect(channelKey({ platform: 'twitch', name: 'zerator' })).toBe('zerator');
    expect(channelKey({ platform: 'kick', name: 'zerator' })).toBe('kick:zerator');
    for (const ref of [
      { platform: 'twitch', name: 'zerator' },
      { platform: 'kick', name: 'zerator' },
      { platform: 'yt', name: 'a:b' },
    ]) {
      expect(channelRefOfKey(channelKey(ref))).toEqual(ref);
    }
  });

  it('labels a Twitch channel #login (as live streams were always titled) and others by key', () => {
    expect(channelLabel({ platform: 'twitch', name: 'zerator' })).toBe('#zerator');
    expect(channelLabel({ platform: 'fake', name: 'room1' })).toBe('fake:room1');
  });
});

describe('Twitch logins', () => {
  it('normalises #Name and spaces into the login', () => {
    expect(toTwitchLogin('  #SomeStreamer ')).toBe('somestreamer');
  });

  it('refuses what is not a login with an error naming Twitch and the rule', () => {
    for (const bad of ['', 'has space', 'a'.repeat(26), 'émile', '#']) {
      expect(() => toTwitchLogin(bad)).toThrow(InvalidChannelError);
    }
    expect(() => toTwitchLogin('has space')).toThrow(
      'twitch channel "has space": not a Twitch login (1-25 letters, digits or _)',
    );
  });
});
