import pino from 'pino';
import { afterEach, describe, expect, it, vi } from 'vitest';
import { TopicPipelineParamsSchema } from '../../contracts/analysis';
import { BagOfWordsEmbedder } from '../../models/bow/BagOfWordsEmbedder';
import { makeMessage } from '../../test/support/messages';
import { SqliteArchive } from '../archive/SqliteArchive';
import { ChatHub } from '../channels/ChatHub';
import { QuotaError } from '../channels/QuotaError';
import { ReplayPlayer } from '../replay/ReplayPlayer';
import { ChannelTopicEngine } from '../topics/ChannelTopicEngine';
import { InProcessRefitter } from '../topics/InProcessRefitter';
import { TopicEngine } from '../topics/TopicEngine';
import { ReplaySources } from './ReplaySources';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

function setup(maxReplays: number) {
  const archive = SqliteArchive.open(':memory:');
  const stream = archive.createStream({
    channel: 'old',
    source: 'import',
    title: '',
    startedAt: 0,
    absoluteTime: false,
    importFormat: 'jsonl',
  });
  archive.insertMessages(
    Array.from({ length: 3000 }, (_, i) =>
      makeMessage({ id: `m${i}`, streamId: stream.id, elapsed: i / 10, text: `message ${i % 50}` }),
    ),
  );
  // Replays are not archived: the hub never writes.
  const hub = new ChatHub({} as ConstructorParameters<typeof ChatHub>[0], 500);
  const topics = new TopicEngine({
    embedder: new BagOfWordsEmbedder(),
    refitter: new InProcessRefitter(),
    params: TopicPipelineParamsSchema.parse({}),
    settings: { windowMinutes: 10, windowMessages: 10_000, refitSeconds: 3600, minMessages: 100 },
    events: { snapshot: () => undefined, assigned: () => undefined },
    logger: pino({ level: 'silent' }),
  });
  hub.listen(topics);
  const replays = new ReplaySources(hub, archive, Date.now, maxReplays);
  return { archive, hub, topics, replays, streamId: stream.id };
}

afterEach(() => vi.restoreAllMocks());

describe('ReplaySources', () => {
  it('refuses a replay over maxReplays with an error naming the setting, and accepts one again after a close', async () => {
    const { archive, replays, streamId, topics } = setup(2);
    const a = replays.start(streamId, 10);
    replays.start(streamId, 10);
    expect(() => replays.start(streamId, 10)).toThrow(QuotaError);
    expect(() => replays.start(streamId, 10)).toThrow(/2 are open.*maxReplays.*CHAT_TOPICS_MAX_REPLAYS/);
    replays.stop(a.key);
    expect(replays.start(streamId, 10).kind).toBe('replay');
    replays.stopAll();
    await topics.close();
    archive.close();
  });

  it('releases everything a replay holds when it closes: 30 opened and closed leave no player, channel, timer or topic engine', async () => {
    const { archive, hub, replays, streamId, topics } = setup(4);
    const closes = vi.spyOn(ChannelTopicEngine.prototype, 'close');
    const starts = vi.spyOn(ReplayPlayer.prototype, 'start');
    const players = starts.mock.instances as unknown as ReplayPlayer[];
    const ticking = () => players.filter((p) => p.running).length;
    const keys = new Set<string>();
    let published = 0;
    hub.listen({ lines: (_c, lines) => (published += lines.length) });
    for (let round = 0; round < 8; round++) {
      const opened = Array.from({ length: round < 7 ? 4 : 2 }, () => replays.start(streamId, 1000).key);
      opened.forEach((k) => keys.add(k));
      expect(ticking()).toBe(opened.length); // one tick timer per playing replay
      await sleep(150); // a few ticks: pages read, messages published, topic engines opened
      for (const key of opened) replays.stop(key);
      expect(replays.size).toBe(0);
      expect(hub.channels()).toEqual([]);
      expect(ticking()).toBe(0);
    }
    expect(players).toHaveLength(30);
    expect(keys.size).toBe(30);
    expect(published).toBeGreaterThan(30 * 100);
    // Each replay's channel had a topic engine (it received messages), closed with the channel.
    const closed = new Set(closes.mock.instances.map((e) => (e as unknown as ChannelTopicEngine).channel));
    expect(closed).toEqual(keys);
    await topics.close();
    archive.close();
  });

  it('counts only the messages up to the position after "Play again" and a seek, and its clock follows the transport', async () => {
    const { archive, streamId, topics } = setup(1);
    // A hub of its own, without the topic engine: 3,000 messages at once would start a long in-process fit.
    const hub = new ChatHub({} as ConstructorParameters<typeof ChatHub>[0], 500);
    let wall = 1_000_000;
    const clocked = new ReplaySources(hub, archive, () => wall, 1);
    const { key } = clocked.start(streamId, 1000);
    const feed = () => hub.feed(key);
    const settle = () => sleep(250); // a couple of player ticks
    wall += 400; // 0.4 s at x1000: well past the end (299.9 s)
    await settle();
    expect(feed().info().replay?.ended).toBe(true);
    expect(feed().info().messageCount).toBe(3000);

    clocked.control(key, { action: 'resume' }); // "Play again" from the start
    expect(feed().info().messageCount).toBe(0);
    wall += 100; // 0.1 s at x1000: 100 s of stream
    await settle();
    const position = feed().info().replay!.position;
    expect(position).toBeCloseTo(100, 0);
    // Messages are every 0.1 s from 0: those at or before the position have played, no more.
    expect(feed().info().messageCount).toBe(Math.floor(position * 10) + 1);
    expect(Math.abs(feed().rateSnapshot().clock - position)).toBeLessThan(0.5);

    clocked.control(key, { action: 'seek', position: 250 });
    expect(feed().info().messageCount).toBe(2500);
    expect(feed().rateSnapshot().clock).toBe(250);
    wall += 400_000;
    await settle();
    expect(feed().info().replay?.ended).toBe(true);
    expect(feed().info().messageCount).toBe(3000);
    // Ended: the stream clock says where the transport stands (the end), not the last message's time.
    expect(feed().rateSnapshot().clock).toBe(feed().info().replay!.position);
    clocked.stopAll();
    await topics.close();
    archive.close();
  });
});
