// The worked example of issue 13: a second chat platform, registered in the test only, feeds the same pipeline as
// Twitch (live sources -> stream sessions -> hub -> archive) with no change to the server. Adding a real platform
// is the same: its LivePlatform file, one entry in the list of server/main.ts, and its test.
import pino from 'pino';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { FakePlatform } from '../../test/support/FakePlatform';
import { openLivePipeline, type LivePipeline } from '../../test/support/livePipeline';
import { twitchPlatform } from '../ingest/twitchPlatform';

const T0 = Date.UTC(2024, 4, 1, 18, 0, 0);

let fake: FakePlatform;
let p: LivePipeline;

beforeEach(() => {
  fake = new FakePlatform();
  // The registry line: Twitch as in production, the fake platform beside it.
  p = openLivePipeline([twitchPlatform({ botNames: [], logger: pino({ level: 'silent' }) }), fake]);
});
afterEach(() => p.close());

describe('a second chat platform', () => {
  it('joins fake:room1, feeds its chat and moderation through the hub into the archive, and parts it', async () => {
    const info = await p.live.join('fake:Room1');
    expect(info).toMatchObject({ key: 'fake:room1', kind: 'live', state: 'connected' });
    expect(fake.source.joined).toEqual(new Set(['room1']));

    fake.say('room1', { id: 'f1', login: 'alice', text: 'hello room', ts: T0 });
    fake.say('room1', { id: 'f2', login: 'bob', text: 'spam', ts: T0 + 1000 });
    fake.say('room1', { id: 'f3', login: 'alice', text: 'bye', ts: T0 + 2000 });
    expect(p.lines.map((l) => [l.message.channel, l.message.id, l.message.elapsed])).toEqual([
      ['fake:room1', 'f1', 0],
      ['fake:room1', 'f2', 1],
      ['fake:room1', 'f3', 2],
    ]);
    expect(p.hub.feed('fake:room1').info()).toMatchObject({ messageCount: 3, streamId: p.lines[0]!.message.streamId });

    fake.deleteMessage('room1', 'f2', T0 + 3000);
    await waitUntil(() => p.deleted.length > 0);
    expect(p.deleted).toEqual(['f2']);

    p.writer.flush();
    const streams = p.archive.listStreams();
    expect(streams).toHaveLength(1);
    expect(streams[0]).toMatchObject({
      channel: 'room1',
      platform: 'fake',
      source: 'live',
      title: 'fake:room1 live',
      messageCount: 3,
      deletedCount: 1,
    });
    expect([...p.archive.iterateMessages(streams[0]!.id)].map((m) => [m.channel, m.id, m.deleted])).toEqual([
      ['fake:room1', 'f1', false],
      ['fake:room1', 'f2', true],
      ['fake:room1', 'f3', false],
    ]);

    await p.live.leave('fake:room1');
    expect(p.hub.has('fake:room1')).toBe(false);
    expect(fake.source.joined.size).toBe(0);
    fake.say('room1', { id: 'f4', login: 'alice', text: 'anyone?', ts: T0 + 4000 });
    expect(p.lines).toHaveLength(3);
  });

  it('refuses a room the platform refuses, and an unknown platform, naming the platform and the problem', async () => {
    await expect(p.live.join('fake:not a room!')).rejects.toThrow(
      'fake channel "not a room!": not a fake room (1-20 letters or digits)',
    );
    await expect(p.live.join('kick:zerator')).rejects.toThrow(
      'channel "kick:zerator": unknown chat platform "kick" (known: twitch, fake)',
    );
    expect(p.hub.channels()).toEqual([]);
    expect(fake.sources).toHaveLength(0);
  });

  it('resumes a fake room from its own stream after a restart, not from a Twitch channel of the same name', async () => {
    await p.live.join('fake:zerator');
    fake.say('zerator', { id: 'z1', login: 'alice', text: 'hi', ts: T0 });
    // A newer live Twitch stream of the same name: resuming by name alone would pick it.
    p.archive.createStream({
      channel: 'zerator',
      source: 'live',
      title: '#zerator live',
      startedAt: T0 + 1000,
      absoluteTime: true,
      importFormat: null,
    });
    await p.live.close();

    const restarted = new FakePlatform();
    await p.restart([restarted]).join('fake:zerator');
    restarted.say('zerator', { id: 'z2', login: 'alice', text: 'back', ts: T0 + 5000 });
    p.writer.flush();
    const fakeStreams = p.archive.listStreams().filter((s) => s.platform === 'fake');
    expect(fakeStreams).toHaveLength(1);
    expect(fakeStreams[0]).toMatchObject({ channel: 'zerator', messageCount: 2, durationSeconds: 5 });
  });
});

async function waitUntil(predicate: () => boolean): Promise<void> {
  for (let i = 0; i < 100 && !predicate(); i++) await new Promise((r) => setTimeout(r, 5));
}
