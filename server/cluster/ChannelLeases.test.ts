import { Redis } from 'ioredis';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { HAS_REDIS, startRedis, type TestRedis } from '../../test/support/redisServer';
import { ChannelLeases } from './ChannelLeases';
import { redisKeys } from './redisKeys';

describe.skipIf(!HAS_REDIS)('ChannelLeases on a real Redis', () => {
  let server: TestRedis;
  let redis: Redis;
  let n = 0;
  // A fresh key space per test: the same server serves them all.
  const pair = (leaseMs: number) => {
    const keys = redisKeys(`t${++n}:`);
    return [new ChannelLeases(redis, keys, 'a', leaseMs), new ChannelLeases(redis, keys, 'b', leaseMs)] as const;
  };

  beforeAll(async () => {
    server = await startRedis();
    redis = new Redis(server.url);
  });
  afterAll(async () => {
    redis?.disconnect();
    await server?.close();
  });

  it('gives a channel to one node at a time', async () => {
    const [a, b] = pair(5000);
    expect(await a.claim('zerator')).toEqual({ won: true, previous: null });
    expect(await b.claim('zerator')).toEqual({ won: false, holder: 'a' });
    expect(await b.renew('zerator', { seq: 1, rate: 1, count: 1 })).toBe(false);
    expect(await a.renew('zerator', { seq: 7, rate: 2, count: 7 })).toBe(true);
    expect(await a.holders(['zerator', 'other'])).toEqual(['a', null]);
  });

  it('lets another node take a channel whose owner stopped renewing, with where the owner stopped', async () => {
    const [a, b] = pair(300);
    await a.claim('zerator');
    await a.renew('zerator', { seq: 42, rate: 3.5, count: 40 }, 1_000);
    expect((await b.claim('zerator')).won).toBe(false);
    await new Promise((r) => setTimeout(r, 400));
    expect(await b.claim('zerator')).toEqual({
      won: true,
      previous: { node: 'a', at: 1_000, seq: 42, rate: 3.5, count: 40 },
    });
    // The old owner, back from a stall, cannot extend the new owner's lease.
    expect(await a.renew('zerator', { seq: 43, rate: 3.5, count: 41 })).toBe(false);
    expect(await a.holders(['zerator'])).toEqual(['b']);
  });

  it('hands a released channel over at once, or forgets it when it is left for good', async () => {
    const [a, b] = pair(60_000);
    await a.claim('x');
    expect(await b.release('x', { seq: 1, rate: 0, count: 1 })).toBe(false);
    expect(await a.release('x', { seq: 9, rate: 1, count: 9 }, 5_000)).toBe(true);
    expect(await b.claim('x')).toEqual({ won: true, previous: { node: 'a', at: 5_000, seq: 9, rate: 1, count: 9 } });
    await b.release('x', null);
    expect(await a.claim('x')).toEqual({ won: true, previous: null });
  });
});
