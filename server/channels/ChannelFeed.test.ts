import { describe, expect, it } from 'vitest';
import { makeMessage } from '../../test/support/messages';
import { ChannelFeed } from './ChannelFeed';

const msgs = (n: number, streamId = 's1', from = 0) =>
  Array.from({ length: n }, (_, i) => makeMessage({ id: `m${from + i}`, streamId, elapsed: from + i }));

describe('ChannelFeed', () => {
  it('numbers lines with a strictly increasing seq and serves catch-up after a given seq', () => {
    const feed = new ChannelFeed('c', 'live', 100, 'connected');
    const first = feed.append(msgs(3));
    const second = feed.append(msgs(2, 's1', 3));
    expect([...first, ...second].map((l) => l.seq)).toEqual([1, 2, 3, 4, 5]);
    expect(feed.linesAfter(3).map((l) => l.message.id)).toEqual(['m3', 'm4']);
    expect(feed.linesAfter(5)).toEqual([]);
    expect(feed.linesAfter(0)).toHaveLength(5);
  });

  it('bounds its backlog to the newest lines', () => {
    const feed = new ChannelFeed('c', 'demo', 40, 'playing');
    for (let i = 0; i < 10; i++) feed.append(msgs(20, 's1', i * 20));
    const all = feed.linesAfter(0);
    expect(all.length).toBe(40);
    expect(all.at(-1)!.seq).toBe(200);
    expect(all[0]!.seq).toBe(161);
  });

  it('resets its rate window when a new stream starts, and advances the clock', () => {
    const feed = new ChannelFeed('c', 'live', 100, 'connected');
    feed.append(msgs(5, 'old', 100));
    feed.append([makeMessage({ id: 'n', streamId: 'new', elapsed: 1 })]);
    const snap = feed.rateSnapshot();
    expect(snap.points.reduce((a, p) => a + p.count, 0)).toBe(1);
    expect(feed.info()).toMatchObject({ streamId: 'new', messageCount: 6 });
  });

  it('marks deleted messages in the backlog once', () => {
    const feed = new ChannelFeed('c', 'live', 100, 'connected');
    feed.append(msgs(3));
    expect(feed.markDeleted(new Set(['m1', 'zz']))).toEqual(['m1']);
    expect(feed.markDeleted(new Set(['m1']))).toEqual([]);
    expect(feed.linesAfter(0).map((l) => l.message.deleted)).toEqual([false, true, false]);
  });
});
