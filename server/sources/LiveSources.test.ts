import { afterEach, describe, expect, it } from 'vitest';
import { FakePlatform } from '../../test/support/FakePlatform';
import { openLivePipeline, type LivePipeline } from '../../test/support/livePipeline';
import { QuotaError } from '../channels/QuotaError';

const T0 = Date.UTC(2024, 4, 1, 18, 0, 0);

/** Stands in for Twitch (same registry name, no network): the channel keys under test are Twitch's. */
let twitch: FakePlatform;
let fake: FakePlatform;
let p: LivePipeline;

function open(maxChannels?: number): LivePipeline {
  twitch = new FakePlatform('twitch');
  fake = new FakePlatform();
  return (p = openLivePipeline([twitch, fake], maxChannels === undefined ? {} : { maxChannels }));
}
afterEach(() => p.close());

describe('LiveSources', () => {
  it('keys a Twitch channel by its bare login however it is written, and archives it as a Twitch stream', async () => {
    const { live, hub, archive, writer } = open();
    expect((await live.join('#SomeStreamer')).key).toBe('somestreamer');
    expect((await live.join('twitch:SomeStreamer')).key).toBe('somestreamer');
    expect(hub.channels().map((c) => c.key)).toEqual(['somestreamer']);
    expect(twitch.sources).toHaveLength(1);
    expect(fake.sources).toHaveLength(0);
    twitch.say('somestreamer', { id: 'm1', login: 'viewer', text: 'salut', ts: T0 });
    writer.flush();
    expect(archive.listStreams()).toMatchObject([
      { channel: 'somestreamer', platform: 'twitch', title: '#somestreamer live', messageCount: 1 },
    ]);
    expect(
      hub
        .feed('somestreamer')
        .linesAfter(0)
        .map((l) => l.message.channel),
    ).toEqual(['somestreamer']);
    await live.close();
    expect(twitch.source.closed).toBe(true);
  });

  it('leaves a channel named by key or by reference, and refuses other kinds of channel', async () => {
    const { live, hub } = open();
    await live.join('somestreamer');
    await live.join('fake:room1');
    await live.leave('twitch:SomeStreamer');
    await live.leave('fake:room1');
    expect(hub.channels()).toEqual([]);
    expect(twitch.source.joined.size + fake.source.joined.size).toBe(0);
    hub.open({ key: 'demo', kind: 'demo', state: 'playing', archive: false });
    await expect(live.leave('demo')).rejects.toThrow('"demo" is not a live channel');
    await expect(live.leave('replay-1')).rejects.toThrow('no open channel "replay-1"');
  });

  it('counts live channels of every platform against one quota', async () => {
    const { live } = open(1);
    await live.join('fake:room1');
    await expect(live.join('somestreamer')).rejects.toBeInstanceOf(QuotaError);
    expect((await live.join('fake:ROOM1')).key).toBe('fake:room1');
  });
});
